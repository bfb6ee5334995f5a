"""The shared direction's statement pages in Debian's chromium: axe finds no serious or critical violation, no
script or CSP error, and a secretary agrees a goal at a meeting from the keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from direction import kit_statements as kit
from factories import PASSWORD, World, make_member, make_partnership, make_world
from traction.core.models import Role
from traction.direction.models import Goal, Status

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    make_member(world.partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)
    for kind in kit.MODELS:
        kit.world_statement(kind)(world)
    outcome = kit.world_outcome(world)
    outcome.decisions.set([world.item])
    outcome.actions.set([world.action])
    return world


def _pages(world: World) -> dict[str, str]:
    slug = world.partnership.slug
    outcome = kit.world_outcome(world)

    def u(name: str, **kwargs: Any) -> str:
        return reverse(f"direction:{name}", kwargs={"slug": slug, **kwargs})

    return {
        "home": u("direction-home"),
        "principles": u("principle-list"),
        "goals": u("goal-list"),
        "outcomes": u("outcome-list"),
        "outcome": u("outcome-detail", pk=outcome.pk),
        "form: outcome": u("outcome-update", pk=outcome.pk),
        "form: claims": u("outcome-claims", pk=outcome.pk),
        "form: agree": u("goal-agree", pk=kit.fresh_statement("goal")(world).pk),
        "on a page": u("direction-page"),
        "form: new principle": u("principle-create"),
        "form: new goal": u("goal-create"),
        "form: new outcome": u("outcome-create"),
        "delete: principle": u("principle-delete", pk=kit.fresh_statement("principle")(world).pk),
        "form: action outcomes": u("action-outcomes", pk=world.action.pk),
        "form: decision outcomes": u("decision-outcomes", pk=world.item.pk),
    }


def test_statement_pages_have_no_serious_accessibility_violations(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "sam.secretary", PASSWORD)
    report, statuses = [], {}
    for where, path in _pages(scene).items():
        response = page.goto(path)
        statuses[where] = response.status if response else None
        report.append(describe(where, axe_violations(page)))
    assert set(statuses.values()) == {200}, statuses
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def test_a_secretary_records_the_decision_agreeing_a_goal_from_the_keyboard(
    page: Any, scene: World, problems: PageProblems
) -> None:
    goal = Goal.objects.create(partnership=scene.partnership, title="Start well")
    log_in(page, "sam.secretary", PASSWORD)
    page.goto(reverse("direction:goal-agree", kwargs={"slug": scene.partnership.slug, "pk": goal.pk}))
    page.get_by_label("Meeting that agreed it").focus()
    page.keyboard.press("ArrowDown")
    page.get_by_label("What was agreed").focus()
    page.keyboard.type("RESOLVED that the Board agrees the goal.")
    page.get_by_role("button", name="Record the decision").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    goal.refresh_from_db()
    assert goal.status == Status.AGREED and goal.agreed_item is not None
    assert "agreed by" in page.content()
    assert not problems.all(), problems.all()
