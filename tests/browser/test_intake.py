"""Minutes into the record, in a real browser: upload to a meeting, the background worker reads them, the
secretary reviews the proposals (keyboard and bulk) and they land in the record; axe scans each page."""

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


def test_minutes_upload_review_and_record(page: Any, scene: Any, problems: PageProblems) -> None:
    from playwright.sync_api import expect

    world = scene
    report: list[str] = []
    log_in(page, "sam.secretary", PASSWORD)
    page.goto(f"/p/northshire/meetings/{world.meeting.pk}/")
    page.get_by_role("link", name="Upload minutes").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Upload minutes or papers")
    report.append(describe("upload", axe_violations(page)))

    # a file that is not what its name says is refused, with the reason
    page.get_by_label("Files").set_input_files(
        [{"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": MINUTES}]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("alert")).to_contain_text("could not be read as a PDF file")
    report.append(describe("upload (with errors)", axe_violations(page)))

    page.get_by_label("Files").set_input_files(
        [{"name": "hwb-2025-03-10.txt", "mimeType": "text/plain", "buffer": MINUTES}]
    )
    page.get_by_label("Minutes", exact=True).check()
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("status").first).to_contain_text("1 file uploaded")
    report.append(describe("documents", axe_violations(page)))

    # the background worker reads it, as a deployment's db_worker does
    call_command("db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0)
    page.get_by_role("link", name="hwb-2025-03-10.txt").click()
    expect(page.get_by_text("Read", exact=True)).to_be_visible()
    report.append(describe("document", axe_violations(page)))
    page.get_by_role("link", name="Review what was extracted").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("hwb-2025-03-10.txt")
    expect(page.locator("mark").first).to_be_visible()
    report.append(describe("review", axe_violations(page)))

    # keyboard: single-key shortcuts are off until turned on; then, in the list of proposals, j moves to the
    # first proposal and r rejects it (apologies: nothing to record)
    page.get_by_label(re.compile(r"Select all")).focus()
    page.keyboard.press("j")
    expect(page.locator(".intake-proposal--current")).to_have_count(0)
    page.get_by_text("Keyboard shortcuts").click()
    page.get_by_label("Use single-key shortcuts").check()
    page.get_by_label(re.compile(r"Select all")).focus()
    page.keyboard.press("j")
    expect(page.locator("[data-proposal]").first).to_have_class(re.compile("intake-proposal--current"))
    page.keyboard.press("r")
    expect(page.get_by_role("status").first).to_contain_text("1 rejected")

    # the rest in bulk
    page.get_by_label(re.compile(r"Select all")).check()
    page.get_by_role("button", name="Accept selected").click()
    expect(page.get_by_text("Every proposal has been decided.")).to_be_visible()
    report.append(describe("review (decided)", axe_violations(page)))

    review = Review.objects.get()
    assert review.status == "done"
    assert set(review.proposals.values_list("status", flat=True)) == {
        ProposalStatus.ACCEPTED,
        ProposalStatus.REJECTED,
    }
    world.item.refresh_from_db()
    assert (world.item.outcome, world.item.resolution) == (
        "decided",
        "RESOLVED that the strategy be approved.",
    )
    winter = AgendaItem.objects.get(meeting=world.meeting, title="Winter pressures")
    assert winter.outcome == "noted" and winter.provenance["outcome"]["line"] == 12
    accepted = Action.objects.filter(agenda_item=world.item, text="Circulate the delivery plan")
    assert accepted.exclude(pk=world.action.pk).exists()

    # the record shows it
    page.get_by_role("link", name=re.compile("Winter pressures")).first.click()
    expect(page.get_by_role("heading", name="6 Winter pressures")).to_be_visible()
    found = "\n".join(r for r in report if r)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def test_minutes_for_a_body_get_their_meeting_and_are_corrected(
    page: Any, scene: Any, problems: PageProblems
) -> None:
    from playwright.sync_api import expect

    world = scene
    report: list[str] = []
    log_in(page, "sam.secretary", PASSWORD)
    page.goto(f"/p/northshire/bodies/{world.body.pk}/")
    page.get_by_role("link", name="Upload minutes").click()
    page.get_by_label("Files").set_input_files(
        [{"name": "hwb.txt", "mimeType": "text/plain", "buffer": MINUTES}]
    )
    page.get_by_role("button", name="Upload").click()
    call_command("db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0)
    review = Review.objects.get()
    page.goto(f"/p/northshire/intake/reviews/{review.pk}/")
    page.get_by_role("link", name="Choose or create the meeting").first.click()
    expect(page.get_by_label("Date of the new meeting")).to_have_value("2025-03-10")
    expect(page.get_by_label("An existing meeting of this body")).to_have_value(str(world.meeting.pk))
    report.append(describe("meeting choice", axe_violations(page)))
    page.get_by_role("button", name="Use this meeting").click()
    expect(page.get_by_role("status").first).to_contain_text("Meeting set")

    # correct one proposal: a bad due date first, then a good one
    winter = review.proposals.get(original__number="6")
    with page.expect_navigation():  # axe runs on the page arrived at, never on one being left
        page.locator(f"#proposal-{winter.pk}").get_by_role("link", name=re.compile("^Correct")).click()
    report.append(describe("correct", axe_violations(page)))
    page.get_by_label("Outcome").select_option("deferred")
    page.get_by_label("Action 1 (optional)", exact=True).fill("Bring the winter plan back")
    page.get_by_label("Action 1: due (optional)").fill("2025-01-01")
    page.get_by_role("button", name="Accept into the record").click()
    expect(page.get_by_role("alert")).to_contain_text("The due date cannot be before the meeting")
    report.append(describe("correct (with errors)", axe_violations(page)))
    page.get_by_label("Action 1: due (optional)").fill("2025-06-09")
    page.get_by_role("button", name="Accept into the record").click()
    expect(page.get_by_role("status").first).to_contain_text("accepted into the record")

    strategy = review.proposals.get(original__number="5")
    with page.expect_navigation():
        page.locator(f"#proposal-{strategy.pk}").get_by_role("link", name=re.compile("^Split")).click()
    report.append(describe("split", axe_violations(page)))
    with page.expect_navigation():
        page.get_by_role("link", name="Cancel").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Add an item the minutes record but was missed").click()
    report.append(describe("add item", axe_violations(page)))

    item = AgendaItem.objects.get(title="Winter pressures")
    # the body's meeting on the date the minutes state was offered, and used
    assert item.outcome == "deferred" and item.meeting == world.meeting
    found = "\n".join(r for r in report if r)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def test_the_documents_list_shows_a_document_read_without_a_reload(
    page: Any, scene: Any, problems: PageProblems
) -> None:
    from playwright.sync_api import expect

    world = scene
    log_in(page, "sam.secretary", PASSWORD)
    page.goto(f"/p/northshire/meetings/{world.meeting.pk}/")
    page.get_by_role("link", name="Upload minutes").click()
    page.get_by_label("Files").set_input_files(
        [{"name": "hwb-live.txt", "mimeType": "text/plain", "buffer": MINUTES}]
    )
    page.get_by_label("Minutes", exact=True).check()
    page.get_by_role("button", name="Upload").click()
    row = page.get_by_role("row", name=re.compile("hwb-live.txt"))
    expect(row).to_contain_text("Waiting to be read")
    waiting = describe("documents (waiting)", axe_violations(page))
    page.evaluate("window.loadedOnce = true")  # gone if the page were loaded again

    # the background worker reads it, as a deployment's db_worker does; the row notices by itself
    call_command("db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0)
    expect(row).to_contain_text("Read", timeout=15_000)
    expect(row).to_contain_text("items found")
    expect(page.locator("[data-announcer]")).to_have_text("hwb-live.txt: Read")
    assert page.evaluate("window.loadedOnce") is True
    review = Review.objects.get()
    expect(row.get_by_role("link", name="Review hwb-live.txt")).to_have_attribute(
        "href", f"/p/northshire/intake/reviews/{review.pk}/"
    )
    read = describe("documents (read)", axe_violations(page))
    row.get_by_role("link", name="Review hwb-live.txt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("hwb-live.txt")
    found = "\n".join(r for r in (waiting, read) if r)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()
