"""The events pages in Debian's chromium: axe finds no serious or critical violation and no script or CSP
error on any page of an event; a facilitator makes the table plan from the keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from factories import PASSWORD, World, make_member, make_partnership, make_person, make_world
from programmes import kit_events as kit
from traction.core.models import Role
from traction.programmes.models.events import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    make_member(world.partnership, Role.FACILITATOR, username="fran.facilitator", password=PASSWORD)
    event = kit.world_event(world)
    for n, group in enumerate(("NHS leaders", "Residents", "Councillors", "NHS leaders")):
        kit.invite(event, make_person(world.partnership, name=f"Guest {n}"), group)
    return world


def u(world: World, name: str, **kwargs: Any) -> str:
    return reverse(f"programmes:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def test_event_pages_have_no_serious_accessibility_violations(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "fran.facilitator", PASSWORD)
    event = kit.world_event(scene)
    pk = event.pk
    pages = {
        "home": u(scene, "programmes-home"),
        "list": u(scene, "event-list"),
        "event": u(scene, "event-detail", pk=pk),
        "form: new event": u(scene, "event-create"),
        "form: edit event": u(scene, "event-update", pk=pk),
        "groups": u(scene, "event-groups", pk=pk),
        "invitations": u(scene, "event-invitations", pk=pk),
        "form: invitation": u(scene, "invitation-update", pk=kit.world_invitation(scene).pk),
        "form: move": u(scene, "invitation-move", pk=kit.world_invitation(scene).pk),
        "who is missing": u(scene, "event-check", pk=pk),
        "table plan": u(scene, "event-tables", pk=pk),
        "agenda": u(scene, "event-agenda", pk=pk),
        "form: stage": u(scene, "agendastage-update", pk=kit.world_stage(scene).pk),
        "outputs": u(scene, "event-outputs", pk=pk),
        "form: statement": u(scene, "commonground-update", pk=kit.world_commonground(scene).pk),
        "form: decision": u(scene, "event-decision", pk=pk),
        "form: actions": u(scene, "event-actions", pk=pk),
        "delete: event": u(scene, "event-delete", pk=pk),
        "delete: group": u(scene, "eventgroup-delete", pk=kit.fresh_group(scene).pk),
        "delete: invitation": u(scene, "invitation-delete", pk=kit.world_invitation(scene).pk),
        "delete: stage": u(scene, "agendastage-delete", pk=kit.world_stage(scene).pk),
        "delete: statement": u(scene, "commonground-delete", pk=kit.world_commonground(scene).pk),
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


def test_a_facilitator_makes_the_table_plan_from_the_keyboard(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "fran.facilitator", PASSWORD)
    event = kit.world_event(scene)
    page.goto(u(scene, "event-tables", pk=event.pk))
    page.get_by_label("Number of tables").fill("2")
    page.get_by_label("Seats at each table").fill("4")
    page.get_by_label("Replace the current table plan").check()
    page.get_by_role("button", name="Make the table plan").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "no table is more than half one group" in page.content()
    assert "Breaks the rule" not in page.content()
    event = Event.objects.get(pk=event.pk)
    assert [t.invitations.count() for t in event.tables.all()] == [3, 3]
    assert not problems.all(), problems.all()
