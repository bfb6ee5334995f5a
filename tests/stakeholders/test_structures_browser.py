"""The structures pages in Debian's chromium: axe finds no serious or critical violation and no script or CSP
error on the chart at a date, a merger's before and after, the lists and the forms; the chart shows the
date chosen in its form (sent from the keyboard)."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from factories import PASSWORD, World, make_body, make_member, make_partnership, make_world
from stakeholders import kit_structures as kit
from traction.core.models import Role
from traction.stakeholders.models.structures import BodyHistory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    make_member(world.partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)
    board = make_body(world.partnership, name="North Locality Board", parent=world.body)
    BodyHistory.objects.create(partnership=world.partnership, body=board, established_on=kit.MERGED_ON)
    old = kit.world_history(world)
    old.abolished_on, old.replaced_by = kit.MERGED_ON, board
    old.save()
    kit.world_succession(world)
    kit.world_line(world)
    return world


def u(world: World, name: str, **kwargs: Any) -> str:
    return reverse(f"stakeholders:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def test_structures_pages_have_no_serious_accessibility_violations_and_the_chart_follows_its_date(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "sam.secretary", PASSWORD)
    succession = kit.world_succession(scene)
    history = kit.world_history(scene)
    pages = {
        "home": u(scene, "stakeholders-home"),
        "chart at a date": u(scene, "structure-chart") + "?on=2024-03-31",
        "chart: refused date": u(scene, "structure-chart") + "?on=2024-13-45",
        "before and after": u(scene, "succession-detail", pk=succession.pk),
        "localities": u(scene, "locality-list"),
        "successions": u(scene, "succession-list"),
        "bodies over time": u(scene, "bodyhistory-list"),
        "form: locality": u(scene, "locality-create"),
        "form: edit locality": u(scene, "locality-update", pk=kit.world_locality(scene).pk),
        "form: succession": u(scene, "succession-create"),
        "form: edit succession": u(scene, "succession-update", pk=succession.pk),
        "form: new history": u(scene, "bodyhistory-create", pk=scene.body.pk),
        "form: edit history": u(scene, "bodyhistory-update", pk=history.pk),
        "delete: locality": u(scene, "locality-delete", pk=kit.world_locality(scene).pk),
        "reporting lines": u(scene, "reportingline-list"),
        "form: reporting-line change": u(scene, "reportingline-change", pk=scene.sub_body.pk),
        "form: edit reporting line": u(scene, "reportingline-update", pk=kit.world_line(scene).pk),
        "body page with its history": reverse(
            "governance:body-detail", kwargs={"slug": scene.partnership.slug, "pk": scene.sub_body.pk}
        ),
        "diagnosis profile with its history": reverse(
            "diagnosis:body-profile", kwargs={"slug": scene.partnership.slug, "pk": scene.sub_body.pk}
        ),
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

    page.goto(u(scene, "structure-chart"))
    page.get_by_label("Show the structure on").fill("2024-03-31")
    page.get_by_role("button", name="Show the chart").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("img", name="Structure chart on 31 March 2024").count() == 1
    assert page.get_by_role("heading", name="Structure chart on 31 March 2024 as a list").count() == 1
    assert "Housing Working Group" in page.content()
    assert not problems.all(), problems.all()
