"""Deferral loops and recurring topics: SQL groups the items, Python follows the runs.

The database returns the items of the topics discussed in the period, from each topic's last
decision at the body before the period (found with a window function), and each counted meeting's
start, from which its place in its body's order follows. The run logic (a run of deferrals at
consecutive meetings, or of appearances with no decision, reaching its length at a meeting in the
period) is finished here in Python on those few rows: written as gaps-and-islands SQL it would be
hard to read and hard to keep identical to ``traction_analysis.signals.topics``.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, Max, Q, When, Window
from django.utils import timezone

from traction.core import policy
from traction.core.models import Partnership
from traction.diagnosis.expressions import has_topic, topic_key
from traction.diagnosis.scope import DbScope, MeetingOrder, meeting_order
from traction.governance.models import AgendaItem, Outcome
from traction_analysis.signals import Evidence, Figure
from traction_analysis.signals.topics import DEFERRAL_LOOP_LENGTH, RECURRING_LENGTH, runs


@dataclass(frozen=True, slots=True)
class Appearance:
    """A topic at one of the body's counted meetings (see ``traction_analysis.signals.topics``)."""

    meeting: int
    position: int
    in_period: bool
    decided: bool
    deferred: bool
    items: tuple[int, ...]


# Keep a day before the last decision: the records order one day's meetings by local time to the
# second, then id, which differs from the order of start instants only within a second or inside the
# hour the clocks go back. An earlier appearance kept by the margin ends its run at the decision.
MARGIN = datetime.timedelta(days=1)

TopicTrails = dict[int, dict[str, list[Appearance]]]


def meeting_positions(scope: DbScope) -> dict[int, tuple[int, bool]]:
    """Each counted meeting up to the period's end: its place in its body's order, and whether it is in
    the period. The order is that of the pure records (local day, local time to the second, id). It is
    worked out here: a window over SQLite's local-time function costs more than sorting the rows."""
    meetings = scope.meetings.filter(scope.counted(until=scope.period_until), scope.of_bodies("body"))
    by_body: dict[int, list[tuple[MeetingOrder, bool]]] = defaultdict(list)
    period_from, zone = scope.period_from, timezone.get_current_timezone()
    for pk, body, start in meetings.order_by().values_list("id", "body", "start"):
        by_body[body].append((meeting_order(start, pk, zone), start >= period_from))
    positions: dict[int, tuple[int, bool]] = {}
    for rows in by_body.values():
        rows.sort()
        positions.update(
            {order[2]: (position, in_period) for position, (order, in_period) in enumerate(rows)}
        )
    return positions


def topic_trails(scope: DbScope) -> TopicTrails:
    """Per body and topic discussed in the period, its appearances up to the period's end, in order.

    Neither kind of run goes through a decision, so the rows start at the topic's last decision at the
    body before the period (a ``MAX() OVER (PARTITION BY body, topic)`` window), less a day's
    margin: the history before it cannot change a figure.
    """
    # Every topic discussed in the period at any of the bodies: a topic the body itself did not discuss
    # then has no appearance in the period, so it is neither counted nor in the base.
    discussed = scope.scope_items().filter(has_topic()).annotate(key=topic_key()).values("key")
    decided_before = Q(outcome=Outcome.DECIDED, meeting__start__lt=scope.period_from)
    last_decided = Window(
        Max(Case(When(decided_before, then=F("meeting__start") - MARGIN))),
        partition_by=[F("meeting__body"), topic_key()],
    )
    rows = (
        scope.items.filter(
            scope.counted("meeting__", until=scope.period_until),
            scope.of_bodies("meeting__body"),
            has_topic(),
        )
        .exclude(outcome=Outcome.PROCEDURAL)
        .annotate(key=topic_key())
        .filter(key__in=discussed)
        .annotate(last_decided=last_decided)
        .filter(Q(last_decided__isnull=True) | Q(meeting__start__gte=F("last_decided")))
        .order_by()
        .values_list("meeting__body", "key", "meeting", "outcome", "id")
    )
    grouped: dict[tuple[int, str, int], list[tuple[str, int]]] = defaultdict(list)
    for body, key, meeting, outcome, item in rows:
        grouped[body, key, meeting].append((outcome, item))
    positions = meeting_positions(scope)
    trails: TopicTrails = defaultdict(lambda: defaultdict(list))
    for (body, key, meeting), items in grouped.items():
        position, in_period = positions[meeting]
        outcomes = {outcome for outcome, _ in items}
        decided = Outcome.DECIDED in outcomes
        trails[body][key].append(
            Appearance(
                meeting,
                position,
                in_period,
                decided,
                not decided and Outcome.DEFERRED in outcomes,
                tuple(item for _, item in items),
            )
        )
    for topics in trails.values():
        for trail in topics.values():
            trail.sort(key=lambda appearance: appearance.position)
    return trails


def _topic_runs(
    trails: dict[str, list[Appearance]],
    meetings: list[int],
    sufficient: bool,
    *,
    member: Callable[[Appearance], bool],
    follows: Callable[[Appearance, Appearance], bool],
    length: int,
) -> Figure:
    # Every appearance fetched is before the period's end, so a run reaches ``length`` in the period
    # when one of its appearances from the length-th on is in the period.
    discussed = sorted(key for key, trail in trails.items() if any(a.in_period for a in trail))
    flagged: dict[str, list[Appearance]] = {}
    for key in discussed:
        for run in runs(trails[key], member, follows):
            if any(a.in_period for a in run[length - 1 :]):
                flagged.setdefault(key, []).extend(run)
    shown = [a for found in flagged.values() for a in found]
    counted = Evidence.of(
        meetings=(a.meeting for a in shown), items=(i for a in shown for i in a.items), topics=flagged
    )
    return Figure(
        len(flagged),
        len(flagged),
        len(discussed),
        sufficient,
        counted,
        Evidence.of(meetings=meetings, topics=discussed),
    )


def deferral_loops(trails: dict[str, list[Appearance]], meetings: list[int], sufficient: bool) -> Figure:
    return _topic_runs(
        trails,
        meetings,
        sufficient,
        member=lambda a: a.deferred,
        follows=lambda a, b: b.position == a.position + 1,
        length=DEFERRAL_LOOP_LENGTH,
    )


def recurring_topics(trails: dict[str, list[Appearance]], meetings: list[int], sufficient: bool) -> Figure:
    return _topic_runs(
        trails,
        meetings,
        sufficient,
        member=lambda a: not a.decided,
        follows=lambda a, b: True,
        length=RECURRING_LENGTH,
    )


def topic_titles_for(*, user: Any, partnership: Partnership, keys: Iterable[str]) -> dict[str, str]:
    """Each topic key's title for a reader: the title of its latest permitted agenda item (one query)."""
    wanted = {key.strip() for key in keys if key.strip()}
    if not wanted:
        return {}
    rows = (
        policy.permitted(user=user, partnership=partnership, action="view", model=AgendaItem)
        .annotate(key=topic_key())
        .filter(key__in=wanted)
        .exclude(title="")
        .order_by("key", "-meeting__start", "-order", "-pk")
        .values_list("key", "title")
    )
    titles: dict[str, str] = {}
    for key, title in rows:
        titles.setdefault(key, title)
    return titles
