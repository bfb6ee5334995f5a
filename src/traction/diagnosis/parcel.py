"""Pass the parcel: SQL finds the period's referrals and every mention of their topics at any body in
the partnership around their windows; Python dates the windows and judges them.

The window ends on the same day ``parcel_months`` later, clamped to the month's end. PostgreSQL's
``+ interval`` clamps like that but SQLite's ``date(…, '+6 months')`` rolls over into the next month,
so the window is worked out with ``traction_analysis.signals.add_months`` on the few referral rows.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from traction.diagnosis.expressions import has_topic, local_midnight, topic_key
from traction.diagnosis.scope import ONE_DAY, DbScope, MeetingOrder, meeting_order
from traction.governance.models import Outcome
from traction_analysis.signals import Evidence, Figure, Parcel, add_months


@dataclass(frozen=True, slots=True)
class Mention:
    order: MeetingOrder
    body: int
    item: int
    decided: bool

    @property
    def day(self) -> datetime.date:
        return self.order[0]


@dataclass(frozen=True, slots=True)
class Referral:
    body: int
    item: int
    topic: str
    day: datetime.date
    window_end: datetime.date
    decided_in_window: bool
    judged: bool


class ParcelRows:
    """The period's referrals with a topic, by body, in meeting order; and their topics' mentions."""

    def __init__(self, scope: DbScope) -> None:
        self.scope = scope
        referred = scope.scope_items().filter(has_topic(), outcome=Outcome.REFERRED).annotate(key=topic_key())
        rows = sorted(
            referred.order_by().values_list("meeting__body", "id", "key", "meeting__start", "meeting"),
            key=lambda row: (meeting_order(row[3], row[4]), row[1]),
        )
        self.mentions: dict[str, list[Mention]] = defaultdict(list)
        if rows:
            self._find_mentions(referred.values("key"))
        self.decision_days = {
            key: [m.day for m in trail if m.decided] for key, trail in self.mentions.items()
        }
        self.referrals: dict[int, list[Referral]] = defaultdict(list)
        for body, item, key, start, _meeting in rows:
            self.referrals[body].append(self._referral(body, item, key, timezone.localdate(start)))

    def _find_mentions(self, keys: QuerySet[Any]) -> None:
        """Substantive items on these topics at any body's counted meetings, from the period's start to the
        end of the last window, in meeting order."""
        scope = self.scope
        mentions = (
            scope.items.filter(
                scope.counted("meeting__"),
                has_topic(),
                meeting__start__gte=scope.period_from,
                meeting__start__lt=local_midnight(self._last_window_end() + ONE_DAY),
            )
            .exclude(outcome=Outcome.PROCEDURAL)
            .annotate(key=topic_key())
            .filter(key__in=keys)
        )
        for key, body, meeting, start, item, outcome in mentions.order_by().values_list(
            "key", "meeting__body", "meeting", "meeting__start", "id", "outcome"
        ):
            self.mentions[key].append(
                Mention(meeting_order(start, meeting), body, item, outcome == Outcome.DECIDED)
            )
        for trail in self.mentions.values():
            trail.sort(key=lambda mention: (mention.order, mention.item))

    def _last_window_end(self) -> datetime.date:
        return add_months(self.scope.period.end, self.scope.params.parcel_months)

    def _referral(self, body: int, item: int, key: str, day: datetime.date) -> Referral:
        window_end = add_months(day, self.scope.params.parcel_months)
        decisions = self.decision_days.get(key, [])  # in date order: the trail is sorted
        first = bisect_left(decisions, day)
        decided = first < len(decisions) and decisions[first] <= window_end
        return Referral(body, item, key, day, window_end, decided, decided or window_end < self.scope.as_of)

    def figure(self, body: int, sufficient: bool) -> tuple[Figure, tuple[Parcel, ...]]:
        judged = [r for r in self.referrals.get(body, []) if r.judged]
        passed = [r for r in judged if not r.decided_in_window]
        topics = {r.topic for r in passed}
        figure = Figure(
            len(topics),
            len(topics),
            len({r.topic for r in judged}),
            sufficient,
            Evidence.of(items=(r.item for r in passed), topics=topics),
            Evidence.of(items=(r.item for r in judged), topics=(r.topic for r in judged)),
        )
        return figure, tuple(self._parcel(r) for r in passed)

    def _parcel(self, passed: Referral) -> Parcel:
        trail = [m for m in self.mentions[passed.topic] if passed.day <= m.day <= passed.window_end]
        bodies: list[int] = []
        for mention in trail:
            if mention.body not in bodies:
                bodies.append(mention.body)
        return Parcel(
            passed.topic,
            passed.item,
            passed.day,
            passed.window_end,
            tuple(bodies),
            tuple(m.item for m in trail),
        )
