"""Signals about the action log: follow-through, days overdue, orphan actions, decisions without action."""

from __future__ import annotations

from datetime import date
from statistics import median

from traction_analysis.signals.records import ActionRecord
from traction_analysis.signals.results import Evidence, Figure
from traction_analysis.signals.scope import Scope, ratio


def done_by(action: ActionRecord, as_of: date) -> date | None:
    """The completion date if the action was done on or before ``as_of``; later completions count as open."""
    if action.status == "done" and action.completed_on is not None and action.completed_on <= as_of:
        return action.completed_on
    return None


def fallen_due(scope: Scope) -> list[ActionRecord]:
    """Open or done actions whose due date is in the period and already past on ``as_of``."""
    as_of = scope.index.as_of
    return [
        a
        for a in scope.body.actions
        if a.status in ("open", "done") and a.due is not None and a.due in scope.period and a.due < as_of
    ]


def days_late(action: ActionRecord, as_of: date) -> int:
    assert action.due is not None
    return ((done_by(action, as_of) or as_of) - action.due).days


def follow_through(scope: Scope) -> tuple[Figure, Figure]:
    """Done by the due date ÷ fallen due; and the median days overdue of those that were not."""
    as_of = scope.index.as_of
    due = fallen_due(scope)
    on_time = [
        a for a in due if (done := done_by(a, as_of)) is not None and a.due is not None and done <= a.due
    ]
    on_time_ids = {a.id for a in on_time}
    late = [a for a in due if a.id not in on_time_ids]
    enough = len(due) >= scope.params.min_actions
    base = Evidence.of(actions=(a.id for a in due))
    rate = Figure(
        ratio(len(on_time), len(due)),
        len(on_time),
        len(due),
        enough,
        Evidence.of(actions=(a.id for a in on_time)),
        base,
    )
    days = [days_late(a, as_of) for a in late]
    overdue = Figure(
        float(median(days)) if days else None,
        None,
        len(days),
        enough and bool(days),
        Evidence.of(actions=(a.id for a in late)),
        base,
    )
    return rate, overdue


def orphan_actions(scope: Scope) -> Figure:
    """Actions set in the period with no owner or no due date ÷ actions set in the period."""
    action_day = scope.index.action_day
    set_in_period = [a for a in scope.body.actions if action_day[a.id] in scope.period]
    orphans = [a for a in set_in_period if not a.has_owner or a.due is None]
    return Figure(
        ratio(len(orphans), len(set_in_period)),
        len(orphans),
        len(set_in_period),
        len(set_in_period) >= scope.params.min_actions,
        Evidence.of(actions=(a.id for a in orphans)),
        Evidence.of(actions=(a.id for a in set_in_period)),
    )


def decisions_without_action(scope: Scope) -> Figure:
    """Decided items at held meetings in the period with no action attached ÷ decided items."""
    decided = scope.with_outcome("decided")
    bare = [i for i in decided if i.id not in scope.index.actioned_items]
    return Figure(
        ratio(len(bare), len(decided)),
        len(bare),
        len(decided),
        len(decided) >= scope.params.min_decisions,
        Evidence.of(items=(i.id for i in bare)),
        Evidence.of(items=(i.id for i in decided)),
    )
