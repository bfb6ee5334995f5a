"""The health-check pages in Debian's chromium: axe finds no serious or critical violation and there is no
script or CSP error; a member answers the whole health check from the keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from direction import kit_health as kit
from factories import PASSWORD, World, make_member, make_partnership, make_world
from traction.core.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    make_member(world.partnership, Role.FACILITATOR, username="fran.facilitator", password=PASSWORD)
    make_member(world.partnership, Role.MEMBER, username="mo.member", password=PASSWORD)
    before = kit.fresh_closed_run(world, title="Spring health check")
    kit.answer(before, {"purpose": (4, 4, 4), "trust": (2, 1, 2), "learning": (3, 3, 3)})
    kit.world_open_run(world)
    kit.world_ready_run(world)
    return world


def _pages(world: World) -> dict[str, str]:
    slug = world.partnership.slug
    open_run, ready = kit.world_open_run(world), kit.world_ready_run(world)

    def u(name: str, **kwargs: Any) -> str:
        return reverse(f"direction:{name}", kwargs={"slug": slug, **kwargs})

    return {
        "home": u("direction-home"),
        "statements": u("healthstatement-list"),
        "form: statement": u("healthstatement-create"),
        "form: edit statement": u("healthstatement-update", pk=kit.world_statement(world).pk),
        "runs": u("healthrun-list"),
        "form: run": u("healthrun-create"),
        "run": u("healthrun-detail", pk=open_run.pk),
        "form: answer": u("healthrun-answer", pk=open_run.pk),
        "results: open": u("healthrun-results", pk=open_run.pk),
        "run: answers closed": u("healthrun-detail", pk=ready.pk),
        "results": u("healthrun-results", pk=ready.pk),
        "form: follow-up": u("healthfollowup-create", pk=ready.pk) + "?section=trust",
    }


def test_health_pages_have_no_serious_accessibility_violations(
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


def test_a_member_answers_from_the_keyboard(page: Any, scene: World, problems: PageProblems) -> None:
    log_in(page, "mo.member", PASSWORD)
    run = kit.world_open_run(scene)
    page.goto(reverse("direction:healthrun-answer", kwargs={"slug": scene.partnership.slug, "pk": run.pk}))
    report = describe("form: answer", axe_violations(page))
    for group in page.get_by_role("group").all():
        group.get_by_label("Agree", exact=True).focus()
        page.keyboard.press("Space")
    page.get_by_role("button", name="Send my answers").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "your answers are recorded, without your name" in page.content()
    assert run.responses.count() == 1 and set(run.responses.get().answers.values()) == {4}
    assert not report, report
    assert not problems.all(), problems.all()
