"""Retention (UK GDPR storage limitation): an exercise's notes and name key last until its retention date.

``retention_run`` is what ``manage.py listening_retention`` does once a day: it warns the facilitators of
every exercise whose notes will be destroyed within ``RETENTION_WARNING_DAYS``, then destroys the notes,
their highlights and the name key of every exercise whose date has passed. Destruction deletes the rows (it
does not flag them), one exercise per transaction with its audit event inside; the facilitators are told by
email once it has committed and by the exercise's page. Themes, problem trees and shared pictures stay: they
hold the facilitator's labels and anonymised counts, not what was said.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from traction.core.audit import audit_record
from traction.listening.models import (
    RETENTION_WARNING_DAYS,
    ExerciseStatus,
    Highlight,
    ListeningExercise,
    ListeningNote,
    NameToken,
)

WARNING_SUBJECT = "Traction: listening notes will be destroyed on {date}"
WARNING_BODY = (
    "The notes and the name key of the listening exercise “{title}” in {partnership} will be destroyed "
    "for good after {date}, its retention date. Themes, problem trees and shared pictures stay.\n\n"
    "To keep the notes longer, change the retention date on the exercise's page before then, if the "
    "participants were told so."
)
DESTROYED_SUBJECT = "Traction: listening notes destroyed"
DESTROYED_BODY = (
    "The retention date of the listening exercise “{title}” in {partnership} was {date}. Its {notes} "
    "note(s), their highlights and its name key of {tokens} name(s) have been destroyed for good. Themes, "
    "problem trees and shared pictures stay."
)


@dataclass
class RetentionReport:
    warned: list[ListeningExercise] = field(default_factory=list)
    destroyed: list[ListeningExercise] = field(default_factory=list)


def retention_run(*, today: datetime.date | None = None) -> RetentionReport:
    """Warn of destructions within the warning period, then destroy what is past its date."""
    today = today or timezone.localdate()
    report = RetentionReport()
    for exercise in _pending().filter(
        retain_until__lte=today + datetime.timedelta(days=RETENTION_WARNING_DAYS)
    ):
        if exercise.retain_until is not None and exercise.retain_until < today:
            exercise_notes_destroy(exercise=exercise)
            report.destroyed.append(exercise)
        elif exercise.retention_warned_on is None and retention_warn(exercise=exercise, today=today):
            report.warned.append(exercise)
    return report


def _pending() -> Any:
    return ListeningExercise.objects.filter(
        retain_until__isnull=False, notes_destroyed_at__isnull=True
    ).order_by("retain_until", "pk")


@transaction.atomic
def retention_warn(*, exercise: ListeningExercise, today: datetime.date) -> bool:
    """Tell the facilitators once that the notes will be destroyed; False when already told."""
    exercise = ListeningExercise.objects.select_for_update().get(pk=exercise.pk)
    if exercise.retention_warned_on is not None or exercise.notes_destroyed_at is not None:
        return False
    exercise.retention_warned_on = today
    exercise.save(update_fields=["retention_warned_on"])
    audit_record(
        actor=None,
        partnership=exercise.partnership,
        verb="warned",
        instance=exercise,
        changes={"what": "notes to be destroyed", "on": str(exercise.retain_until)},
    )
    _notify(exercise, WARNING_SUBJECT, WARNING_BODY, date=exercise.retain_until)
    return True


@transaction.atomic
def exercise_notes_destroy(*, exercise: ListeningExercise) -> ListeningExercise:
    """Delete the exercise's notes (and with them their highlights and the problem-tree citations of those)
    and its name key, for good. Run by the retention job, never by a person: it has no actor."""
    exercise = ListeningExercise.objects.select_for_update().get(pk=exercise.pk)
    if exercise.notes_destroyed_at is not None:
        return exercise
    notes = ListeningNote.objects.filter(exercise=exercise)
    counts = {"notes": notes.count(), "name key": NameToken.objects.filter(exercise=exercise).count()}
    Highlight.objects.filter(note__exercise=exercise).delete()
    notes.delete()
    NameToken.objects.filter(exercise=exercise).delete()
    exercise.notes_destroyed_at = timezone.now()
    exercise.status = ExerciseStatus.CLOSED
    exercise.save(update_fields=["notes_destroyed_at", "status"])
    audit_record(
        actor=None,
        partnership=exercise.partnership,
        verb="destroyed",
        instance=exercise,
        changes={"what": "notes and name key past the retention date", "counts": counts},
    )
    _notify(
        exercise,
        DESTROYED_SUBJECT,
        DESTROYED_BODY,
        date=exercise.retain_until,
        notes=counts["notes"],
        tokens=counts["name key"],
    )
    return exercise


def _notify(exercise: ListeningExercise, subject: str, body: str, **values: Any) -> None:
    """Email the facilitators once the transaction has committed (never with any words of a note)."""
    recipients = _addresses(exercise.facilitators.all())
    if not recipients:
        return
    text = body.format(title=exercise.title, partnership=exercise.partnership.name, **values)
    heading = subject.format(**values)
    transaction.on_commit(
        lambda: send_mail(heading, text, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True)
    )


def _addresses(users: Iterable[Any]) -> list[str]:
    return sorted({user.email for user in users if user.email})
