"""The referral map: which body passes which topics to which other body, and where they stop.

A referral is a substantive item whose outcome is *referred*, with a topic, at a counted meeting of any body
in the period. It *arrives* at the first body other than the referring one where the topic appears (a
substantive item at a counted meeting after the referring one) within ``parcel_months`` of the referral;
the edge is referring body → that body, or referring body → nowhere when the topic went to no other body.
Each referral is then:

- **decided** when the topic has a decided item at any body after the referring meeting, by the as-of date;
- **died** when it is not decided and the topic appeared nowhere after the referring meeting within its
  window, and the window is over (the window is that of pass the parcel, docs/signals.md);
- **open** otherwise: still moving, or its window is still running.

Two queries (the referrals, then every later mention of their topics) and one for the body names; Python
only walks the mentions in meeting order, as ``parcel.py`` does, so the windows are the same as the signal's.
"""

from __future__ import annotations

import datetime
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from traction.core import policy
from traction.core.models import Partnership
from traction.diagnosis.expressions import has_topic, topic_key
from traction.diagnosis.scope import DbScope, MeetingOrder, meeting_order
from traction.governance.models import Body, Outcome
from traction_analysis.signals import Period, SignalParams, add_months

DECIDED, OPEN, DIED = "decided", "open", "died"
STATUS_LABELS = {DECIDED: "Decided", OPEN: "Still open", DIED: "Died"}


@dataclass(frozen=True, slots=True)
class Stop:
    """An item on the topic: where and when it was on an agenda."""

    body: int
    meeting: int
    item: int
    day: datetime.date
    order: tuple[MeetingOrder, int]
    decided: bool


@dataclass(frozen=True)
class Passage:
    """One referred topic on one edge: the referrals that sent it, where it arrived, and what became of it."""

    topic: str
    referred: tuple[Stop, ...]
    arrived: Stop | None
    status: str
    decided_at: Stop | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class Edge:
    source: Body
    target: Body | None  # None: the topic went to no other body within the window
    passages: tuple[Passage, ...]

    @property
    def topics(self) -> int:
        return len(self.passages)

    def count(self, status: str) -> int:
        return sum(1 for passage in self.passages if passage.status == status)

    @property
    def decided(self) -> int:
        return self.count(DECIDED)

    @property
    def open(self) -> int:
        return self.count(OPEN)

    @property
    def died(self) -> int:
        return self.count(DIED)


@dataclass(frozen=True)
class ReferralMap:
    period: Period
    as_of: datetime.date
    parcel_months: int
    edges: tuple[Edge, ...]

    @property
    def referrals(self) -> int:
        return sum(len(p.referred) for edge in self.edges for p in edge.passages)

    def total(self, status: str) -> int:
        return sum(edge.count(status) for edge in self.edges)


def referral_map_for(
    *, user: Any, partnership: Partnership, period: Period, as_of: datetime.date, params: SignalParams
) -> ReferralMap:
    """Every referral of the period between the bodies the user may see, grouped into edges."""
    scope = DbScope.of(
        user=user, partnership=partnership, bodies=None, period=period, as_of=as_of, params=params
    )
    referred = scope.scope_items().filter(has_topic(), outcome=Outcome.REFERRED).annotate(key=topic_key())
    zone = timezone.get_current_timezone()
    referrals = [
        (key, _stop(body, meeting, item, start, outcome, zone))
        for key, body, meeting, item, start, outcome in referred.order_by().values_list(
            "key", "meeting__body", "meeting", "id", "meeting__start", "outcome"
        )
    ]
    trails = _trails(scope, referred.values("key"), zone) if referrals else {}
    bodies = policy.permitted(user=user, partnership=partnership, action="view", model=Body).in_bulk(
        {stop.body for _, stop in referrals} | {stop.body for trail in trails.values() for stop in trail}
    )
    grouped: dict[tuple[int, int | None], dict[str, list[tuple[Stop, Stop | None, str, Stop | None]]]] = (
        defaultdict(lambda: defaultdict(list))
    )
    orders = {key: [stop.order for stop in trail] for key, trail in trails.items()}
    for key, stop in sorted(referrals, key=lambda pair: pair[1].order):
        arrived, status, decided = _follow(
            stop, trails.get(key, []), orders.get(key, []), params.parcel_months, as_of
        )
        grouped[stop.body, arrived.body if arrived else None][key].append((stop, arrived, status, decided))
    edges = [
        Edge(
            bodies[source],
            bodies.get(target) if target is not None else None,
            tuple(_passage(key, hops) for key, hops in sorted(topics.items())),
        )
        for (source, target), topics in grouped.items()
        if source in bodies and (target is None or target in bodies)
    ]
    edges.sort(
        key=lambda e: (e.source.name.lower(), e.target is None, e.target.name.lower() if e.target else "")
    )
    return ReferralMap(period, as_of, params.parcel_months, tuple(edges))


def _stop(
    body: int, meeting: int, item: int, start: datetime.datetime, outcome: str, zone: datetime.tzinfo
) -> Stop:
    order = meeting_order(start, meeting, zone)
    return Stop(body, meeting, item, order[0], (order, item), outcome == Outcome.DECIDED)


def _trails(scope: DbScope, keys: Any, zone: datetime.tzinfo) -> dict[str, list[Stop]]:
    """Every substantive item on the referred topics at counted meetings from the period's start to the as-of
    date, at any body of the partnership, in meeting order."""
    mentions = (
        scope.items.filter(scope.counted("meeting__"), has_topic(), meeting__start__gte=scope.period_from)
        .exclude(outcome=Outcome.PROCEDURAL)
        .annotate(key=topic_key())
        .filter(key__in=keys)
    )
    trails: dict[str, list[Stop]] = defaultdict(list)
    for key, body, meeting, item, start, outcome in mentions.order_by().values_list(
        "key", "meeting__body", "meeting", "id", "meeting__start", "outcome"
    ):
        trails[key].append(_stop(body, meeting, item, start, outcome, zone))
    for trail in trails.values():
        trail.sort(key=lambda stop: stop.order)
    return trails


def _follow(
    referral: Stop,
    trail: Sequence[Stop],
    orders: Sequence[tuple[MeetingOrder, int]],
    months: int,
    as_of: datetime.date,
) -> tuple[Stop | None, str, Stop | None]:
    """Where a referral arrived within its window, and whether it was decided, is open or died."""
    window_end = add_months(referral.day, months)
    # Later meetings only: the referring meeting's other items on the topic are not a passage.
    later = [
        stop for stop in trail[bisect_right(orders, referral.order) :] if stop.meeting != referral.meeting
    ]
    in_window = [stop for stop in later if stop.day <= window_end]
    arrived = next((stop for stop in in_window if stop.body != referral.body), None)
    decided = next((stop for stop in later if stop.decided), None)
    if decided is not None:
        return arrived, DECIDED, decided
    if not in_window and window_end < as_of:
        return arrived, DIED, None
    return arrived, OPEN, None


def _passage(topic: str, hops: list[tuple[Stop, Stop | None, str, Stop | None]]) -> Passage:
    """A topic referred more than once along the same edge: its latest referral says what became of it."""
    last = hops[-1]
    return Passage(topic, tuple(hop[0] for hop in hops), last[1], last[2], last[3])
