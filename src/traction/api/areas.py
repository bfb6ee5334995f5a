"""Reads of the API beyond the governance record: topics and their items, a body's diagnosis signals, the
shared direction (principles, outcomes, indicators), commissioning strategies, stakeholders and programmes.

Thin as the rest of the API: each endpoint takes the token's user and partnership (``_reader``), calls the
selector the web page calls, and writes out what that page shows. Records are reached only through
``traction.core.policy``, so another partnership's ids are a 404 and the roles are the web's. Nothing here
reads answers to surveys, listening notes or learning-set notes: those stay on their pages, behind the
anonymity service and the confidentiality rules.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router

from traction.api import area_schemas as s
from traction.api.api import ERRORS, MAX_LIMIT, MAX_OFFSET, _decision, _page, _reader, _ref
from traction.api.schemas import Error
from traction.commissioning.models import Strategy
from traction.commissioning.selectors.strategies import strategy_list
from traction.core import policy
from traction.core.ids import MAX_ID
from traction.core.models import Partnership
from traction.diagnosis.figures import SIGNALS
from traction.diagnosis.latest import latest_with_enough
from traction.diagnosis.periods import ONE_DAY, PeriodChoice, asks_for_a_period, period_choice
from traction.diagnosis.selectors import Profile, body_profile
from traction.diagnosis.thresholds import signal_params_for
from traction.direction.models import Indicator, Level, Principle, SharedOutcome, Status
from traction.direction.selectors import indicators as indicator_reads
from traction.direction.selectors.statements import statement_list
from traction.governance import topics
from traction.governance.models import AgendaItem, Body
from traction.programmes.selectors.programmes import programmes_for
from traction.stakeholders.models.stakeholders import Stakeholder, StakeholderKind
from traction.stakeholders.selectors import stakeholders as stakeholder_reads
from traction_analysis.signals import SignalParams
from traction_analysis.stakeholders import grid

router = Router()
READ_ERRORS: dict[int, type[Error]] = {**ERRORS, 400: Error}
Limit = Query(50, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT} a page.")
Offset = Query(0, ge=0, le=MAX_OFFSET)
TopicKey = Path(..., min_length=1, max_length=topics.KEY_LENGTH, description="A topic's key.")
BodyId = Path(..., ge=1, le=MAX_ID)
PeriodKind = Query(None, description="A quarter (the default), a year, or your own dates (custom).")
PeriodFrom = Query(None, alias="from", description="For a quarter or year, any day in it; else the first.")
PeriodTo = Query(None, description="For your own dates: the last day, included.")
Confirmed = Query(None, description="Only confirmed (true) or unconfirmed (false) topics.")
Stopped = Query(None, description="Only stopped (true) or running (false) strategies.")


def _list_page(
    rows: Sequence[Any], limit: int, offset: int, out: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    """``_page`` for a list a selector has already ordered."""
    return {
        "count": len(rows),
        "limit": limit,
        "offset": offset,
        "items": [out(row) for row in rows[offset : offset + limit]],
    }


def _permitted(user: Any, partnership: Partnership, model: type[Model]) -> QuerySet[Any]:
    return policy.permitted(user=user, partnership=partnership, action="view", model=model)


def _related_ids(records: Iterable[Any], field: str, allowed: QuerySet[Any]) -> dict[int, list[int]]:
    """For each record, the ids of its ``field`` (a many-to-many) that the reader may see: one query."""
    records = list(records)
    if not records:
        return {}
    through = getattr(type(records[0]), field).through
    own = type(records[0])._meta.model_name
    other = allowed.model._meta.model_name
    if own == other:  # a self-reference would name both columns alike; none is read here
        raise ValueError(field)
    links = through.objects.filter(
        **{f"{own}_id__in": [r.pk for r in records], f"{other}_id__in": allowed.values("pk")}
    ).order_by(f"{other}_id")
    found: dict[int, list[int]] = {r.pk: [] for r in records}
    for record_id, other_id in links.values_list(f"{own}_id", f"{other}_id"):
        found[record_id].append(other_id)
    return found


def _paged_with(
    queryset: QuerySet[Any],
    limit: int,
    offset: int,
    out: Callable[[Any, dict[str, Any]], dict[str, Any]],
    related: Callable[[list[Any]], dict[str, Any]],
) -> dict[str, Any]:
    """``_page``, with what the page's own records need (related ids, figures) read in one go."""
    shown = list(queryset[offset : offset + limit])
    ids = related(shown)
    return {
        "count": queryset.count(),
        "limit": limit,
        "offset": offset,
        "items": [out(r, ids) for r in shown],
    }


