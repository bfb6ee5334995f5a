"""Indicator pages over HTTP and the services behind them: the population/service question rule (form,
service and database), values uploads refused whole with every bad row named, the list and the
turn-the-curve page, :func:`summaries` in a constant number of queries, and the demo."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from dbstate import assert_db_unchanged
from direction import kit_indicators as kit
from factories import World, make_member
from traction.core.models import AuditEvent, Role
from traction.core.uploads import FILE_EMPTY
from traction.direction.forms.indicators import NOT_CSV, VALUES_MAX_BYTES
from traction.direction.models import (
    NO_QUESTION_FOR_POPULATION,
    QUESTION_FOR_SERVICE,
    Indicator,
    IndicatorValue,
)
from traction.direction.selectors.indicators import summaries
from traction.direction.services import indicators as services

pytestmark = pytest.mark.django_db


def _url(world: World, name: str, **kwargs: Any) -> str:
    return reverse(f"direction:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def _form(**overrides: Any) -> dict[str, Any]:
    return {
        "title": "Emergency readmissions within 30 days",
        "level": "population",
        "question": "",
        "polarity": "low",
        "unit": "%",
        "source": "local",
        **overrides,
    }


# --- the population / service question rule --------------------------------------------------------------


def test_a_population_indicator_with_a_question_is_refused_on_the_form(
    secretary_client: Client, world_a: World
) -> None:
    with assert_db_unchanged():
        response = secretary_client.post(_url(world_a, "indicator-create"), _form(question="how_well"))
    assert response.status_code == 200
    assert NO_QUESTION_FOR_POPULATION in response.content.decode()


def test_a_service_indicator_needs_its_question(secretary_client: Client, world_a: World) -> None:
    with assert_db_unchanged():
        response = secretary_client.post(_url(world_a, "indicator-create"), _form(level="service"))
    assert QUESTION_FOR_SERVICE in response.content.decode()
    response = secretary_client.post(
        _url(world_a, "indicator-create"), _form(level="service", question="how_much")
    )
    assert response.status_code == 302
    assert (
        Indicator.objects.get(partnership=world_a.partnership).get_question_display() == "How much did we do?"
    )


def test_the_service_and_the_database_refuse_the_rule_too(world_a: World, secretary: Any) -> None:
    with assert_db_unchanged(), pytest.raises(ValidationError) as caught:
        services.indicator_create(
            actor=secretary, partnership=world_a.partnership, data={"title": "Falls", "question": "how_much"}
        )
    assert caught.value.message_dict["question"] == [NO_QUESTION_FOR_POPULATION]
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(partnership=world_a.partnership, title="Falls", level="service", question="")


def test_a_fingertips_indicator_needs_its_ids(secretary_client: Client, world_a: World) -> None:
    response = secretary_client.post(_url(world_a, "indicator-create"), _form(source="fingertips"))
    assert "A Fingertips indicator needs its indicator id and area type id." in response.content.decode()


def test_the_form_links_the_outcomes_it_measures(secretary_client: Client, world_a: World) -> None:
    outcome = kit.make_outcome(world_a.partnership)
    response = secretary_client.post(_url(world_a, "indicator-create"), _form(outcomes=[outcome.pk]))
    assert response.status_code == 302
    assert list(Indicator.objects.get(partnership=world_a.partnership).outcomes.all()) == [outcome]


# --- values files ----------------------------------------------------------------------------------------


def _upload(client: Client, world: World, indicator: Indicator, body: bytes, name: str = "values.csv") -> Any:
    return client.post(
        _url(world, "indicator-upload", pk=indicator.pk), {"file": SimpleUploadedFile(name, body, "text/csv")}
    )


def test_a_bad_values_file_names_every_bad_row_and_writes_nothing(
    secretary_client: Client, world_a: World
) -> None:
    indicator = kit.world_indicator(world_a)
    body = b"period,value,lower_ci,upper_ci\n2024,1790,1700,1880\nsoon,12,,\n2025,1700,1800,1750\n"
    with assert_db_unchanged():
        response = _upload(secretary_client, world_a, indicator, body)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Row 3: the period “soon” is not one we read" in page
    assert "Row 4: the lower confidence limit is above the upper one" in page
    assert "Row 2" not in page


def test_a_period_given_twice_for_the_indicators_own_area_is_a_named_row_not_a_crash(
    secretary_client: Client, world_a: World
) -> None:
    # A blank area code and the indicator's own code are the same series (stored as one).
    indicator = kit.world_indicator(world_a)
    body = f"period,value,area_code\n2020,1,\n2020,2,{indicator.area_code}\n".encode()
    with assert_db_unchanged():
        response = _upload(secretary_client, world_a, indicator, body)
    assert response.status_code == 200
    assert "Row 3: " in response.content.decode() and "2020" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("values.xlsx", b"PK\x03\x04", NOT_CSV),
        ("values.csv", b"", FILE_EMPTY),
        (
            "values.csv",
            b"period,value\n" + b"2020,1\n" * (VALUES_MAX_BYTES // 7),
            "must be smaller than 2 MB",
        ),
    ],
)
def test_a_file_that_is_not_a_small_csv_is_refused(
    secretary_client: Client, world_a: World, name: str, body: bytes, message: str
) -> None:
    indicator = kit.world_indicator(world_a)
    with assert_db_unchanged():
        response = _upload(secretary_client, world_a, indicator, body, name)
    assert response.status_code == 200 and message in response.content.decode()


def test_uploading_the_same_rows_again_changes_nothing(secretary_client: Client, world_a: World) -> None:
    indicator = kit.world_indicator(world_a)
    body = b"period,value,lower_ci,upper_ci,note\n2023,1850,1760,1940,\n2024,1790,1700,1880,provisional\n"
    response = _upload(secretary_client, world_a, indicator, body)
    assert response.status_code == 302
    assert indicator.values.get(period="2023", area_code="").value == 1850  # replaced
    assert indicator.values.get(period="2024").note == "provisional"  # added
    with assert_db_unchanged():
        response = _upload(secretary_client, world_a, indicator, body)
    page = secretary_client.get(response["Location"]).content.decode()
    assert "Values: unchanged (2 values)." in page


def test_a_member_may_not_upload_values(client_for: Any, world_a: World) -> None:
    indicator = kit.world_indicator(world_a)
    client = client_for(Role.MEMBER)
    with assert_db_unchanged():
        response = _upload(client, world_a, indicator, b"period,value\n2024,1\n")
    assert response.status_code == 403


# --- pages -----------------------------------------------------------------------------------------------


def test_the_curve_page_has_the_chart_and_the_same_figures_in_a_table(
    secretary_client: Client, world_a: World
) -> None:
    indicator = kit.world_indicator(world_a)
    page = secretary_client.get(_url(world_a, "indicator-detail", pk=indicator.pk)).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="curve-' in page and 'role="img"' in page
    assert '<table class="table" id="values-table">' in page and "<caption>" in page
    assert '<th scope="row">2023</th><td class="numeric">1875</td>' in page
    # York 1875 (1785–1965) against England 2080 (2070–2090): lower, and lower is better
    assert (
        "against the benchmark: better" in page and "since the period before: no significant change" in page
    )
    assert "Fewer people go into hospital in a crisis" in page
    assert "No trend line is drawn" not in page and "Pull from Fingertips now" not in page


def test_no_trend_line_under_five_values(secretary_client: Client, world_a: World) -> None:
    indicator = kit.make_indicator(world_a.partnership, title="Few values", polarity="high")
    kit.add_values(indicator, [(str(2020 + i), (2020 + i) * 10000, 50.0 + i, None, None) for i in range(4)])
    page = secretary_client.get(_url(world_a, "indicator-detail", pk=indicator.pk)).content.decode()
    assert "No trend line is drawn: it needs at least five values." in page and ">Trend<" not in page


def test_the_list_groups_population_and_service_indicators(secretary_client: Client, world_a: World) -> None:
    kit.world_indicator(world_a)
    kit.make_indicator(
        world_a.partnership, title="Reablement packages started", level="service", question="how_much"
    )
    page = secretary_client.get(_url(world_a, "indicator-list")).content.decode()
    population, service = page.split("<h2>Service indicators</h2>")
    assert kit.POPULATION_TITLE in population and "better" in population
    assert "Reablement packages started" in service and "How much did we do?" in service


def test_a_fingertips_indicator_offers_the_pull_to_its_keepers_only(client_for: Any, world_a: World) -> None:
    indicator = kit.world_fingertips(world_a)
    url = _url(world_a, "indicator-detail", pk=indicator.pk)
    assert "Pull from Fingertips now" in client_for(Role.SECRETARY).get(url).content.decode()
    assert "Pull from Fingertips now" not in client_for(Role.MEMBER).get(url).content.decode()


def test_the_home_page_counts_the_indicators(secretary_client: Client, world_a: World) -> None:
    kit.world_indicator(world_a)
    page = secretary_client.get(_url(world_a, "direction-home")).content.decode()
    assert "1 indicator<" in page or "1 indicator," in page or "1 indicator." in page


# --- summaries -------------------------------------------------------------------------------------------


def _value(indicator: Indicator, q: int, area: str) -> IndicatorValue:
    """Quarter ``q`` from 2015 Q1; England runs five above the area, with intervals that do not overlap."""
    value = 50.0 + q + (5 if area else 0)
    return IndicatorValue(
        partnership=indicator.partnership, indicator=indicator, area_code=area,
        period=f"{2015 + q // 4} Q{q % 4 + 1}", period_order=(2015 + q // 4) * 10000 + (q % 4) * 300 + 100,
        value=value, lower_ci=value - 1, upper_ci=value + 1,
    )  # fmt: skip


def _many(world: World, count: int, per: int) -> list[Indicator]:
    made = Indicator.objects.bulk_create(
        Indicator(
            partnership=world.partnership, title=f"Indicator {n}", polarity="high", benchmark_code=kit.ENGLAND
        )
        for n in range(count)
    )
    IndicatorValue.objects.bulk_create(
        _value(i, q, area) for i in made for q in range(per) for area in ("", kit.ENGLAND)
    )
    return made


def test_summaries_take_one_query_for_any_number_of_indicators(
    world_a: World, django_assert_num_queries: Any
) -> None:
    few = _many(world_a, 2, 40)
    with django_assert_num_queries(1):
        summaries(indicators=few)
    many = _many(world_a, 200, 40)
    with django_assert_num_queries(1):
        found = summaries(indicators=many)
    assert len(found) == 200
    latest = found[many[0].pk]
    # 89 (88–90) after 88 (87–89): the intervals overlap, so no significant change; England 94 (93–95): worse
    assert (latest.period, latest.value, latest.unit, latest.travel, latest.comparison) == (
        "2024 Q4",
        89.0,
        "",
        "no significant change",
        "worse",
    )


def test_the_curve_page_of_a_large_partnership_reads_one_indicator(
    secretary_client: Client, world_a: World, django_assert_max_num_queries: Any
) -> None:
    many = _many(world_a, 200, 40)
    with django_assert_max_num_queries(12):
        response = secretary_client.get(_url(world_a, "indicator-detail", pk=many[7].pk))
    assert response.status_code == 200 and response.content.decode().count('<th scope="row">') == 40


def test_the_demo_loads_eight_indicators_through_the_services(world_a: World) -> None:
    from traction.direction.demo import indicators as demo

    make_member(world_a.partnership, Role.SECRETARY, username=demo.SECRETARY)
    counts = demo.load(partnership=world_a.partnership, today=datetime.date(2026, 11, 30))
    assert counts["indicators"] == 8
    found = Indicator.objects.filter(partnership=world_a.partnership)
    assert found.filter(level="population").count() == 4
    assert all(i.question for i in found.filter(level="service"))
    life = found.get(source="fingertips")
    assert life.snapshots.count() == 1 and life.benchmark_name == "England" and life.area_name == "York"
    assert (
        life.values.filter(area_code="").count() == 8
        and life.values.filter(area_code="E92000001").count() == 8
    )
    assert set(found.values_list("outcomes__title", flat=True)) == set(demo.OUTCOMES)
    assert AuditEvent.objects.filter(actor__username="secretary", verb="pulled from Fingertips").exists()
