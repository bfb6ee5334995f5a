"""Reads of strategies, their checklists and gates, and the partnership's toolkit templates, through the
permission table."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from traction.core import policy
from traction.core.models import Partnership
from traction.direction.models import Indicator, SharedOutcome
from traction.governance.models import Action, ActionStatus
from traction_analysis.commissioning.strategies import days_between

from ..models import (
    PHASE_ORDER,
    ChecklistTick,
    Gate,
    GateCriterion,
    GateCriterionTemplate,
    GateStatus,
    OptionsAppraisal,
    OutcomeReview,
    Strategy,
    ToolkitStep,
)
from .reviews import seed_for


def _permitted(user: Any, partnership: Partnership, model: Any) -> QuerySet[Any]:
    return policy.permitted(user=user, partnership=partnership, action="view", model=model)


def strategy_list(*, user: Any, partnership: Partnership) -> QuerySet[Strategy]:
    return (
        _permitted(user, partnership, Strategy)
        .select_related("lead_body", "lead_officer")
        .annotate(pending_gates=Count("gates", filter=Q(gates__status=GateStatus.PENDING)))
    )


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    strategies = _permitted(user, partnership, Strategy)
    counts = dict(
        strategies.filter(stopped_on__isnull=True)
        .values_list("phase")
        .annotate(n=Count("id"))
        .values_list("phase", "n")
    )
    return {
        "strategy_phases": [(phase.label, counts.get(phase.value, 0)) for phase in PHASE_ORDER],
        "strategies_total": strategies.count(),
        "strategies_stopped": strategies.filter(stopped_on__isnull=False).count(),
        "gates_pending": _permitted(user, partnership, Gate).filter(status=GateStatus.PENDING).count(),
    }


@dataclass(frozen=True)
class ChecklistRow:
    step: ToolkitStep
    tick: ChecklistTick | None

    @property
    def done(self) -> bool:
        return self.tick is not None and self.tick.done


def checklist(*, strategy: Strategy) -> list[ChecklistRow]:
    """The current phase's active steps with this iteration's ticks (the strategy is already permitted)."""
    steps = ToolkitStep.objects.filter(partnership=strategy.partnership, phase=strategy.phase, active=True)
    ticks = {
        tick.step_id: tick
        for tick in strategy.ticks.filter(iteration=strategy.iteration).select_related("done_by")
    }
    return [ChecklistRow(step, ticks.get(step.pk)) for step in steps]


def _gates(strategy: Strategy) -> QuerySet[Gate]:
    return strategy.gates.select_related("body", "meeting__body", "decided_item").prefetch_related(
        "criteria", Prefetch("conditions", queryset=Action.objects.select_related("lead"))
    )


def strategy_detail(
    *, user: Any, partnership: Partnership, strategy: Strategy, today: datetime.date | None = None
) -> dict[str, Any]:
    """What a strategy's page shows: days in phase, the checklist, the outcomes and indicators it serves,
    its gates across iterations and the open conditions."""
    today = today or timezone.localdate()
    gates = _gates(strategy)
    condition_ids = Gate.conditions.through.objects.filter(gate__strategy=strategy).values("action_id")
    return {
        "days_in_phase": days_between(strategy.phase_since, today),
        "checklist": checklist(strategy=strategy),
        "outcomes": _permitted(user, partnership, SharedOutcome).filter(strategies=strategy),
        "indicators": _permitted(user, partnership, Indicator).filter(strategies=strategy),
        "gates": gates,
        "pending_gate": next((g for g in gates if g.status == GateStatus.PENDING), None),
        "open_conditions": _permitted(user, partnership, Action)
        .filter(status=ActionStatus.OPEN, pk__in=condition_ids)
        .select_related("lead", "body"),
        "partner_bodies": strategy.partner_bodies.all(),
        "appraisals": _permitted(user, partnership, OptionsAppraisal).filter(strategy=strategy),
        "reviews": (reviews := _permitted(user, partnership, OutcomeReview).filter(strategy=strategy)),
        "reviewed_now": any(r.iteration == strategy.iteration for r in reviews),
        "seed": seed_for(strategy),
    }


def gate_detail(*, gate: Gate) -> dict[str, Any]:
    criteria = gate.criteria.select_related("paper")
    return {
        "criteria": criteria,
        "conditions": gate.conditions.select_related("lead", "body"),
        "unmet": sum(1 for c in criteria if c.assessment in ("", "not_met")),
    }


def criteria_of(*, gate: Gate) -> QuerySet[GateCriterion]:
    return gate.criteria.select_related("paper")


def template_list(
    *, user: Any, partnership: Partnership, model: type[ToolkitStep] | type[GateCriterionTemplate]
) -> list[tuple[str, list[Any]]]:
    """The partnership's steps or criteria grouped by phase, retired ones included (marked)."""
    rows = list(_permitted(user, partnership, model))
    return [(phase.label, [row for row in rows if row.phase == phase.value]) for phase in PHASE_ORDER]
