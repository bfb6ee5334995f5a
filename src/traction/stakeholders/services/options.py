"""Writes of rival change options and priorities exercises: one transaction each, audited inside it.

Positions on an option are appended, never edited. An answer to a priorities exercise writes two rows
together: a participation naming the person (audited, so nobody answers twice) and a response holding the
ranking or scores, which names nobody and is not audited on its own. The agreed list is recorded as
principles of the shared direction, agreed by a decided agenda item that the exercise records at a meeting
(``governance.workflows.decision_record`` on its behalf): all in one transaction, or nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import SAME_PARTNERSHIP, Partnership
from traction.core.services import record_create, record_delete, record_update
from traction.direction.models import Principle
from traction.direction.models import Status as StatementStatus
from traction.direction.services.statements import statement_create
from traction.governance.models import Meeting
from traction.governance.workflows import decision_record
from traction_analysis.stakeholders import priorities as pure

from ..models.options import (
    ChangeOption,
    ExerciseStatus,
    Method,
    OptionPosition,
    PrioritiesExercise,
    PrioritiesParticipation,
    PrioritiesResponse,
    Priority,
)

MAX_PRIORITIES = 20
POSITION_IN_FUTURE = "A position is recorded once it has been stated: the date cannot be after today."
TOO_FEW = "List at least two priorities or values, one a line."
TOO_MANY = f"List at most {MAX_PRIORITIES} priorities or values."
TOO_LONG = "Keep each priority or value under 200 characters: “{title}…” is too long."
DUPLICATE = "“{title}” is listed twice: list each priority or value once."
NOT_EDITABLE = "Only a draft exercise can be changed; this one is {status}."
NOT_OPENABLE = "Only a draft exercise can be opened; this one is {status}."
NOT_CLOSABLE = "Only an open exercise can be closed; this one is {status}."
NOT_OPEN = "This exercise is not open for answers (it is {status})."
ALREADY_ANSWERED = "You have already answered this exercise: each person answers once."
BAD_RANKING = "Give each item a different place from 1 to {m}: each place once."
BAD_SCORES = "Score every item with a whole number from 1 to 5."
NOT_CLOSED = "The agreed list is recorded once the exercise is closed; this one is {status}."
EMPTY_LIST = "Write the agreed list: at least one priority or value, one a line."
DEFAULT_RESOLUTION = "The partnership agreed its priorities and values: {titles}."


def _status(record: ChangeOption | PrioritiesExercise) -> str:
    return str(record.get_status_display()).lower()


def exercise_url(exercise: PrioritiesExercise) -> str:
    return reverse(
        "stakeholders:priorities-detail", kwargs={"slug": exercise.partnership.slug, "pk": exercise.pk}
    )


# --- options -------------------------------------------------------------------------------------------


@transaction.atomic
def option_create(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> ChangeOption:
    return record_create(actor=actor, partnership=partnership, model=ChangeOption, data=data)


@transaction.atomic
def option_update(
    *, actor: Any, option: ChangeOption, data: Mapping[str, Any], seen: str | None = None
) -> ChangeOption:
    return record_update(actor=actor, instance=option, data=data, seen=seen)


@transaction.atomic
def position_record(*, actor: Any, option: ChangeOption, data: Mapping[str, Any]) -> OptionPosition:
    """Append a stakeholder's position on ``option`` (earlier positions stay as they were)."""
    policy.require_write(user=actor, partnership=option.partnership, action="add", model=OptionPosition)
    stated_on = data.get("stated_on")
    if isinstance(stated_on, datetime.date) and stated_on > timezone.localdate():
        raise ValidationError({"stated_on": POSITION_IN_FUTURE})
    return record_create(
        actor=actor,
        partnership=option.partnership,
        model=OptionPosition,
        data={**data, "option": option, "recorded_by": actor},
    )


# --- priorities exercises ------------------------------------------------------------------------------


