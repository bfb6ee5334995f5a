"""Writes of outcome reviews: made for a strategy's current iteration in its Review phase, edited, and
decided at a meeting (the decided agenda item is recorded through ``traction.governance.workflows`` on the
review's behalf). One transaction each, audited; nothing is written on a refusal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from traction.core import policy
from traction.core.services import record_create, record_update
from traction.governance.models import Meeting
from traction.governance.workflows import decision_record

from ..models import OutcomeReview, Phase, ReviewDecision, Strategy

NOT_IN_REVIEW = "An outcome review is made when the strategy is in its Review phase."
ALREADY_REVIEWED = "This iteration of the strategy already has its outcome review."
ALREADY_DECIDED = "This review's decision is already recorded."
DECISION_NEEDED = "Choose the decision: continue, redesign, re-source or decommission."
REASONS_NEEDED = "Write the reasons for the decision."
EDIT_FIELDS = ("story", "partners")


@transaction.atomic
def review_create(*, actor: Any, strategy: Strategy, data: Mapping[str, Any]) -> OutcomeReview:
    """The review of the strategy's current iteration; only in the Review phase, and once."""
    policy.require_write(user=actor, partnership=strategy.partnership, action="add", model=OutcomeReview)
    locked = Strategy.objects.select_for_update().get(pk=strategy.pk)
    if locked.phase != Phase.REVIEW:
        raise ValidationError(NOT_IN_REVIEW)
    if OutcomeReview.objects.filter(strategy=locked, iteration=locked.iteration).exists():
        raise ValidationError(ALREADY_REVIEWED)
    fields = {name: data.get(name, "") for name in EDIT_FIELDS}
    return record_create(
        actor=actor,
        partnership=locked.partnership,
        model=OutcomeReview,
        data={**fields, "strategy": locked, "iteration": locked.iteration, "created_by": actor},
    )


@transaction.atomic
def review_update(
    *, actor: Any, review: OutcomeReview, data: Mapping[str, Any], seen: str | None = None
) -> OutcomeReview:
    """The story behind the figures and the partners with a role; the decision is recorded apart."""
    return record_update(
        actor=actor, instance=review, data={n: data.get(n, "") for n in EDIT_FIELDS}, seen=seen
    )


def _resolution(review: OutcomeReview, decision: ReviewDecision, reasons: str) -> str:
    return (
        f"RESOLVED that, after the outcome review of iteration {review.iteration}, the commissioning of "
        f"“{review.strategy}” is to {decision.label.lower()}. Reasons: {reasons}"
    )


@transaction.atomic
def review_decide(
    *, actor: Any, review: OutcomeReview, meeting: Meeting, decision: str, reasons: str, url: str = ""
) -> OutcomeReview:
    """The review's decision, taken at ``meeting``: a decided agenda item in the record (which links back to
    the review) and the decision, its reasons and that item on the review."""
    policy.require_write(user=actor, partnership=review.partnership, action="change", model=OutcomeReview)
    locked = OutcomeReview.objects.select_for_update().select_related("strategy").get(pk=review.pk)
    if locked.decision:
        raise ValidationError(ALREADY_DECIDED)
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": DECISION_NEEDED})
    if not reasons.strip():
        raise ValidationError({"decision_reasons": REASONS_NEEDED})
    chosen = ReviewDecision(decision)
    item = decision_record(
        actor=actor,
        source=locked,
        meeting=meeting,
        title=f"Outcome review: {locked.strategy}",
        resolution=_resolution(locked, chosen, reasons.strip()),
        provenance={"review_decision": chosen.value},
        url=url,
    )
    return record_update(
        actor=actor,
        instance=locked,
        data={"decision": chosen.value, "decision_reasons": reasons.strip(), "decided_item": item},
    )
