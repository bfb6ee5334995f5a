"""Calendar subscriptions: a secret, signed, revocable address that a calendar application fetches without
signing in. It shows what its owner may see at each fetch, and nothing once revoked, forged, or once the owner
left the partnership or the record is gone; the list and the revoke button are the owner's alone."""

from __future__ import annotations

from typing import Any

import icalendar
import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from dbstate import assert_db_unchanged
from factories import World, make_person
from programmes import kit_programmes as kit
from traction.core.models import AuditEvent, Membership
from traction.programmes.models.calendars import CalendarFeed
from traction.programmes.services import calendars as services

pytestmark = pytest.mark.django_db


def _url(w: World, name: str, **kwargs: Any) -> str:
    return reverse(f"programmes:{name}", kwargs={"slug": w.partnership.slug, **kwargs})


def _subscribe(client: Client, url: str) -> CalendarFeed:
    page = client.get(url)
    assert page.status_code == 200
    assert "keep it to yourself" in page.content.decode()
    response = client.post(
        url, {"form_token": page.context["form_token"]} if "form_token" in page.context else {}
    )
    assert response.status_code == 302, response.status_code
    return CalendarFeed.objects.latest("pk")


def _address_path(feed: CalendarFeed) -> str:
    return reverse("calendar-feed", kwargs={"token": services.address_token(feed)})


def _fetch(path: str) -> Any:
    return Client().get(path)  # a calendar application: no session, no cookie


