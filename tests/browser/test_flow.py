"""The secretary's evening after a board meeting, in a real browser: sign in, open the meeting, record an
item's outcome, add the action it produced, revise its due date with a reason, and close it."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from browserkit import PageProblems, log_in

from factories import PASSWORD, make_item, make_member, make_partnership, make_world
from traction.core.models import AuditEvent, Role
from traction.governance.models import Action, ActionStatus, AgendaItem, Outcome

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene() -> dict[str, Any]:
    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    world = make_world(partnership)
    item = make_item(
        partnership,
        meeting=world.meeting,
        number="6",
        title="Winter resilience plan",
        outcome=Outcome.UNCLEAR,
    )
    secretary = make_member(partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)
    return {"world": world, "item": item, "secretary": secretary}


def test_secretary_records_an_outcome_and_follows_the_action_through(
    page: Any, scene: dict[str, Any], problems: PageProblems
) -> None:
    from playwright.sync_api import expect

    world, item = scene["world"], scene["item"]
    log_in(page, "sam.secretary", PASSWORD)
    expect(page).to_have_url(re.compile(r"/p/northshire/$"))

    # open the meeting from the meetings list
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name=re.compile(r"10 Mar 2025")).first.click()
    expect(page.get_by_role("heading", name="6 Winter resilience plan")).to_be_visible()

    # record the outcome of item 6 (htmx swaps the item in place)
    section = page.locator(f"#item-{item.pk}")
    section.get_by_text("Record the outcome").click()
    section.get_by_label("Decided").check()
    section.get_by_label("Resolution text").fill("RESOLVED that the winter plan be approved.")
    section.get_by_role("button", name="Save outcome").click()
    expect(page.locator(f"#item-{item.pk}").get_by_text("Outcome recorded.")).to_be_visible()
    item.refresh_from_db()
    assert (item.outcome, item.resolution) == (Outcome.DECIDED, "RESOLVED that the winter plan be approved.")

    # add the action the item produced
    page.locator(f"#item-{item.pk}").get_by_role("link", name="Add an action from item 6").click()
    page.get_by_label("Action", exact=True).fill("Circulate the winter plan to all partners")
    page.get_by_label("Lead person").select_option(label=str(world.person))
    page.get_by_label("Due date").fill("2025-04-15")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Circulate the winter plan")
    action = Action.objects.get(text="Circulate the winter plan to all partners")
    assert (action.agenda_item_id, action.body_id, action.lead_id) == (
        item.pk,
        world.body.pk,
        world.person.pk,
    )
    assert action.original_due_date == action.due_date == datetime.date(2025, 4, 15)

    # revise its due date, with the reason
    page.get_by_role("link", name="Revise due date").click()
    page.get_by_label("New due date").fill("2025-05-20")
    page.get_by_label("Why is the date changing?").fill("Waiting for the NHS winter letter")
    page.get_by_role("button", name="Revise due date").click()
    expect(page.get_by_text("revised 1 time")).to_be_visible()
    expect(page.get_by_role("cell", name="Waiting for the NHS winter letter")).to_be_visible()

    # and close it
    page.get_by_role("link", name="Close action").click()
    page.get_by_label("Done").check()
    page.get_by_label("Date completed").fill("2025-05-18")
    page.get_by_role("button", name="Close action").click()
    expect(page.get_by_text("completed 18 May 2025")).to_be_visible()

    action.refresh_from_db()
    assert (action.status, action.completed_on) == (ActionStatus.DONE, datetime.date(2025, 5, 18))
    assert (action.original_due_date, action.due_date) == (
        datetime.date(2025, 4, 15),
        datetime.date(2025, 5, 20),
    )
    [revision] = action.revisions.all()
    assert (revision.reason, revision.changed_by) == ("Waiting for the NHS winter letter", scene["secretary"])
    verbs = list(
        AuditEvent.objects.filter(actor=scene["secretary"]).order_by("id").values_list("verb", flat=True)
    )
    assert verbs == ["changed", "created", "revised due date", "set status"]
    assert AgendaItem.objects.get(pk=item.pk).actions.count() == 1
    assert not problems.all(), problems.all()


def test_the_stylesheet_and_scripts_load_under_the_strict_csp(
    page: Any, scene: dict[str, Any], problems: PageProblems
) -> None:
    log_in(page, "sam.secretary", PASSWORD)
    colour = page.evaluate("getComputedStyle(document.querySelector('.header')).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), "traction.css did not apply"
    assert page.evaluate("typeof window.htmx") == "object", "htmx did not load"
    assert not problems.all(), problems.all()


def test_signing_in_with_a_wrong_password_says_so(page: Any, scene: dict[str, Any]) -> None:
    from playwright.sync_api import expect

    log_in(page, "sam.secretary", "not-the-password")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.locator(".error-summary, [data-error-summary]").first).to_be_visible()
