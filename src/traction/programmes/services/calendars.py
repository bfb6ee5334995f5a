"""Calendar subscriptions: asking for a feed's address, revoking it, and resolving an address when a calendar
application fetches it (no session: the address is the credential). Programme sessions, meetings and actions
share this one mechanism."""

from __future__ import annotations

import secrets
from typing import Any

from django.core import signing
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.governance.models import Body, Person

from ..models.calendars import CalendarFeed, FeedKind
from ..models.programmes import Programme

SALT = "traction.programmes.calendar-feed"
ALREADY_REVOKED = "This calendar address was already revoked."

# What the owner of each kind of feed must be allowed to see, at subscribing and at every fetch.
NEEDS: dict[str, str] = {
    FeedKind.SESSIONS: "programme",
    FeedKind.MEETINGS: "meeting",
    FeedKind.ACTIONS: "action",
}


def address_token(feed: CalendarFeed) -> str:
    """The secret part of the feed's address: its nonce signed with the site's key (URL-safe)."""
    return signing.Signer(salt=SALT).sign(feed.nonce)


def subscribe(
    *,
    actor: Any,
    partnership: Partnership,
    kind: str = FeedKind.SESSIONS,
    programme: Programme | None = None,
    person: Person | None = None,
    body: Body | None = None,
) -> CalendarFeed:
    """``actor``'s live feed of ``kind`` following ``programme``, ``person`` or ``body`` (or, for meetings,
    nothing: the partnership's): the one already given, or a new one (audited). The caller has fetched the
    record through the policy; asking twice, even at once, gives one feed."""
    target = {"kind": kind, "programme": programme, "person": person, "body": body}
    live = CalendarFeed.objects.filter(partnership=partnership, user=actor, revoked_at__isnull=True, **target)
    if (feed := live.first()) is not None:
        return feed
    try:
        with transaction.atomic():
            feed = CalendarFeed(partnership=partnership, user=actor, nonce=secrets.token_hex(16), **target)
            feed.full_clean()
            feed.save()
            audit_record(actor=actor, partnership=partnership, verb="created", instance=feed)
    except IntegrityError:  # the same request sent twice at once: the other one made it
        return live.get()
    return feed


@transaction.atomic
def revoke(*, actor: Any, feed: CalendarFeed) -> CalendarFeed:
    """End the feed's address for good (a calendar that fetches it gets "not found"); audited."""
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    if feed.revoked_at is not None:
        return feed
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    audit_record(actor=actor, partnership=feed.partnership, verb="revoked", instance=feed)
    return feed


def _followed(feed: CalendarFeed) -> tuple[type[models.Model], int] | None:
    """The record the feed follows (model and id), or None for the partnership's meetings."""
    if feed.programme_id is not None:
        return Programme, feed.programme_id
    if feed.person_id is not None:
        return Person, feed.person_id
    if feed.body_id is not None:
        return Body, feed.body_id
    return None


def resolve(token: str) -> CalendarFeed | None:
    """The live feed a fetched address names, when its owner may still see what it shows; else None.

    A forged, altered or revoked address, a deactivated owner, an owner no longer in the partnership or no
    longer allowed to see what the feed shows, and a record gone or hidden from the owner: all None, never a
    reason.
    """
    try:
        nonce = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    feed = (
        CalendarFeed.objects.select_related("user", "partnership", "programme", "person", "body")
        .filter(nonce=nonce, revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    user, partnership = feed.user, feed.partnership
    if not policy.allowed(user=user, partnership=partnership, action="view", object_type=NEEDS[feed.kind]):
        return None
    followed = _followed(feed)
    if followed is not None:
        model, pk = followed
        if (
            not policy.permitted(user=user, partnership=partnership, action="view", model=model)
            .filter(pk=pk)
            .exists()
        ):
            return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=timezone.now())
    return feed
