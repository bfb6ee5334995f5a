"""The change-option and priorities pages in Debian's chromium: axe finds no serious or critical violation
and no script or CSP error on any of them; a member ranks the priorities from the keyboard alone."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from factories import PASSWORD, World, make_member, make_partnership, make_world
from stakeholders import kit_options as kit
from traction.core.models import Role
from traction.stakeholders.models.options import PrioritiesExercise, PrioritiesResponse

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    make_member(world.partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)
    make_member(world.partnership, Role.MEMBER, username="mo.member", password=PASSWORD)
    option = kit.world_option(world)
    other = kit.make_option(world.partnership, "Two unitary councils, north and south")
    district = kit.make_stakeholder(world.partnership, "Northmoor District Council")
    kit.make_position(other, district, "support", datetime.date(2025, 2, 1), "Proposed it.")
    kit.make_position(option, district, "oppose", datetime.date(2025, 2, 1))
    kit.world_exercise(world)
    kit.fresh_open(world)
    kit.fresh_draft(world)
    return world


def _pages(world: World) -> dict[str, str]:
    slug = world.partnership.slug
    option = kit.world_option(world)
    closed = kit.world_exercise(world)
    opened = PrioritiesExercise.objects.get(partnership=world.partnership, title="Open exercise")
    draft = PrioritiesExercise.objects.get(partnership=world.partnership, status="draft")

    def u(name: str, **kwargs: Any) -> str:
        return reverse(f"stakeholders:{name}", kwargs={"slug": slug, **kwargs})

    return {
        "home": u("stakeholders-home"),
        "options": u("option-list"),
        "option": u("option-detail", pk=option.pk),
        "compare": u("option-compare"),
        "form: new option": u("option-create"),
        "form: edit option": u("option-update", pk=option.pk),
        "form: position": u("position-create", pk=option.pk),
        "delete: option": u("option-delete", pk=option.pk),
        "exercises": u("priorities-list"),
        "exercise: closed": u("priorities-detail", pk=closed.pk),
        "exercise: open": u("priorities-detail", pk=opened.pk),
        "exercise: draft": u("priorities-detail", pk=draft.pk),
        "results": u("priorities-results", pk=closed.pk),
        "results: open": u("priorities-results", pk=opened.pk),
        "form: new exercise": u("priorities-create"),
        "form: edit exercise": u("priorities-update", pk=draft.pk),
        "form: answer": u("priorities-answer", pk=opened.pk),
        "form: agreed list": u("priorities-agree", pk=closed.pk),
        "delete: exercise": u("priorities-delete", pk=draft.pk),
    }


def test_options_pages_have_no_serious_accessibility_violations(
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


def test_a_member_ranks_the_priorities_from_the_keyboard(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "mo.member", PASSWORD)
    exercise = PrioritiesExercise.objects.get(partnership=scene.partnership, title="Open exercise")
    path = reverse(
        "stakeholders:priorities-answer", kwargs={"slug": scene.partnership.slug, "pk": exercise.pk}
    )
    page.goto(path)
    places = {kit.ITEMS[0]: "2", kit.ITEMS[1]: "3", kit.ITEMS[2]: "1"}
    for title, place in places.items():
        page.get_by_label(title).focus()
        page.keyboard.type(place)
    page.get_by_role("button", name="Send my answer").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "your answer is recorded" in page.content()
    keys = list(exercise.priorities.values_list("pk", flat=True))
    assert PrioritiesResponse.objects.get(exercise=exercise).answers == {
        str(keys[0]): 2,
        str(keys[1]): 3,
        str(keys[2]): 1,
    }
    assert not problems.all(), problems.all()