def priority_titles(lines: Sequence[str], *, field: str = "priorities", fewest: int = 2) -> list[str]:
    """The list as given, one a line: blanks dropped; refused when too short, too long or repeated."""
    titles = [line.strip() for line in lines if line.strip()]
    if not titles and fewest == 1:
        raise ValidationError({field: EMPTY_LIST})
    seen: set[str] = set()
    for title in titles:
        if len(title) > 200:
            raise ValidationError({field: TOO_LONG.format(title=title[:40])})
        if title.casefold() in seen:
            raise ValidationError({field: DUPLICATE.format(title=title)})
        seen.add(title.casefold())
    if len(titles) < fewest:
        raise ValidationError({field: TOO_FEW})
    if len(titles) > MAX_PRIORITIES:
        raise ValidationError({field: TOO_MANY})
    return titles


def _locked(exercise: PrioritiesExercise) -> PrioritiesExercise:
    return PrioritiesExercise.objects.select_for_update().get(pk=exercise.pk)


def _require_change(actor: Any, exercise: PrioritiesExercise) -> None:
    policy.require(
        user=actor, partnership=exercise.partnership, action="change", object_type="prioritiesexercise"
    )


def _priorities_set(actor: Any, exercise: PrioritiesExercise, titles: list[str]) -> None:
    current = {p.title: p for p in exercise.priorities.all()}
    for title, priority in current.items():
        if title not in titles:
            record_delete(actor=actor, instance=priority)
    for order, title in enumerate(titles, start=1):
        if title not in current:
            record_create(
                actor=actor,
                partnership=exercise.partnership,
                model=Priority,
                data={"exercise": exercise, "title": title, "order": order},
            )
        elif current[title].order != order:
            record_update(actor=actor, instance=current[title], data={"order": order})


@transaction.atomic
def exercise_create(
    *, actor: Any, partnership: Partnership, data: Mapping[str, Any], priorities: Sequence[str]
) -> PrioritiesExercise:
    """A draft exercise with its list of priorities and values."""
    titles = priority_titles(priorities)
    exercise = record_create(
        actor=actor,
        partnership=partnership,
        model=PrioritiesExercise,
        data={**data, "status": ExerciseStatus.DRAFT, "created_by": actor},
    )
    _priorities_set(actor, exercise, titles)
    return exercise


@transaction.atomic
def exercise_update(
    *,
    actor: Any,
    exercise: PrioritiesExercise,
    data: Mapping[str, Any],
    priorities: Sequence[str],
    seen: str | None = None,
) -> PrioritiesExercise:
    """Change a draft exercise and its list (nobody has answered a draft)."""
    _require_change(actor, exercise)
    locked = _locked(exercise)
    if locked.status != ExerciseStatus.DRAFT:
        raise ValidationError(NOT_EDITABLE.format(status=_status(locked)))
    titles = priority_titles(priorities)
    updated = record_update(actor=actor, instance=exercise, data=data, seen=seen)
    _priorities_set(actor, updated, titles)
    return updated


def _transition(
    actor: Any, exercise: PrioritiesExercise, *, to: str, stamp: str, verb: str
) -> PrioritiesExercise:
    before = exercise.status
    exercise.status = to
    setattr(exercise, stamp, timezone.now())
    exercise.save(update_fields=["status", stamp])
    audit_record(
        actor=actor,
        partnership=exercise.partnership,
        verb=verb,
        instance=exercise,
        changes={"status": [before, to]},
    )
    return exercise


@transaction.atomic
def exercise_open(*, actor: Any, exercise: PrioritiesExercise) -> PrioritiesExercise:
    _require_change(actor, exercise)
    locked = _locked(exercise)
    if locked.status != ExerciseStatus.DRAFT:
        raise ValidationError(NOT_OPENABLE.format(status=_status(locked)))
    if locked.priorities.count() < 2:
        raise ValidationError(TOO_FEW)
    return _transition(actor, locked, to=ExerciseStatus.OPEN, stamp="opened_at", verb="opened")


