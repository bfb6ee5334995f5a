"""Writes of action learning sets: one transaction each, every row audited.

The size rule (``traction_analysis.programmes.learningsets``) is checked whenever the number of members can
change: creating a set with its members, adding one, removing one. A meeting's commitments become actions in
the action log of the set's body, recorded on behalf of the set (``governance.workflows.actions_record``)
with the member as lead; the meeting links to them. The words of a note never go into the audit.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.core.services import record_create, record_delete, record_update
from traction.governance.models import Person
from traction.governance.workflows import ActionSpec, actions_record
from traction_analysis.programmes.learningsets import size_verdict

from ..models.learningsets import (
    NOT_A_MEMBER,
    LearningSet,
    SetMeeting,
    SetMembership,
    SetNote,
    SetRole,
)

ALREADY_MEMBER = "{name} is already in this set."
FACILITATOR_NOT_MEMBER = "The facilitator is in the set already: choose the other members only."
FACILITATOR_STAYS = "The facilitator stays in the set: change the facilitator on the set's page instead."
FUTURE_MEETING = "A meeting is recorded once it has happened: the date cannot be in the future."
DUE_BEFORE_MEETING = "A commitment cannot be due before the meeting that made it."
NO_COMMITMENT_TEXT = "Write down what {name} committed to, or leave the row empty."
NOT_A_SET_MEMBER = "Only the set's members write its notes."
REDACTED = "the words of a set note are kept out of the audit"


@dataclass(frozen=True)
class Commitment:
    """What a member undertook at a meeting: it becomes an action they lead."""

    owner: Person
    text: str
    due_date: datetime.date | None = None


def _refuse_size(members: int) -> None:
    verdict = size_verdict(members)
    if not verdict.allowed:
        raise ValidationError(verdict.refused)


def member_count(learning_set: LearningSet) -> int:
    """Members besides the facilitator: what the size rule counts."""
    return learning_set.memberships.filter(role=SetRole.MEMBER).count()


def _same_partnership(partnership: Partnership, people: Sequence[Person], field: str) -> None:
    if any(p.partnership_id != partnership.pk for p in people):
        raise ValidationError({field: policy.NOT_FOUND})


@transaction.atomic
def set_create(
    *,
    actor: Any,
    partnership: Partnership,
    data: Mapping[str, Any],
    members: Sequence[Person],
    joined: datetime.date | None = None,
) -> LearningSet:
    """A set with its facilitator and its members (3 to 10 of them besides the facilitator)."""
    policy.require_write(user=actor, partnership=partnership, action="add", model=LearningSet)
    facilitator = data.get("facilitator")
    _same_partnership(partnership, members, "members")
    if facilitator is not None and facilitator in members:
        raise ValidationError({"members": FACILITATOR_NOT_MEMBER})
    _refuse_size(len(set(members)))
    learning_set = record_create(actor=actor, partnership=partnership, model=LearningSet, data=data)
    day = joined or timezone.localdate()
    _join(actor, learning_set, learning_set.facilitator, SetRole.FACILITATOR, day)
    for person in dict.fromkeys(members):
        _join(actor, learning_set, person, SetRole.MEMBER, day)
    return learning_set


def _join(
    actor: Any, learning_set: LearningSet, person: Person, role: str, day: datetime.date
) -> SetMembership:
    return record_create(
        actor=actor,
        partnership=learning_set.partnership,
        model=SetMembership,
        data={"learning_set": learning_set, "person": person, "role": role, "joined": day},
    )


@transaction.atomic
def set_update(
    *, actor: Any, learning_set: LearningSet, data: Mapping[str, Any], seen: str | None = None
) -> LearningSet:
    """The set's details; a new facilitator takes the facilitator's place (a member who becomes the
    facilitator no longer counts as a member, so the size rule is checked)."""
    policy.require_write(user=actor, partnership=learning_set.partnership, action="change", model=LearningSet)
    locked = LearningSet.objects.select_for_update().get(pk=learning_set.pk)
    old = locked.facilitator
    updated = record_update(actor=actor, instance=locked, data=data, seen=seen)
    if updated.facilitator_id != old.pk:
        _swap_facilitator(actor, updated, old)
    return updated


def _swap_facilitator(actor: Any, learning_set: LearningSet, old: Person) -> None:
    for membership in learning_set.memberships.filter(person__in=[old, learning_set.facilitator]):
        record_delete(actor=actor, instance=membership)
    _join(actor, learning_set, learning_set.facilitator, SetRole.FACILITATOR, timezone.localdate())
    _refuse_size(member_count(learning_set))


@transaction.atomic
def set_delete(*, actor: Any, learning_set: LearningSet) -> None:
    """The set, its meetings and its notes; the actions its members committed to stay in the action log."""
    record_delete(actor=actor, instance=learning_set)


@transaction.atomic
def member_add(
    *, actor: Any, learning_set: LearningSet, person: Person, joined: datetime.date | None = None
) -> SetMembership:
    policy.require_write(user=actor, partnership=learning_set.partnership, action="add", model=SetMembership)
    _same_partnership(learning_set.partnership, [person], "person")
    locked = LearningSet.objects.select_for_update().get(pk=learning_set.pk)
    if locked.memberships.filter(person=person).exists():
        raise ValidationError({"person": ALREADY_MEMBER.format(name=person.name)})
    _refuse_size(member_count(locked) + 1)
    return _join(actor, locked, person, SetRole.MEMBER, joined or timezone.localdate())


@transaction.atomic
def member_remove(*, actor: Any, membership: SetMembership) -> None:
    """A member leaves: from then on they no longer read the set's notes."""
    policy.require_write(user=actor, partnership=membership.partnership, action="delete", model=SetMembership)
    locked = LearningSet.objects.select_for_update().get(pk=membership.learning_set_id)
    if membership.role == SetRole.FACILITATOR:
        raise ValidationError(FACILITATOR_STAYS)
    _refuse_size(member_count(locked) - 1)
    record_delete(actor=actor, instance=membership)


