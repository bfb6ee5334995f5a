"""Principles, goals and outcomes for tests: ``world_*`` return the same record for a world every time;
``fresh_*`` make a new draft for URLs that change or delete it. Written straight to the ORM (no permission,
no audit) to set the scene."""

from __future__ import annotations

from typing import Any

from factories import World
from traction.direction.models import Goal, Principle, SharedOutcome, Statement, Status

MODELS: dict[str, type[Statement]] = {"principle": Principle, "goal": Goal, "outcome": SharedOutcome}
TITLES = {
    "principle": "We share what we know early",
    "goal": "Care closer to home",
    "outcome": "Fewer people go into hospital in a crisis",
}


def world_statement(kind: str) -> Any:
    def make(w: World) -> Statement:
        model = MODELS[kind]
        found = model.objects.filter(partnership=w.partnership, title=TITLES[kind]).first()
        if found is None:
            found = model.objects.create(
                partnership=w.partnership, title=TITLES[kind], status=Status.AGREED, agreed_item=w.item
            )
        return found

    return make


def fresh_statement(kind: str) -> Any:
    def make(w: World) -> Statement:
        return MODELS[kind].objects.create(partnership=w.partnership, title=f"A draft {kind}")

    return make


def world_outcome(w: World) -> SharedOutcome:
    outcome = world_statement("outcome")(w)
    assert isinstance(outcome, SharedOutcome)
    return outcome
