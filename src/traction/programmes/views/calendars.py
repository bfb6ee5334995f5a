"""Calendar feeds: a programme's or a person's sessions as iCalendar, downloaded while signed in or fetched by
a calendar application from a secret, revocable subscription address (no session: the address is the key)."""

from __future__ import annotations

import datetime
from typing import Any

import icalendar
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET

from traction.core import policy
from traction.core.calendars import (
    LONDON,
    SUBSCRIPTIONS,
    CalendarSubscribeView,
    ics_response,
    new_calendar,
    stamp,
    to_ical,
)
from traction.governance import calendars as governance_calendars
from traction.governance.models import Person

from ..models.calendars import CalendarFeed, FeedKind
from ..models.programmes import Programme, Session
from ..selectors import programmes as selectors
from ..services import calendars as services
from .base import ProgrammesView


def calendar_for(sessions: list[Session], *, name: str, host: str) -> bytes:
    """An iCalendar file of ``sessions``: stable UIDs (the session's id and the site), times in
    Europe/London (with its VTIMEZONE), or all-day events when a session has no times."""
    cal = new_calendar(name=name, product="Programmes")
    written = stamp()
    for s in sessions:
        event = icalendar.Event()
        event.add("uid", f"session-{s.pk}@{host}")
        event.add("dtstamp", written)
        event.add("summary", f"{s.title} ({s.cohort.programme.title}, {s.cohort.name})")
        if s.starts_at:
            event.add("dtstart", datetime.datetime.combine(s.date, s.starts_at, tzinfo=LONDON))
            end = s.ends_at or s.starts_at
            event.add("dtend", datetime.datetime.combine(s.date, end, tzinfo=LONDON))
        else:
            event.add("dtstart", s.date)
            event.add("dtend", s.date + datetime.timedelta(days=1))
        if s.place:
            event.add("location", s.place)
        lines = [f"{s.get_kind_display()} of {s.cohort.programme.title}, {s.cohort.name}."]
        if s.facilitator:
            lines.append(f"Facilitator: {s.facilitator.name}.")
        event.add("description", " ".join(lines))
        cal.add_component(event)
    return to_ical(cal)


_ics = ics_response


def _feed_calendar(feed: CalendarFeed, request: HttpRequest) -> bytes:
    """What a feed shows, read as its owner may see it now."""
    host = request.get_host()
    user, partnership = feed.user, feed.partnership
    if feed.kind == FeedKind.MEETINGS:
        meetings = governance_calendars.meetings_for(user=user, partnership=partnership, body=feed.body)
        return governance_calendars.meetings_calendar(
            meetings,
            name=feed.target_name[:1].upper() + feed.target_name[1:],
            host=host,
            partnership=partnership,
            absolute=request.build_absolute_uri,
        )
    if feed.kind == FeedKind.ACTIONS:
        assert feed.person is not None  # an actions feed follows a person (a database constraint)
        actions = governance_calendars.actions_for(user=user, partnership=partnership, person=feed.person)
        return governance_calendars.actions_calendar(
            actions,
            name=f"{feed.person.name}: actions",
            host=host,
            partnership=partnership,
            absolute=request.build_absolute_uri,
        )
    if feed.programme is not None:
        sessions = selectors.programme_sessions(programme=feed.programme)
        return calendar_for(sessions, name=feed.programme.title, host=host)
    assert feed.person is not None  # a feed follows a programme or a person (a database constraint)
    sessions = selectors.person_sessions(user=user, partnership=partnership, person=feed.person)
    return calendar_for(sessions, name=f"{feed.person.name}: programme sessions", host=host)


class ProgrammeCalendarView(ProgrammesView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        programme = self.get_permitted(Programme, pk)
        body = calendar_for(
            selectors.programme_sessions(programme=programme), name=programme.title, host=request.get_host()
        )
        return _ics(body, f"programme-{programme.pk}.ics")


class PersonCalendarView(ProgrammesView):
    """A person's sessions in every programme the viewer may see (behind login, like every page)."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        self.require("view", "programme")
        person = self.get_permitted(Person, pk)
        sessions = selectors.person_sessions(user=request.user, partnership=self.partnership, person=person)
        body = calendar_for(sessions, name=f"{person.name}: programme sessions", host=request.get_host())
        return _ics(body, f"sessions-{person.pk}.ics")


@require_GET
def subscribed_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The feed a subscription address names, fetched without signing in; anything amiss is a plain 404."""
    feed = services.resolve(token)
    if feed is None:
        raise Http404(policy.NOT_FOUND)
    response = _ics(_feed_calendar(feed, request), "traction.ics")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def feed_address(request: HttpRequest, feed: CalendarFeed) -> str:
    path = reverse("calendar-feed", kwargs={"token": services.address_token(feed)})
    return request.build_absolute_uri(path)


class SubscriptionsView(ProgrammesView):
    """The signed-in user's own subscription addresses in this partnership (programme sessions, meetings and
    actions), each with a way to revoke it."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "programme")
        feeds = (
            CalendarFeed.objects.filter(partnership=self.partnership, user=request.user.pk)
            .select_related("programme", "person", "body")
            .order_by("revoked_at", "-created_at", "-id")
        )
        rows = []
        for f in feeds:
            address = feed_address(request, f) if f.live else ""
            webcal = "webcal://" + address.split("://", 1)[1] if address else ""
            rows.append({"feed": f, "address": address, "webcal": webcal})
        return self.render(
            "programmes/calendars_subscriptions.html",
            {
                "title": SUBSCRIPTIONS,
                "rows": rows,
                "breadcrumbs": [self.home_crumb(), (SUBSCRIPTIONS, "")],
            },
        )

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        """Revoke one of the user's own live feeds; any other id (another user's, another partnership's, a
        revoked one, garbage) is a 404 and changes nothing."""
        self.require("view", "programme")
        text = request.POST.get("revoke", "")
        if not text.isascii() or not text.isdigit() or len(text) > 18:
            raise Http404(policy.NOT_FOUND)
        feed = CalendarFeed.objects.filter(
            partnership=self.partnership, user=request.user.pk, revoked_at__isnull=True, pk=int(text)
        ).first()
        if feed is None:
            raise Http404(policy.NOT_FOUND)
        services.revoke(actor=request.user, feed=feed)
        messages.success(
            request, f"The address of the {feed.target_name} calendar was revoked: calendars using it stop."
        )
        return redirect(self.url("calendar-subscriptions"))


class SubscribeView(ProgrammesView, CalendarSubscribeView):
    """A subscription to a programme's sessions, or one person's; the governance pages have their own."""

    model = Programme
    template_name = "programmes/record_form.html"
    kind: str = FeedKind.SESSIONS
    target_model: type[Any] | None = Programme
    target_field = "programme"
    shown = "the sessions' titles, dates, places and facilitators"

    def needs(self) -> str:
        return services.NEEDS[self.kind]

    def subscribe(self, **target: Any) -> Any:
        return services.subscribe(
            actor=self.request.user, partnership=self.partnership, kind=self.kind, **target
        )

    def subscriptions_url(self) -> str:
        return self.url("programmes:calendar-subscriptions")


class ProgrammeSubscribeView(SubscribeView):
    def target_label(self) -> str:
        return f"“{self.target.title}”"


class PersonSubscribeView(SubscribeView):
    target_model = Person
    target_field = "person"

    def target_label(self) -> str:
        return f"{self.target.name}'s programme sessions"
