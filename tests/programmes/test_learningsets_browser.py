"""The learning set pages in Debian's chromium: axe finds no serious or critical violation and no script or
CSP error on the list, a set, its forms, a meeting, the notes and their forms; a facilitator records a
meeting from the keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from factories import PASSWORD, World, make_member, make_partnership, make_world
from programmes import kit_learningsets as kit
from traction.core.models import Role
from traction.programmes.models.learningsets import SetMeeting, SetRole

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    make_member(world.partnership, Role.FACILITATOR, username="facilitator", password=PASSWORD)
    kit.world_set(world)
    return world


def u(world: World, name: str, **kwargs: Any) -> str:
    return reverse(f"programmes:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def test_learning_set_pages_have_no_serious_accessibility_violations(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "facilitator", PASSWORD)
    learning_set = kit.world_set(scene)
    membership = learning_set.memberships.filter(role=SetRole.MEMBER).first()
    pages = {
        "home": u(scene, "programmes-home"),
        "list": u(scene, "set-list"),
        "set": u(scene, "set-detail", pk=learning_set.pk),
        "form: new set": u(scene, "set-create"),
        "form: edit set": u(scene, "set-update", pk=learning_set.pk),
        "delete set": u(scene, "set-delete", pk=learning_set.pk),
        "form: add member": u(scene, "set-member-add", pk=learning_set.pk),
        "remove member": u(scene, "set-member-remove", pk=membership.pk),
        "form: meeting": u(scene, "set-meeting-create", pk=learning_set.pk),
        "meeting": u(scene, "set-meeting-detail", pk=kit.world_meeting(scene).pk),
        "notes": u(scene, "set-note-list", pk=learning_set.pk),
        "form: new note": u(scene, "set-note-create", pk=learning_set.pk),
        "form: edit note": u(scene, "set-note-update", pk=kit.world_note(scene).pk),
        "delete note": u(scene, "set-note-delete", pk=kit.world_note(scene).pk),
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


def test_a_facilitator_records_a_meeting_from_the_keyboard(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "facilitator", PASSWORD)
    learning_set = kit.world_set(scene)
    page.goto(u(scene, "set-meeting-create", pk=learning_set.pk))
    page.get_by_label("Date of the meeting").focus()
    page.keyboard.type("17062025")
    page.locator("#id_owner_1").focus()
    page.keyboard.press("ArrowDown")
    page.locator("#id_text_1").focus()
    page.keyboard.type("Bring the complaint data to the next meeting")
    page.get_by_role("button", name="Record the meeting").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "its commitments are in the action log" in page.content()
    meeting = (
        SetMeeting.objects.filter(learning_set=learning_set).exclude(pk=kit.world_meeting(scene).pk).get()
    )
    [action] = meeting.actions.all()
    assert action.text == "Bring the complaint data to the next meeting" and action.lead is not None
    assert not problems.all(), problems.all()
