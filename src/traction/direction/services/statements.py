"""Writes for principles, goals and outcomes: one transaction each, audited.

A statement becomes *agreed* only with the decided agenda item that agreed it: chosen from the record, or
recorded here at a meeting through ``traction.governance.workflows.decision_record`` on the statement's behalf
(the item links back to it). The model and the database refuse *agreed* without the link as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from traction.core.models import Partnership
from traction.core.services import record_create, record_update
from traction.governance.models import Action, AgendaItem, Meeting, Outcome
from traction.governance.workflows import decision_record

from ..models import NOT_DECIDED, Goal, Principle, SharedOutcome, Statement, Status

S = TypeVar("S", bound=Statement)

KINDS: dict[str, type[Statement]] = {"principle": Principle, "goal": Goal, "outcome": SharedOutcome}
ALREADY_AGREED = "This is already agreed (by {item}). Retire it and agree a new one to change it."


def kind_of(statement: Statement) -> str:
    return next(kind for kind, model in KINDS.items() if isinstance(statement, model))


def statement_url(statement: Statement) -> str:
    kind = kind_of(statement)
    name = "outcome-detail" if kind == "outcome" else f"{kind}-list"
    kwargs: dict[str, Any] = {"slug": statement.partnership.slug}
    if kind == "outcome":
        kwargs["pk"] = statement.pk
    return reverse(f"direction:{name}", kwargs=kwargs)


@transaction.atomic
def statement_create(*, actor: Any, partnership: Partnership, model: type[S], data: dict[str, Any]) -> S:
    return record_create(actor=actor, partnership=partnership, model=model, data=data)


@transaction.atomic
def statement_update(*, actor: Any, statement: S, data: dict[str, Any], seen: str | None = None) -> S:
    return record_update(actor=actor, instance=statement, data=data, seen=seen)


@transaction.atomic
def statement_agree(
    *, actor: Any, statement: S, meeting: Meeting, resolution: str, seen: str | None = None
) -> S:
    """Record at ``meeting`` the decision that agrees ``statement``; mark it agreed, linked to that item."""
    if statement.status == Status.AGREED and statement.agreed_item_id is not None:
        raise ValidationError(ALREADY_AGREED.format(item=statement.agreed_item))
    kind = kind_of(statement)
    item = decision_record(
        actor=actor,
        source=statement,
        meeting=meeting,
        title=f"Agreement of the {kind}: {statement.title}",
        resolution=resolution,
        url=statement_url(statement),
    )
    return record_update(
        actor=actor, instance=statement, data={"status": Status.AGREED, "agreed_item": item}, seen=seen
    )


@transaction.atomic
def outcome_claims_set(
    *,
    actor: Any,
    outcome: SharedOutcome,
    decisions: Iterable[AgendaItem],
    actions: Iterable[Action],
    seen: str | None = None,
) -> SharedOutcome:
    """The decisions and actions that claim to move ``outcome``: decisions must be decided items."""
    decisions = list(decisions)
    if any(item.outcome != Outcome.DECIDED for item in decisions):
        raise ValidationError({"decisions": NOT_DECIDED})
    return record_update(
        actor=actor, instance=outcome, data={"decisions": decisions, "actions": list(actions)}, seen=seen
    )


@transaction.atomic
def record_claims_set(
    *, actor: Any, record: AgendaItem | Action, outcomes: Iterable[SharedOutcome]
) -> list[SharedOutcome]:
    """From a decision's or an action's side: the outcomes it claims to move. Each outcome gained or lost is
    changed (and audited) as if its own claims form had been saved."""
    if isinstance(record, AgendaItem) and record.outcome != Outcome.DECIDED:
        raise ValidationError({"outcomes": NOT_DECIDED})
    field = "decisions" if isinstance(record, AgendaItem) else "actions"
    wanted = {o.pk: o for o in outcomes}
    current = {o.pk: o for o in record.shared_outcomes.all()}
    changed = []
    for pk in wanted.keys() ^ current.keys():
        outcome = SharedOutcome.objects.get(pk=pk, partnership=record.partnership)
        linked = list(getattr(outcome, field).all())
        linked = [*linked, record] if pk in wanted else [r for r in linked if r.pk != record.pk]
        changed.append(record_update(actor=actor, instance=outcome, data={field: linked}))
    return changed
