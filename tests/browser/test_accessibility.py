"""axe on every main page, as the secretary sees it (every button and form showing) and signed out: no serious
or critical violation. Failures list each rule, its impact, help link and the offending elements."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from factories import PASSWORD, World, make_action, make_item, make_member, make_partnership, make_world
from traction.core.models import Role
from traction.governance.models import AgendaItem

pytestmark = pytest.mark.django_db(transaction=True)


def main_pages(world: World) -> dict[str, str]:
    slug = world.partnership.slug

    def u(name: str, **kwargs: Any) -> str:
        return reverse(name, kwargs={"slug": slug, **kwargs})

    return {
        "dashboard": u("governance:dashboard"),
        "bodies": u("governance:body-list"),
        "body detail": u("governance:body-detail", pk=world.body.pk),
        "matters arising": u("governance:body-matters-arising", pk=world.body.pk),
        "meetings": u("governance:meeting-list"),
        "meeting detail": u("governance:meeting-detail", pk=world.meeting.pk),
        "action list": u("governance:action-list"),
        "my actions": u("governance:my-actions"),
        "action list, all": u("governance:action-list") + "?view=all",
        "actions by lead": u("governance:action-owners"),
        "actions by body": u("governance:action-bodies"),
        "action detail": u("governance:action-detail", pk=world.action.pk),
        "decision register": u("governance:decision-list") + "?date_from=2020-01-01",
        "search": u("governance:search-results") + "?q=strategy",
        "papers": u("governance:paper-list"),
        "people": u("governance:person-list"),
        "organisations": u("governance:organisation-list"),
        "audit trail": u("core:audit-list"),
        "permissions": u("core:permission-table"),
        "members": u("governance:membership-list"),
        "form: organisation": u("governance:organisation-create"),
        "form: person": u("governance:person-create"),
        "form: body": u("governance:body-update", pk=world.sub_body.pk),
        "form: body member": u("governance:bodymembership-create", pk=world.body.pk),
        "form: meeting": u("governance:meeting-create"),
        "form: attendance": u("governance:attendance-update", pk=world.meeting.pk),
        "form: agenda item": u("governance:agendaitem-update", pk=world.item.pk),
        "form: several agenda items": u("governance:agendaitem-create-many", pk=world.meeting.pk),
        "form: paper": u("governance:paper-create", pk=world.meeting.pk),
        "form: action": u("governance:action-create"),
        "form: action from item": u("governance:action-create-for-item", pk=world.item.pk),
        "form: revise due date": u("governance:action-revise-due", pk=world.action.pk),
        "form: close action": u("governance:action-close", pk=world.action.pk),
        "form: subscribe to a person's actions": u("governance:person-actions-subscribe", pk=world.person.pk),
        "confirm delete": u("governance:organisation-delete", pk=world.organisation.pk),
        "topics": u("governance:topic-list"),
        "topic detail": u(
            "governance:topic-detail",
            pk=AgendaItem.objects.get(partnership=world.partnership, topic="winter-pressures").pk,
        ),
        "workshop": u("workshop:workshop-home"),
        "shared pictures": u("workshop:picture-list"),
        "diagnosis overview": u("diagnosis:overview"),
        "body profile": u("diagnosis:body-profile", pk=world.body.pk),
        "evidence": u("diagnosis:evidence", pk=world.body.pk) + "?signal=decision_yield",
        "not found": f"/p/{slug}/meetings/999999/",  # last: the browser logs its 404 as a console error
    }


@pytest.fixture
def scene() -> World:
    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    world = make_world(partnership)
    make_action(partnership, body=world.body, text="Overdue: refresh the risk register", due_date=None)
    make_item(
        partnership,
        meeting=world.meeting,
        title="Winter pressures",
        outcome="deferred",
        topic="winter-pressures",
    )
    make_member(partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)
    make_member(
        make_partnership(name="Southshire Together", slug="southshire"),
        Role.VIEWER,
        username="sam.secretary.south",
    )
    return world


def test_main_pages_have_no_serious_accessibility_violations(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "sam.secretary", PASSWORD)
    report, statuses = [], {}
    for where, path in main_pages(scene).items():
        if where == "not found":
            assert not problems.all(), problems.all()
        response = page.goto(path)
        statuses[where] = response.status if response else None
        report.append(describe(where, axe_violations(page)))
    wrong_status = {k: v for k, v in statuses.items() if v != (404 if k == "not found" else 200)}
    assert not wrong_status, wrong_status
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found


def test_diagnosis_pages_with_data_have_no_serious_accessibility_violations(
    page: Any, problems: PageProblems
) -> None:
    """The demo record gives every kind of figure, charts with lines, findings and experiments, and the
    overview sorted by a signal; a bad period shows its error summary."""
    from django.utils import timezone

    from traction.governance.demo import DEMO_PASSWORD, load_demo
    from traction.governance.models import Body

    load_demo()
    body = Body.objects.filter(partnership__slug="riverside").order_by("pk").first()
    assert body is not None
    log_in(page, "secretary", DEMO_PASSWORD)
    base = "/p/riverside/diagnosis/"
    # The demo's dates are relative to today, so the twelve months to yesterday always hold the same record;
    # which of its meetings fall in last calendar year moves with the day the test runs.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    months = f"period=custom&from={yesterday - datetime.timedelta(days=364)}&to={yesterday}"
    pages = {
        "overview, a year, sorted": f"{base}?period=year&sort=decision_yield&order=desc",
        "body profile, a year": f"{base}bodies/{body.pk}/?period=year",
        "body profile, twelve months": f"{base}bodies/{body.pk}/?{months}",
        "body profile, a quarter": f"{base}bodies/{body.pk}/",
        "evidence": f"{base}bodies/{body.pk}/evidence/?period=year&signal=follow_through",
        "body profile, bad period": f"{base}bodies/{body.pk}/?period=custom&from=2025-02-30",
    }
    report, statuses = [], {}
    for where, path in pages.items():
        response = page.goto(path)
        statuses[where] = response.status if response else None
        report.append(describe(where, axe_violations(page)))
        if where in ("body profile, a year", "body profile, twelve months"):
            assert page.locator("svg[role=img]").count() == 2
        if where == "body profile, twelve months":
            assert page.locator(".finding").count() > 0, "the demo should give this body findings"
    assert statuses == {**dict.fromkeys(pages, 200), "body profile, bad period": 400}, statuses
    assert not [p for p in problems.all() if "/static/" in p], problems.all()
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found


def test_forms_showing_errors_have_no_serious_accessibility_violations(page: Any, scene: World) -> None:
    log_in(page, "sam.secretary", PASSWORD)
    report = []
    forms = {
        "organisation": ("governance:organisation-create", {}, "Save"),
        "revise due date": ("governance:action-revise-due", {"pk": scene.action.pk}, "Revise due date"),
        "close action": ("governance:action-close", {"pk": scene.action.pk}, "Close action"),
    }
    for where, (name, kwargs, button) in forms.items():
        page.goto(reverse(name, kwargs={"slug": scene.partnership.slug, **kwargs}))
        page.locator("#record-form").get_by_role("button", name=button).click()
        page.wait_for_load_state()
        assert page.locator(".error-message").count() > 0, f"{where}: the empty form showed no error"
        report.append(describe(f"{where} (with errors)", axe_violations(page)))
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found


def test_signed_out_pages_have_no_serious_accessibility_violations(page: Any, scene: World) -> None:
    report = []
    page.goto("/login/")
    report.append(describe("login", axe_violations(page)))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    report.append(describe("login with errors", axe_violations(page)))
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found


def test_the_partnership_switcher_page_is_accessible(page: Any, scene: World) -> None:
    """A user of two partnerships starts on the list of their partnerships, with the switcher in the
    header."""
    from traction.core.models import Membership, Partnership

    Membership.objects.create(
        partnership=Partnership.objects.get(slug="southshire"),
        user=Membership.objects.get(user__username="sam.secretary").user,
        role=Role.VIEWER,
    )
    from urllib.parse import urlparse

    log_in(page, "sam.secretary", PASSWORD)
    assert urlparse(page.url).path == "/"
    assert page.get_by_label("Partnership").count() == 1
    found = describe("home (two partnerships)", axe_violations(page))
    assert not found, "serious or critical accessibility violations:\n" + found
