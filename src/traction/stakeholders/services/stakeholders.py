"""Writes of the stakeholder map and the engagement log: one transaction each, audited.

Assessments are appended only: there is no service to change or delete one. A gap or an engagement turns
into an action in a body's action log through ``traction.governance.workflows``, recorded on its behalf.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from traction.core import policy
from traction.core.models import SAME_PARTNERSHIP, Partnership
from traction.core.services import record_create, record_delete, record_update
from traction.governance.models import Action, Body, Person
from traction.governance.workflows import ActionSpec, actions_record

from ..models.stakeholders import Assessment, Engagement, Stakeholder
from ..models.structures import BodyHistory

EARLIEST = datetime.date(2000, 1, 1)
FUTURE = "An assessment records what has been seen: give today's date or an earlier one."
ENGAGEMENT_FUTURE = "The engagement log records what happened: give today's date or an earlier one."
TOO_EARLY = "Give a date from 1 January 2000 onwards."
ACTION_TEXT_NEEDED = "Write what is to be done."
NO_GAP = (
    "This stakeholder has no gap: their latest stance is already the desired one (or they are not assessed)."
)
BODY_ABOLISHED = "That body has been abolished; choose a body that still keeps an action log."
NO_STAKEHOLDER = "Choose at least one stakeholder."
ALREADY_NEXT_STEP = "This engagement already has its next step in the action log: update that action instead."
BODY_NEEDED = "Choose the body whose action log the next step goes in."
ASSESSMENT_FIELDS = ("assessed_on", "power", "interest", "stance", "desired_stance", "evidence")
ENGAGEMENT_FIELDS = ("held_on", "kind", "title", "stakeholders", "participants", "heard")


def _past(day: Any, field: str, message: str) -> None:
    if not isinstance(day, datetime.date):
        raise ValidationError({field: "Enter a real date, for example 31/3/2026."})
    if day > timezone.localdate():
        raise ValidationError({field: message})
    if day < EARLIEST:
        raise ValidationError({field: TOO_EARLY})


@transaction.atomic
def stakeholder_create(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> Stakeholder:
    return record_create(actor=actor, partnership=partnership, model=Stakeholder, data=data)


@transaction.atomic
def stakeholder_update(
    *, actor: Any, stakeholder: Stakeholder, data: Mapping[str, Any], seen: str | None = None
) -> Stakeholder:
    return record_update(actor=actor, instance=stakeholder, data=data, seen=seen)


@transaction.atomic
def stakeholder_delete(*, actor: Any, stakeholder: Stakeholder) -> None:
    record_delete(actor=actor, instance=stakeholder)


@transaction.atomic
def assessment_add(*, actor: Any, stakeholder: Stakeholder, data: Mapping[str, Any]) -> Assessment:
    """Append an assessment: a date before an earlier assessment is history and allowed; a future one is
    refused, as are a power or interest outside 1–5 (the model's validators)."""
    policy.require_write(user=actor, partnership=stakeholder.partnership, action="add", model=Assessment)
    _past(data.get("assessed_on"), "assessed_on", FUTURE)
    values = {k: data[k] for k in ASSESSMENT_FIELDS if k in data}
    return record_create(
        actor=actor,
        partnership=stakeholder.partnership,
        model=Assessment,
        data={**values, "stakeholder": stakeholder, "assessed_by": actor},
    )


def _engagement_values(partnership: Partnership, data: Mapping[str, Any]) -> dict[str, Any]:
    _past(data.get("held_on"), "held_on", ENGAGEMENT_FUTURE)
    if not list(data.get("stakeholders") or ()):
        raise ValidationError({"stakeholders": NO_STAKEHOLDER})
    for name in ("stakeholders", "participants"):
        if any(r.partnership_id != partnership.pk for r in data.get(name) or ()):
            raise ValidationError({name: SAME_PARTNERSHIP})
    return {k: data[k] for k in ENGAGEMENT_FIELDS if k in data}


def _next_step(
    actor: Any,
    engagement: Engagement,
    *,
    body: Body | None,
    text: str,
    due_date: datetime.date | None,
    lead: Person | None,
    url: str,
) -> Action:
    if body is None:
        raise ValidationError({"body": BODY_NEEDED})
    spec = ActionSpec(text.strip(), due_date, {"engagement": engagement.pk}, lead)
    [action] = actions_record(actor=actor, source=engagement, body=body, actions=[spec], url=url)
    record_update(actor=actor, instance=engagement, data={"next_step": action})
    return action


@transaction.atomic
def engagement_create(
    *,
    actor: Any,
    partnership: Partnership,
    data: Mapping[str, Any],
    next_step: str = "",
    body: Body | None = None,
    due_date: datetime.date | None = None,
    lead: Person | None = None,
    url: Any = None,
) -> Engagement:
    """Log an engagement; with ``next_step`` text, record it as an action in ``body``'s action log.
    ``url`` may be a function of the new engagement giving its page."""
    policy.require_write(user=actor, partnership=partnership, action="add", model=Engagement)
    engagement = record_create(
        actor=actor,
        partnership=partnership,
        model=Engagement,
        data={**_engagement_values(partnership, data), "created_by": actor},
    )
    if next_step.strip():
        page = url(engagement) if callable(url) else str(url or "")
        _next_step(actor, engagement, body=body, text=next_step, due_date=due_date, lead=lead, url=page)
        engagement.refresh_from_db()
    return engagement


@transaction.atomic
def engagement_update(
    *,
    actor: Any,
    engagement: Engagement,
    data: Mapping[str, Any],
    seen: str | None = None,
    next_step: str = "",
    body: Body | None = None,
    due_date: datetime.date | None = None,
    lead: Person | None = None,
    url: str = "",
) -> Engagement:
    """Change the engagement; a next step may be added once (after that it lives in the action log)."""
    engagement = record_update(
        actor=actor, instance=engagement, data=_engagement_values(engagement.partnership, data), seen=seen
    )
    if next_step.strip():
        if engagement.next_step_id is not None:
            raise ValidationError({"next_step": ALREADY_NEXT_STEP})
        _next_step(actor, engagement, body=body, text=next_step, due_date=due_date, lead=lead, url=url)
        engagement.refresh_from_db()
    return engagement


@transaction.atomic
def engagement_delete(*, actor: Any, engagement: Engagement) -> None:
    """The engagement goes; its next step stays in the action log."""
    record_delete(actor=actor, instance=engagement)


@transaction.atomic
def gap_action_add(
    *,
    actor: Any,
    stakeholder: Stakeholder,
    body: Body,
    text: str,
    due_date: datetime.date | None = None,
    lead: Person | None = None,
    url: str = "",
) -> Action:
    """An engagement action for a stakeholder's gap in ``body``'s action log, recorded for the stakeholder."""
    policy.require_on_behalf(user=actor, source=stakeholder, object_type="action")
    if not text.strip():
        raise ValidationError({"text": ACTION_TEXT_NEEDED})
    if lead is not None and lead.partnership_id != stakeholder.partnership_id:
        raise ValidationError({"lead": policy.NOT_FOUND})
    latest = stakeholder.assessments.order_by("-assessed_on", "-id").first()
    if latest is None or latest.stance == latest.desired_stance:
        raise ValidationError(NO_GAP)
    if BodyHistory.objects.filter(body=body, abolished_on__lt=timezone.localdate()).exists():
        raise ValidationError({"body": BODY_ABOLISHED})
    spec = ActionSpec(text.strip(), due_date, {"gap": stakeholder.name[:200]}, lead)
    [action] = actions_record(actor=actor, source=stakeholder, body=body, actions=[spec], url=url)
    return action
