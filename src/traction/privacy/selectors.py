"""What the system holds about one person: the subject-access export and the erasure's confirmation page.

Every record that points at the person is found from the model graph (each relation to ``Person``, in every
app), so a new app's records join the export without a change here. Confidential records
(``policy.CONFIDENTIAL``: listening exercises and notes, network ratings, learning-set notes) are left out
whoever the person is, and the export says so in the same words for everyone: they are readable only by
their facilitators or set members, who answer a subject-access request for them, and an export that listed
or counted them would tell an admin that someone was listened to. Encrypted columns are never exported.
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.db import models
from django.db.models import ForeignObjectRel
from django.utils import timezone

from traction.core import policy
from traction.core.models import AuditEvent, Membership
from traction.core.twofactor.services import app_device, recovery_codes_left
from traction.governance.models import Person
from traction.listening.crypto import EncryptedTextField

CONFIDENTIAL_NOTE = (
    "Confidential records are not part of this export: one-to-one listening notes and their name keys, "
    "relationship-network ratings and action-learning-set notes are readable only by their facilitators "
    "or set members, who answer for them. Uploaded documents (papers, minutes) are listed in the record "
    "but not searched for the person's name."
)


def person_relations() -> list[ForeignObjectRel]:
    """Each relation from another model to ``Person`` (hidden ones too), less auto-created through tables."""
    return [
        rel
        for rel in Person._meta.get_fields(include_hidden=True)
        if isinstance(rel, ForeignObjectRel) and rel.auto_created and not rel.related_model._meta.auto_created
    ]


# Records that point at the person but belong to someone else: another user's calendar subscription to the
# person's sessions or actions (its secret address is that user's, and who follows whose calendar is not
# about them).
OTHERS_RECORDS = frozenset({"calendarfeed"})


def _confidential(model: type[models.Model]) -> bool:
    name = model._meta.model_name or ""
    return name in policy.CONFIDENTIAL or name in OTHERS_RECORDS


def records_about(*, person: Person) -> list[tuple[type[models.Model], str, models.QuerySet[Any]]]:
    """(model, the field that names the person, the rows) for every non-confidential relation with rows."""
    found = []
    for rel in person_relations():
        model: type[models.Model] = rel.related_model
        if _confidential(model):
            continue
        name = rel.field.name
        rows = model._default_manager.filter(**{name: person}).order_by("pk")
        if rows.exists():
            found.append((model, name, rows))
    return found


def erasure_preview(*, person: Person) -> list[tuple[str, int]]:
    """What erasure will rename, in words, with counts (confidential records are not counted)."""
    rows = [
        (f"{model._meta.verbose_name_plural} ({field})", rows.count())
        for model, field, rows in records_about(person=person)
    ]
    mentions = AuditEvent.objects.filter(partnership=person.partnership, object_repr__icontains=person.name)
    rows.append(("audit events whose description names them", mentions.count()))
    return rows


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def row_of(instance: models.Model) -> dict[str, Any]:
    fields = [
        f
        for f in instance._meta.concrete_fields
        if f.name != "partnership" and not isinstance(f, EncryptedTextField)
    ]
    return {f.name: _plain(getattr(instance, f.name)) for f in fields}


def personal_data(*, person: Person) -> dict[str, Any]:
    """The subject-access export: the person, their account, the records about them and the audit trail."""
    records: dict[str, list[dict[str, Any]]] = {}
    for model, field, rows in records_about(person=person):
        key = f"{model._meta.label_lower} ({field})"
        records[key] = [row_of(row) for row in rows]
    return {
        "exported_at": timezone.now().isoformat(),
        "partnership": person.partnership.name,
        "person": {"id": person.pk, **row_of(person)},
        "account": _account(person),
        "records": records,
        "audit_events": [_event(e) for e in _events_about(person)],
        "not_included": CONFIDENTIAL_NOTE,
    }


def _account(person: Person) -> dict[str, Any] | None:
    user = person.user
    if user is None:
        return None
    membership = Membership.objects.filter(user=user, partnership=person.partnership).first()
    return {
        "username": user.get_username(),
        "full_name": user.get_full_name(),
        "email": user.email,
        "last_login": _plain(user.last_login),
        "date_joined": _plain(user.date_joined),
        "role_in_this_partnership": membership.role if membership else None,
        "two_factor_sign_in": _two_factor(user),
    }


def _two_factor(user: Any) -> dict[str, Any]:
    """Whether the account uses two-factor sign-in, since when, and how many recovery codes are left; never
    the secret or the codes themselves."""
    device = app_device(user)
    return {
        "on": device is not None,
        "since": _plain(device.created_at) if device is not None else None,
        "recovery_codes_left": recovery_codes_left(user) if device is not None else 0,
    }


def _events_about(person: Person) -> models.QuerySet[AuditEvent]:
    about = models.Q(object_type__in=["person", "personaldata"], object_id=str(person.pk))
    if person.user_id is not None:
        about |= models.Q(actor_id=person.user_id)
    return AuditEvent.objects.filter(about, partnership=person.partnership).exclude(
        object_type__in=list(policy.CONFIDENTIAL)
    )


def _event(event: AuditEvent) -> dict[str, Any]:
    return {
        "when": event.created_at.isoformat(),
        "by": str(event.actor) if event.actor_id else None,
        "verb": event.verb,
        "record": f"{event.object_type} {event.object_id}",
        "description": event.object_repr,
        "changes": event.changes,
    }
