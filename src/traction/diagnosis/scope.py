"""What one diagnosis run reads: the permitted rows of a partnership, the bodies asked about, and the
instants that bound "held by the as-of date" and "in the period" (docs/signals.md, "What counts")."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from traction.core import policy
from traction.core.models import Partnership
from traction.diagnosis.expressions import local_midnight
from traction.governance.models import Action, AgendaItem, Meeting, MeetingStatus, Outcome, Paper
from traction_analysis.signals import Period, SignalParams

ONE_DAY = datetime.timedelta(days=1)
MeetingOrder = tuple[datetime.date, int, int]


def meeting_order(
    start: datetime.datetime, meeting: int, zone: datetime.tzinfo | None = None
) -> MeetingOrder:
    """As ``traction_analysis.signals.index.meeting_order``: local day, local time to the second, id.

    ``zone`` is the current time zone, for callers in a loop (looking it up costs more than converting)."""
    local = timezone.localtime(start, zone)
    return local.date(), local.hour * 3600 + local.minute * 60 + local.second, meeting


@dataclass(frozen=True)
class DbScope:
    """One run: ``bodies`` is None for every body of the partnership, else the ids asked about."""

    partnership: Partnership
    bodies: tuple[int, ...] | None
    period: Period
    as_of: datetime.date
    params: SignalParams
    meetings: QuerySet[Meeting]
    items: QuerySet[AgendaItem]
    papers: QuerySet[Paper]
    actions: QuerySet[Action]

    @classmethod
    def of(
        cls,
        *,
        user: Any,
        partnership: Partnership,
        bodies: tuple[int, ...] | None,
        period: Period,
        as_of: datetime.date,
        params: SignalParams,
    ) -> DbScope:
        def permitted(model: Any) -> QuerySet[Any]:
            return policy.permitted(user=user, partnership=partnership, action="view", model=model)

        return cls(
            partnership,
            bodies,
            period,
            as_of,
            params,
            permitted(Meeting),
            permitted(AgendaItem),
            permitted(Paper),
            permitted(Action),
        )

    # Instants: a meeting counts when held and its local date is on or before as_of; it is in the
    # period when its local date is in [start, end).
    @property
    def counted_before(self) -> datetime.datetime:
        return local_midnight(self.as_of + ONE_DAY)

    @property
    def period_from(self) -> datetime.datetime:
        return local_midnight(self.period.start)

    @property
    def period_until(self) -> datetime.datetime:
        return min(local_midnight(self.period.end), self.counted_before)

    def counted(self, prefix: str = "", *, until: datetime.datetime | None = None) -> Q:
        """Held meetings up to the as-of date (and before ``until``); ``prefix`` reaches the meeting."""
        return Q(
            **{
                f"{prefix}status": MeetingStatus.HELD,
                f"{prefix}start__lt": min(until or self.counted_before, self.counted_before),
            }
        )

    def in_period(self, prefix: str = "") -> Q:
        """Counted meetings whose local date is in the period."""
        return self.counted(prefix, until=self.period_until) & Q(**{f"{prefix}start__gte": self.period_from})

    def of_bodies(self, body_path: str) -> Q:
        return Q() if self.bodies is None else Q(**{f"{body_path}__in": self.bodies})

    def scope_meetings(self) -> QuerySet[Meeting]:
        return self.meetings.filter(self.in_period(), self.of_bodies("body"))

    def scope_items(self) -> QuerySet[AgendaItem]:
        """Substantive items at the bodies' counted meetings in the period."""
        return self.items.filter(self.in_period("meeting__"), self.of_bodies("meeting__body")).exclude(
            outcome=Outcome.PROCEDURAL
        )

    def action_set(self, since: datetime.date | None, until: datetime.date) -> Q:
        """Actions set on a local date in [since, until): the day of their item's meeting, else of entry."""

        def between(field: str) -> Q:
            bounds = {f"{field}__lt": local_midnight(until)}
            if since is not None:
                bounds[f"{field}__gte"] = local_midnight(since)
            return Q(**bounds)

        return (Q(agenda_item__isnull=False) & between("agenda_item__meeting__start")) | (
            Q(agenda_item__isnull=True) & between("created_at")
        )

    def logged_actions(self) -> QuerySet[Action]:
        """The bodies' actions already in the log on the as-of date."""
        return self.actions.filter(self.action_set(None, self.as_of + ONE_DAY), self.of_bodies("body"))
