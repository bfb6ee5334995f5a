"""Calendar files of the governance record: a body's meetings, the partnership's meetings and a person's open
actions by due date. Downloaded while signed in (checked like the page each mirrors), or subscribed to through
the secret, revocable addresses programme sessions use (``traction.programmes.services.calendars``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from traction.core.calendars import CalendarSubscribeView, ics_response
from traction.core.views import PartnershipView
from traction.governance import calendars
from traction.governance.models import Body, Meeting, Person
from traction.programmes.models.calendars import FeedKind
from traction.programmes.services import calendars as subscriptions

MEETINGS_SHOWN = "the meetings' bodies, dates, times and places"
ACTIONS_SHOWN = "the actions' text, due dates, bodies, meetings and minute references"


class MeetingsCalendarView(PartnershipView):
    """Every meeting the user may see, of every body (the meetings list as a calendar)."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "meeting")
        meetings = calendars.meetings_for(user=request.user, partnership=self.partnership)
        body = calendars.meetings_calendar(
            meetings,
            name=f"{self.partnership.name}: meetings",
            host=request.get_host(),
            partnership=self.partnership,
            absolute=request.build_absolute_uri,
        )
        return ics_response(body, "meetings.ics")


class BodyCalendarView(PartnershipView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        record = self.get_permitted(Body, pk)
        self.require("view", "meeting")
        meetings = calendars.meetings_for(user=request.user, partnership=self.partnership, body=record)
        body = calendars.meetings_calendar(
            meetings,
            name=f"{record.name} meetings",
            host=request.get_host(),
            partnership=self.partnership,
            absolute=request.build_absolute_uri,
        )
        return ics_response(body, f"body-{record.pk}-meetings.ics")


class PersonActionsCalendarView(PartnershipView):
    """A person's open actions with a due date, as all-day events (the open actions they lead)."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        person = self.get_permitted(Person, pk)
        self.require("view", "action")
        actions = calendars.actions_for(user=request.user, partnership=self.partnership, person=person)
        body = calendars.actions_calendar(
            actions,
            name=f"{person.name}: actions",
            host=request.get_host(),
            partnership=self.partnership,
            absolute=request.build_absolute_uri,
        )
        return ics_response(body, f"actions-{person.pk}.ics")


class GovernanceSubscribeView(CalendarSubscribeView):
    """A subscription to meetings or a person's actions, kept with the programme feeds (one list, one
    revocation page)."""

    home = ("Dashboard", "governance:dashboard")
    model = Meeting
    template_name = "programmes/record_form.html"
    kind: str = FeedKind.MEETINGS

    def needs(self) -> str:
        return subscriptions.NEEDS[self.kind]

    def subscribe(self, **target: Any) -> Any:
        return subscriptions.subscribe(
            actor=self.request.user, partnership=self.partnership, kind=self.kind, **target
        )

    def subscriptions_url(self) -> str:
        return self.url("programmes:calendar-subscriptions")


class MeetingsSubscribeView(GovernanceSubscribeView):
    kind = FeedKind.MEETINGS
    target_model = None
    shown = MEETINGS_SHOWN

    def target_label(self) -> str:
        return "the partnership's meetings"


class BodySubscribeView(GovernanceSubscribeView):
    kind = FeedKind.MEETINGS
    target_model = Body
    target_field = "body"
    shown = MEETINGS_SHOWN

    def target_label(self) -> str:
        return f"the meetings of {self.target.name}"


class PersonActionsSubscribeView(GovernanceSubscribeView):
    kind = FeedKind.ACTIONS
    target_model = Person
    target_field = "person"
    shown = ACTIONS_SHOWN

    def target_label(self) -> str:
        mine = getattr(self.target, "user_id", None) == self.request.user.pk
        return "your actions" if mine else f"{self.target.name}'s actions"
