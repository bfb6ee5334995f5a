"""Follow-through, days overdue and orphan actions, counted in the database: one row per body."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import median

from django.db.models import Case, F, Q, When

from traction.diagnosis.expressions import DaysBetween, IdList, a_date, has_owner, ints
from traction.diagnosis.scope import DbScope
from traction.governance.models import ActionStatus
from traction_analysis.signals import Evidence, Figure, SignalParams
from traction_analysis.signals.scope import ratio


@dataclass
class ActionRows:
    due: list[int] = field(default_factory=list)
    on_time: list[int] = field(default_factory=list)
    late: list[int] = field(default_factory=list)
    days_late: list[int] = field(default_factory=list)
    set_in_period: list[int] = field(default_factory=list)
    orphans: list[int] = field(default_factory=list)


def action_rows(scope: DbScope) -> dict[int, ActionRows]:
    period, as_of = scope.period, scope.as_of
    done_by = Q(status=ActionStatus.DONE, completed_on__isnull=False, completed_on__lte=as_of)
    fallen_due = Q(
        status__in=(ActionStatus.OPEN, ActionStatus.DONE),
        due_date__gte=period.start,
        due_date__lt=min(period.end, as_of),
    )
    on_time = fallen_due & done_by & Q(completed_on__lte=F("due_date"))
    late = fallen_due & ~on_time
    days_late = Case(
        When(done_by, then=DaysBetween("completed_on", "due_date")),
        default=DaysBetween(a_date(as_of), "due_date"),
    )
    set_in_period = scope.action_set(period.start, period.end)
    # Every figure counts fallen-due actions or actions set in the period: read only those rows.
    query = (
        scope.logged_actions()
        .filter(fallen_due | set_in_period)
        .values("body")
        .annotate(
            due=IdList("id", filter=fallen_due),
            on_time=IdList("id", filter=on_time),
            late=IdList("id", filter=late),
            days_late=IdList(days_late, filter=late),
            set_in_period=IdList("id", filter=set_in_period),
            orphans=IdList("id", filter=set_in_period & (~has_owner() | Q(due_date__isnull=True))),
        )
    )
    rows: dict[int, ActionRows] = defaultdict(ActionRows)
    for row in query:
        rows[row["body"]] = ActionRows(**{name: ints(ids) for name, ids in row.items() if name != "body"})
    return rows


def follow_through(rows: ActionRows, params: SignalParams) -> tuple[Figure, Figure]:
    enough = len(rows.due) >= params.min_actions
    base = Evidence.of(actions=rows.due)
    rate = Figure(
        ratio(len(rows.on_time), len(rows.due)),
        len(rows.on_time),
        len(rows.due),
        enough,
        Evidence.of(actions=rows.on_time),
        base,
    )
    days = rows.days_late
    overdue = Figure(
        float(median(days)) if days else None,
        None,
        len(days),
        enough and bool(days),
        Evidence.of(actions=rows.late),
        base,
    )
    return rate, overdue


def orphan_actions(rows: ActionRows, params: SignalParams) -> Figure:
    orphans, logged = rows.orphans, rows.set_in_period
    return Figure(
        ratio(len(orphans), len(logged)),
        len(orphans),
        len(logged),
        len(logged) >= params.min_actions,
        Evidence.of(actions=orphans),
        Evidence.of(actions=logged),
    )
