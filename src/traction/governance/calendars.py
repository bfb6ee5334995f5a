"""The governance record as iCalendar: meetings (of one body or of every body the reader may see) and one
person's open actions by due date. Read through the selectors, so a file shows what its reader may see; the
subscription mechanism (secret, revocable addresses) is the one programme feeds use."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import icalendar
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone

from traction.core.calendars import LONDON, new_calendar, stamp, to_ical
from traction.core.models import Partnership
from traction.governance import selectors
from traction.governance.models import Action, Body, Meeting, MeetingStatus, Person

# Turns a site path into an absolute address (the request's ``build_absolute_uri``).
Absolute = Callable[[str], str]


def meetings_for(*, user: Any, partnership: Partnership, body: Body | None = None) -> list[Meeting]:
    return list(selectors.meeting_list_for(user=user, partnership=partnership, body=body))


def actions_for(*, user: Any, partnership: Partnership, person: Person) -> list[Action]:
    """``person``'s open actions with a due date, overdue ones included (they stay until done)."""
    actions = selectors.action_list_for(user=user, partnership=partnership, view="open", lead_id=person.pk)
    return list(
        actions.filter(due_date__isnull=False)
        .select_related("agenda_item")
        .annotate(revision_count=Count("revisions", distinct=True), revised_at=Max("revisions__changed_at"))
        .order_by("due_date", "id")
    )


def _link(absolute: Absolute, partnership: Partnership, name: str, pk: int) -> str:
    return absolute(reverse(f"governance:{name}", kwargs={"slug": partnership.slug, "pk": pk}))


def meetings_calendar(
    meetings: list[Meeting], *, name: str, host: str, partnership: Partnership, absolute: Absolute
) -> bytes:
    """Timed events in Europe/London (a meeting always has a start time) lasting the scheduled duration;
    stable UIDs; a cancelled meeting stays, marked cancelled, so calendars that had it drop it."""
    cal = new_calendar(name=name, product="Meetings")
    written = stamp()
    for m in meetings:
        event = icalendar.Event()
        event.add("uid", f"meeting-{m.pk}@{host}")
        event.add("dtstamp", written)
        cancelled = m.status == MeetingStatus.CANCELLED
        event.add("summary", f"{'Cancelled: ' if cancelled else ''}{m.body.name} meeting")
        start = timezone.localtime(m.start, LONDON)
        event.add("dtstart", start)
        event.add("dtend", start + datetime.timedelta(minutes=m.duration_minutes))
        if m.location:
            event.add("location", m.location)
        if cancelled:
            event.add("status", "CANCELLED")
        link = _link(absolute, partnership, "meeting-detail", m.pk)
        event.add("url", link)
        event.add("description", f"{m.body.name}: {m.get_status_display().lower()} meeting.\n{link}")
        cal.add_component(event)
    return to_ical(cal)


def action_description(action: Action, link: str) -> str:
    item = action.agenda_item
    lines = [f"Body: {action.body.name}"]
    if item is not None:
        lines.append(f"Meeting: {item.meeting}")
    reference = action.minute_reference or (item.number if item is not None else "")
    if reference:
        lines.append(f"Minute reference: {reference}")
    if item is not None and item.number and item.number != reference:
        lines.append(f"Item: {item.number}")
    lines.append(f"Status: {action.get_status_display()}" + (" (overdue)" if action.is_overdue else ""))
    lines.append(link)
    return "\n".join(lines)


def actions_calendar(
    actions: list[Action], *, name: str, host: str, partnership: Partnership, absolute: Absolute
) -> bytes:
    """All-day events on each action's current due date. SEQUENCE counts the due date's revisions and
    LAST-MODIFIED is the latest of them, so a calendar moves an event whose date was revised."""
    cal = new_calendar(name=name, product="Actions")
    written = stamp()
    for a in actions:
        assert a.due_date is not None  # actions_for keeps only dated actions
        event = icalendar.Event()
        event.add("uid", f"action-{a.pk}@{host}")
        event.add("dtstamp", written)
        event.add("summary", a.text)
        event.add("dtstart", a.due_date)
        event.add("dtend", a.due_date + datetime.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a due date, not time taken
        event.add("sequence", getattr(a, "revision_count", 0))
        modified = getattr(a, "revised_at", None) or a.created_at
        event.add("last-modified", modified.astimezone(datetime.UTC).replace(microsecond=0))
        link = _link(absolute, partnership, "action-detail", a.pk)
        event.add("url", link)
        event.add("description", action_description(a, link))
        cal.add_component(event)
    return to_ical(cal)
