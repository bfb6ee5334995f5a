"""The calendar feeds parse with the icalendar library: one event per session, stable UIDs, London times or
all-day dates, place and description; a person's feed has only the sessions of their cohorts."""

from __future__ import annotations

import datetime
from typing import Any

import icalendar
import pytest
from django.urls import reverse

from factories import World, make_person
from programmes import kit_programmes as kit

pytestmark = pytest.mark.django_db


def _events(client: Any, url: str) -> list[Any]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def _url(w: World, name: str, pk: int) -> str:
    return reverse(f"programmes:{name}", kwargs={"slug": w.partnership.slug, "pk": pk})


def test_the_programme_feed_has_every_session(client_for: Any, world_a: World) -> None:
    programme = kit.world_programme(world_a)
    past, future = kit.world_cohort(world_a).sessions.order_by("date")
    client = client_for("viewer")
    events = _events(client, _url(world_a, "programme-calendar", programme.pk))
    assert [str(e["uid"]) for e in events] == [
        f"session-{past.pk}@testserver",
        f"session-{future.pk}@testserver",
    ]
    timed, all_day = events
    start = timed.decoded("dtstart")
    assert start == datetime.datetime.combine(past.date, datetime.time(9, 30), tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Europe/London"
    # Outlook places the events by the VTIMEZONE the file carries, not by the zone's name.
    file = icalendar.Calendar.from_ical(client.get(_url(world_a, "programme-calendar", programme.pk)).content)
    assert [str(tz["tzid"]) for tz in file.walk("VTIMEZONE")] == ["Europe/London"]
    assert timed.decoded("dtend").time() == datetime.time(16, 0)
    assert str(timed["location"]) == "Civic Centre"
    assert "Leading together" in str(timed["summary"]) and "Cohort A" in str(timed["description"])
    assert "dtstamp" in timed
    assert all_day.decoded("dtstart") == future.date
    assert all_day.decoded("dtend") == future.date + datetime.timedelta(days=1)
    again = _events(client, _url(world_a, "programme-calendar", programme.pk))
    assert [e["uid"] for e in again] == [e["uid"] for e in events]


def test_a_persons_feed_has_the_sessions_of_their_cohorts_only(client_for: Any, world_a: World) -> None:
    cohort = kit.world_cohort(world_a)
    other = kit.make_cohort(kit.world_programme(world_a))
    kit.make_session(other, title="Someone else's day")
    events = _events(client_for("member"), _url(world_a, "person-calendar", world_a.person.pk))
    assert {str(e["uid"]) for e in events} == {f"session-{s.pk}@testserver" for s in cohort.sessions.all()}
    nobody = make_person(world_a.partnership)
    assert _events(client_for("member"), _url(world_a, "person-calendar", nobody.pk)) == []


def test_a_feed_is_behind_log_in(client: Any, world_a: World) -> None:
    response = client.get(_url(world_a, "person-calendar", world_a.person.pk))
    assert response.status_code == 302
    assert "/login/" in response["Location"]
