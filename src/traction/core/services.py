"""Generic writes for records that need nothing beyond validation, permission and audit.

Each call is one transaction: permission check, ``full_clean``, save, many-to-many, audit event.
Writes with their own rules (revising an action's due date, closing it) live in their app's services.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from traction.core import policy
from traction.core.audit import audit_record, diff, snapshot
from traction.core.models import SAME_PARTNERSHIP, Partnership, TenantModel

T = TypeVar("T", bound=TenantModel)


# Keys a caller may never set: the partnership is fixed by the permission check, the identity by the row.
RESERVED_FIELDS = frozenset({"id", "pk", "partnership", "partnership_id"})
UNKNOWN_FIELD = "{model} has no field {name!r} that can be set."


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


def _same_partnership(instance: TenantModel, name: str, values: list[Any]) -> list[Any]:
    """The related records, all of this partnership; objects or bare pks alike are checked in the database."""
    related = instance._meta.get_field(name).related_model
    pks = {getattr(value, "pk", value) for value in values}
    found = list(related._default_manager.filter(partnership_id=instance.partnership_id, pk__in=pks))
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
def record_update(*, actor: Any, instance: T, data: Mapping[str, Any]) -> T:
    partnership = instance.partnership
    policy.require_write(user=actor, partnership=partnership, action="change", model=type(instance))
    m2m_names = [name for name in data if name in {f.name for f in instance._meta.many_to_many}]
    before = snapshot(instance) | _m2m_snapshot(instance, m2m_names)
    m2m = _apply(instance, data)
    instance.full_clean()
    instance.save()
    for name, values in m2m.items():
        getattr(instance, name).set(values)
    changes = diff(before, snapshot(instance) | _m2m_snapshot(instance, m2m_names))
    if changes:
        audit_record(actor=actor, partnership=partnership, verb="changed", instance=instance, changes=changes)
    return instance


@transaction.atomic
def record_delete(*, actor: Any, instance: TenantModel) -> None:
    partnership = instance.partnership
    policy.require_write(user=actor, partnership=partnership, action="delete", model=type(instance))
    audit_record(actor=actor, partnership=partnership, verb="deleted", instance=instance,
                 changes={"deleted": snapshot(instance)})
    instance.delete()
