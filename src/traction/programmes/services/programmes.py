"""Writes of programmes, cohorts, sessions, enrolment and attendance: one transaction each, audited."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.core.services import record_create, record_delete, record_update
from traction.governance.models import Person

from ..models.programmes import (
    AttendanceRecord,
    AttendanceStatus,
    Cohort,
    Enrolment,
    Programme,
    Session,
)

NOT_OF_PARTNERSHIP = "Choose people of this partnership's record."
NOT_ENROLLED = "Only people enrolled in this cohort can be marked on its register."
NOT_YET_HELD = "Attendance can be recorded only for a session held today or before."
BAD_STATUS = "Choose attended, apologies, absent or not recorded."
NOBODY = "Choose at least one person to enrol."
ALREADY = "Everyone chosen is already enrolled in this cohort."
CHANGED_MEANWHILE = "This changed while you were working: reload the page and try again."


def programme_create(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> Programme:
    return record_create(actor=actor, partnership=partnership, model=Programme, data=data)


def programme_update(
    *, actor: Any, programme: Programme, data: Mapping[str, Any], seen: str | None = None
) -> Programme:
    return record_update(actor=actor, instance=programme, data=data, seen=seen)


def cohort_create(*, actor: Any, programme: Programme, data: Mapping[str, Any]) -> Cohort:
    return record_create(
        actor=actor, partnership=programme.partnership, model=Cohort, data={**data, "programme": programme}
    )


def session_create(*, actor: Any, cohort: Cohort, data: Mapping[str, Any]) -> Session:
    return record_create(
        actor=actor, partnership=cohort.partnership, model=Session, data={**data, "cohort": cohort}
    )


def record_change(*, actor: Any, instance: Any, data: Mapping[str, Any], seen: str | None = None) -> Any:
    """A cohort's or session's change (its programme or cohort stays)."""
    data = {k: v for k, v in data.items() if k not in ("programme", "cohort")}
    return record_update(actor=actor, instance=instance, data=data, seen=seen)


def remove(*, actor: Any, instance: Any) -> None:
    record_delete(actor=actor, instance=instance)


@transaction.atomic
def enrol(
    *, actor: Any, cohort: Cohort, people: Iterable[Person | int], on: datetime.date | None = None
) -> list[Enrolment]:
    """Enrol people of the record in ``cohort``; those already enrolled are left as they are."""
    partnership = cohort.partnership
    policy.require_write(user=actor, partnership=partnership, action="add", model=Enrolment)
    pks: set[int] = {p.pk if isinstance(p, Person) else p for p in people}
    if not pks:
        raise ValidationError({"people": NOBODY})
    found = list(Person.objects.filter(partnership=partnership, pk__in=pks))
    if len(found) != len(pks):
        raise ValidationError({"people": NOT_OF_PARTNERSHIP})
    have = set(Enrolment.objects.filter(cohort=cohort).values_list("person_id", flat=True))
    new = [p for p in found if p.pk not in have]
    if not new:
        raise ValidationError({"people": ALREADY})
    day = on or timezone.localdate()
    try:
        with transaction.atomic():
            rows = Enrolment.objects.bulk_create(
                [Enrolment(partnership=partnership, cohort=cohort, person=p, enrolled_on=day) for p in new]
            )
    except IntegrityError as error:  # someone enrolled one of them meanwhile
        raise ValidationError(CHANGED_MEANWHILE) from error
    for row in rows:
        audit_record(
            actor=actor,
            partnership=partnership,
            verb="created",
            instance=row,
            changes={"cohort": [None, str(cohort)], "person": [None, row.person.name]},
        )
    return rows


@transaction.atomic
def register_save(
    *,
    actor: Any,
    session: Session,
    marks: Mapping[int, str],
    today: datetime.date | None = None,
) -> dict[str, int]:
    """Store the register of one session: ``marks`` maps a person's id to attended, apologies, absent or
    "" (not recorded). Only rows that change are written: a new mark is created, a different one changed,
    "not recorded" deletes the row. Every write is audited. Returns counts of created/changed/deleted."""
    partnership = session.partnership
    policy.require_write(user=actor, partnership=partnership, action="change", model=AttendanceRecord)
    if session.date > (today or timezone.localdate()):
        raise ValidationError(NOT_YET_HELD)
    enrolled = set(Enrolment.objects.filter(cohort=session.cohort_id).values_list("person_id", flat=True))
    if not set(marks) <= enrolled:
        raise ValidationError(NOT_ENROLLED)
    if any(status and status not in AttendanceStatus.values for status in marks.values()):
        raise ValidationError(BAD_STATUS)
    current = {
        r.person_id: r
        for r in AttendanceRecord.objects.select_for_update()
        .filter(session=session)
        .select_related("person", "session")
    }
    names = dict(Person.objects.filter(pk__in=set(marks)).values_list("pk", "name"))
    counts = {"created": 0, "changed": 0, "deleted": 0}
    creates: list[AttendanceRecord] = []
    for pk, status in marks.items():
        row = current.get(pk)
        if row is None and status:
            creates.append(
                AttendanceRecord(partnership=partnership, session=session, person_id=pk, status=status)
            )
        elif row is not None and not status:
            audit_record(
                actor=actor,
                partnership=partnership,
                verb="deleted",
                instance=row,
                changes={"status": [row.status, None]},
            )
            row.delete()
            counts["deleted"] += 1
        elif row is not None and row.status != status:
            before = row.status
            row.status = status
            row.save(update_fields=["status"])
            audit_record(
                actor=actor,
                partnership=partnership,
                verb="changed",
                instance=row,
                changes={"status": [before, status]},
            )
            counts["changed"] += 1
    try:
        with transaction.atomic():
            created = AttendanceRecord.objects.bulk_create(creates)
    except IntegrityError as error:  # someone else marked one of them meanwhile
        raise ValidationError(CHANGED_MEANWHILE) from error
    for row in created:
        row.session = session
        row.person = Person(pk=row.person_id, name=names.get(row.person_id, ""))
        audit_record(
            actor=actor,
            partnership=partnership,
            verb="created",
            instance=row,
            changes={"status": [None, row.status]},
        )
        counts["created"] += 1
    return counts
