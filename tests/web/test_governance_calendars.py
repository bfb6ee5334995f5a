"""Calendars of the governance record: a body's and the partnership's meetings, and a person's open actions by
due date, downloaded while signed in or subscribed to through the secret, revocable addresses programme feeds
use. Every file is read back with icalendar."""

from __future__ import annotations

import datetime
from typing import Any

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from dbstate import assert_db_unchanged
from factories import DUE, LONDON, World, make_action, make_meeting
from traction.core.models import Membership
from traction.governance import services as governance_services
from traction.governance.models import ActionStatus
from traction.programmes.models.calendars import CalendarFeed, FeedKind
from traction.programmes.services import calendars as feeds

pytestmark = pytest.mark.django_db


def _url(w: World, name: str, **kwargs: Any) -> str:
    return reverse(f"governance:{name}", kwargs={"slug": w.partnership.slug, **kwargs})


def _calendar(response: Any) -> icalendar.Calendar:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def _events(response: Any) -> dict[str, Any]:
    return {str(e["uid"]): e for e in _calendar(response).walk("VEVENT")}


def _subscribe(client: Client, url: str) -> CalendarFeed:
    page = client.get(url)
    assert page.status_code == 200
    assert "keep it to yourself" in page.content.decode()
    response = client.post(url, {"form_token": page.context["form_token"]})
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert location.startswith(
        reverse("programmes:calendar-subscriptions", args=[page.context["partnership"].slug])
    )
    return CalendarFeed.objects.get(pk=int(location.rsplit("#feed-", 1)[1]))


def _fetch(feed: CalendarFeed) -> Any:
    return Client().get(reverse("calendar-feed", kwargs={"token": feeds.address_token(feed)}))


def test_meetings_are_timed_in_london_through_summer_time(
    client_for: Any, world_a: World, world_b: World
) -> None:
    summer = make_meeting(
        world_a.partnership, body=world_a.body, start=datetime.datetime(2026, 7, 1, 10, tzinfo=LONDON)
    )
    winter = make_meeting(
        world_a.partnership,
        body=world_a.body,
        start=datetime.datetime(2026, 12, 1, 10, tzinfo=LONDON),
        duration_minutes=90,
        status="cancelled",
    )
    elsewhere = make_meeting(world_a.partnership, body=world_a.sub_body)
    client = client_for("viewer")
    response = client.get(_url(world_a, "body-calendar", pk=world_a.body.pk))
    cal = _calendar(response)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"meeting-{m.pk}@testserver" for m in (world_a.meeting, summer, winter)}

    july, december = events[f"meeting-{summer.pk}@testserver"], events[f"meeting-{winter.pk}@testserver"]
    assert july["dtstart"].params["TZID"] == "Europe/London"
    utc = datetime.UTC
    assert july.decoded("dtstart").astimezone(utc) == datetime.datetime(2026, 7, 1, 9, tzinfo=utc)
    assert december.decoded("dtstart").astimezone(utc) == datetime.datetime(2026, 12, 1, 10, tzinfo=utc)
    assert december.decoded("dtend").astimezone(utc) == datetime.datetime(2026, 12, 1, 11, 30, tzinfo=utc)
    assert str(december["status"]) == "CANCELLED" and str(december["summary"]).startswith("Cancelled:")
    civic = events[f"meeting-{world_a.meeting.pk}@testserver"]
    assert str(civic["location"]) == "Civic Centre"
    link = f"http://testserver{_url(world_a, 'meeting-detail', pk=world_a.meeting.pk)}"
    assert str(civic["url"]) == link and link in str(civic["description"])

    # The partnership's meetings: every body's, none of another partnership's.
    everything = _events(client.get(_url(world_a, "meetings-calendar")))
    assert f"meeting-{elsewhere.pk}@testserver" in everything and len(everything) == 4
    assert not any(world_b.body.name in str(e["summary"]) for e in everything.values())


