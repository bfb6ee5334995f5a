"""Generic writes for records that need nothing beyond validation, permission and audit.

Each call is one transaction: permission check, ``full_clean``, save, many-to-many, audit event.
Writes with their own rules (revising an action's due date, closing it) live in their app's services.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction

from traction.core import policy
from traction.core.audit import audit_record, diff, snapshot
from traction.core.models import SAME_PARTNERSHIP, Membership, Partnership, Role

T = TypeVar("T", bound=models.Model)


# Keys a caller may never set: the partnership is fixed by the permission check, the identity by the row.
RESERVED_FIELDS = frozenset({"id", "pk", "partnership", "partnership_id"})
UNKNOWN_FIELD = "{model} has no field {name!r} that can be set."


CHANGED_SINCE = (
    "“{record}” was changed by someone else after you opened this page, so nothing was saved. Open it "
    "again to see their change, or save this form again to replace it with what you entered."
)


def version_of(instance: models.Model) -> str:
    """A fingerprint of a record's stored values: a form carries it, so a save can tell it is stale."""
    values = json.dumps(snapshot(instance), sort_keys=True, default=str)
    return hashlib.sha256(values.encode()).hexdigest()[:32]


def _apply(instance: T, data: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Set plain fields; return the many-to-many values, which need a saved instance."""
    fields = {field.name: field for field in instance._meta.get_fields() if field.concrete}
    m2m: dict[str, list[Any]] = {}
    for name, value in data.items():
        field = fields.get(name)
        if name in RESERVED_FIELDS or field is None or field.primary_key:
            raise ValueError(UNKNOWN_FIELD.format(model=type(instance).__name__, name=name))
        if field.many_to_many:
            m2m[name] = _same_partnership(instance, name, list(value))
        else:
            setattr(instance, name, value)
    return m2m


def _partnership_of(instance: models.Model) -> Partnership:
    """Every record these services write belongs to one partnership (a tenant record, a membership or a
    per-partnership setting)."""
    partnership = getattr(instance, "partnership", None)
    if not isinstance(partnership, Partnership):
        raise TypeError(f"{type(instance).__name__} does not belong to a partnership")
    return partnership


def _same_partnership(instance: models.Model, name: str, values: list[Any]) -> list[Any]:
    """The related records, all of this partnership; objects or bare pks alike are checked in the database."""
    related = cast("type[models.Model]", instance._meta.get_field(name).related_model)
    pks = {getattr(value, "pk", value) for value in values}
    found = list(related._default_manager.filter(partnership=_partnership_of(instance), pk__in=pks))
    if len(found) != len(pks):
        raise ValidationError({name: SAME_PARTNERSHIP})
    return found


def _m2m_snapshot(instance: models.Model, names: Iterable[str]) -> dict[str, list[str]]:
    return {name: sorted(str(o) for o in getattr(instance, name).all()) for name in names}


@transaction.atomic
def record_create(*, actor: Any, partnership: Partnership, model: type[T], data: Mapping[str, Any]) -> T:
    policy.require_write(user=actor, partnership=partnership, action="add", model=model)
    instance = model(partnership=partnership)
    m2m = _apply(instance, data)
    instance.full_clean()
    instance.save()
    for name, values in m2m.items():
        getattr(instance, name).set(values)
    changes = diff({}, snapshot(instance) | _m2m_snapshot(instance, m2m))
    audit_record(actor=actor, partnership=partnership, verb="created", instance=instance, changes=changes)
    return instance


@transaction.atomic
def record_update(*, actor: Any, instance: T, data: Mapping[str, Any], seen: str | None = None) -> T:
    """Change ``instance`` to ``data`` and audit what changed.

    The row is locked and read again first, so the audit's "before" is the record as it was, and fields
    not in ``data`` keep any change made meanwhile. ``seen`` is the ``version_of`` the record when the
    person opened the form: if it has changed since, nothing is written and they are told, rather than
    one of two edits being lost without a word."""
    partnership = _partnership_of(instance)
    policy.require_write(user=actor, partnership=partnership, action="change", model=type(instance))
    current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if seen is not None and version_of(current) != seen:
        raise ValidationError(CHANGED_SINCE.format(record=current), code="changed")
    m2m_names = [name for name in data if name in {f.name for f in current._meta.many_to_many}]
    before = snapshot(current) | _m2m_snapshot(current, m2m_names)
    m2m = _apply(current, data)
    current.full_clean()
    current.save()
    for name, values in m2m.items():
        getattr(current, name).set(values)
    changes = diff(before, snapshot(current) | _m2m_snapshot(current, m2m_names))
    if changes:
        audit_record(actor=actor, partnership=partnership, verb="changed", instance=current, changes=changes)
    if current is not instance:
        instance.refresh_from_db()  # the caller's copy shows what was stored
    return current


@transaction.atomic
def record_delete(*, actor: Any, instance: Any) -> None:
    partnership = instance.partnership
    policy.require_write(user=actor, partnership=partnership, action="delete", model=type(instance))
    audit_record(
        actor=actor,
        partnership=partnership,
        verb="deleted",
        instance=instance,
        changes={"deleted": snapshot(instance)},
    )
    instance.delete()


# --- memberships: who belongs to a partnership, and in which role ---------------------------------

UNKNOWN_USER = "There is no account with that username. A site administrator creates accounts."
ALREADY_IN_PARTNERSHIP = "That account is already a member of this partnership."
LAST_ADMIN = "A partnership needs at least one admin: make someone else an admin first."


def _keeps_an_admin(membership: Membership, new_role: str | None) -> None:
    """Refuse the change that would leave the partnership with nobody able to manage its members.

    The partnership's row is locked first, so its membership changes happen one at a time: two admins
    demoting each other at the same moment cannot both see the other still an admin. The role is read
    again under the lock (the page that sent the change may be stale)."""
    Partnership.objects.select_for_update().only("pk").get(pk=membership.partnership_id)
    role = Membership.objects.filter(pk=membership.pk).values_list("role", flat=True).first()
    if role != Role.ADMIN or new_role == Role.ADMIN:
        return
    admins = Membership.objects.filter(partnership_id=membership.partnership_id, role=Role.ADMIN)
    if not admins.exclude(pk=membership.pk).exists():
        raise ValidationError(LAST_ADMIN)


@transaction.atomic
def membership_add(*, actor: Any, partnership: Partnership, username: str, role: str) -> Membership:
    policy.require_write(user=actor, partnership=partnership, action="add", model=Membership)
    user = get_user_model().objects.filter(username=username.strip(), is_active=True).first()
    if user is None:
        raise ValidationError({"username": UNKNOWN_USER})
    if Membership.objects.filter(partnership=partnership, user=user).exists():
        raise ValidationError({"username": ALREADY_IN_PARTNERSHIP})
    return record_create(
        actor=actor, partnership=partnership, model=Membership, data={"user": user, "role": role}
    )


@transaction.atomic
def membership_change_role(*, actor: Any, membership: Membership, role: str) -> Membership:
    policy.require_write(user=actor, partnership=membership.partnership, action="change", model=Membership)
    _keeps_an_admin(membership, role)
    return record_update(actor=actor, instance=membership, data={"role": role})


@transaction.atomic
def membership_remove(*, actor: Any, membership: Membership) -> None:
    policy.require_write(user=actor, partnership=membership.partnership, action="delete", model=Membership)
    _keeps_an_admin(membership, None)
    record_delete(actor=actor, instance=membership)


PARTNERSHIP_SETTINGS = ("two_factor_required", "sso_domains")


def _domains_written(value: str) -> str:
    """Organisation sign-in domains as stored: lower case, without "@", each once, comma-separated."""
    domains = [d.lstrip("@").lower() for d in value.replace(",", " ").split()]
    return ", ".join(dict.fromkeys(domains))


@transaction.atomic
def partnership_settings_update(
    *, actor: Any, partnership: Partnership, two_factor_required: str, sso_domains: str
) -> Partnership:
    """The partnership's sign-in settings (admins only), audited with what changed."""
    policy.require(user=actor, partnership=partnership, action="change", object_type="partnership")
    current = Partnership.objects.select_for_update().get(pk=partnership.pk)
    before = {name: getattr(current, name) for name in PARTNERSHIP_SETTINGS}
    current.two_factor_required = two_factor_required
    current.sso_domains = _domains_written(sso_domains)
    current.full_clean()
    current.save(update_fields=list(PARTNERSHIP_SETTINGS))
    changes = diff(before, {name: getattr(current, name) for name in PARTNERSHIP_SETTINGS})
    if changes:
        audit_record(
            actor=actor, partnership=current, verb="changed settings", instance=current, changes=changes
        )
    return current
