"""Writes of the partnership health check: one transaction each, audited.

Answers are kept apart from who gave them: answering writes a participation row (this person has answered,
so nobody answers twice) and a response row that names nobody, together. Only the participation is audited
("answered"), never what was answered. A flagged section's action goes into the governance action log
through ``traction.governance.workflows.actions_record``, on the run's behalf.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.core.services import record_create, record_update
from traction.governance.models import Body
from traction.governance.workflows import ActionSpec, actions_record
from traction_analysis.direction import health as pure

from ..models import (
    HealthCheckRun,
    HealthFollowUp,
    HealthParticipation,
    HealthResponse,
    HealthStatement,
    RunStatus,
    Section,
)
from ..selectors import health as selectors

NO_STATEMENTS = "There are no active statements to ask: add a statement or make one active again."
NEEDS_CLOSING_DATE = "Choose the date answers close on."
ALREADY_ANSWERED = "You have already answered this health check. Each person answers once."
NOT_TAKING_ANSWERS = "This health check is no longer taking answers."
ANSWER_EVERY = "Answer every statement (choose “Don't know” where you cannot say)."
ALREADY_CLOSED = "This health check is already closed."
ANSWERS_STILL_OPEN = "Answers are taken until {date}: close the health check after that."
ANSWERS_OPEN_NO_DATE = "This health check is still taking answers."
FOLLOW_UP_MISSING = "Before closing, add an action or record why no action is needed for: {sections}."
NOT_FLAGGED = "Only a section flagged low or without consensus needs a follow-up."
ALREADY_FOLLOWED = "This section already has its follow-up."
RESULTS_NOT_READY = "Follow-ups are recorded once answers have closed and the results are shown."
ACTION_OR_REASON = "Choose the body and write the action, or write why no action is needed, not both."
ACTION_NEEDS_BODY = "Choose the body whose action log the action goes in."


def _today() -> datetime.date:
    return timezone.localdate()


# --- statements -----------------------------------------------------------------------------------------


@transaction.atomic
def statements_ensure(*, actor: Any, partnership: Partnership) -> int:
    """The default statements, written the first time a partnership needs statements; how many were made."""
    policy.require_write(user=actor, partnership=partnership, action="add", model=HealthStatement)
    if HealthStatement.objects.filter(partnership=partnership).exists():
        return 0
    made = 0
    for section, texts in pure.DEFAULT_STATEMENTS.items():
        for order, text in enumerate(texts, start=1):
            data = {"section": section, "text": text, "order": order}
            record_create(actor=actor, partnership=partnership, model=HealthStatement, data=data)
            made += 1
    return made


@transaction.atomic
def statement_create(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> HealthStatement:
    """A statement of the partnership's own, beside the defaults (made first, so adding one keeps them)."""
    statements_ensure(actor=actor, partnership=partnership)
    return record_create(actor=actor, partnership=partnership, model=HealthStatement, data=data)


@transaction.atomic
def statement_update(
    *, actor: Any, statement: HealthStatement, data: Mapping[str, Any], seen: str | None = None
) -> HealthStatement:
    """Edit or retire (``active`` False) a statement; runs already made keep the words they asked."""
    return record_update(actor=actor, instance=statement, data=data, seen=seen)


# --- runs -----------------------------------------------------------------------------------------------


def _snapshot(partnership: Partnership) -> list[dict[str, str]]:
    active = HealthStatement.objects.filter(partnership=partnership, active=True)
    order = {s: i for i, s in enumerate(pure.SECTIONS)}
    ordered = sorted(active, key=lambda s: (order[s.section], s.order, s.pk))
    return [{"key": f"s{s.pk}", "section": s.section, "text": s.text} for s in ordered]


