"""How many pages the secretary loads to record a meeting, in a real browser.

Before the several-items form, recording two agenda items and an action and then revising the action's due
date took nine page loads from the meeting page: the meeting, the item form and back to the meeting (twice),
the action form and the action, the revision form and the action again. The goal was at most half of that.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from browserkit import PageProblems, axe_findings, log_in

from factories import PASSWORD, make_meeting, make_member, make_partnership, make_world
from traction.core.models import Role
from traction.governance.models import Action, AgendaItem, Outcome

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = 9  # page loads the same work took with one page per item and per action
MOST = 4  # half of nine is 4.5, and a page load is whole: four at most


@pytest.fixture
def scene() -> dict[str, Any]:
    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    world = make_world(partnership)
    meeting = make_meeting(partnership, body=world.body)
    make_member(partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)
    return {"world": world, "meeting": meeting}


class Visit:
    """Counts the main frame's page loads (redirects end in one load; htmx swaps are none) and gathers axe's
    findings on every page seen."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.loads: list[str] = []
        self.findings: list[str] = []
        page.on("framenavigated", lambda frame: frame == page.main_frame and self.loads.append(frame.url))

    def scan(self, where: str) -> None:
        self.page.wait_for_load_state()
        self.findings += axe_findings(self.page, f"{where} ({self.page.url})")


def test_two_items_an_action_and_a_revised_date_take_at_most_four_page_loads(
    page: Any, scene: dict[str, Any], problems: PageProblems
) -> None:
    """Four, not five: the meeting page (1); both items saved from its rows form, back on it (2); the action
    recorded under its item without leaving the page (htmx); the revision form opened from the item (3) and
    saved, back on the meeting page (4). Adding a third row and moving an item up are htmx swaps too."""
    from playwright.sync_api import expect

    meeting = scene["meeting"]
    world = scene["world"]
    due = meeting.date + datetime.timedelta(days=30)
    log_in(page, "sam.secretary", PASSWORD)
    visit = Visit(page)

    page.goto(f"/p/northshire/meetings/{meeting.pk}/")
    visit.scan("meeting page")
    rows = page.locator("#rows-form")
    rows.get_by_role("button", name="Add another row").click()
    expect(rows.get_by_role("group", name="Item row 3")).to_be_visible()
    first, second = rows.get_by_role("group", name="Item row 1"), rows.get_by_role("group", name="Item row 2")
    first.get_by_label("Number as printed").fill("4")
    first.get_by_label("Title").fill("Winter resilience plan")
    first.get_by_label("Outcome").select_option("decided")
    first.get_by_label("Resolution text").fill("RESOLVED that the winter plan be approved.")
    second.get_by_label("Number as printed").fill("5")
    second.get_by_label("Title").fill("Estates update")
    second.get_by_label("Outcome").select_option("noted")
    visit.scan("meeting page, three rows")
    rows.get_by_role("button", name="Save agenda items").click()
    expect(page.get_by_text("2 agenda items added.")).to_be_visible()
    visit.scan("meeting page, items added")
    winter = AgendaItem.objects.get(meeting=meeting, number="4")
    assert [i.title for i in AgendaItem.objects.filter(meeting=meeting).order_by("order")] == [
        "Winter resilience plan",
        "Estates update",
    ]
    assert winter.outcome == Outcome.DECIDED

    # "Move up" from the keyboard: the agenda is swapped in place and focus stays on the moved item, on its
    # "Move down" now that it is first and has no "Move up"; the live region says what happened
    estates = AgendaItem.objects.get(meeting=meeting, number="5")
    page.locator(f"#item-{estates.pk}").get_by_role("button", name="Move up").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-announcer]")).to_have_text("“5 Estates update” moved up.")
    expect(page.locator(f"#item-{estates.pk}").get_by_role("button", name="Move down")).to_be_focused()
    expect(page.locator(".agenda-item__title").first).to_have_text("5 Estates update")
    visit.scan("meeting page, item moved")

    section = page.locator(f"#item-{winter.pk}")
    section.get_by_text("Record an action").click()
    section.get_by_label("Action", exact=True).fill("Publish the winter plan on the website")
    section.get_by_label("Lead person").select_option(value=str(world.person.pk))
    section.get_by_label("Due date").fill(due.isoformat())
    section.get_by_role("button", name="Add the action").click()
    expect(page.locator(f"#item-{winter.pk}").get_by_text("Action added.")).to_be_visible()
    visit.scan("meeting page, action added")
    action = Action.objects.get(agenda_item=winter)
    assert (action.lead, action.due_date) == (world.person, due)

    page.locator(f"#item-{winter.pk}").get_by_role("link", name=re.compile("Revise due date")).click()
    visit.scan("revise the due date")
    later = due + datetime.timedelta(days=14)
    page.get_by_label("New due date").fill(later.isoformat())
    page.get_by_label("Why is the date changing?").fill("The web team is moving the site.")
    page.get_by_role("button", name="Revise due date").click()
    expect(page.get_by_text("Due date revised.")).to_be_visible()
    visit.scan("meeting page, date revised")
    action.refresh_from_db()
    assert action.due_date == later

    meeting_page = f"/p/northshire/meetings/{meeting.pk}/"
    assert (
        meeting_page in visit.loads[0] and meeting_page in visit.loads[-1]
    )  # the count starts and ends there
    assert len(visit.loads) <= MOST < BEFORE / 2, visit.loads
    assert visit.findings == []
    assert problems.all() == []


def test_the_rows_form_fits_a_narrow_screen(page: Any, scene: dict[str, Any]) -> None:
    """At 320 CSS pixels wide (400% zoom) the meeting page with its rows form does not scroll sideways."""
    log_in(page, "sam.secretary", PASSWORD)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/p/northshire/meetings/{scene['meeting'].pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_rows_form_showing_errors_is_accessible(page: Any, scene: dict[str, Any]) -> None:
    """A row with a number and no title: the summary names the row, its link reaches the field, nothing is
    saved, and the page passes the axe scan."""
    from playwright.sync_api import expect

    meeting = scene["meeting"]
    log_in(page, "sam.secretary", PASSWORD)
    page.goto(f"/p/northshire/meetings/{meeting.pk}/items/several/")
    rows = page.locator("#rows-form")
    rows.get_by_role("group", name="Item row 1").get_by_label("Title").fill("Winter resilience plan")
    rows.get_by_role("group", name="Item row 2").get_by_label("Number as printed").fill("5")
    rows.get_by_role("button", name="Save agenda items").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Item row 2: Enter the title.").click()
    expect(page.locator("#id_items-1-title")).to_be_focused()
    assert not AgendaItem.objects.filter(meeting=meeting).exists()
    assert axe_findings(page, "rows form with errors") == []
