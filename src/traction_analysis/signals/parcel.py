"""Pass the parcel: a topic a body referred on, with no decision on it anywhere within N months."""

from __future__ import annotations

import calendar
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from traction_analysis.signals.records import ItemRecord, RecordId
from traction_analysis.signals.results import Evidence, Figure, Parcel
from traction_analysis.signals.scope import Scope


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Aug + 6 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class Referral:
    item: ItemRecord
    topic: str
    day: date
    window_end: date
    decided_in_window: bool
    judged: bool

    @property
    def passed_on(self) -> bool:
        return self.judged and not self.decided_in_window


def referral(scope: Scope, item: ItemRecord, topic: str) -> Referral:
    day = scope.index.meeting_day[item.meeting_id]
    window_end = add_months(day, scope.params.parcel_months)
    decisions = scope.index.decision_days.get(topic, [])
    first = bisect_left(decisions, day)
    decided = first < len(decisions) and decisions[first] <= window_end
    return Referral(item, topic, day, window_end, decided, decided or window_end < scope.index.as_of)


def parcel(scope: Scope, passed: Referral) -> Parcel:
    trail = [m for m in scope.index.mentions[passed.topic] if passed.day <= m.day <= passed.window_end]
    bodies: list[RecordId] = []
    for mention in trail:
        if mention.body not in bodies:
            bodies.append(mention.body)
    return Parcel(
        passed.topic,
        passed.item.id,
        passed.day,
        passed.window_end,
        tuple(bodies),
        tuple(m.item.id for m in trail),
    )


def pass_the_parcel(scope: Scope) -> tuple[Figure, tuple[Parcel, ...]]:
    """Topics with a referral in the period judged passed on, ÷ topics with a referral judged at all."""
    referrals = [
        referral(scope, item, topic)
        for item in scope.with_outcome("referred")
        if (topic := item.topic_key) is not None
    ]
    judged = [r for r in referrals if r.judged]
    passed = [r for r in judged if r.passed_on]
    counted_topics = {r.topic for r in passed}
    figure = Figure(
        len(counted_topics),
        len(counted_topics),
        len({r.topic for r in judged}),
        scope.topics_sufficient,
        Evidence.of(items=(r.item.id for r in passed), topics=counted_topics),
        Evidence.of(items=(r.item.id for r in judged), topics=(r.topic for r in judged)),
    )
    return figure, tuple(parcel(scope, r) for r in passed)
