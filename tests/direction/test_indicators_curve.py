"""Turn the curve: confidence-interval overlap through polarity, direction of travel, and no trend line
under five points. Hand-worked cases, then properties. Pure: no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from traction_analysis.direction import curve
from traction_analysis.direction.curve import Point

AREA = Point("2023", 20.0, 18.0, 22.0)


@pytest.mark.parametrize(
    ("benchmark", "polarity", "word"),
    [
        (Point("2023", 15.0, 14.0, 16.0), "high", "better"),  # 18–22 lies wholly above 14–16
        (Point("2023", 15.0, 14.0, 16.0), "low", "worse"),
        (Point("2023", 15.0, 14.0, 16.0), "none", "higher"),
        (Point("2023", 25.0, 23.0, 27.0), "high", "worse"),
        (Point("2023", 25.0, 23.0, 27.0), "low", "better"),
        (Point("2023", 25.0, 23.0, 27.0), "none", "lower"),
        (Point("2023", 22.5, 22.0, 23.0), "high", "similar"),  # touching at 22 counts as overlap
        (Point("2023", 17.0, 16.0, 18.0), "low", "similar"),
        (Point("2023", 21.0, None, None), "high", None),  # no interval, no comparison
    ],
)
def test_comparison_by_interval_overlap_through_polarity(
    benchmark: Point, polarity: str, word: str | None
) -> None:
    assert curve.compare(AREA, benchmark, polarity) == word


@pytest.mark.parametrize(
    ("previous", "polarity", "word"),
    [
        (Point("2022", 30.0), "low", "improving"),  # no intervals: the values themselves
        (Point("2022", 30.0), "high", "worsening"),
        (Point("2022", 30.0), "none", "no judgement"),
        (Point("2022", 20.0), "none", "no change"),
        (Point("2022", 21.0, 19.5, 22.5), "high", "no significant change"),  # the intervals overlap
        (Point("2022", 21.0, 19.5, 22.5), "none", "no significant change"),
        (Point("2022", 10.0, 9.0, 11.0), "high", "improving"),
    ],
)
def test_direction_of_travel_through_polarity(previous: Point, polarity: str, word: str) -> None:
    latest = AREA if previous.lower_ci is not None else Point("2023", 20.0)
    assert curve.travel(previous, latest, polarity) == word


def test_no_trend_line_under_five_points() -> None:
    assert curve.trend([1.0, 2.0, 3.0, 4.0]) is None
    assert curve.trend([1.0, None, 3.0, 4.0, 5.0]) is None
    assert curve.trend([1.0, 2.0, 3.0, 4.0, 5.0]) == [1.0, 2.0, 3.0, 4.0, 5.0]
    points = [Point(str(2019 + i), float(i)) for i in range(4)]
    data = curve.curve(points)
    assert data.trend is None
    svg = curve.svg(data, chart_id="c", title="Four points")
    assert "Trend" not in svg and "No trend line: fewer than five values." in svg


def test_the_chart_is_accessible_svg_with_baseline_target_and_benchmark() -> None:
    own = [Point(str(2018 + i), 80 + i, 79 + i, 81 + i) for i in range(6)]
    bench = [Point(str(2018 + i), 81.0, 80.8, 81.2) for i in range(6)]
    data = curve.curve(own, benchmark=bench, polarity="high", baseline_period="2019", target=88.0)
    assert data.baseline == 81 and data.comparisons[0] == "similar" and data.comparisons[-1] == "better"
    svg = curve.svg(data, chart_id="curve-1", title="Life expectancy", unit="years", benchmark_name="England")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" id="curve-1"')
    assert 'role="img"' in svg and '<title id="curve-1-title">Life expectancy</title>' in svg
    assert "<script" not in svg and "style=" not in svg and "<style" not in svg
    for label in ("England", "Target", "Baseline", "Trend"):
        assert label in svg
    assert curve.svg(data, chart_id="curve-1", title="Life expectancy") == curve.svg(
        data, chart_id="curve-1", title="Life expectancy"
    )


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@st.composite
def points(draw: st.DrawFn) -> Point:
    low, high = sorted((draw(finite), draw(finite)))
    return Point("p", (low + high) / 2, low, high)


@given(points(), points(), st.sampled_from(["high", "low", "none"]))
def test_comparison_is_antisymmetric_and_polarity_flips_it(a: Point, b: Point, polarity: str) -> None:
    there, back = curve.overlap(a, b), curve.overlap(b, a)
    assert {there, back} in ({"similar"}, {"higher", "lower"})
    opposite = {"high": "low", "low": "high", "none": "none"}[polarity]
    flipped = {"better": "worse", "worse": "better"}
    word = curve.compare(a, b, polarity)
    assert curve.compare(a, b, opposite) == flipped.get(word or "", word)


@given(st.lists(st.one_of(st.none(), finite), max_size=12))
def test_a_trend_needs_five_known_values(values: list[float | None]) -> None:
    line = curve.trend(values)
    known = sum(v is not None for v in values)
    assert (line is None) == (known < curve.MIN_TREND_POINTS)
    if line is not None:
        assert len(line) == len(values)
