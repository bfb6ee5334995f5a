"""Gates: scheduled out of a strategy's current phase, assessed criterion by criterion, decided by a named
body at one of its meetings. One transaction each, audited.

``gate_decide`` is the only write that moves a strategy's phase: the decided item is recorded in the
governance record on the gate's behalf (or an existing decided item of that meeting is linked), the
conditions become actions in the action log with an owner and a due date, and the strategy moves on (Review
→ Analyse starts the next iteration), stays (hold) or ends (stop). A refusal writes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record, diff, snapshot
from traction.core.services import record_create, record_update
from traction.governance.models import Action, AgendaItem, Body, Meeting, Outcome, Person
from traction.governance.workflows import ActionSpec, actions_record, decision_record, source_of

from ..models import (
    AppraisalStatus,
    Assessment,
    Decision,
    Gate,
    GateCriterion,
    GateCriterionTemplate,
    GateStatus,
    OptionsAppraisal,
    OutcomeReview,
    Phase,
    ReviewDecision,
    Strategy,
    next_phase,
)
from .strategies import refuse_if_stopped, templates_ensure

NO_BODY = "Name the body that decided this gate."
NO_MEETING = "Name the meeting at which the gate was decided."
MEETING_NOT_OF_BODY = (
    "That meeting is not one of {body}’s meetings: choose a meeting of the body that decided."
)
ITEM_NOT_OF_MEETING = "The decided item you link must be a decided item of that meeting."
NO_RESOLUTION = "Write down what was decided (or link the decided item already in the record)."
NO_CONFIDENCE = "Rate the delivery confidence."
NO_CONDITIONS = "A decision to proceed with conditions needs at least one condition."
CONDITIONS_ONLY = "Only a decision to proceed with conditions sets conditions."
UNMET_NEEDS_REASONS = (
    "{count} criterion{s} of this gate {are} not met or not yet assessed: record the reasons for passing it "
    "anyway, or assess them first."
)
NO_APPRAISAL = "Passing the gate out of Plan needs a complete options appraisal for this iteration first."
ALREADY_DECIDED = "This gate is already decided."
GATE_LEFT_BEHIND = "This gate is for a phase the strategy has already left."
GATE_PENDING = "This strategy already has a gate to be decided: decide it before scheduling another."
ASSESSED_ALREADY = "A decided gate’s criteria cannot be changed."
PASSING = frozenset({Decision.PROCEED, Decision.CONDITIONS})


@dataclass(frozen=True)
class Condition:
    """A condition of a gate decision: it becomes an action held by ``owner``, due on ``due_date``."""

    text: str
    owner: Person
    due_date: datetime.date


@dataclass(frozen=True)
class GateDecision:
    decision: str
    confidence: int | None
    body: Body | None
    meeting: Meeting | None
    resolution: str = ""
    conditions: Sequence[Condition] = ()
    reasons: str = ""
    decided_item: AgendaItem | None = None


def gate_url(gate: Gate) -> str:
    return reverse("commissioning:gate-detail", kwargs={"slug": gate.partnership.slug, "pk": gate.pk})


@transaction.atomic
def gate_schedule(*, actor: Any, strategy: Strategy, scheduled_for: datetime.date | None) -> Gate:
    """The gate out of the strategy's current phase, with the phase's active criteria copied onto it."""
    policy.require_write(user=actor, partnership=strategy.partnership, action="add", model=Gate)
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    refuse_if_stopped(strategy)
    if strategy.gates.filter(status=GateStatus.PENDING).exists():
        raise ValidationError(GATE_PENDING)
    templates_ensure(partnership=strategy.partnership, actor=actor)
    gate = record_create(
        actor=actor,
        partnership=strategy.partnership,
        model=Gate,
        data={
            "strategy": strategy,
            "iteration": strategy.iteration,
            "from_phase": strategy.phase,
            "to_phase": next_phase(strategy.phase),
            "scheduled_for": scheduled_for,
        },
    )
    templates = GateCriterionTemplate.objects.filter(
        partnership=strategy.partnership, phase=strategy.phase, active=True
    )
    for template in templates:
        record_create(
            actor=actor,
            partnership=strategy.partnership,
            model=GateCriterion,
            data={"gate": gate, "order": template.order, "text": template.text},
        )
    if scheduled_for is not None:
        record_update(actor=actor, instance=strategy, data={"next_gate_on": scheduled_for})
    return gate


@transaction.atomic
def gate_assess(*, actor: Any, gate: Gate, assessments: Mapping[int, Mapping[str, Any]]) -> Gate:
    """Each criterion's assessment and evidence (``assessments[criterion pk]``: assessment, evidence, paper,
    link); criteria of other gates are ignored."""
    policy.require_write(user=actor, partnership=gate.partnership, action="change", model=GateCriterion)
    gate = Gate.objects.select_for_update().get(pk=gate.pk)
    if gate.status != GateStatus.PENDING:
        raise ValidationError(ASSESSED_ALREADY)
    for criterion in gate.criteria.all():
        values = assessments.get(criterion.pk)
        if values is not None:
            record_update(actor=actor, instance=criterion, data=dict(values))
    return gate


def _refusals(gate: Gate, strategy: Strategy, decided: GateDecision) -> None:
    """The first rule the decision breaks, as a ValidationError on the form's field; nothing written yet."""
    if gate.status != GateStatus.PENDING:
        raise ValidationError(ALREADY_DECIDED)
    refuse_if_stopped(strategy)
    if (gate.iteration, gate.from_phase) != (strategy.iteration, strategy.phase):
        raise ValidationError(GATE_LEFT_BEHIND)
    if decided.body is None:
        raise ValidationError({"body": NO_BODY})
    if decided.meeting is None:
        raise ValidationError({"meeting": NO_MEETING})
    if decided.meeting.body_id != decided.body.pk:
        raise ValidationError({"meeting": MEETING_NOT_OF_BODY.format(body=decided.body)})
    if decided.confidence is None:
        raise ValidationError({"confidence": NO_CONFIDENCE})
    _refuse_item(decided)
    _refuse_conditions(decided)
    if decided.decision in PASSING:
        _refuse_passing(gate, decided)