@transaction.atomic
def run_create(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> HealthCheckRun:
    """A run asking the partnership's active statements as they stand now."""
    policy.require_write(user=actor, partnership=partnership, action="add", model=HealthCheckRun)
    if not data.get("closes_on"):
        raise ValidationError({"closes_on": NEEDS_CLOSING_DATE})
    if policy.allowed(user=actor, partnership=partnership, action="add", object_type="healthstatement"):
        statements_ensure(actor=actor, partnership=partnership)
    statements = _snapshot(partnership)
    if not statements:
        raise ValidationError(NO_STATEMENTS)
    return record_create(
        actor=actor,
        partnership=partnership,
        model=HealthCheckRun,
        data={**data, "statements": statements, "status": RunStatus.OPEN, "created_by": actor},
    )


def _locked(run: HealthCheckRun) -> HealthCheckRun:
    return HealthCheckRun.objects.select_for_update().get(pk=run.pk)


@transaction.atomic
def response_give(
    *, actor: Any, run: HealthCheckRun, answers: Mapping[str, int | None], today: datetime.date | None = None
) -> HealthResponse:
    """One person's answers, once, while answers are open: every statement 1–5 or "don't know" (None)."""
    policy.require(user=actor, partnership=run.partnership, action="add", object_type="healthresponse")
    locked = _locked(run)
    if not selectors.answers_open(locked, today=today or _today()):
        raise ValidationError(NOT_TAKING_ANSWERS)
    keys = {s["key"] for s in locked.statements}
    if set(answers) != keys or not all(pure.valid_answer(v) for v in answers.values()):
        raise ValidationError(ANSWER_EVERY)
    if HealthParticipation.objects.filter(run=locked, user=actor.pk).exists():
        raise ValidationError(ALREADY_ANSWERED)
    participation = HealthParticipation(partnership=locked.partnership, run=locked, user=actor)
    participation.full_clean()
    participation.save()
    response = HealthResponse(partnership=locked.partnership, run=locked, answers=dict(answers))
    response.full_clean()
    response.save()
    # The audit names who took part, never what they answered.
    audit_record(actor=actor, partnership=locked.partnership, verb="answered", instance=participation)
    return response


@transaction.atomic
def follow_up_record(
    *,
    actor: Any,
    run: HealthCheckRun,
    section: str,
    body: Body | None = None,
    text: str = "",
    due_date: datetime.date | None = None,
    reason: str = "",
    url: str = "",
    today: datetime.date | None = None,
) -> HealthFollowUp:
    """A flagged section's follow-up: an action in ``body``'s action log (recorded for the run), or a reason
    for none."""
    policy.require_write(user=actor, partnership=run.partnership, action="add", model=HealthFollowUp)
    locked = _locked(run)
    _check_follow_up(locked, section, today or _today())
    text, reason = text.strip(), reason.strip()
    if bool(text or body is not None) == bool(reason):
        raise ValidationError(ACTION_OR_REASON)
    if text and body is None:
        raise ValidationError({"body": ACTION_NEEDS_BODY})
    action = None
    if body is not None:
        spec = ActionSpec(text, due_date, {"health_section": section})
        [action] = actions_record(actor=actor, source=locked, body=body, actions=[spec], url=url)
    return record_create(
        actor=actor,
        partnership=locked.partnership,
        model=HealthFollowUp,
        data={"run": locked, "section": section, "action": action, "reason": reason, "created_by": actor},
    )


def _still_open(run: HealthCheckRun) -> str:
    if run.closes_on is None:
        return ANSWERS_OPEN_NO_DATE
    return ANSWERS_STILL_OPEN.format(date=f"{run.closes_on.day} {run.closes_on:%B %Y}")


def _check_follow_up(run: HealthCheckRun, section: str, today: datetime.date) -> None:
    if run.status == RunStatus.CLOSED:
        raise ValidationError(ALREADY_CLOSED)
    if selectors.answers_open(run, today=today):
        raise ValidationError(RESULTS_NOT_READY)
    if run.follow_ups.filter(section=section).exists():
        raise ValidationError({"section": ALREADY_FOLLOWED})
    if section not in selectors.flagged_sections(run):
        raise ValidationError({"section": NOT_FLAGGED})


@transaction.atomic
def run_close(*, actor: Any, run: HealthCheckRun, today: datetime.date | None = None) -> HealthCheckRun:
    """Close a run once answers have closed and every flagged section has its follow-up."""
    policy.require_write(user=actor, partnership=run.partnership, action="change", model=HealthCheckRun)
    locked = _locked(run)
    if locked.status == RunStatus.CLOSED:
        raise ValidationError(ALREADY_CLOSED)
    if selectors.answers_open(locked, today=today or _today()):
        raise ValidationError(_still_open(locked))
    pending = selectors.pending_sections(locked)
    if pending:
        names = ", ".join(str(Section(s).label) for s in pending)
        raise ValidationError(FOLLOW_UP_MISSING.format(sections=names))
    return record_update(
        actor=actor, instance=locked, data={"status": RunStatus.CLOSED, "closed_at": timezone.now()}
    )
