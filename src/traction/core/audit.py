"""Audit trail: every service writes one event inside its own transaction."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.db import models

from traction.core.models import AuditEvent, Membership, Partnership


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time, decimal.Decimal)):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The concrete field values of an instance, in JSON-safe form, for before/after diffs."""
    return {
        field.name: _plain(getattr(instance, field.name))
        for field in instance._meta.concrete_fields
        if field.name not in {"id", "partnership"}
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {key: [before.get(key), value] for key, value in after.items() if before.get(key) != value}


def audit_record(
    *,
    actor: Any,
    partnership: Partnership,
    verb: str,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        partnership=partnership,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        object_type=instance._meta.model_name or "",
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=changes or {},
    )


def audit_access(
    *, partnerships: list[Partnership], verb: str, instance: models.Model, changes: dict[str, Any]
) -> None:
    """Events about access to the site rather than changes to the record (failed sign-ins, lockouts), one per
    partnership. Anyone can cause them, so they are written with bulk_create, which sends no post_save: they
    must not give the partnership a new record version (traction.diagnosis.versions) and empty its caches."""
    AuditEvent.objects.bulk_create(
        AuditEvent(
            partnership=partnership,
            actor=None,
            verb=verb,
            object_type=instance._meta.model_name or "",
            object_id=str(instance.pk),
            object_repr=str(instance)[:200],
            changes=changes,
        )
        for partnership in partnerships
    )


def audit_account(*, actor: Any, user: Any, verb: str, changes: dict[str, Any] | None = None) -> None:
    """An event about an account rather than a record (its two-factor sign-in turned on or off, a wrong code),
    one in each partnership the account belongs to, so each partnership's admins see it in their trail. Like
    ``audit_access`` it sends no post_save: the partnership's record has not changed."""
    partnership_ids = Membership.objects.filter(user=user.pk).values_list("partnership_id", flat=True)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            partnership_id=partnership_id,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            verb=verb,
            object_type="user",
            object_id=str(user.pk),
            object_repr=str(user)[:200],
            changes=changes or {},
        )
        for partnership_id in partnership_ids
    )
