"""The portfolio, settings, outcome review and self-assessment pages in Debian's chromium: axe finds no
serious or critical violation and no script or CSP error; the portfolio sorts from the keyboard."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse
from django.utils import timezone

from commissioning import kit_portfolio as kit
from factories import PASSWORD, World, make_member, make_partnership, make_world
from traction.commissioning.models import Phase
from traction.core.models import Role

pytestmark = pytest.mark.django_db(transaction=True)
DAY = datetime.timedelta(days=1)


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    make_member(world.partnership, Role.ADMIN, username="ada.admin", password=PASSWORD)
    today = timezone.localdate()
    stalled = kit.make_strategy(
        world.partnership, lead_body=world.body, title="Dementia support", phase=Phase.DO
    )
    kit.decide_gate(stalled, today - 300 * DAY, confidence=3)
    kit.make_gate(stalled, scheduled_for=today - 5 * DAY)
    kit.world_review(world)
    kit.world_assessment(world)
    return world


def _pages(world: World) -> dict[str, str]:
    def u(name: str, **kwargs: Any) -> str:
        return reverse(f"commissioning:{name}", kwargs={"slug": world.partnership.slug, **kwargs})

    review, assessment = kit.world_review(world), kit.world_assessment(world)
    return {
        "home": u("commissioning-home"),
        "portfolio": u("portfolio"),
        "portfolio: stalled": u("portfolio") + "?stalled=on&sort=-days",
        "settings": u("settings"),
        "form: settings": u("settings-update"),
        "review": u("review-detail", pk=review.pk),
        "form: review": u("review-update", pk=review.pk),
        "form: decision": u("review-decide", pk=review.pk),
        "self-assessments": u("selfassessment-list"),
        "self-assessment": u("selfassessment-detail", pk=assessment.pk),
        "form: new self-assessment": u("selfassessment-create"),
        "form: action": u("selfassessment-action", pk=assessment.pk),
        "form: new review": u("review-create", pk=kit.fresh_review_strategy(world).pk),
    }


def test_portfolio_pages_have_no_serious_accessibility_violations(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "ada.admin", PASSWORD)
    report, statuses = [], {}
    for where, path in _pages(scene).items():
        response = page.goto(path)
        statuses[where] = response.status if response else None
        report.append(describe(where, axe_violations(page)))
    assert set(statuses.values()) == {200}, statuses
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def test_the_portfolio_sorts_from_the_keyboard(page: Any, scene: World, problems: PageProblems) -> None:
    log_in(page, "ada.admin", PASSWORD)
    page.goto(_pages(scene)["portfolio"])
    page.get_by_role("link", name="Days in phase").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("th[aria-sort=ascending]").inner_text() == "Days in phase"
    assert not problems.all(), problems.all()
