"""Reads of outcome reviews: a review with the strategy's indicators (population measures, then service
measures by question) and their trend, the recent reviews, and the seed a decided review leaves for the
next Analyse."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse

from traction.core import policy
from traction.core.models import Partnership
from traction.direction.models import Indicator, IndicatorValue, Level, Question
from traction.direction.selectors.indicators import Summary, summaries

from ..models import OutcomeReview, Strategy

TREND_POINTS = 5


@dataclass(frozen=True)
class Measure:
    indicator: Indicator
    summary: Summary
    trend: list[tuple[str, float | None]]  # the last values, oldest first: (period, value)


@dataclass(frozen=True)
class MeasureGroup:
    title: str
    measures: list[Measure]


@dataclass(frozen=True)
class Seed:
    """What the previous iteration's review decided, for the next Analyse to start from."""

    iteration: int
    decision: str
    reasons: str
    url: str


def _trends(indicators: list[Indicator]) -> dict[int, list[tuple[str, float | None]]]:
    """Each indicator's last values for its own area, oldest first: one query."""
    own = {i.pk: i.area_code for i in indicators}
    rows: dict[int, list[tuple[str, float | None]]] = defaultdict(list)
    values = IndicatorValue.objects.filter(indicator_id__in=list(own)).order_by(
        "indicator_id", "period_order"
    )
    for indicator_id, area, period, value in values.values_list(
        "indicator_id", "area_code", "period", "value"
    ):
        if area in ("", own[indicator_id]):
            rows[indicator_id].append((period, value))
    return {pk: found[-TREND_POINTS:] for pk, found in rows.items()}


def measures_for(*, user: Any, strategy: Strategy) -> list[MeasureGroup]:
    """The strategy's indicators this user may see: population measures, then how much, how well and
    anyone better off. Groups without an indicator are left out."""
    visible = policy.permitted(user=user, partnership=strategy.partnership, action="view", model=Indicator)
    indicators = list(visible.filter(strategies=strategy))
    found = summaries(indicators=indicators)
    trends = _trends(indicators)

    def group(title: str, chosen: list[Indicator]) -> MeasureGroup:
        return MeasureGroup(title, [Measure(i, found[i.pk], trends.get(i.pk, [])) for i in chosen])

    groups = [group("Population measures", [i for i in indicators if i.level == Level.POPULATION])]
    for question in (Question.HOW_MUCH, Question.HOW_WELL, Question.BETTER_OFF):
        chosen = [i for i in indicators if i.level == Level.SERVICE and i.question == question]
        groups.append(group(f"Service measures: {question.label}", chosen))
    return [g for g in groups if g.measures]


def review_url(review: OutcomeReview) -> str:
    return reverse("commissioning:review-detail", kwargs={"slug": review.partnership.slug, "pk": review.pk})


def seed_for(strategy: Strategy) -> Seed | None:
    """The decision of the latest decided review of an earlier iteration, or None (the first iteration, or
    no decided review yet). The strategy page and the review page show it."""
    review = (
        OutcomeReview.objects.filter(strategy=strategy, iteration__lt=strategy.iteration)
        .exclude(decision="")
        .order_by("-iteration")
        .first()
    )
    if review is None:
        return None
    return Seed(review.iteration, review.get_decision_display(), review.decision_reasons, review_url(review))


def strategy_link(strategy: Strategy) -> str:
    """The strategy's page, or no link while that page does not exist."""
    try:
        return reverse(
            "commissioning:strategy-detail", kwargs={"slug": strategy.partnership.slug, "pk": strategy.pk}
        )
    except NoReverseMatch:
        return ""


def detail_for(*, user: Any, review: OutcomeReview) -> dict[str, Any]:
    strategy = review.strategy
    return {
        "measures": measures_for(user=user, strategy=strategy),
        "seed": seed_for(strategy) if review.iteration == strategy.iteration else _seed_before(review),
        "partner_bodies": list(strategy.partner_bodies.order_by("name")),
        "strategy_url": strategy_link(strategy),
        "decided_item": review.decided_item,
    }


def _seed_before(review: OutcomeReview) -> Seed | None:
    """For an older review: what the review before it decided."""
    earlier = Strategy(pk=review.strategy_id, iteration=review.iteration, partnership=review.partnership)
    return seed_for(earlier)


def recent_for(*, user: Any, partnership: Partnership, limit: int = 5) -> list[OutcomeReview]:
    visible = policy.permitted(user=user, partnership=partnership, action="view", model=OutcomeReview)
    return list(visible.select_related("strategy").order_by("-created_at", "-pk")[:limit])
