"""Writes of the yearly commissioning self-assessment: one per partnership and year, every standard scored
1 to 4 with a note; its actions go into a body's action log through ``traction.governance.workflows``."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from traction.core import policy
from traction.core.models import Partnership
from traction.core.services import record_create, record_update
from traction.governance.models import Action, Body
from traction.governance.workflows import ActionSpec, actions_record
from traction_analysis.commissioning import portfolio as pure

from ..models import SelfAssessment

YEAR_TAKEN = "The self-assessment for {year} already exists: open it to change its scores."
SCORE_EVERY = "Score every standard from 1 to 4."
ACTION_TEXT_NEEDED = "Write what is to be done."


def _checked(data: Mapping[str, Any]) -> dict[str, Any]:
    scores = dict(data.get("scores") or {})
    if not pure.valid_scores(scores):
        raise ValidationError(SCORE_EVERY)
    notes = {k: str(v).strip() for k, v in (data.get("notes") or {}).items() if k in pure.STANDARD_KEYS}
    return {"scores": scores, "notes": {k: v for k, v in notes.items() if v}}


@transaction.atomic
def self_assessment_create(
    *, actor: Any, partnership: Partnership, data: Mapping[str, Any]
) -> SelfAssessment:
    policy.require_write(user=actor, partnership=partnership, action="add", model=SelfAssessment)
    year = int(data.get("year") or 0)
    if SelfAssessment.objects.filter(partnership=partnership, year=year).exists():
        raise ValidationError({"year": YEAR_TAKEN.format(year=year)})
    return record_create(
        actor=actor,
        partnership=partnership,
        model=SelfAssessment,
        data={"year": year, **_checked(data), "created_by": actor},
    )


@transaction.atomic
def self_assessment_update(
    *, actor: Any, assessment: SelfAssessment, data: Mapping[str, Any], seen: str | None = None
) -> SelfAssessment:
    """Change the scores and notes (the year stays)."""
    policy.require_write(
        user=actor, partnership=assessment.partnership, action="change", model=SelfAssessment
    )
    return record_update(actor=actor, instance=assessment, data=_checked(data), seen=seen)


@transaction.atomic
def self_assessment_action_add(
    *,
    actor: Any,
    assessment: SelfAssessment,
    body: Body,
    text: str,
    due_date: datetime.date | None = None,
    standard: str = "",
    url: str = "",
) -> Action:
    """An action in ``body``'s action log, recorded for the self-assessment and listed on it."""
    policy.require_on_behalf(user=actor, source=assessment, object_type="action")
    if not text.strip():
        raise ValidationError({"text": ACTION_TEXT_NEEDED})
    provenance = {"standard": standard} if standard in pure.STANDARD_KEYS else {}
    spec = ActionSpec(text.strip(), due_date, provenance)
    [action] = actions_record(actor=actor, source=assessment, body=body, actions=[spec], url=url)
    current = list(assessment.actions.all())
    record_update(actor=actor, instance=assessment, data={"actions": [*current, action]})
    return action