# ---- topics ------------------------------------------------------------------------------------------------


def _topic(summary: topics.TopicSummary) -> dict[str, Any]:
    return {
        "key": summary.key,
        "items": summary.items,
        "meetings": summary.meetings,
        "bodies": summary.bodies,
        "first": summary.first,
        "last": summary.last,
        "confirmed": summary.confirmed,
    }


def _topic_item(item: AgendaItem) -> dict[str, Any]:
    """The item as the decision register writes it, less the fields a topic's list leaves out."""
    decision = _decision(item)
    return {field: decision[field] for field in s.TopicItemOut.model_fields}


@router.get("/partnerships/{slug}/topics/", response={200: s.TopicPage, **ERRORS}, tags=["topics"])
def topic_list(
    request: HttpRequest,
    slug: str,
    confirmed: bool | None = Confirmed,
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """The topics of the agenda items you may read: most items first, then by key."""
    user, partnership = _reader(request, slug)
    found = topics.topic_list_for(user=user, partnership=partnership)
    if confirmed is not None:
        found = [t for t in found if t.confirmed == confirmed]
    return _list_page(found, limit, offset, _topic)


@router.get(
    "/partnerships/{slug}/topics/{key}/items/", response={200: s.TopicItemPage, **ERRORS}, tags=["topics"]
)
def topic_items(
    request: HttpRequest, slug: str, key: str = TopicKey, limit: int = Limit, offset: int = Offset
) -> dict[str, Any]:
    """The agenda items under a topic, oldest meeting first (404 when you may read none)."""
    user, partnership = _reader(request, slug)
    items = topics.topic_items_for(user=user, partnership=partnership, key=key)
    if not items.exists():
        raise Http404(policy.NOT_FOUND)
    return _page(items, limit, offset, _topic_item)


# ---- a body's signals --------------------------------------------------------------------------------------


def _period(
    user: Any, partnership: Partnership, body: Body, params: SignalParams, query: dict[str, str]
) -> PeriodChoice:
    """The period asked for, or, as on the body's diagnosis page, the latest with enough minutes there."""
    today = timezone.localdate()
    default = None
    if not asks_for_a_period(query):
        default = latest_with_enough(
            user=user, partnership=partnership, today=today, params=params, body=body.pk
        )
    form, choice = period_choice(query, today=today, default=default)
    if choice is None:
        raise ValidationError({name: [str(e) for e in errors] for name, errors in form.errors.items()})
    return choice


def _signals(profile: Profile, as_of: datetime.date) -> dict[str, Any]:
    choice = profile.choice
    return {
        "body": _ref(profile.body),
        "period": {
            "kind": choice.kind,
            "start": choice.period.start,
            "end": choice.period.end - ONE_DAY,
            "label": choice.label,
            "chosen_for_you": choice.latest_with_enough,
        },
        "previous_periods": list(profile.period_labels[:-1]),
        "as_of": as_of,
        "signals": [_signal(row) for row in profile.rows],
        "findings": [
            {
                "signal": shown.finding.signal,
                "headline": shown.finding.headline,
                "text": shown.finding.text,
                "experiments": [experiment.name for experiment, _ in shown.experiments],
            }
            for shown in profile.findings
        ],
    }


def _signal(row: Any) -> dict[str, Any]:
    cell = row.current
    figure = cell.figure
    return {
        "name": row.name,
        "label": row.label,
        "unit": SIGNALS[row.name].unit,
        "needs": row.needs,
        "value": cell.value,
        "text": cell.text if cell.shown else "Not enough data",
        "numerator": figure.numerator if cell.shown else None,
        "denominator": figure.denominator if cell.shown else None,
        "history": [c.value for c in row.history[:-1]],
        "own_average": row.own_average,
        "median_of_others": row.median,
    }


@router.get(
    "/partnerships/{slug}/bodies/{body_id}/signals/",
    response={200: s.SignalsOut, **READ_ERRORS},
    tags=["signals"],
)
def body_signals(
    request: HttpRequest,
    slug: str,
    body_id: int = BodyId,
    period: Literal["quarter", "year", "custom"] | None = PeriodKind,
    day: datetime.date | None = PeriodFrom,
    to: datetime.date | None = PeriodTo,
) -> dict[str, Any]:
    """A body's signals for a period, as its diagnosis page shows them: the figure (null without enough
    data), its history, the body's own average and the other bodies' median, and the findings. With no
    period, the latest quarter (else year) with enough minutes at the body."""
    user, partnership = _reader(request, slug)
    body = policy.get_permitted(user=user, partnership=partnership, action="view", model=Body, pk=body_id)
    query = {k: v for k, v in {"period": period, "from": day, "to": to}.items() if v is not None}
    params = signal_params_for(user=user, partnership=partnership)
    choice = _period(user, partnership, body, params, {k: str(v) for k, v in query.items()})
    as_of = timezone.localdate()
    profile = body_profile(
        user=user, partnership=partnership, pk=body.pk, choice=choice, as_of=as_of, params=params
    )
    return _signals(profile, as_of)


# ---- the shared direction ----------------------------------------------------------------------------------


def _statement(statement: Any) -> dict[str, Any]:
    return {
        "id": statement.pk,
        "title": statement.title,
        "text": statement.text,
        "status": statement.status,
        "order": statement.order,
        "agreed_item_id": statement.agreed_item_id,
    }


def _statements(user: Any, partnership: Partnership, model: Any, status: Status | None) -> QuerySet[Any]:
    found = statement_list(user=user, partnership=partnership, model=model)
    return (found.filter(status=status) if status is not None else found).order_by("order", "id")


@router.get("/partnerships/{slug}/principles/", response={200: s.PrinciplePage, **ERRORS}, tags=["direction"])
def principle_list(
    request: HttpRequest, slug: str, status: Status | None = None, limit: int = Limit, offset: int = Offset
) -> dict[str, Any]:
    """The partnership's principles in their order."""
    user, partnership = _reader(request, slug)
    return _page(_statements(user, partnership, Principle, status), limit, offset, _statement)


@router.get("/partnerships/{slug}/outcomes/", response={200: s.OutcomePage, **ERRORS}, tags=["direction"])
def outcome_list(
    request: HttpRequest, slug: str, status: Status | None = None, limit: int = Limit, offset: int = Offset
) -> dict[str, Any]:
    """The shared outcomes in their order, with their goal, owning body and the indicators tracking them."""
    user, partnership = _reader(request, slug)
    outcomes = _statements(user, partnership, SharedOutcome, status)
    allowed = _permitted(user, partnership, Indicator)

    def related(page: list[Any]) -> dict[str, Any]:
        return {"indicators": _related_ids(page, "indicators", allowed)}

    def out(outcome: SharedOutcome, ids: dict[str, Any]) -> dict[str, Any]:
        return {
            **_statement(outcome),
            "goal": _ref(outcome.goal) if outcome.goal_id else None,
            "owner": _ref(outcome.owner),
            "indicator_ids": ids["indicators"].get(outcome.pk, []),
        }

    return _paged_with(outcomes, limit, offset, out, related)


def _indicator(indicator: Indicator, latest: indicator_reads.Summary, outcomes: list[int]) -> dict[str, Any]:
    fields = (
        "title description level question polarity unit source area_code area_name benchmark_code "
        "benchmark_name baseline_period target target_period"
    ).split()
    return {
        "id": indicator.pk,
        **{name: getattr(indicator, name) for name in fields},
        "outcome_ids": outcomes,
        "latest": {
            "period": latest.period,
            "value": latest.value,
            "travel": latest.travel,
            "comparison": latest.comparison,
        },
    }


@router.get("/partnerships/{slug}/indicators/", response={200: s.IndicatorPage, **ERRORS}, tags=["direction"])
def indicator_list(
    request: HttpRequest, slug: str, level: Level | None = None, limit: int = Limit, offset: int = Offset
) -> dict[str, Any]:
    """Indicators by title, each with its latest value, direction of travel and benchmark comparison."""
    user, partnership = _reader(request, slug)
    indicators = _permitted(user, partnership, Indicator)
    if level is not None:
        indicators = indicators.filter(level=level)
    allowed = _permitted(user, partnership, SharedOutcome)

    def related(page: list[Indicator]) -> dict[str, Any]:
        return {
            "outcomes": _related_ids(page, "outcomes", allowed),
            "latest": indicator_reads.summaries(indicators=page),
        }

    def out(indicator: Indicator, ids: dict[str, Any]) -> dict[str, Any]:
        return _indicator(indicator, ids["latest"][indicator.pk], ids["outcomes"].get(indicator.pk, []))

    return _paged_with(indicators.order_by("title", "id"), limit, offset, out, related)


# ---- commissioning strategies ------------------------------------------------------------------------------


@router.get("/partnerships/{slug}/strategies/", response={200: s.StrategyPage, **ERRORS}, tags=["direction"])
def strategy_list_endpoint(
    request: HttpRequest,
    slug: str,
    phase: Literal["analyse", "plan", "do", "review"] | None = None,
    stopped: bool | None = Stopped,
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """Commissioning strategies by title, with the outcomes they serve and the indicators they use."""
    user, partnership = _reader(request, slug)
    strategies = strategy_list(user=user, partnership=partnership)
    if phase is not None:
        strategies = strategies.filter(phase=phase)
    if stopped is not None:
        strategies = strategies.filter(stopped_on__isnull=not stopped)
    outcomes, indicators = (
        _permitted(user, partnership, SharedOutcome),
        _permitted(user, partnership, Indicator),
    )

    def related(page: list[Strategy]) -> dict[str, Any]:
        return {
            "outcomes": _related_ids(page, "outcomes", outcomes),
            "indicators": _related_ids(page, "indicators", indicators),
        }

    def out(strategy: Any, ids: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": strategy.pk,
            "title": strategy.title,
            "scope": strategy.scope,
            "lead_body": _ref(strategy.lead_body),
            "lead_officer": _ref(strategy.lead_officer),
            "phase": strategy.phase,
            "iteration": strategy.iteration,
            "phase_since": strategy.phase_since,
            "next_gate_on": strategy.next_gate_on,
            "stopped_on": strategy.stopped_on,
            "budget": None if strategy.budget is None else float(strategy.budget),
            "pending_gates": strategy.pending_gates,
            "outcome_ids": ids["outcomes"].get(strategy.pk, []),
            "indicator_ids": ids["indicators"].get(strategy.pk, []),
        }

    return _paged_with(strategies.order_by("title", "id"), limit, offset, out, related)


# ---- stakeholders ------------------------------------------------------------------------------------------


def _stakeholder(stakeholder: Stakeholder, point: grid.Point | None) -> dict[str, Any]:
    return {
        "id": stakeholder.pk,
        "name": stakeholder.name,
        "kind": stakeholder.kind,
        "organisation": _ref(stakeholder.organisation),
        "person": _ref(stakeholder.person),
        "description": stakeholder.description,
        "stance": point.stance if point else None,
        "desired_stance": point.desired_stance if point else None,
        "quadrant": point.quadrant if point else None,
        "assessed_on": point.assessed_on if point else None,
    }


@router.get(
    "/partnerships/{slug}/stakeholders/", response={200: s.StakeholderPage, **ERRORS}, tags=["stakeholders"]
)
def stakeholder_list(
    request: HttpRequest,
    slug: str,
    kind: StakeholderKind | None = None,
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """The stakeholder map's stakeholders by name, with their latest assessment (as the map shows today)."""
    user, partnership = _reader(request, slug)
    found = stakeholder_reads.visible(user, partnership, Stakeholder).select_related("organisation", "person")
    if kind is not None:
        found = found.filter(kind=kind)
    latest = grid.map_at(stakeholder_reads.points(user=user, partnership=partnership), timezone.localdate())
    return _page(found.order_by("name", "id"), limit, offset, lambda x: _stakeholder(x, latest.get(x.pk)))


# ---- programmes --------------------------------------------------------------------------------------------


@router.get(
    "/partnerships/{slug}/programmes/", response={200: s.ProgrammePage, **ERRORS}, tags=["programmes"]
)
def programme_list(
    request: HttpRequest, slug: str, limit: int = Limit, offset: int = Offset
) -> dict[str, Any]:
    """Development programmes, latest start first (undated last), then by title: cohorts and enrolments."""
    user, partnership = _reader(request, slug)
    found = sorted(
        programmes_for(user=user, partnership=partnership),
        key=lambda p: (p.starts_on is None, -(p.starts_on or datetime.date.min).toordinal(), p.title, p.pk),
    )
    allowed = _permitted(user, partnership, SharedOutcome)
    outcomes = _related_ids(found[offset : offset + limit], "outcomes", allowed)

    def out(programme: Any) -> dict[str, Any]:
        return {
            "id": programme.pk,
            "title": programme.title,
            "description": programme.description,
            "lead": _ref(programme.lead),
            "starts_on": programme.starts_on,
            "ends_on": programme.ends_on,
            "cohorts": programme.cohort_count,
            "enrolled": programme.people_count,
            "outcome_ids": outcomes.get(programme.pk, []),
        }

    return _list_page(found, limit, offset, out)
