"""The stakeholder map's pages in Debian's chromium: axe finds no serious or critical violation and no script
or CSP error; the map's date control and its previous/next links work from the keyboard."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse
from django.utils import timezone

from factories import PASSWORD, World, make_member, make_partnership, make_world
from stakeholders import kit_stakeholders as kit
from traction.core.models import Role

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
DAY = datetime.timedelta(days=1)


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Riverside Reorganisation Partnership", slug="riverside"))
    make_member(world.partnership, Role.ADMIN, username="ada.admin", password=PASSWORD)
    today = timezone.localdate()
    kit.world_engagement(world)
    for n, stance in enumerate(("supportive", "leading", "unaware", "neutral")):
        other = kit.make_stakeholder(world.partnership, name=f"Town Council {n}")
        kit.assess(other, today - 200 * DAY, power=n + 1, interest=5 - n, stance="neutral")
        kit.assess(
            other, today - 30 * DAY, power=n + 2, interest=4 - n, stance=stance, desired_stance="leading"
        )
    return world


def _pages(world: World) -> dict[str, str]:
    def u(name: str, **kwargs: Any) -> str:
        return reverse(f"stakeholders:{name}", kwargs={"slug": world.partnership.slug, **kwargs})

    stakeholder, engagement = kit.world_stakeholder(world), kit.world_engagement(world)
    past = (timezone.localdate() - 100 * DAY).isoformat()
    return {
        "home": u("stakeholders-home"),
        "list": u("stakeholder-list"),
        "detail": u("stakeholder-detail", pk=stakeholder.pk),
        "map": u("stakeholder-map"),
        "map at a past date": u("stakeholder-map") + f"?on={past}",
        "map with a bad date": u("stakeholder-map") + "?on=soon",
        "gaps": u("stakeholder-gaps"),
        "engagements": u("engagement-list"),
        "engagements: one stakeholder": u("engagement-list") + f"?stakeholder={stakeholder.pk}",
        "engagement": u("engagement-detail", pk=engagement.pk),
        "form: new stakeholder": u("stakeholder-create"),
        "form: change stakeholder": u("stakeholder-update", pk=stakeholder.pk),
        "form: assessment": u("assessment-create", pk=stakeholder.pk),
        "form: gap action": u("stakeholder-action", pk=stakeholder.pk),
        "form: new engagement": u("engagement-create"),
        "form: change engagement": u("engagement-update", pk=engagement.pk),
        "delete engagement": u("engagement-delete", pk=engagement.pk),
        "delete stakeholder": u("stakeholder-delete", pk=stakeholder.pk),
    }


def test_stakeholder_pages_have_no_serious_accessibility_violations(
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


def test_the_map_replays_from_the_keyboard(page: Any, scene: World, problems: PageProblems) -> None:
    log_in(page, "ada.admin", PASSWORD)
    page.goto(_pages(scene)["map"])
    assert page.locator("svg[role=img]").count() == 1
    page.get_by_role("link", name="Previous assessment date").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "?on=" in page.url
    assert page.locator("#map-table tbody tr").count() == 5  # each stakeholder assessed by then
    field = page.get_by_label("Show the map as it stood on")
    field.focus()
    field.fill((timezone.localdate() - 300 * DAY).isoformat())
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#map-table tbody tr").count() == 1  # only the stakeholder assessed a year ago
    assert not problems.all(), problems.all()


def test_a_crowded_cell_is_reached_and_followed_from_the_keyboard(
    page: Any, scene: World, problems: PageProblems
) -> None:
    on = timezone.localdate() - 10 * DAY
    for n in range(30):
        kit.assess(kit.make_stakeholder(scene.partnership, name=f"Parish {n:02d}"), on, power=1, interest=1)
    log_in(page, "ada.admin", PASSWORD)
    page.goto(_pages(scene)["map"])
    assert not axe_violations(page), describe("crowded map", axe_violations(page))
    more = page.get_by_role(
        "link", name="10 more stakeholders at power 1, interest 1: show them in the table"
    )
    assert more.count() == 1 and page.locator("svg[role=group] text", has_text="+10 more").count() == 1
    more.focus()
    assert page.evaluate("document.activeElement.getAttribute('class')") == "grid-more"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "cell=1-1" in page.url
    assert page.locator("#map-table tbody tr").count() == 30
    assert page.get_by_text("The table shows only the stakeholders at power 1 and interest 1").count() == 1
    assert not axe_violations(page), describe("crowded cell's table", axe_violations(page))
    assert not problems.all(), problems.all()
