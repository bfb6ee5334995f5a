"""Reads of the portfolio: every strategy with its phase, days in phase, next gate, overdue gates, open
conditions, confidence over time and whether it has stalled, computed in the database in a fixed number of
queries however many strategies there are; and the partnership's commissioning settings."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.urls import NoReverseMatch, reverse

from traction.core import policy
from traction.core.models import Partnership
from traction.governance.models import ActionStatus, Body
from traction_analysis.commissioning import portfolio as pure

from ..models import PHASE_ORDER, CommissioningSettings, Gate, GateStatus, Phase, Strategy

STRATEGY_PAGE = "commissioning:strategy-detail"


def settings_for(*, partnership: Partnership) -> CommissioningSettings:
    """The partnership's settings, or the defaults (unsaved) until an admin first stores them: reading them
    writes nothing."""
    found = CommissioningSettings.objects.filter(partnership=partnership).first()
    return found or CommissioningSettings(partnership=partnership)


def settings_shown_for(*, user: Any, partnership: Partnership) -> CommissioningSettings:
    """The settings as a member reads them (404 for anyone else)."""
    policy.require(user=user, partnership=partnership, action="view", object_type="partnership")
    return settings_for(partnership=partnership)


@dataclass(frozen=True)
class Row:
    pk: int
    title: str
    url: str
    phase: str
    iteration: int
    lead_body: str
    in_phase_since: datetime.date
    days_in_phase: int
    next_gate: datetime.date | None
    overdue: int
    open_conditions: int
    confidence: str  # "3 → 4 → 4"
    confidence_words: str  # the latest, in words
    stalled: bool


@dataclass(frozen=True)
class Portfolio:
    rows: list[Row]
    sort: str
    stall_days: int


# sort key → the annotation or field it orders by; "-key" reverses it. Nulls go last either way.
SORTS = {
    "title": "title",
    "phase": "phase_order",
    "iteration": "iteration",
    "lead_body": "lead_body__name",
    "days": "days_key",
    "next_gate": "next_gate",
    "overdue": "overdue",
    "conditions": "open_conditions",
    "confidence": "latest_confidence",
    "stalled": "stalled",
}
DEFAULT_SORT = "title"


def valid_sort(sort: str | None) -> str:
    """The sort asked for when it is one of ``SORTS`` (optionally with "-"), else the default."""
    key = (sort or "").removeprefix("-")
    return sort if sort and key in SORTS else DEFAULT_SORT


def _count(queryset: QuerySet[Any], group: str) -> Coalesce:
    counted = queryset.values(group).annotate(n=Count("pk", distinct=True)).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _annotated(queryset: QuerySet[Strategy], today: datetime.date, stall_days: int) -> QuerySet[Any]:
    gates = Gate.objects.filter(strategy=OuterRef("pk"))
    pending = gates.filter(status=GateStatus.PENDING)
    decided = gates.filter(status=GateStatus.DECIDED).annotate(on=TruncDate("meeting__start"))
    conditions = Gate.conditions.through.objects.filter(
        gate__strategy=OuterRef("pk"), action__status=ActionStatus.OPEN
    )
    stalled = Q(stall_from__lt=pure.stall_cutoff(today, stall_days))
    if any(f.name == "stopped_on" for f in Strategy._meta.get_fields()):
        stalled &= Q(stopped_on__isnull=True)
    return (
        queryset.select_related("lead_body")
        .annotate(
            since=Coalesce("phase_since", TruncDate("created_at"), output_field=DateField()),
            last_decided=Subquery(decided.order_by("-on").values("on")[:1], output_field=DateField()),
            next_pending=Subquery(
                pending.filter(scheduled_for__isnull=False)
                .order_by("scheduled_for")
                .values("scheduled_for")[:1]
            ),
            next_gate=Coalesce("next_pending", "next_gate_on", output_field=DateField()),
            overdue=_count(pending.filter(scheduled_for__lt=today), "strategy"),
            open_conditions=_conditions(conditions),
            latest_confidence=Subquery(
                decided.filter(confidence__isnull=False).order_by("-on", "-pk").values("confidence")[:1]
            ),
            phase_order=Case(
                *[When(phase=p, then=Value(i)) for i, p in enumerate(PHASE_ORDER)],
                output_field=IntegerField(),
            ),
        )
        .annotate(
            stall_from=Coalesce("last_decided", "since", output_field=DateField()),
            # more days in the phase is an earlier date: sorting by days is sorting by that date, reversed
            days_key=F("since"),
        )
        .annotate(
            stalled=Case(When(stalled, then=Value(True)), default=Value(False), output_field=BooleanField())
        )
    )


def _conditions(conditions: QuerySet[Any]) -> Coalesce:
    counted = conditions.values("gate__strategy").annotate(n=Count("action", distinct=True)).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _ordered(queryset: QuerySet[Any], sort: str) -> QuerySet[Any]:
    key = sort.removeprefix("-")
    descending = sort.startswith("-")
    if key == "days":  # more days first when descending: the earlier date first
        descending = not descending
    field = F(SORTS[key])
    order = field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)
    return queryset.order_by(order, "title", "pk")


def _confidences(strategy_ids: QuerySet[Any]) -> dict[int, list[int]]:
    """Each strategy's decided gates' confidence in date order: one query."""
    found: dict[int, list[int]] = defaultdict(list)
    gates = (
        Gate.objects.filter(strategy__in=strategy_ids, status=GateStatus.DECIDED, confidence__isnull=False)
        .annotate(on=TruncDate("meeting__start"))
        .order_by("strategy_id", "on", "pk")
        .values_list("strategy_id", "confidence")
    )
    for strategy_id, confidence in gates:
        if confidence is not None:
            found[strategy_id].append(confidence)
    return found


def strategy_url(partnership: Partnership, pk: int) -> str:
    """The strategy's page, or no link while that page does not exist."""
    try:
        return reverse(STRATEGY_PAGE, kwargs={"slug": partnership.slug, "pk": pk})
    except NoReverseMatch:
        return ""


