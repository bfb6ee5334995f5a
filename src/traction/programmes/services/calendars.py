"""Calendar subscriptions: asking for a feed's address, revoking it, and resolving an address when a calendar
application fetches it (no session: the address is the credential)."""

from __future__ import annotations

import secrets
from typing import Any

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.governance.models import Person

from ..models.calendars import CalendarFeed
from ..models.programmes import Programme

SALT = "traction.programmes.calendar-feed"
ALREADY_REVOKED = "This calendar address was already revoked."


def address_token(feed: CalendarFeed) -> str:
    """The secret part of the feed's address: its nonce signed with the site's key (URL-safe)."""
    return signing.Signer(salt=SALT).sign(feed.nonce)


def subscribe(
    *, actor: Any, partnership: Partnership, programme: Programme | None = None, person: Person | None = None
) -> CalendarFeed:
    """``actor``'s live feed of ``programme`` or ``person``: the one already given, or a new one (audited).
    The caller has fetched the record through the policy; asking twice, even at once, gives one feed."""
    target = {"programme": programme} if programme is not None else {"person": person}
    live = CalendarFeed.objects.filter(user=actor, revoked_at__isnull=True, **target)
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


def resolve(token: str) -> CalendarFeed | None:
    """The live feed a fetched address names, when its owner may still see what it shows; else None.

    A forged, altered or revoked address, a deactivated owner, an owner no longer in the partnership or no
    longer allowed to see programmes, and a record gone or hidden from the owner: all None, never a reason.
    """
    try:
        nonce = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    feed = (
        CalendarFeed.objects.select_related("user", "partnership", "programme", "person")
        .filter(nonce=nonce, revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    user, partnership = feed.user, feed.partnership
    if not policy.allowed(user=user, partnership=partnership, action="view", object_type="programme"):
        return None
    model, pk = (Programme, feed.programme_id) if feed.programme_id else (Person, feed.person_id)
    if (
        not policy.permitted(user=user, partnership=partnership, action="view", model=model)
        .filter(pk=pk)
        .exists()
    ):
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=timezone.now())
    return feed
