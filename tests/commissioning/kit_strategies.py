"""Strategies, toolkit steps, gate criteria and gates for tests: ``world_*`` return the same record for a
world every time; ``fresh_*`` make a new one for URLs that change or delete it. Written straight to the ORM
(no permission, no audit) to set the scene."""

from __future__ import annotations

from factories import World
from traction.commissioning.models import (
    Gate,
    GateCriterion,
    GateCriterionTemplate,
    Phase,
    Strategy,
    ToolkitStep,
)

TITLE = "Falls prevention"


def strategy(w: World, title: str = TITLE, *, phase: str = Phase.ANALYSE, iteration: int = 1) -> Strategy:
    made = Strategy.objects.create(
        partnership=w.partnership, title=title, lead_body=w.body, phase=phase, iteration=iteration
    )
    return made


def world_strategy(w: World) -> Strategy:
    found = Strategy.objects.filter(partnership=w.partnership, title=TITLE).first()
    return found or strategy(w)


def fresh_strategy(w: World) -> Strategy:
    return strategy(w, "Carers' support")


def world_step(w: World) -> ToolkitStep:
    found = ToolkitStep.objects.filter(partnership=w.partnership, title="Agree the scope").first()
    return found or ToolkitStep.objects.create(
        partnership=w.partnership, phase=Phase.ANALYSE, order=1, title="Agree the scope"
    )


def fresh_step(w: World) -> ToolkitStep:
    return ToolkitStep.objects.create(partnership=w.partnership, phase=Phase.PLAN, title="Weigh the risks")


def fresh_criterion_template(w: World) -> GateCriterionTemplate:
    return GateCriterionTemplate.objects.create(
        partnership=w.partnership, phase=Phase.DO, text="A contract or service plan is in place."
    )


def gate(w: World, on: Strategy | None = None, *, criteria: tuple[str, ...] = ()) -> Gate:
    """A pending gate out of the strategy's current phase, with the given criteria (unassessed)."""
    on = on or fresh_strategy(w)
    made = Gate.objects.create(
        partnership=w.partnership,
        strategy=on,
        iteration=on.iteration,
        from_phase=on.phase,
        to_phase={"analyse": "plan", "plan": "do", "do": "review", "review": "analyse"}[on.phase],
    )
    for n, text in enumerate(criteria, start=1):
        GateCriterion.objects.create(partnership=w.partnership, gate=made, order=n, text=text)
    return made


def world_gate(w: World) -> Gate:
    found = Gate.objects.filter(partnership=w.partnership, strategy__title=TITLE).first()
    return found or gate(w, world_strategy(w), criteria=("A needs assessment is attached.",))


def fresh_gate(w: World) -> Gate:
    return gate(w)


def fresh_gate_with_criterion(w: World) -> Gate:
    return gate(w, criteria=("The market has been mapped.",))


def latest_criterion_pk(w: World) -> int:
    """The newest criterion's id in the world (0 when it has none, as for a gate that does not exist)."""
    found = GateCriterion.objects.filter(partnership=w.partnership).order_by("-pk").first()
    return found.pk if found else 0