def _refuse_item(decided: GateDecision) -> None:
    item = decided.decided_item
    if item is not None and (
        item.meeting_id != getattr(decided.meeting, "pk", None) or item.outcome != Outcome.DECIDED
    ):
        raise ValidationError({"decided_item": ITEM_NOT_OF_MEETING})
    if item is None and not decided.resolution.strip():
        raise ValidationError({"resolution": NO_RESOLUTION})


def _refuse_conditions(decided: GateDecision) -> None:
    if decided.decision == Decision.CONDITIONS and not decided.conditions:
        raise ValidationError({"conditions": NO_CONDITIONS})
    if decided.decision != Decision.CONDITIONS and decided.conditions:
        raise ValidationError({"conditions": CONDITIONS_ONLY})


NO_REVIEW = (
    "Decide the outcome review of this iteration first: the gate out of Review starts the next Analyse "
    "from what the review decided."
)
REVIEW_DECOMMISSIONS = (
    "The outcome review of this iteration decided to decommission: record a stop decision, or change the "
    "review, rather than start another iteration."
)


def _refuse_without_review(gate: Gate, decided: GateDecision) -> None:
    review = OutcomeReview.objects.filter(strategy_id=gate.strategy_id, iteration=gate.iteration).first()
    if review is None or not review.decision:
        raise ValidationError(NO_REVIEW)
    if review.decision == ReviewDecision.DECOMMISSION:
        raise ValidationError(REVIEW_DECOMMISSIONS)


