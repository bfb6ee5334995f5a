"""The options-appraisal pages in Debian's chromium: axe finds no serious or critical violation and no script
or CSP error on the list, an appraisal, its factors form, the option form and the scoring form; a member
scores from the keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from commissioning import kit_appraisals as kit
from factories import PASSWORD, World, make_member, make_partnership, make_world
from traction.commissioning.models import OptionScore
from traction.core.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    secretary = make_member(world.partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)
    make_member(world.partnership, Role.MEMBER, username="mo.member", password=PASSWORD)
    kit.score(kit.world_appraisal(world), secretary, kit.SCORES)
    kit.fresh_complete(world)
    return world


def u(world: World, name: str, **kwargs: Any) -> str:
    return reverse(f"commissioning:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def test_appraisal_pages_have_no_serious_accessibility_violations(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "sam.secretary", PASSWORD)
    appraisal = kit.world_appraisal(scene)
    pages = {
        "home": u(scene, "commissioning-home"),
        "list": u(scene, "appraisal-list"),
        "appraisal": u(scene, "appraisal-detail", pk=appraisal.pk),
        "appraisal: complete": u(scene, "appraisal-detail", pk=kit.fresh_complete(scene).pk),
        "form: new appraisal": u(scene, "appraisal-create", pk=kit.world_strategy(scene).pk),
        "form: factors": u(scene, "appraisal-factors", pk=appraisal.pk),
        "form: option": u(scene, "option-create", pk=appraisal.pk),
        "form: edit option": u(scene, "option-update", pk=kit.world_option(scene).pk),
        "form: scores": u(scene, "appraisal-score", pk=appraisal.pk),
    }
    report, statuses = [], {}
    for where, path in pages.items():
        response = page.goto(path)
        statuses[where] = response.status if response else None
        report.append(describe(where, axe_violations(page)))
    assert set(statuses.values()) == {200}, statuses
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def test_a_member_scores_from_the_keyboard(page: Any, scene: World, problems: PageProblems) -> None:
    log_in(page, "mo.member", PASSWORD)
    appraisal = kit.world_appraisal(scene)
    page.goto(u(scene, "appraisal-score", pk=appraisal.pk))
    report = describe("form: scores", axe_violations(page))
    selects = page.locator("select")
    for n in range(selects.count()):
        selects.nth(n).focus()
        page.keyboard.press("End")  # the last choice: 5 Excellent
    page.get_by_role("button", name="Send my scores").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Your scores are saved" in page.content()
    mine = OptionScore.objects.filter(option__appraisal=appraisal, assessor__username="mo.member")
    assert mine.count() == 20 and set(mine.values_list("score", flat=True)) == {5}
    assert "Sensitivity check" in page.content()
    assert not report, report
    assert not problems.all(), problems.all()
