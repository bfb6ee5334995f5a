"""The board report as a PDF, in a real browser: the link says the report is being prepared (busy) while the
server renders it, then the PDF downloads, with no page change; axe scans the page in both states."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in

from factories import PASSWORD, make_member, make_partnership, make_world
from traction.core.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_pdf_is_prepared_in_place_and_downloads(page: Any, problems: PageProblems) -> None:
    from playwright.sync_api import expect

    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    world = make_world(partnership)
    make_member(partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)
    log_in(page, "sam.secretary", PASSWORD)
    page.goto(f"/p/northshire/diagnosis/bodies/{world.body.pk}/report/")
    report = [describe("board report", axe_violations(page))]
    page.evaluate("window.loadedOnce = true")  # gone if the page were loaded again
    link = page.get_by_role("link", name="download it as a PDF")
    held: list[Any] = []
    page.route("**/report.pdf*", lambda route: held.append(route))  # held until the test lets it go
    link.click()
    status = page.locator("#report-pdf-status")
    expect(status).to_contain_text("Preparing the report")
    expect(link).to_have_attribute("aria-busy", "true")
    report.append(describe("board report (preparing)", axe_violations(page)))
    with page.expect_download() as download:
        held[0].continue_()
    expect(status).to_contain_text("The report is ready")
    expect(link).not_to_have_attribute("aria-busy", "true")
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert page.evaluate("window.loadedOnce") is True
    report.append(describe("board report (PDF ready)", axe_violations(page)))
    found = "\n".join(r for r in report if r)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()