def test_a_secretary_subscribes_to_their_actions(
    client_for: Any, users: dict[str, Any], world_a: World
) -> None:
    secretary = users["secretary"]
    world_a.person.user = secretary
    world_a.person.save()
    overdue = make_action(world_a.partnership, body=world_a.body, lead=world_a.person, due_date=DUE)
    undated = make_action(world_a.partnership, body=world_a.body, lead=world_a.person)
    done = make_action(
        world_a.partnership, body=world_a.body, lead=world_a.person, due_date=DUE, status=ActionStatus.DONE
    )
    client = client_for("secretary")
    mine = client.get(_url(world_a, "my-actions")).content.decode()
    subscribe = _url(world_a, "person-actions-subscribe", pk=world_a.person.pk)
    assert f'href="{subscribe}"' in mine
    feed = _subscribe(client, subscribe)
    assert (feed.kind, feed.person, feed.user) == (FeedKind.ACTIONS, world_a.person, secretary)
    listing = client.get(reverse("programmes:calendar-subscriptions", args=[world_a.partnership.slug]))
    assert feeds.address_token(feed) in listing.content.decode()

    events = _events(_fetch(feed))
    uid = f"action-{world_a.action.pk}@testserver"
    assert set(events) == {uid, f"action-{overdue.pk}@testserver"}  # overdue stays; done and undated do not
    assert f"action-{undated.pk}@testserver" not in events and f"action-{done.pk}@testserver" not in events
    event = events[uid]
    assert str(event["summary"]) == world_a.action.text
    assert event.decoded("dtstart") == DUE and event.decoded("dtend") == DUE + datetime.timedelta(days=1)
    description = str(event["description"])
    link = f"http://testserver{_url(world_a, 'action-detail', pk=world_a.action.pk)}"
    for part in (world_a.body.name, "Minute reference: 5/1", "Status: Open", link, str(world_a.meeting)):
        assert part in description, part
    assert str(event["url"]) == link
    assert int(event["sequence"]) == 0

    # A revised due date moves the event, with a higher SEQUENCE and a later LAST-MODIFIED.
    later = DUE + datetime.timedelta(days=45)
    governance_services.action_revise_due(
        actor=secretary, action=world_a.action, new_due_date=later, reason="Waiting for the audit"
    )
    revised = _events(_fetch(feed))[uid]
    assert revised.decoded("dtstart") == later
    assert int(revised["sequence"]) == 1
    assert revised.decoded("last-modified") > event.decoded("last-modified")

    # Done, it leaves the calendar.
    governance_services.action_set_status(
        actor=secretary, action=world_a.action, status=ActionStatus.DONE, completed_on=DUE
    )
    assert uid not in _events(_fetch(feed))


def test_a_revoked_or_orphaned_feed_is_not_found(
    client_for: Any, users: dict[str, Any], world_a: World
) -> None:
    client = client_for("member")
    body_feed = _subscribe(client, _url(world_a, "body-subscribe", pk=world_a.body.pk))
    all_feed = _subscribe(client, _url(world_a, "meetings-subscribe"))
    actions_feed = _subscribe(client, _url(world_a, "person-actions-subscribe", pk=world_a.person.pk))
    assert body_feed.body == world_a.body and all_feed.body is None and all_feed.kind == FeedKind.MEETINGS
    assert _subscribe(client, _url(world_a, "meetings-subscribe")) == all_feed  # asking again: the same
    assert CalendarFeed.objects.count() == 3
    assert [_fetch(f).status_code for f in (body_feed, all_feed, actions_feed)] == [200, 200, 200]

    response = client.post(
        reverse("programmes:calendar-subscriptions", args=[world_a.partnership.slug]),
        {"revoke": body_feed.pk},
    )
    assert response.status_code == 302
    assert _fetch(body_feed).status_code == 404

    # Losing access to the partnership ends the others at the next fetch.
    Membership.objects.filter(user=users["member"], partnership=world_a.partnership).delete()
    with assert_db_unchanged():
        assert [_fetch(f).status_code for f in (all_feed, actions_feed)] == [404, 404]


def test_another_partnerships_records_are_not_found(client_for: Any, world_a: World, world_b: World) -> None:
    client = client_for("secretary")
    for name, pk in (
        ("body-calendar", world_b.body.pk),
        ("body-subscribe", world_b.body.pk),
        ("person-actions-calendar", world_b.person.pk),
        ("person-actions-subscribe", world_b.person.pk),
    ):
        assert client.get(_url(world_a, name, pk=pk)).status_code == 404, name
        with assert_db_unchanged():
            assert client.post(_url(world_a, name, pk=pk), {}).status_code in (404, 405), name
    assert not CalendarFeed.objects.exists()


def test_the_pages_link_their_calendars(client_for: Any, world_a: World) -> None:
    client = client_for("secretary")
    body_page = client.get(_url(world_a, "body-detail", pk=world_a.body.pk)).content.decode()
    assert f'href="{_url(world_a, "body-subscribe", pk=world_a.body.pk)}"' in body_page
    assert f'href="{_url(world_a, "body-calendar", pk=world_a.body.pk)}"' in body_page
    meetings = client.get(_url(world_a, "meeting-list")).content.decode()
    assert f'href="{_url(world_a, "meetings-subscribe")}"' in meetings
    owners = client.get(_url(world_a, "action-owners")).content.decode()
    assert f'href="{_url(world_a, "person-actions-subscribe", pk=world_a.person.pk)}"' in owners
    assert f'href="{_url(world_a, "person-actions-calendar", pk=world_a.person.pk)}"' in owners
