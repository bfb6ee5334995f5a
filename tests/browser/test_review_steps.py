"""Minutes from upload to the record in at most five page loads, in a real browser: the meeting is chosen on
the review screen itself, the source pane stays in view beside the proposals and follows the one in focus,
and at 320 px nothing scrolls sideways; axe scans each step."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.core.management import call_command

from factories import PASSWORD, make_member, make_partnership, make_world
from traction.core.models import Role
from traction.governance.models import Action, AgendaItem
from traction.intake.models import ProposalStatus, Review

pytestmark = pytest.mark.django_db(transaction=True)

# Before this screen the same work took about ten page loads (upload, documents, document, review, the
# meeting's own page, back to the review, then each correction on a page of its own).
MOST_PAGE_LOADS = 5

MINUTES = b"""Health and Wellbeing Board
Minutes of the meeting held on 10 March 2025

1. Apologies for absence
Apologies were received from Councillor Smith.

5. Joint strategy
The Director presented the joint strategy for 2025 to 2030.
RESOLVED that the strategy be approved.
ACTION: The Director to circulate the delivery plan by 31 March 2025.

6. Winter pressures
The Board received a report on winter pressures.
RESOLVED that the report be noted.
"""


@pytest.fixture
def scene() -> Any:
    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    world = make_world(partnership)
    make_member(partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)
    return world


def test_upload_review_and_record_in_at_most_five_page_loads(
    page: Any, scene: Any, problems: PageProblems
) -> None:
    from playwright.sync_api import expect

    world = scene
    report: list[str] = []
    log_in(page, "sam.secretary", PASSWORD)
    loads: list[str] = []
    page.on("load", lambda loaded: loads.append(loaded.url))

    page.goto(f"/p/northshire/intake/bodies/{world.body.pk}/upload/")
    page.get_by_label("Files").set_input_files(
        [{"name": "hwb-2025-03-10.txt", "mimeType": "text/plain", "buffer": MINUTES}]
    )
    page.get_by_label("Minutes", exact=True).check()
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status").first).to_contain_text("1 file uploaded")
    call_command("db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0)
    page.get_by_role("link", name="hwb-2025-03-10.txt").click()
    page.get_by_role("link", name="Review what was extracted").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("hwb-2025-03-10.txt")

    # the meeting first: accepting is off, and the body's meeting on the stated date is offered
    expect(page.get_by_role("button", name="Accept selected")).to_be_disabled()
    expect(page.get_by_text("Accepting is turned off until the meeting is chosen")).to_be_visible()
    expect(page.get_by_label("An existing meeting of this body (optional)")).to_have_value(
        str(world.meeting.pk)
    )
    report.append(describe("review (no meeting yet)", axe_violations(page)))
    page.get_by_role("button", name="Use this meeting").click()
    expect(page.get_by_role("status").first).to_contain_text("Meeting set")
    expect(page.get_by_role("button", name="Accept selected")).to_be_enabled()
    report.append(describe("review (meeting set)", axe_violations(page)))

    # the source pane stays in view and follows the proposal in focus
    pane = page.locator(".intake-review__source")
    assert pane.evaluate("el => getComputedStyle(el).position") == "sticky"
    review = Review.objects.get()
    winter = review.proposals.get(original__number="6")
    page.locator(f"#select-{winter.pk}").focus()
    line = page.locator(f"#{page.locator(f'#proposal-{winter.pk}').get_attribute('data-source')}")
    expect(line).to_have_class(re.compile("intake-source__line--current"))

    page.get_by_label(re.compile(r"Select all")).check()
    page.get_by_role("button", name="Accept selected").click()
    expect(page.get_by_text("Every proposal has been decided.")).to_be_visible()
    report.append(describe("review (decided)", axe_violations(page)))

    # every full page load was counted (htmx swaps are not page loads): the first is the upload page, the
    # last the review screen after accepting
    assert "/upload/" in loads[0] and f"/intake/reviews/{review.pk}/" in loads[-1], loads
    assert len(loads) <= MOST_PAGE_LOADS, loads
    review.refresh_from_db()
    assert review.status == "done" and review.meeting == world.meeting
    assert set(review.proposals.values_list("status", flat=True)) == {ProposalStatus.ACCEPTED}
    world.item.refresh_from_db()
    assert world.item.outcome == "decided"
    assert AgendaItem.objects.get(meeting=world.meeting, title="Winter pressures").outcome == "noted"
    accepted = Action.objects.filter(agenda_item=world.item, text="Circulate the delivery plan")
    assert accepted.exclude(pk=world.action.pk).exists()

    # at 320 px the two columns stack and nothing scrolls sideways
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/p/northshire/intake/reviews/{review.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert pane.evaluate("el => getComputedStyle(el).position") != "sticky"
    report.append(describe("review (320 px)", axe_violations(page)))

    found = "\n".join(r for r in report if r)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()
