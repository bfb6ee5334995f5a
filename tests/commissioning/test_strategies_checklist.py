"""A strategy's checklist and the partnership's toolkit: defaults written once, ticks recorded with who and
when and audited as a change to the strategy, retired steps off the checklist; and an action recorded for a
workflow may name its lead."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commissioning import kit_strategies as kit
from dbstate import assert_db_unchanged
from factories import World
from traction.commissioning.models import ChecklistTick, GateCriterionTemplate, Phase, ToolkitStep
from traction.commissioning.selectors.strategies import checklist
from traction.commissioning.services import strategies
from traction.core.models import AuditEvent
from traction.governance.models import Action
from traction.governance.workflows import ActionSpec, actions_record
from traction_analysis.commissioning.strategies import DEFAULT_CRITERIA, DEFAULT_STEPS, PHASES


def test_the_default_toolkit_has_four_to_six_steps_a_phase_and_criteria_for_every_gate() -> None:
    for phase in PHASES:
        assert 4 <= sum(1 for p, *_ in DEFAULT_STEPS if p == phase) <= 6
        assert any(p == phase for p, _ in DEFAULT_CRITERIA)


def test_defaults_are_written_once(world_a: World, secretary: Any) -> None:
    strategies.templates_ensure(partnership=world_a.partnership, actor=secretary)
    steps = ToolkitStep.objects.filter(partnership=world_a.partnership).count()
    assert steps == len(DEFAULT_STEPS)
    assert GateCriterionTemplate.objects.filter(partnership=world_a.partnership).count() == len(
        DEFAULT_CRITERIA
    )
    with assert_db_unchanged():
        strategies.templates_ensure(partnership=world_a.partnership, actor=secretary)


def test_a_tick_records_who_and_when_and_is_audited_on_the_strategy(
    world_a: World, secretary_client: Any, secretary: Any
) -> None:
    strategy, step = kit.world_strategy(world_a), kit.world_step(world_a)
    url = reverse("commissioning:strategy-tick", kwargs={"slug": "northshire", "pk": strategy.pk})
    assert secretary_client.post(url, {"step": step.pk, "done": "1"}).status_code == 302
    tick = ChecklistTick.objects.get(strategy=strategy, step=step, iteration=1)
    assert tick.done and tick.done_by == secretary and tick.done_at is not None
    event = AuditEvent.objects.filter(object_type="strategy", object_id=str(strategy.pk)).latest("id")
    assert event.changes == {"checklist, iteration 1: Agree the scope": ["to do", "done"]}
    [row] = checklist(strategy=strategy)
    assert row.done
    secretary_client.post(url, {"step": step.pk, "done": "0"})
    tick.refresh_from_db()
    assert not tick.done and tick.done_by is None


def test_a_step_of_another_phase_or_retired_cannot_be_ticked(world_a: World, secretary: Any) -> None:
    strategy = kit.world_strategy(world_a)
    for step in (
        kit.fresh_step(world_a),
        ToolkitStep.objects.create(
            partnership=world_a.partnership, phase=Phase.ANALYSE, title="Old step", active=False
        ),
    ):
        with assert_db_unchanged(), pytest.raises(ValidationError):
            strategies.checklist_tick(actor=secretary, strategy=strategy, step=step, done=True)


def test_retiring_a_step_takes_it_off_checklists(world_a: World, client_for: Any) -> None:
    step = kit.world_step(world_a)
    url = reverse("commissioning:toolkitstep-retire", kwargs={"slug": "northshire", "pk": step.pk})
    assert client_for("admin").post(url).status_code == 302
    assert checklist(strategy=kit.world_strategy(world_a)) == []
    assert client_for("secretary").post(url).status_code == 403  # the partnership's admins set the toolkit


def test_an_action_spec_may_name_its_lead(world_a: World, secretary: Any) -> None:
    gate = kit.fresh_gate(world_a)
    [led, unled] = actions_record(
        actor=secretary,
        source=gate,
        body=world_a.body,
        actions=[ActionSpec("Confirm the budget", lead=world_a.person), ActionSpec("Report back")],
    )
    assert Action.objects.get(pk=led.pk).lead == world_a.person
    assert Action.objects.get(pk=unled.pk).lead is None
