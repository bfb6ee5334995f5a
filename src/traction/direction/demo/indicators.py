"""Demo indicators for Riverside: four population and four service indicators, linked to the demo outcomes.

Riverside is fictional; its indicators use York's area code (E06000014) as the demo area so that the
Fingertips indicator reads real-shaped rows. That one (life expectancy at birth, females) is loaded from the
packaged answer ``fingertips_90366_female.csv`` through the same parser and store as a live pull; its
figures are plausible, not the published ones. Every other series is invented. Written through the
indicator services as the demo secretary, so each is checked and audited as from the forms.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model

from traction.core.models import Partnership
from traction_analysis.direction import fingertips
from traction_analysis.direction.periods import period_order
from traction_analysis.direction.values import LocalValue

from ..models import Indicator, SharedOutcome, Status
from ..services import indicators as services

SECRETARY = "secretary"
AREA, AREA_NAME, ENGLAND = "E06000014", "York", "E92000001"
FINGERTIPS_ANSWER = Path(__file__).with_name("fingertips_90366_female.csv")
HEALTHY = "More people live healthy lives for longer"
CRISIS = "Fewer people go into hospital in a crisis"
DISCHARGE = "People leave hospital as soon as they are ready"
START = "Children have the best start in life"
OUTCOMES = (HEALTHY, CRISIS, DISCHARGE, START)


@dataclass(frozen=True)
class DemoIndicator:
    title: str
    level: str
    question: str
    polarity: str
    unit: str
    outcomes: tuple[str, ...]
    periods: tuple[str, ...]
    values: tuple[float, ...]
    half_width: float = 0.0  # of the 95% interval, where the source publishes one
    baseline: str = ""
    target: float | None = None
    target_period: str = ""
    description: str = ""


QUARTERS = tuple(f"{y} Q{q}" for y in (2023, 2024, 2025) for q in (1, 2, 3, 4))[:10]
YEARS = ("2016/17", "2017/18", "2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24")

LOCAL = (
    DemoIndicator(
        "Emergency admissions for falls, people aged 65 and over",
        "population",
        "",
        "low",
        "per 100,000",
        (CRISIS, HEALTHY),
        YEARS,
        (2110, 2080, 2150, 2040, 1890, 1975, 1930, 1880),
        95,
        "2018/19",
        1750,
        "2025/26",
        "Emergency hospital admissions due to falls in people aged 65 and over, directly standardised.",
    ),
    DemoIndicator(
        "Children ready for school at the end of reception",
        "population",
        "",
        "high",
        "%",
        (START,),
        YEARS[:-1],
        (69.8, 71.2, 72.4, 70.9, 68.1, 70.5, 71.9),
        2.1,
        "2018/19",
        74.0,
        "2025/26",
    ),
    DemoIndicator(
        "Delayed discharges: people medically ready to leave who stay",
        "population",
        "",
        "low",
        "people per day",
        (DISCHARGE,),
        QUARTERS,
        (64, 61, 66, 58, 55, 57, 51, 49, 52, 47),
        0,
        "2023 Q1",
        40,
        "2025 Q4",
    ),
    DemoIndicator(
        "Reablement packages started",
        "service",
        "how_much",
        "none",
        "packages",
        (DISCHARGE,),
        QUARTERS[:8],
        (212, 230, 224, 251, 263, 248, 270, 282),
    ),
    DemoIndicator(
        "Reablement packages started within 48 hours of referral",
        "service",
        "how_well",
        "high",
        "%",
        (DISCHARGE,),
        QUARTERS[:8],
        (61.0, 63.5, 62.1, 66.8, 70.2, 69.5, 72.4, 74.1),
        4.0,
        "2023 Q1",
        80.0,
        "2025 Q4",
    ),
    DemoIndicator(
        "Still at home 91 days after leaving hospital into reablement",
        "service",
        "better_off",
        "high",
        "%",
        (DISCHARGE, CRISIS),
        YEARS[3:],
        (81.2, 79.8, 82.5, 83.1, 84.0),
        3.5,
        "2019/20",
        86.0,
        "2025/26",
    ),
    DemoIndicator(
        "Falls prevention classes attended",
        "service",
        "how_much",
        "high",
        "attendances",
        (CRISIS,),
        YEARS[4:],
        (1450, 2210, 2630, 2890),
    ),
)


def _outcomes(partnership: Partnership) -> dict[str, SharedOutcome]:
    """The demo outcomes, made here as drafts where the outcomes demo has not made them."""
    found = {o.title: o for o in SharedOutcome.objects.filter(partnership=partnership, title__in=OUTCOMES)}
    for order, title in enumerate(OUTCOMES):
        if title not in found:
            found[title] = SharedOutcome.objects.create(
                partnership=partnership, title=title, status=Status.DRAFT, order=order
            )
    return found


def _values(spec: DemoIndicator) -> list[LocalValue]:
    rows = []
    for period, value in zip(spec.periods, spec.values, strict=False):
        low, high = (
            (round(value - spec.half_width, 1), round(value + spec.half_width, 1))
            if spec.half_width
            else (None, None)
        )
        order = period_order(period)
        assert order is not None
        rows.append(
            LocalValue(
                "",
                period,
                order,
                value,
                low,
                high,
                None,
                None,
                "",
                raw={"period": period, "value": str(value)},
            )
        )
    return rows


def _indicator(
    actor: object, partnership: Partnership, spec: DemoIndicator, outcomes: dict[str, SharedOutcome]
) -> Indicator:
    return services.indicator_create(
        actor=actor,
        partnership=partnership,
        data={
            "title": spec.title,
            "description": spec.description,
            "level": spec.level,
            "question": spec.question,
            "polarity": spec.polarity,
            "unit": spec.unit,
            "area_code": AREA,
            "area_name": AREA_NAME,
            "area_type": "Unitary authority",
            "source": "local",
            "baseline_period": spec.baseline,
            "target": spec.target,
            "target_period": spec.target_period,
            "outcomes": [outcomes[t] for t in spec.outcomes],
        },
    )


def _fingertips(actor: object, partnership: Partnership, outcomes: dict[str, SharedOutcome]) -> Indicator:
    indicator = services.indicator_create(
        actor=actor,
        partnership=partnership,
        data={
            "title": "Life expectancy at birth (females)",
            "level": "population",
            "polarity": "high",
            "unit": "years",
            "area_code": AREA,
            "area_type": "Districts and unitary authorities",
            "benchmark_code": ENGLAND,
            "source": "fingertips",
            "fingertips_id": 90366,
            "fingertips_area_type": 502,
            "fingertips_profile": 19,
            "baseline_period": "2015 - 17",
            "target": 84.5,
            "target_period": "2025 - 27",
            "outcomes": [outcomes[HEALTHY]],
            "description": "Public Health Outcomes Framework A01b. Loaded from a recorded Fingertips answer.",
        },
    )
    url = fingertips.csv_url(indicator_id=90366, area_type=502)
    services.fingertips_store(
        actor=actor, indicator=indicator, url=url, text=FINGERTIPS_ANSWER.read_text("utf-8")
    )
    return indicator


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    actor = get_user_model().objects.filter(username=SECRETARY, memberships__partnership=partnership).first()
    outcomes = _outcomes(partnership)
    counts: Counter[str] = Counter()
    _fingertips(actor, partnership, outcomes)
    counts["indicators"] += 1
    for spec in LOCAL:
        indicator = _indicator(actor, partnership, spec, outcomes)
        counts["indicator values"] += services.values_store(
            actor=actor, indicator=indicator, rows=_values(spec)
        ).written
        counts["indicators"] += 1
    counts["indicator values"] += Indicator.objects.get(
        partnership=partnership, fingertips_id=90366
    ).values.count()
    return counts
