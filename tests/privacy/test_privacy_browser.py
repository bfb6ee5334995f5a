"""The personal-data pages and the retention date in a real browser (Debian chromium): an admin follows the
People list's Erase link, reads the confirmation, erases, and meets the error a second erasure gives; a
facilitator reads a listening exercise whose retention date is near, then one whose notes were destroyed,
and sets the date (with an error first). axe finds no serious or critical problem on any page, and the
browser reports no CSP violation or script error."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from browserkit import PageProblems, axe_findings, log_in
from django.urls import reverse
from django.utils import timezone

from factories import PASSWORD, make_member, make_partnership, make_world
from listening import kit
from traction.core.models import Role
from traction.governance.models import Person
from traction.listening.retention import exercise_notes_destroy
from traction.privacy.models import PersonalData
from traction.privacy.services import person_erase

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = timezone.localdate()


def test_erasing_a_person_in_the_browser(page: Any, problems: PageProblems) -> None:
    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    world = make_world(partnership)
    admin = make_member(partnership, Role.ADMIN, username="ada.admin", password=PASSWORD)
    name = world.person.name
    report: list[str] = []

    log_in(page, "ada.admin", PASSWORD)
    page.goto("/p/northshire/people/")
    report += axe_findings(page, "people, with the erase links")
    page.get_by_role("link", name=f"Erase {name}").click()
    page.wait_for_load_state()
    assert "Erasure cannot be undone" in page.content()
    report += axe_findings(page, "erase a person, confirmation")
    page.get_by_role("button", name="Erase this person").click()
    page.wait_for_load_state()
    assert "The person was erased" in page.content()
    report += axe_findings(page, "people, after an erasure")
    assert not Person.objects.filter(pk=world.person.pk, name=name).exists()

    assert not problems.all(), problems.all()

    # A second person, erased by someone else while the confirmation is open: the page says so (a 400,
    # which the browser logs as a console error, the only one expected).
    other = Person.objects.create(partnership=partnership, name="Priya Patel")
    erase_page = reverse("privacy:person-erase", kwargs={"slug": "northshire", "pk": other.pk})
    page.goto(erase_page)
    person_erase(actor=admin, person=PersonalData.objects.get(pk=other.pk))
    page.get_by_role("button", name="Erase this person").click()
    page.wait_for_load_state()
    assert "There is a problem" in page.content()
    report += axe_findings(page, "erase a person, with an error")
    page.goto(erase_page)
    assert "already been erased" in page.content()
    report += axe_findings(page, "erase a person, already erased")

    assert not report, "\n".join(report)
    assert [p for p in problems.all() if "status of 400" not in p] == [], problems.all()


def test_a_listening_exercise_and_its_retention_date_in_the_browser(
    page: Any, problems: PageProblems
) -> None:
    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    world = make_world(partnership)
    facilitator = make_member(partnership, Role.FACILITATOR, username="fay.facilitator", password=PASSWORD)
    soon = kit.make_exercise(
        partnership,
        facilitators=[facilitator],
        title="Listening to the board",
        retain_until=TODAY + datetime.timedelta(days=5),
    )
    kit.make_note(soon, participant=world.person)
    past = kit.make_exercise(
        partnership,
        facilitators=[facilitator],
        title="Listening last year",
        retain_until=TODAY - datetime.timedelta(days=1),
    )
    kit.make_note(past, participant=world.person)
    exercise_notes_destroy(exercise=past)
    report: list[str] = []

    log_in(page, "fay.facilitator", PASSWORD)
    page.goto(f"/p/northshire/listening/{soon.pk}/")
    assert "will be destroyed for good after" in page.content()
    report += axe_findings(page, "listening exercise, retention date near")
    page.goto(f"/p/northshire/listening/{past.pk}/")
    assert "were destroyed on" in page.content()
    report += axe_findings(page, "listening exercise, notes destroyed")

    page.goto(f"/p/northshire/listening/{soon.pk}/edit/")
    report += axe_findings(page, "edit the exercise (retention date)")
    field = page.get_by_label("Keep the notes until")
    field.fill((TODAY - datetime.timedelta(days=3)).isoformat())
    page.locator("#record-form").get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.locator(".error-message").count() > 0, "a retention date in the past showed no error"
    report += axe_findings(page, "edit the exercise, retention date in the past")
    page.get_by_label("Keep the notes until").fill((TODAY + datetime.timedelta(days=400)).isoformat())
    page.locator("#record-form").get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    soon.refresh_from_db()
    assert soon.retain_until == TODAY + datetime.timedelta(days=400)
    report += axe_findings(page, "listening exercise, retention date set")

    assert not report, "\n".join(report)
    assert not problems.all(), problems.all()