def _refuse_passing(gate: Gate, decided: GateDecision) -> None:
    unmet = gate.criteria.filter(assessment__in=[Assessment.UNASSESSED, Assessment.NOT_MET]).count()
    if unmet and not decided.reasons.strip():
        one = unmet == 1
        raise ValidationError(
            {
                "reasons": UNMET_NEEDS_REASONS.format(
                    count=unmet, s="" if one else "a", are="is" if one else "are"
                )
            }
        )
    if gate.from_phase == Phase.REVIEW:
        _refuse_without_review(gate, decided)
    if (
        gate.from_phase == Phase.PLAN
        and not OptionsAppraisal.objects.filter(
            strategy_id=gate.strategy_id, iteration=gate.iteration, status=AppraisalStatus.COMPLETE
        ).exists()
    ):
        raise ValidationError(NO_APPRAISAL)


def _record(
    actor: Any, gate: Gate, strategy: Strategy, decided: GateDecision
) -> tuple[AgendaItem, list[Action]]:
    """The decided item (recorded, or the one named) and the conditions as actions of the deciding body."""
    assert decided.meeting is not None and decided.body is not None  # _refusals saw to it
    url = gate_url(gate)
    specs = [
        ActionSpec(
            text=condition.text,
            due_date=condition.due_date,
            lead=condition.owner,
            provenance={"gate condition": str(gate)},
        )
        for condition in decided.conditions
    ]
    if decided.decided_item is not None:
        actions = (
            actions_record(actor=actor, source=gate, body=decided.body, actions=specs, url=url)
            if specs
            else []
        )
        return decided.decided_item, actions
    item = decision_record(
        actor=actor,
        source=gate,
        meeting=decided.meeting,
        title=f"Gate decision: {strategy}, {gate.get_from_phase_display()} to {gate.get_to_phase_display()}",
        resolution=decided.resolution,
        actions=specs,
        url=url,
    )
    origin = source_of(gate)
    actions = list(item.actions.filter(source_model=origin["source_model"], source_pk=origin["source_pk"]))
    return item, actions


def _move(actor: Any, strategy: Strategy, gate: Gate, changes: Mapping[str, Any]) -> None:
    """The one save that may change the phase: flagged for the model, audited as the gate's doing."""
    before = snapshot(strategy)
    for name, value in changes.items():
        setattr(strategy, name, value)
    strategy._gate_moves_it = True
    try:
        strategy.full_clean()
        strategy.save()
    finally:
        del strategy._gate_moves_it
    audit_record(
        actor=actor,
        partnership=strategy.partnership,
        verb="changed",
        instance=strategy,
        changes={**diff(before, snapshot(strategy)), "by gate": [None, str(gate)]},
    )


def _strategy_after(gate: Gate, strategy: Strategy, decision: str, day: datetime.date) -> dict[str, Any]:
    if decision in PASSING:
        iteration = strategy.iteration + (1 if gate.from_phase == Phase.REVIEW else 0)
        return {"phase": gate.to_phase, "iteration": iteration, "phase_since": day, "next_gate_on": None}
    if decision == Decision.STOP:
        return {"stopped_on": day, "next_gate_on": None}
    return {}


@transaction.atomic
def gate_decide(*, actor: Any, gate: Gate, decided: GateDecision) -> Gate:
    """Record the gate's decision; see the module's docstring for everything it does and refuses."""
    policy.require_write(user=actor, partnership=gate.partnership, action="change", model=Gate)
    gate = Gate.objects.select_for_update().get(pk=gate.pk)
    strategy = Strategy.objects.select_for_update().get(pk=gate.strategy_id)
    _refusals(gate, strategy, decided)
    item, actions = _record(actor, gate, strategy, decided)
    record_update(
        actor=actor,
        instance=gate,
        data={
            "status": GateStatus.DECIDED,
            "decision": decided.decision,
            "confidence": decided.confidence,
            "body": decided.body,
            "meeting": decided.meeting,
            "decided_item": item,
            "reasons": decided.reasons.strip(),
            "decided_by": actor,
            "decided_at": timezone.now(),
            "conditions": actions,
        },
    )
    assert decided.meeting is not None
    changes = _strategy_after(gate, strategy, decided.decision, decided.meeting.date)
    if changes:
        _move(actor, strategy, gate, changes)
    gate.refresh_from_db()
    return gate
