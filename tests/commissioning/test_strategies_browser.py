"""The strategies, gates and toolkit pages in Debian's chromium: axe finds no serious or critical violation,
no script or CSP error, and a secretary ticks a checklist step from the keyboard alone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from commissioning import kit_strategies as kit
from factories import PASSWORD, World, make_member, make_partnership, make_world
from traction.commissioning.models import ChecklistTick, Decision
from traction.commissioning.services import gates, strategies
from traction.core.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    secretary = make_member(world.partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)
    make_member(world.partnership, Role.ADMIN, username="ada.admin", password=PASSWORD)
    strategies.templates_ensure(partnership=world.partnership, actor=secretary)
    strategy = kit.world_strategy(world)
    decided = gates.gate_decide(
        actor=secretary,
        gate=kit.gate(world, strategy, criteria=("A needs assessment is attached.",)),
        decided=gates.GateDecision(
            decision=Decision.CONDITIONS,
            confidence=3,
            body=world.body,
            meeting=world.meeting,
            resolution="RESOLVED that the strategy moves to Plan.",
            conditions=[gates.Condition("Confirm the budget", world.person, world.meeting.date)],
            reasons="The assessment follows next month.",
        ),
    )
    assert decided.strategy.phase == "plan"
    gates.gate_schedule(actor=secretary, strategy=decided.strategy, scheduled_for=None)
    return world


def _pages(world: World) -> dict[str, str]:
    slug = world.partnership.slug
    strategy = kit.world_strategy(world)
    decided, pending = strategy.gates.order_by("id")

    def u(name: str, **kwargs: Any) -> str:
        return reverse(f"commissioning:{name}", kwargs={"slug": slug, **kwargs})

    return {
        "home": u("commissioning-home"),
        "list": u("strategy-list"),
        "detail": u("strategy-detail", pk=strategy.pk),
        "form: strategy": u("strategy-update", pk=strategy.pk),
        "form: schedule a gate": u("gate-create", pk=kit.fresh_strategy(world).pk),
        "gate, decided": u("gate-detail", pk=decided.pk),
        "gate, pending": u("gate-detail", pk=pending.pk),
        "form: gate assess": u("gate-assess", pk=pending.pk),
        "form: gate decide": u("gate-decide", pk=pending.pk),
        "toolkit": u("toolkitstep-list"),
        "gate criteria": u("criteriontemplate-list"),
        "form: toolkit step": u("toolkitstep-create"),
        "form: new strategy": u("strategy-create"),
        "form: edit toolkit step": u("toolkitstep-update", pk=kit.world_step(world).pk),
        "form: new gate criterion": u("criteriontemplate-create"),
        "delete: strategy": u("strategy-delete", pk=kit.fresh_strategy(world).pk),
    }


def test_strategy_pages_have_no_serious_accessibility_violations(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "ada.admin", PASSWORD)  # the admin sees every button, the toolkit's forms included
    report, statuses = [], {}
    for where, path in _pages(scene).items():
        response = page.goto(path)
        statuses[where] = response.status if response else None
        report.append(describe(where, axe_violations(page)))
    assert set(statuses.values()) == {200}, statuses
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def test_a_secretary_ticks_a_checklist_step_from_the_keyboard(
    page: Any, scene: World, problems: PageProblems
) -> None:
    strategy = kit.world_strategy(scene)
    log_in(page, "sam.secretary", PASSWORD)
    page.goto(reverse("commissioning:strategy-detail", kwargs={"slug": "northshire", "pk": strategy.pk}))
    page.get_by_role("button", name=re.compile(r"Mark as done\W+Appraise the options")).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    tick = ChecklistTick.objects.get(strategy=strategy, step__title="Appraise the options")
    assert tick.done and tick.iteration == 1
    assert page.get_by_role("button", name=re.compile(r"Mark as to do\W+Appraise the options")).count() == 1
    assert not problems.all(), problems.all()