@transaction.atomic
def exercise_close(*, actor: Any, exercise: PrioritiesExercise) -> PrioritiesExercise:
    _require_change(actor, exercise)
    locked = _locked(exercise)
    if locked.status != ExerciseStatus.OPEN:
        raise ValidationError(NOT_CLOSABLE.format(status=_status(locked)))
    return _transition(actor, locked, to=ExerciseStatus.CLOSED, stamp="closed_at", verb="closed")


def check_answers(exercise: PrioritiesExercise, answers: Mapping[int, Any]) -> dict[str, int]:
    """The answers as stored (``{str(priority id): value}``), or a refusal: a ranking must use each place
    1…m once, scores must be 1 to 5 for every item."""
    keys = list(exercise.priorities.values_list("pk", flat=True))
    if exercise.method == Method.RANK:
        if not pure.valid_ranking(keys, answers):
            raise ValidationError(BAD_RANKING.format(m=len(keys)))
    elif not pure.valid_scores(keys, answers):
        raise ValidationError(BAD_SCORES)
    return {str(key): int(answers[key]) for key in keys}


@transaction.atomic
def priorities_answer(*, actor: Any, exercise: PrioritiesExercise, answers: Mapping[int, Any]) -> None:
    """Answer once: a participation naming the person and a response naming nobody, written together."""
    policy.require(
        user=actor, partnership=exercise.partnership, action="add", object_type="prioritiesresponse"
    )
    locked = _locked(exercise)
    if locked.status != ExerciseStatus.OPEN:
        raise ValidationError(NOT_OPEN.format(status=_status(locked)))
    if PrioritiesParticipation.objects.filter(exercise=locked, user=actor.pk).exists():
        raise ValidationError(ALREADY_ANSWERED)
    stored = check_answers(locked, answers)
    try:
        with transaction.atomic():
            participation = PrioritiesParticipation.objects.create(
                partnership=locked.partnership, exercise=locked, user=actor
            )
    except IntegrityError as exc:  # a second answer sent at the same moment
        raise ValidationError(ALREADY_ANSWERED) from exc
    PrioritiesResponse.objects.create(partnership=locked.partnership, exercise=locked, answers=stored)
    # The audit says who answered, never what: the response itself is not audited.
    audit_record(actor=actor, partnership=locked.partnership, verb="answered", instance=participation)


@transaction.atomic
def agreed_list_record(
    *,
    actor: Any,
    exercise: PrioritiesExercise,
    meeting: Meeting,
    titles: Sequence[str],
    resolution: str = "",
) -> PrioritiesExercise:
    """Record the agreed list: a decided item at ``meeting`` (for the exercise), one agreed principle per
    line agreed by that item, and the exercise marked agreed, linked to both."""
    partnership = exercise.partnership
    _require_change(actor, exercise)
    policy.require(user=actor, partnership=partnership, action="add", object_type="principle")
    locked = _locked(exercise)
    if locked.status != ExerciseStatus.CLOSED:
        raise ValidationError(NOT_CLOSED.format(status=_status(locked)))
    if meeting.partnership_id != partnership.pk:
        raise ValidationError({"meeting": SAME_PARTNERSHIP})
    agreed = priority_titles(titles, field="principles", fewest=1)
    item = decision_record(
        actor=actor,
        source=locked,
        meeting=meeting,
        title=f"Agreement of the priorities and values: {locked.title}",
        resolution=resolution.strip() or DEFAULT_RESOLUTION.format(titles="; ".join(agreed)),
        provenance={"priorities_exercise": locked.pk},
        url=exercise_url(locked),
    )
    principles = [
        statement_create(
            actor=actor,
            partnership=partnership,
            model=Principle,
            data={
                "title": title,
                "text": f"Agreed through the priorities exercise “{locked.title}”.",
                "status": StatementStatus.AGREED,
                "agreed_item": item,
                "order": order,
            },
        )
        for order, title in enumerate(agreed, start=1)
    ]
    return record_update(
        actor=actor,
        instance=locked,
        data={"status": ExerciseStatus.AGREED, "agreed_item": item, "principles": principles},
    )
