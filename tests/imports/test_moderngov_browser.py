"""The import pages in a real browser (Debian chromium): a secretary adds the fake ModernGov site, ticks a
committee, runs the import and reads the run; axe finds no serious or critical problem on any page, and
the browser reports no CSP violation or script error."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factories import PASSWORD, make_member, make_partnership, make_world
from fakeserver import FakeModernGov
from traction.core.models import Role
from traction.imports.models import ImportRun, RunStatus

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
BLOCKING = {"serious", "critical"}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists() and not os.environ.get("TRACTION_REQUIRE_BROWSER"),
                       reason=f"{CHROMIUM} is not installed"),
]


@pytest.fixture
def browser_page(live_server: Any) -> Iterator[tuple[Any, list[str]]]:
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"
    problems: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
            context.set_default_timeout(15_000)
            page = context.new_page()
            page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"script: {e}"))
            yield page, problems
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def violations(page: Any, where: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = [v for v in Axe().run(page).response["violations"] if v.get("impact") in BLOCKING]
    return [f"{where}: [{v['impact']}] {v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
            for v in found]


def test_import_from_the_browser(browser_page: tuple[Any, list[str]], moderngov: FakeModernGov,
                                 settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    page, problems = browser_page
    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    make_world(partnership)
    make_member(partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)
    report: list[str] = []

    page.goto("/login/")
    page.get_by_label("Username").fill("sam.secretary")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/p/northshire/")
    page.get_by_role("link", name="Imports").click()
    report += violations(page, "imports list")
    page.get_by_role("link", name="Add a ModernGov site").click()
    page.get_by_label("Site address").fill("not a site")
    page.get_by_role("button", name="Add site and choose committees").click()
    report += violations(page, "add a site, with an error")
    page.get_by_label("Site address").fill(moderngov.url)
    page.get_by_role("button", name="Add site and choose committees").click()
    report += violations(page, "choose committees")
    page.get_by_label("Health and Wellbeing Board").check()
    page.get_by_label("Import meetings from").fill("2023-01-01")
    page.get_by_label("Import meetings up to (optional)").fill("2023-12-31")
    page.get_by_role("button", name="Save").click()
    report += violations(page, "source")
    page.get_by_role("button", name="Run import").click()
    page.wait_for_load_state()
    report += violations(page, "run")
    assert "Succeeded" in page.content()
    assert ImportRun.objects.get().status == RunStatus.SUCCEEDED
    moderngov.switches.refuse = True
    page.get_by_role("link", name=moderngov.url.split("://")[1]).first.click()
    page.get_by_role("link", name="Choose committees and dates").click()
    assert "could not be listed" in page.content()
    report += violations(page, "choose committees, site refusing")
    assert not report, "\n".join(report)
    assert not problems, problems
