"""iCalendar files as every calendar feed writes them (programme sessions, meetings, actions).

Times are in Europe/London with a TZID, and the calendar carries the VTIMEZONE for it (with its summer-time
rules), which Outlook needs to place the events: it does not know the IANA name on its own.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.http import HttpResponse
from django.utils import timezone

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
