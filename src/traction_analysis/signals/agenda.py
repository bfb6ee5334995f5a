"""Signals about what a body's meetings do with their agendas: yield, noting, unclear, pressure, papers."""

from __future__ import annotations

from traction_analysis.signals.records import Outcome
from traction_analysis.signals.results import Evidence, Figure
from traction_analysis.signals.scope import Scope, ratio


def outcome_share(scope: Scope, outcome: Outcome) -> Figure:
    """Items with ``outcome`` ÷ substantive items, at the body's held meetings in the period."""
    counted = scope.with_outcome(outcome)
    base = scope.substantive
    enough = bool(base) and len(base) >= scope.params.min_substantive_items
    if enough and outcome != "unclear":
        unclear = len(scope.with_outcome("unclear"))
        enough = unclear / len(base) <= scope.params.max_unclear_share
    return Figure(
        ratio(len(counted), len(base)),
        len(counted),
        len(base),
        enough,
        Evidence.of(items=(i.id for i in counted)),
        Evidence.of(meetings=(m.id for m in scope.meetings), items=(i.id for i in base)),
    )


def agenda_pressure(scope: Scope) -> Figure:
    """Substantive items ÷ scheduled hours, over held meetings in the period with a scheduled duration."""
    timed = [m for m in scope.meetings if m.scheduled_minutes is not None]
    items = [i for m in timed for i in scope.body.items[m.id] if i.substantive]
    hours = sum(m.scheduled_minutes or 0 for m in timed) / 60
    return Figure(
        ratio(len(items), hours),
        len(items),
        hours,
        len(timed) >= scope.params.min_meetings,
        Evidence.of(items=(i.id for i in items)),
        Evidence.of(meetings=(m.id for m in timed)),
    )


def paper_load(scope: Scope) -> tuple[Figure, Figure]:
    """Pages per meeting and pages per decision, over held meetings in the period with a known page count."""
    papered = [
        m for m in scope.meetings if any(p.pages is not None for p in scope.index.papers.get(m.id, ()))
    ]
    papers = [p for m in papered for p in scope.index.papers[m.id] if p.pages is not None]
    pages = sum(p.pages or 0 for p in papers)
    decided = [i for m in papered for i in scope.body.items[m.id] if i.outcome == "decided"]
    enough = len(papered) >= scope.params.min_meetings
    paper_evidence = Evidence.of(meetings=(m.id for m in papered), papers=(p.id for p in papers))
    per_meeting = Figure(
        ratio(pages, len(papered)),
        pages,
        len(papered),
        enough,
        paper_evidence,
        Evidence.of(meetings=(m.id for m in papered)),
    )
    per_decision = Figure(
        ratio(pages, len(decided)),
        pages,
        len(decided),
        enough and bool(decided),
        paper_evidence,
        Evidence.of(items=(i.id for i in decided)),
    )
    return per_meeting, per_decision
