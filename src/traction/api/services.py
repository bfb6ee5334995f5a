"""Making, using and revoking personal API tokens. Each write is one transaction with its audit event."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from traction.api.models import ApiToken, Scope
from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership

PREFIX_LENGTH = 8
# The last-used time is written at most this often, so that reading the API is not a write per request.
LAST_USED_EVERY = datetime.timedelta(minutes=1)
NAME_REQUIRED = "Give the token a name, so you can tell it from your others."
UNKNOWN_SCOPE = "Choose read, or read and write."


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def tokens_of(*, user: Any) -> QuerySet[ApiToken]:
    """A user's own tokens (active and revoked), newest first."""
    if not user.is_authenticated:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user.pk).select_related("partnership")


def token_get_own(*, user: Any, pk: object) -> ApiToken:
    try:
        return tokens_of(user=user).get(pk=int(str(pk)))
    except (ApiToken.DoesNotExist, ValueError) as exc:
        raise Http404(policy.NOT_FOUND) from exc


@transaction.atomic
def token_create(*, actor: Any, partnership: Partnership, name: str, scope: str) -> NewToken:
    """A token for a partnership the actor belongs to (any role: it never gives more than the role)."""
    if policy.role_of(user=actor, partnership=partnership) is None:
        raise Http404(policy.NOT_FOUND)
    if not name.strip():
        raise ValidationError({"name": NAME_REQUIRED})
    if scope not in Scope.values:
        raise ValidationError({"scope": UNKNOWN_SCOPE})
    secret = secrets.token_urlsafe(32)
    token = ApiToken(
        user=actor,
        partnership=partnership,
        name=name.strip(),
        scope=scope,
        prefix=secret[:PREFIX_LENGTH],
        hash=_digest(secret),
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=actor,
        partnership=partnership,
        verb="created API token",
        instance=token,
        changes={"name": [None, token.name], "scope": [None, token.scope]},
    )
    return NewToken(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    """Revoke one of the actor's own tokens; revoking a revoked token changes nothing."""
    if token.user_id != actor.pk:
        raise Http404(policy.NOT_FOUND)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            partnership=token.partnership,
            verb="revoked API token",
            instance=token,
            changes={"revoked_at": [None, token.revoked_at.isoformat()]},
        )
    return token


def token_authenticate(*, secret: str, now: datetime.datetime | None = None) -> ApiToken | None:
    """The active token whose secret this is, or None. The stored hash is looked up by the digest and
    compared again in constant time; its last-used time is written at most once a minute."""
    if not secret or len(secret) > 200:
        return None
    digest = _digest(secret)
    token = (
        ApiToken.objects.filter(hash=digest, revoked_at__isnull=True)
        .select_related("user", "partnership")
        .first()
    )
    if token is None or not hmac.compare_digest(token.hash, digest) or not token.user.is_active:
        return None
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
