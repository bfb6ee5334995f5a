"""The programmes pages in Debian's chromium: axe finds no serious or critical violation and no script or CSP
error; the register is taken from the keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.contrib.auth.models import User
from django.urls import reverse

from factories import PASSWORD, World, make_member, make_partnership, make_person, make_world
from programmes import kit_programmes as kit
from traction.core.models import Role
from traction.programmes.models.programmes import AttendanceRecord
from traction.programmes.services import calendars

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    make_member(world.partnership, Role.ADMIN, username="ada.admin", password=PASSWORD)
    cohort = kit.world_cohort(world)
    for name in ("Bea Clarke", "Cal Davies"):
        kit.enrol(cohort, make_person(world.partnership, name=name))
    return world


def _pages(world: World) -> dict[str, str]:
    def u(name: str, **kwargs: Any) -> str:
        return reverse(f"programmes:{name}", kwargs={"slug": world.partnership.slug, **kwargs})

    programme, cohort, session = kit.world_programme(world), kit.world_cohort(world), kit.world_session(world)
    return {
        "home": u("programmes-home"),
        "programmes": u("programme-list"),
        "programme": u("programme-detail", pk=programme.pk),
        "form: new programme": u("programme-create"),
        "form: programme": u("programme-update", pk=programme.pk),
        "delete programme": u("programme-delete", pk=programme.pk),
        "form: new cohort": u("cohort-create", pk=programme.pk),
        "cohort": u("cohort-detail", pk=cohort.pk),
        "form: cohort": u("cohort-update", pk=cohort.pk),
        "delete cohort": u("cohort-delete", pk=cohort.pk),
        "print": u("cohort-print", pk=cohort.pk),
        "print: sign-in sheet": u("cohort-print", pk=cohort.pk) + "?blank=1",
        "form: enrol": u("cohort-enrol", pk=cohort.pk),
        "form: new session": u("session-create", pk=cohort.pk),
        "form: session": u("session-update", pk=session.pk),
        "delete session": u("session-delete", pk=session.pk),
        "delete enrolment": u("enrolment-delete", pk=cohort.enrolments.first().pk),  # type: ignore[union-attr]
        "form: register": u("session-register", pk=session.pk),
        "form: subscribe to the programme": u("programme-subscribe", pk=programme.pk),
        "form: subscribe to a person's sessions": u("person-subscribe", pk=world.person.pk),
        "calendar subscriptions": u("calendar-subscriptions"),
    }


def test_programmes_pages_have_no_serious_accessibility_violations(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "ada.admin", PASSWORD)
    admin = User.objects.get(username="ada.admin")
    calendars.subscribe(actor=admin, partnership=scene.partnership, programme=kit.world_programme(scene))
    revoked = calendars.subscribe(actor=admin, partnership=scene.partnership, person=scene.person)
    calendars.revoke(actor=admin, feed=revoked)  # the list shows a live and a revoked address
    report, statuses = [], {}
    for where, path in _pages(scene).items():
        response = page.goto(path)
        statuses[where] = response.status if response else None
        report.append(describe(where, axe_violations(page)))
    assert set(statuses.values()) == {200}, statuses
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def test_the_register_is_taken_from_the_keyboard(page: Any, scene: World, problems: PageProblems) -> None:
    log_in(page, "ada.admin", PASSWORD)
    page.goto(_pages(scene)["form: register"])
    page.get_by_label("Bea Clarke").focus()
    page.keyboard.press("End")  # the last choice: absent
    page.get_by_label("Cal Davies").select_option(label="Apologies")
    page.get_by_role("button", name="Save the register").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    marks = dict(AttendanceRecord.objects.values_list("person__name", "status"))
    assert marks == {"Alex Director": "attended", "Bea Clarke": "absent", "Cal Davies": "apologies"}
    assert "Register saved: 2 new, 0 changed, 0 cleared." in page.content()
    assert not problems.all(), problems.all()
