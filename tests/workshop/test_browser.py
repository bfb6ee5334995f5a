"""The workshop pages in Debian's chromium: axe finds no serious or critical violation, no script or CSP
error, and the pair-listening timer runs from the keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from factories import PASSWORD, World, make_member, make_partnership, make_world
from traction.core.models import Role
from traction.workshop import services
from traction.workshop.models import ProblemNode

from . import kit

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    facilitator = make_member(
        world.partnership, Role.FACILITATOR, username="fran.facilitator", password=PASSWORD
    )
    make_member(world.partnership, Role.MEMBER, username="mo.member", password=PASSWORD)
    tree = kit.world_tree(world)
    kit.make_node(tree, kind="constraint", label="The budget is fixed until April")
    kit.world_picture(world)
    round_ = kit.make_round(world)
    services.round_open(actor=facilitator, round_=round_)
    kit.world_awayday(world)
    return world


def _pages(world: World) -> dict[str, str]:
    slug = world.partnership.slug
    tree, picture = kit.world_tree(world), kit.world_picture(world)
    round_, awayday = kit.world_round(world), kit.world_awayday(world)

    def u(name: str, **kwargs: Any) -> str:
        return reverse(f"workshop:{name}", kwargs={"slug": slug, **kwargs})

    return {
        "home": u("workshop-home"),
        "tree": u("tree-detail", pk=tree.pk),
        "form: node": u("node-create", pk=tree.pk),
        "form: link": u("link-create", pk=tree.pk),
        "form: publish": u("picture-publish", pk=tree.pk),
        "picture": u("picture-detail", pk=picture.pk),
        "round": u("round-detail", pk=round_.pk),
        "form: round": u("round-create"),
        "form: awayday": u("awayday-create"),
        "awayday": u("awayday-detail", pk=awayday.pk),
    }


def test_workshop_pages_have_no_serious_accessibility_violations(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "fran.facilitator", PASSWORD)
    report, statuses = [], {}
    for where, path in _pages(scene).items():
        response = page.goto(path)
        statuses[where] = response.status if response else None
        report.append(describe(where, axe_violations(page)))
    assert set(statuses.values()) == {200}, statuses
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def test_a_member_takes_a_position_from_the_keyboard(page: Any, scene: World, problems: PageProblems) -> None:
    log_in(page, "mo.member", PASSWORD)
    round_ = kit.world_round(scene)
    page.goto(reverse("workshop:position-take", kwargs={"slug": scene.partnership.slug, "pk": round_.pk}))
    report = describe("form: position", axe_violations(page))
    page.get_by_label("Support with reservations").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Record my position").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Your position is recorded." in page.content()  # an anonymous round: the value is not shown back
    assert not report, report
    assert not problems.all(), problems.all()


def test_enter_in_the_node_form_saves_the_node(page: Any, scene: World, problems: PageProblems) -> None:
    """The form's other button ("Show its highlights", which saves nothing) does not take the Enter key."""
    log_in(page, "fran.facilitator", PASSWORD)
    tree = kit.world_tree(scene)
    page.goto(reverse("workshop:node-create", kwargs={"slug": scene.partnership.slug, "pk": tree.pk}))
    page.locator("#id_inference").check()
    page.locator("#id_label").fill("Budgets are set a year apart")
    with page.expect_navigation():
        page.locator("#id_label").press("Enter")
    page.wait_for_load_state()
    assert ProblemNode.objects.filter(tree=tree, label="Budgets are set a year apart").exists()
    assert not problems.all(), problems.all()


def test_the_timer_runs_without_a_mouse(page: Any, scene: World, problems: PageProblems) -> None:
    log_in(page, "mo.member", PASSWORD)
    awayday = kit.world_awayday(scene)
    page.goto(reverse("workshop:awayday-detail", kwargs={"slug": scene.partnership.slug, "pk": awayday.pk}))
    clock = page.locator("[data-timer-clock]")
    phase = page.locator("[data-timer-phase]")
    assert clock.inner_text() == "5:00"
    page.get_by_role("button", name="Start").focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(1600)
    assert clock.inner_text() in {"4:59", "4:58"}
    assert "Round 1 of 1, first speaker" in phase.inner_text()
    page.keyboard.press("Enter")  # the same button now pauses
    paused = clock.inner_text()
    page.wait_for_timeout(1200)
    assert clock.inner_text() == paused and "Paused" in phase.inner_text()
    page.locator("#timer").focus()
    page.keyboard.press("n")
    assert "second speaker" in phase.inner_text() and clock.inner_text() == "5:00"
    page.keyboard.press(" ")
    page.wait_for_timeout(1200)
    assert clock.inner_text() != "5:00"
    assert not problems.all(), problems.all()