def _uids(response: Any) -> set[str]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    return {str(e["uid"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


def test_a_programme_subscription_serves_its_sessions_without_a_session(
    client_for: Any, users: dict[str, Any], world_a: World
) -> None:
    programme = kit.world_programme(world_a)
    client = client_for("viewer")
    feed = _subscribe(client, _url(world_a, "programme-subscribe", pk=programme.pk))
    assert (feed.user, feed.programme, feed.person) == (users["viewer"], programme, None)
    assert AuditEvent.objects.filter(
        verb="created", object_type="calendarfeed", object_id=str(feed.pk)
    ).exists()

    listing = client.get(_url(world_a, "calendar-subscriptions")).content.decode()
    path = _address_path(feed)
    assert f"http://testserver{path}" in listing and f"webcal://testserver{path}" in listing

    sessions = kit.world_cohort(world_a).sessions.all()
    assert _uids(_fetch(path)) == {f"session-{s.pk}@testserver" for s in sessions}
    feed.refresh_from_db()
    assert feed.last_fetched_at is not None

    # A session added later is in the next fetch: the feed is read live.
    later = kit.make_session(kit.world_cohort(world_a), title="Day 9: Review")
    assert f"session-{later.pk}@testserver" in _uids(_fetch(path))


def test_asking_again_gives_the_same_address(client_for: Any, world_a: World) -> None:
    programme = kit.world_programme(world_a)
    client = client_for("member")
    url = _url(world_a, "programme-subscribe", pk=programme.pk)
    first = _subscribe(client, url)
    second = _subscribe(client, url)
    assert first == second
    assert CalendarFeed.objects.count() == 1


def test_a_persons_subscription_shows_their_cohorts_sessions_only(client_for: Any, world_a: World) -> None:
    cohort = kit.world_cohort(world_a)
    other = kit.make_cohort(kit.world_programme(world_a), name="Cohort Z")
    elsewhere = kit.make_session(other, title="Someone else's day")
    feed = _subscribe(client_for("member"), _url(world_a, "person-subscribe", pk=world_a.person.pk))
    uids = _uids(_fetch(_address_path(feed)))
    assert uids == {f"session-{s.pk}@testserver" for s in cohort.sessions.all()}
    assert f"session-{elsewhere.pk}@testserver" not in uids


@pytest.mark.parametrize(
    "token",
    [
        "forged:not-a-signature",
        "0123456789abcdef0123456789abcdef",
        signing.Signer(salt="another.purpose").sign("0123456789abcdef0123456789abcdef"),
    ],
)
def test_a_forged_address_is_not_found(world_a: World, token: str) -> None:
    with assert_db_unchanged():
        response = _fetch(reverse("calendar-feed", kwargs={"token": token}))
    assert response.status_code == 404


def test_an_address_altered_by_one_character_is_not_found(client_for: Any, world_a: World) -> None:
    feed = _subscribe(
        client_for("member"), _url(world_a, "programme-subscribe", pk=kit.world_programme(world_a).pk)
    )
    token = services.address_token(feed)
    nonce, signature = token.split(":")
    altered = nonce[:-1] + ("0" if nonce[-1] != "0" else "1") + ":" + signature
    assert _fetch(reverse("calendar-feed", kwargs={"token": altered})).status_code == 404
    assert _fetch(_address_path(feed)).status_code == 200


def test_revoking_ends_the_address_for_good(client_for: Any, world_a: World) -> None:
    programme = kit.world_programme(world_a)
    client = client_for("member")
    feed = _subscribe(client, _url(world_a, "programme-subscribe", pk=programme.pk))
    path = _address_path(feed)
    response = client.post(_url(world_a, "calendar-subscriptions"), {"revoke": feed.pk})
    assert response.status_code == 302
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    assert AuditEvent.objects.filter(verb="revoked", object_id=str(feed.pk)).exists()
    assert _fetch(path).status_code == 404
    assert "it no longer works" in client.get(_url(world_a, "calendar-subscriptions")).content.decode()
    # A new address is a different one; the old stays dead.
    renewed = _subscribe(client, _url(world_a, "programme-subscribe", pk=programme.pk))
    assert renewed != feed and _address_path(renewed) != path
    assert _fetch(path).status_code == 404
    assert _fetch(_address_path(renewed)).status_code == 200


@pytest.mark.parametrize("value", ["", "abc", "١٢", "99999999999999999999999", "-1"])
def test_a_malformed_revoke_changes_nothing(client_for: Any, world_a: World, value: str) -> None:
    client = client_for("member")
    _subscribe(client, _url(world_a, "programme-subscribe", pk=kit.world_programme(world_a).pk))
    with assert_db_unchanged():
        response = client.post(_url(world_a, "calendar-subscriptions"), {"revoke": value})
    assert response.status_code == 404


def test_only_the_owner_sees_and_revokes_an_address(client_for: Any, world_a: World) -> None:
    feed = _subscribe(
        client_for("member"), _url(world_a, "programme-subscribe", pk=kit.world_programme(world_a).pk)
    )
    token = services.address_token(feed)
    for role in ("admin", "secretary", "facilitator", "viewer"):
        client = client_for(role)
        assert token not in client.get(_url(world_a, "calendar-subscriptions")).content.decode()
        with assert_db_unchanged():
            response = client.post(_url(world_a, "calendar-subscriptions"), {"revoke": feed.pk})
        assert response.status_code == 404
    assert _fetch(_address_path(feed)).status_code == 200


def test_another_partnerships_feed_cannot_be_revoked_here(
    client_for: Any, world_a: World, world_b: World, outsider: Any
) -> None:
    theirs = services.subscribe(
        actor=outsider, partnership=world_b.partnership, programme=kit.world_programme(world_b)
    )
    admin = client_for("admin")
    with assert_db_unchanged():
        response = admin.post(_url(world_a, "calendar-subscriptions"), {"revoke": theirs.pk})
    assert response.status_code == 404
    # Nor can its owner reach A's list or subscribe to A's records.
    outsider_client = client_for("outsider")
    assert outsider_client.get(_url(world_a, "calendar-subscriptions")).status_code == 404
    with assert_db_unchanged():
        response = outsider_client.post(
            _url(world_b, "programme-subscribe", pk=kit.world_programme(world_a).pk)
        )
    assert response.status_code == 404


def test_an_owner_who_left_or_was_deactivated_gets_nothing(
    client_for: Any, users: dict[str, Any], world_a: World
) -> None:
    programme = kit.world_programme(world_a)
    feeds = {
        role: _subscribe(client_for(role), _url(world_a, "programme-subscribe", pk=programme.pk))
        for role in ("member", "viewer")
    }
    Membership.objects.filter(user=users["member"], partnership=world_a.partnership).delete()
    users["viewer"].is_active = False
    users["viewer"].save()
    for feed in feeds.values():
        assert _fetch(_address_path(feed)).status_code == 404


def test_a_feed_ends_with_its_programme_or_person(client_for: Any, world_a: World) -> None:
    programme = kit.fresh_programme(world_a)
    person = make_person(world_a.partnership, name="Leaving Person")
    client = client_for("secretary")
    by_programme = _subscribe(client, _url(world_a, "programme-subscribe", pk=programme.pk))
    by_person = _subscribe(client, _url(world_a, "person-subscribe", pk=person.pk))
    paths = [_address_path(by_programme), _address_path(by_person)]
    programme.delete()
    person.delete()
    assert not CalendarFeed.objects.exists()
    assert [_fetch(p).status_code for p in paths] == [404, 404]


def test_the_address_gives_no_other_access(client_for: Any, world_a: World) -> None:
    """The address opens the feed only: with it, the partnership's pages still ask to log in."""
    feed = _subscribe(
        client_for("member"), _url(world_a, "programme-subscribe", pk=kit.world_programme(world_a).pk)
    )
    anonymous = Client()
    assert anonymous.get(_address_path(feed)).status_code == 200
    response = anonymous.get(_url(world_a, "calendar-subscriptions"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert anonymous.post(_address_path(feed)).status_code == 405
