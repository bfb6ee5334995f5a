"""Indicator records for tests: a population indicator with a series and a benchmark, a service indicator,
and a Fingertips indicator. Written straight to the ORM (no permission, no audit) to set the scene."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from factories import World
from traction.direction.models import Indicator, IndicatorValue, SharedOutcome

DATA = Path(__file__).with_name("data")
YORK, ENGLAND = "E06000014", "E92000001"
POPULATION_TITLE = "Emergency admissions for falls, 65 and over"
FINGERTIPS_TITLE = "Physically active adults"


def recorded(name: str) -> str:
    return (DATA / name).read_text("utf-8")


def make_indicator(partnership: Any, **kw: Any) -> Indicator:
    kw.setdefault("title", "Another indicator")
    kw.setdefault("level", "population")
    return Indicator.objects.create(partnership=partnership, **kw)


def add_values(
    indicator: Indicator, series: list[tuple[str, int, float, float | None, float | None]], area: str = ""
) -> None:
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            partnership=indicator.partnership,
            indicator=indicator,
            area_code=area,
            period=period,
            period_order=order,
            value=value,
            lower_ci=low,
            upper_ci=high,
        )
        for period, order, value, low, high in series
    )


def make_outcome(partnership: Any, title: str = "Fewer people go into hospital in a crisis") -> SharedOutcome:
    found = SharedOutcome.objects.filter(partnership=partnership, title=title).first()
    return found or SharedOutcome.objects.create(partnership=partnership, title=title)


def world_indicator(w: World) -> Indicator:
    """A population indicator, lower is better, six years of values for York and England."""
    found = Indicator.objects.filter(partnership=w.partnership, title=POPULATION_TITLE).first()
    if found is not None:
        return found
    indicator = make_indicator(
        w.partnership,
        title=POPULATION_TITLE,
        polarity="low",
        unit="per 100,000",
        area_code=YORK,
        area_name="York",
        benchmark_code=ENGLAND,
        benchmark_name="England",
        baseline_period="2018",
        target=1800.0,
        target_period="2026",
    )
    own = [2110, 2080, 2150, 2040, 1890, 1875]
    bench = [2200, 2190, 2210, 2150, 2100, 2080]
    add_values(indicator, [(str(2018 + i), (2018 + i) * 10000, v, v - 90, v + 90) for i, v in enumerate(own)])
    add_values(
        indicator,
        [(str(2018 + i), (2018 + i) * 10000, v, v - 10, v + 10) for i, v in enumerate(bench)],
        ENGLAND,
    )
    indicator.outcomes.add(make_outcome(w.partnership))
    return indicator


def world_fingertips(w: World) -> Indicator:
    found = Indicator.objects.filter(partnership=w.partnership, title=FINGERTIPS_TITLE).first()
    return found or fresh_fingertips(w)


def fresh_fingertips(w: World, **kw: Any) -> Indicator:
    fields = {
        "title": FINGERTIPS_TITLE,
        "polarity": "high",
        "unit": "%",
        "area_code": YORK,
        "benchmark_code": ENGLAND,
        "source": "fingertips",
        "fingertips_id": 93014,
        "fingertips_area_type": 502,
    }
    return make_indicator(w.partnership, **(fields | kw))


def fresh_indicator(w: World) -> Indicator:
    return make_indicator(w.partnership, title="An indicator to delete")