def _check_meeting(
    learning_set: LearningSet,
    date: datetime.date,
    attended: Sequence[Person],
    commitments: Sequence[Commitment],
) -> None:
    if date > timezone.localdate():
        raise ValidationError({"date": FUTURE_MEETING})
    everyone = set(learning_set.memberships.values_list("person", flat=True))
    members = set(learning_set.memberships.filter(role=SetRole.MEMBER).values_list("person", flat=True))
    if any(p.pk not in everyone for p in attended):
        raise ValidationError({"attended": NOT_A_MEMBER})
    for c in commitments:
        if c.owner.pk not in members:
            raise ValidationError(NOT_A_MEMBER)
        if not c.text.strip():
            raise ValidationError(NO_COMMITMENT_TEXT.format(name=c.owner.name))
        if c.due_date is not None and c.due_date < date:
            raise ValidationError(DUE_BEFORE_MEETING)


@transaction.atomic
def meeting_create(
    *,
    actor: Any,
    learning_set: LearningSet,
    date: datetime.date,
    attended: Sequence[Person],
    commitments: Sequence[Commitment] = (),
    url: str = "",
) -> SetMeeting:
    """A meeting that has happened, who came, and each member's commitments as actions they lead."""
    policy.require_write(user=actor, partnership=learning_set.partnership, action="add", model=SetMeeting)
    _check_meeting(learning_set, date, attended, commitments)
    actions = actions_record(
        actor=actor,
        source=learning_set,
        body=learning_set.body,
        url=url,
        actions=[
            ActionSpec(
                text=c.text.strip(),
                due_date=c.due_date,
                lead=c.owner,
                provenance={"learning set": learning_set.name, "meeting": date.isoformat()},
            )
            for c in commitments
        ],
    )
    return record_create(
        actor=actor,
        partnership=learning_set.partnership,
        model=SetMeeting,
        data={"learning_set": learning_set, "date": date, "attended": list(attended), "actions": actions},
    )


# --- notes: only the set's members read them, so their words stay out of the audit --------------------


def author_in(learning_set: LearningSet, user: Any) -> Person | None:
    """The person of the record, in the set, who this user is (None for anyone else)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return learning_set.members.filter(user=user.pk).first()


def _audit_note(actor: Any, note: SetNote, verb: str) -> None:
    audit_record(
        actor=actor,
        partnership=note.partnership,
        verb=verb,
        instance=note,
        changes={"text": [None, REDACTED]},
    )


@transaction.atomic
def note_create(
    *, actor: Any, learning_set: LearningSet, text: str, meeting: SetMeeting | None = None
) -> SetNote:
    policy.require_write(user=actor, partnership=learning_set.partnership, action="add", model=SetNote)
    author = author_in(learning_set, actor)
    if author is None:
        raise PermissionDenied(NOT_A_SET_MEMBER)
    note = SetNote(
        partnership=learning_set.partnership,
        learning_set=learning_set,
        meeting=meeting,
        author=author,
        text=text,
    )
    note.full_clean()
    note.save()
    _audit_note(actor, note, "created")
    return note


@transaction.atomic
def note_update(*, actor: Any, note: SetNote, text: str, meeting: SetMeeting | None = None) -> SetNote:
    """Any member of the set may correct a note (the notes are the set's shared memory)."""
    policy.require_write(user=actor, partnership=note.partnership, action="change", model=SetNote)
    if author_in(note.learning_set, actor) is None:
        raise PermissionDenied(NOT_A_SET_MEMBER)
    locked = SetNote.objects.select_for_update().get(pk=note.pk)
    locked.text, locked.meeting = text, meeting
    locked.full_clean()
    locked.save()
    _audit_note(actor, locked, "changed")
    return locked


@transaction.atomic
def note_delete(*, actor: Any, note: SetNote) -> None:
    policy.require_write(user=actor, partnership=note.partnership, action="delete", model=SetNote)
    if author_in(note.learning_set, actor) is None:
        raise PermissionDenied(NOT_A_SET_MEMBER)
    _audit_note(actor, note, "deleted")
    note.delete()
