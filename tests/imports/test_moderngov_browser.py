"""The import pages in a real browser (Debian chromium): a secretary adds the fake ModernGov site, ticks a
committee, runs the import and reads the run; axe finds no serious or critical problem on any page, and
the browser reports no CSP violation or script error."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_findings, log_in
from fakeserver import FakeModernGov

from factories import PASSWORD, make_member, make_partnership, make_world
from traction.core.models import Role
from traction.imports.models import ImportRun, RunStatus

pytestmark = pytest.mark.django_db(transaction=True)


def test_import_from_the_browser(
    page: Any, problems: PageProblems, moderngov: FakeModernGov, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    make_world(partnership)
    make_member(partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)
    report: list[str] = []

    log_in(page, "sam.secretary", PASSWORD)
    page.goto("/p/northshire/")
    with page.expect_navigation():  # axe runs on the page arrived at
        page.get_by_role("link", name="Imports").click()
    report += axe_findings(page, "imports list")
    page.get_by_role("link", name="Add a ModernGov site").click()
    page.get_by_label("Site address").fill("not a site")
    with page.expect_navigation():  # axe runs on the page arrived at
        page.get_by_role("button", name="Add site and choose committees").click()
    report += axe_findings(page, "add a site, with an error")
    page.get_by_label("Site address").fill(moderngov.url)
    with page.expect_navigation():  # axe runs on the page arrived at
        page.get_by_role("button", name="Add site and choose committees").click()
    report += axe_findings(page, "choose committees")
    page.get_by_label("Health and Wellbeing Board").check()
    page.get_by_label("Import meetings from").fill("2023-01-01")
    page.get_by_label("Import meetings up to (optional)").fill("2023-12-31")
    with page.expect_navigation():  # axe runs on the page arrived at
        page.get_by_role("button", name="Save").click()
    report += axe_findings(page, "source")
    page.get_by_role("button", name="Run import").click()
    page.wait_for_load_state()
    report += axe_findings(page, "run")
    assert "Succeeded" in page.content()
    assert ImportRun.objects.get().status == RunStatus.SUCCEEDED
    moderngov.switches.refuse = True
    page.get_by_role("link", name=moderngov.url.split("://")[1]).first.click()
    page.get_by_role("link", name="Choose committees and dates").click()
    assert "could not be listed" in page.content()
    report += axe_findings(page, "choose committees, site refusing")
    assert not report, "\n".join(report)
    assert not problems.all(), problems.all()
