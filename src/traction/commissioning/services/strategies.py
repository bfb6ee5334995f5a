"""Writes for strategies, their checklists and the partnership's toolkit templates: one transaction each,
audited.

A strategy's phase and iteration are not written here: only a gate decision moves them
(``services.gates.gate_decide``), and the model refuses any other change.
"""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.core.services import record_create, record_delete, record_update
from traction_analysis.commissioning.strategies import DEFAULT_CRITERIA, DEFAULT_STEPS

from ..models import ChecklistTick, GateCriterionTemplate, Strategy, ToolkitStep

T = TypeVar("T", ToolkitStep, GateCriterionTemplate)

STEP_NOT_IN_PHASE = "That step is not on the checklist of the strategy's current phase."
STOPPED = "This strategy was stopped on {day:%d %B %Y}; it takes no more changes to its checklist or gates."


@transaction.atomic
def templates_ensure(*, partnership: Partnership, actor: Any = None) -> None:
    """The default toolkit steps and gate criteria, written (and audited) the first time a partnership needs
    them; once it has any step or criterion, its own set stands, retired rows included."""
    rows: list[models.Model] = []
    if not ToolkitStep.objects.filter(partnership=partnership).exists():
        rows += [
            ToolkitStep(partnership=partnership, phase=phase, order=n, title=title, guidance=guidance)
            for n, (phase, title, guidance) in enumerate(DEFAULT_STEPS, start=1)
        ]
    if not GateCriterionTemplate.objects.filter(partnership=partnership).exists():
        rows += [
            GateCriterionTemplate(partnership=partnership, phase=phase, order=n, text=text)
            for n, (phase, text) in enumerate(DEFAULT_CRITERIA, start=1)
        ]
    for row in rows:
        row.full_clean()
        row.save()
        audit_record(
            actor=actor,
            partnership=partnership,
            verb="created",
            instance=row,
            changes={"default": [None, str(row)]},
        )


@transaction.atomic
def strategy_create(
    *, actor: Any, partnership: Partnership, data: dict[str, Any], since: datetime.date | None = None
) -> Strategy:
    """A new strategy starts in Analyse, iteration 1, from ``since`` (today unless a record of an older
    strategy is being entered)."""
    templates_ensure(partnership=partnership, actor=actor)
    return record_create(
        actor=actor,
        partnership=partnership,
        model=Strategy,
        # every strategy starts in Analyse, iteration 1, whatever the data says: only gates move it
        data={
            **{k: v for k, v in data.items() if k not in ("phase", "iteration", "stopped_on")},
            "created_by": actor,
            "phase_since": since or timezone.localdate(),
        },
    )


@transaction.atomic
def strategy_update(
    *, actor: Any, strategy: Strategy, data: dict[str, Any], seen: str | None = None
) -> Strategy:
    return record_update(actor=actor, instance=strategy, data=data, seen=seen)


@transaction.atomic
def strategy_delete(*, actor: Any, strategy: Strategy) -> None:
    record_delete(actor=actor, instance=strategy)


def refuse_if_stopped(strategy: Strategy) -> None:
    if strategy.stopped_on is not None:
        raise ValidationError(STOPPED.format(day=strategy.stopped_on))


@transaction.atomic
def checklist_tick(
    *, actor: Any, strategy: Strategy, step: ToolkitStep, done: bool, note: str = ""
) -> ChecklistTick:
    """Mark a step of the current phase's checklist done (or not) for the current iteration; audited as a
    change to the strategy, naming the step."""
    policy.require_write(user=actor, partnership=strategy.partnership, action="change", model=ChecklistTick)
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    refuse_if_stopped(strategy)
    if step.partnership_id != strategy.partnership_id or step.phase != strategy.phase or not step.active:
        raise ValidationError({"step": STEP_NOT_IN_PHASE})
    tick, _ = ChecklistTick.objects.get_or_create(
        partnership=strategy.partnership, strategy=strategy, step=step, iteration=strategy.iteration
    )
    before = "done" if tick.done else "to do"
    tick.done = done
    tick.note = note[:300] if note else tick.note
    tick.done_by = actor if done else None
    tick.done_at = timezone.now() if done else None
    tick.full_clean()
    tick.save()
    after = "done" if done else "to do"
    if before != after:
        audit_record(
            actor=actor,
            partnership=strategy.partnership,
            verb="changed",
            instance=strategy,
            changes={f"checklist, iteration {strategy.iteration}: {step.title}"[:200]: [before, after]},
        )
    return tick


# --- the partnership's templates: toolkit steps and gate criteria ----------------------------------------


@transaction.atomic
def template_create(*, actor: Any, partnership: Partnership, model: type[T], data: dict[str, Any]) -> T:
    return record_create(actor=actor, partnership=partnership, model=model, data=data)


@transaction.atomic
def template_update(*, actor: Any, template: T, data: dict[str, Any], seen: str | None = None) -> T:
    return record_update(actor=actor, instance=template, data=data, seen=seen)


@transaction.atomic
def template_retire(*, actor: Any, template: models.Model) -> models.Model:
    """Retired steps leave every checklist and retired criteria leave gates scheduled from now on; what was
    ticked or assessed stays."""
    return record_update(actor=actor, instance=template, data={"active": False})
