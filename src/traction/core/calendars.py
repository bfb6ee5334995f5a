"""iCalendar files as every calendar feed writes them (programme sessions, meetings, actions), and the page
that makes a user's secret subscription address for one of them.

Times are in Europe/London with a TZID, and the calendar carries the VTIMEZONE for it (with its summer-time
rules), which Outlook needs to place the events: it does not know the IANA name on its own.
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from django import forms
from django.http import HttpResponse
from django.utils import timezone

from traction.core.forms import PartnershipForm
from traction.core.views import FormPageView

LONDON = ZoneInfo("Europe/London")
TZ_RULES_FROM = datetime.date(2000, 1, 1)  # the VTIMEZONE lists transitions from here (to 2038)


def new_calendar(*, name: str, product: str) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//Traction//{product}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    return cal


def stamp() -> datetime.datetime:
    """DTSTAMP: when the file was written, in UTC, to the second."""
    return timezone.now().astimezone(datetime.UTC).replace(microsecond=0)


def to_ical(cal: icalendar.Calendar) -> bytes:
    """The file's bytes, with a VTIMEZONE for every time zone its events use."""
    cal.add_missing_timezones(first_date=TZ_RULES_FROM)
    return cal.to_ical()


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


SUBSCRIPTIONS = "Calendar subscriptions"


class SubscribeForm(PartnershipForm, forms.Form):
    """Nothing to fill in: the page explains what the address gives away before it is made."""


class CalendarSubscribeView(FormPageView):
    """Make (or show again) the user's subscription address for a record (``target_model``, or none: the
    partnership's meetings). Anyone who may see what a feed shows (``needs``, an object type of the permission
    table) may subscribe to what they may see; the address shows it as they may see it at each fetch. A
    subclass names the feed (``subscribe``), where the user's subscriptions are listed (``subscriptions_url``)
    and what the feed is of (``target_label``)."""

    form_class = SubscribeForm
    permission = "view"
    creates = True
    submit_label = "Make my subscription address"
    success_message = "Your subscription address is below: copy it into your calendar application."
    target_model: type[Any] | None = None
    target_field = ""
    target: Any = None
    shown = ""

    def needs(self) -> str:
        raise NotImplementedError

    def subscribe(self, **target: Any) -> Any:
        raise NotImplementedError

    def subscriptions_url(self) -> str:
        raise NotImplementedError

    def target_label(self) -> str:
        raise NotImplementedError

    def load(self) -> None:
        if self.target_model is not None:
            self.target = self.get_permitted(self.target_model, self.kwargs["pk"])

    def prepare(self) -> None:
        self.load()
        self.require("view", self.needs())

    def title(self) -> str:
        return f"Subscribe to {self.target_label()} in a calendar"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (SUBSCRIPTIONS, self.subscriptions_url())]

    def extra_context(self) -> dict[str, Any]:
        return {
            "notice": (
                "A calendar application (Outlook, Google Calendar, Apple Calendar) fetches the calendar from "
                "a secret address without signing in, and keeps it up to date. Anyone who has the address "
                f"can read {self.shown}, so keep it to yourself; you "
                "can revoke it at any time on the calendar subscriptions page, and it stops working if you "
                "leave the partnership."
            )
        }

    def perform(self, form: Any) -> Any:
        return self.subscribe(**({self.target_field: self.target} if self.target_model is not None else {}))

    def success_url(self, result: Any) -> str:
        return self.subscriptions_url() + f"#feed-{result.pk}"
