"""The Fingertips parser on recorded answers in the service's real shape, the values-file reader, and the
period orders both rely on. Pure: no database."""

from __future__ import annotations

import pytest

from direction.kit_indicators import ENGLAND, YORK, recorded
from traction_analysis.direction import fingertips, values
from traction_analysis.direction.periods import period_order


def test_the_headline_persons_rows_are_read_with_their_confidence_limits() -> None:
    answer = fingertips.parse(recorded("fingertips_93014.csv"), indicator_id=93014)
    assert answer.indicator_name == "Percentage of physically active adults"
    york = answer.for_area(YORK)
    assert [r.period for r in york] == [
        "2015/16",
        "2016/17",
        "2017/18",
        "2018/19",
        "2019/20",
        "2020/21",
        "2021/22",
    ]
    assert {r.sex for r in answer.rows} == {"Persons"}  # Male and Female rows are left out
    latest = york[-1]
    assert (latest.value, latest.lower_ci, latest.upper_ci) == (75.3, 72.1, 78.5)
    assert latest.count == 128010 and latest.denominator == 170000
    assert latest.raw["Compared to England value or percentiles"] == "Similar"
    # the deprivation-decile rows (a Category Type) are not headline rows
    assert len(answer.for_area(ENGLAND)) == 7


def test_without_persons_the_first_group_is_kept() -> None:
    answer = fingertips.parse(_demo_answer(), indicator_id=90366)  # the demo's answer holds females only
    assert {r.sex for r in answer.rows} == {"Female"}
    assert (
        answer.for_area(YORK)[0].period == "2012 - 14" and answer.for_area(YORK)[0].period_order == 20120000
    )


def _demo_answer() -> str:
    from traction.direction.demo.indicators import FINGERTIPS_ANSWER

    return FINGERTIPS_ANSWER.read_text("utf-8")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("fingertips_empty.csv", fingertips.EMPTY),
        ("fingertips_error.html", fingertips.HTML),
    ],
)
def test_an_answer_that_is_not_data_is_a_plain_error(name: str, message: str) -> None:
    with pytest.raises(fingertips.FingertipsError) as caught:
        fingertips.parse(recorded(name), indicator_id=93014)
    assert str(caught.value) == message


def test_other_columns_are_named() -> None:
    with pytest.raises(fingertips.FingertipsError, match="missing: Indicator ID, Indicator Name") as caught:
        fingertips.parse(recorded("fingertips_wrong_columns.csv"), indicator_id=93014)
    assert "\n" not in str(caught.value)


def test_another_indicator_or_a_garbled_answer_is_refused() -> None:
    with pytest.raises(fingertips.FingertipsError, match="no headline rows for indicator 90366"):
        fingertips.parse(recorded("fingertips_93014.csv"), indicator_id=90366)
    cut = recorded("fingertips_93014.csv").splitlines()
    garbled = "\n".join([*cut[:5], cut[6] + ',"extra",1', *cut[7:]])
    with pytest.raises(fingertips.FingertipsError, match="wrong number of fields"):
        fingertips.parse(garbled, indicator_id=93014)


def test_the_address_is_the_all_data_csv_by_indicator() -> None:
    assert fingertips.csv_url(indicator_id=93014, area_type=502) == (
        "https://fingertips.phe.org.uk/api/all_data/csv/by_indicator_id?indicator_ids=93014&child_area_type_id=502"
    )


@pytest.mark.parametrize(
    ("period", "order"),
    [
        ("2021/22", 20210000),
        ("2023 Q2", 20230400),
        ("2018 - 20", 20180000),
        ("2023-04", 20230400),
        ("2023", 20230000),
    ],
)
def test_periods_sort_in_time_order(period: str, order: int) -> None:
    assert period_order(period) == order


def test_a_good_values_file_is_read() -> None:
    rows = values.parse(b"Period,Value,Lower CI,Upper CI,note\n2021/22,5,4,6,provisional\n2022/23,6,,,\n")
    assert [(r.period, r.value, r.lower_ci, r.note) for r in rows] == [
        ("2021/22", 5.0, 4.0, "provisional"),
        ("2022/23", 6.0, None, ""),
    ]


def test_every_bad_row_is_named_with_its_reason() -> None:
    data = (
        b"period,value,lower_ci,upper_ci,area_code\n"
        b"2020,10,9,11,\n"
        b"last year,x,,,\n"
        b"2021,10,12,11,\n"
        b"2022,,,,\n"
        b"2020,10,,,\n"
        b"2023,10,,,York\n"
        b"2024,1e999,,,\n"
    )
    with pytest.raises(values.ValuesFileError) as caught:
        values.parse(data)
    assert caught.value.problems == [
        "Row 3: " + values.BAD_PERIOD.format(period="last year"),
        "Row 3: value “x” is not a number",
        "Row 4: " + values.CI_ORDER,
        "Row 5: " + values.NO_VALUE,
        "Row 6: " + values.TWICE.format(period="2020", first=2),
        "Row 7: " + values.BAD_AREA.format(code="YORK"),
        "Row 8: value “1e999” is not a number",
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", values.NO_HEADER),
        (b"period,value\n", values.NO_ROWS),
        (b"when,value\n2020,1\n", values.MISSING.format(names="period")),
        (b"\xff\xfe\x00p", values.NOT_TEXT),
    ],
)
def test_a_file_that_is_not_values_is_refused_whole(data: bytes, problem: str) -> None:
    with pytest.raises(values.ValuesFileError) as caught:
        values.parse(data)
    assert caught.value.problems[0] == problem