def portfolio_for(
    *,
    user: Any,
    partnership: Partnership,
    today: datetime.date,
    phase: str = "",
    lead_body: int | None = None,
    stalled_only: bool = False,
    sort: str = DEFAULT_SORT,
) -> Portfolio:
    """The strategies this user may see, filtered and sorted; unknown filters or sorts are ignored."""
    stall_days = settings_for(partnership=partnership).stall_days
    visible = policy.permitted(user=user, partnership=partnership, action="view", model=Strategy)
    if phase in Phase.values:
        visible = visible.filter(phase=phase)
    if lead_body is not None:
        visible = visible.filter(lead_body_id=lead_body)
    annotated = _annotated(visible, today, stall_days)
    if stalled_only:
        annotated = annotated.filter(stalled=True)
    sort = valid_sort(sort)
    strategies = list(_ordered(annotated, sort))
    confidences = _confidences(visible.values("pk"))
    linked = bool(strategies) and bool(strategy_url(partnership, strategies[0].pk))  # one try, not one a row
    rows = [_row(s, partnership, today, confidences.get(s.pk, []), linked) for s in strategies]
    return Portfolio(rows=rows, sort=sort, stall_days=stall_days)


def _row(
    strategy: Any, partnership: Partnership, today: datetime.date, levels: list[int], linked: bool
) -> Row:
    return Row(
        pk=strategy.pk,
        title=strategy.title,
        url=strategy_url(partnership, strategy.pk) if linked else "",
        phase=strategy.get_phase_display(),
        iteration=strategy.iteration,
        lead_body=strategy.lead_body.name,
        in_phase_since=strategy.since,
        days_in_phase=pure.days_in_phase(strategy.since, today),
        next_gate=strategy.next_gate,
        overdue=strategy.overdue,
        open_conditions=strategy.open_conditions,
        confidence=pure.confidence_trend(levels),
        confidence_words=pure.confidence_words(levels[-1] if levels else None),
        stalled=bool(strategy.stalled),
    )


def stalled_for(*, user: Any, partnership: Partnership, today: datetime.date) -> list[Row]:
    """The stalled strategies this user may see, longest without a gate first."""
    return portfolio_for(
        user=user, partnership=partnership, today=today, stalled_only=True, sort="-days"
    ).rows


def lead_bodies_for(*, user: Any, partnership: Partnership) -> list[tuple[int, str]]:
    """(id, name) of the bodies that lead a strategy this user may see: the lead-body filter's choices."""
    visible = policy.permitted(user=user, partnership=partnership, action="view", model=Strategy)
    bodies = policy.permitted(user=user, partnership=partnership, action="view", model=Body)
    bodies = bodies.filter(pk__in=visible.values("lead_body_id")).order_by("name")
    return list(bodies.values_list("pk", "name"))


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    from .reviews import recent_for
    from .self_assessment import latest_for

    visible = policy.permitted(user=user, partnership=partnership, action="view", model=Strategy)
    return {
        "portfolio_count": visible.count(),
        "recent_reviews": recent_for(user=user, partnership=partnership),
        "latest_self_assessment": latest_for(user=user, partnership=partnership),
    }
