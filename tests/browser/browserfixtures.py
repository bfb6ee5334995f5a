"""Browser fixtures for the whole suite: Debian's chromium through Playwright's sync API, against
pytest-django's live server. tests/conftest.py loads this module as a plugin (``pytest_plugins``), so a test
in any folder asks for ``page`` (or ``chromium``) and gets the same browser.

A test that uses ``chromium`` (``page`` does) is marked ``browser``, wherever it lives. Such tests are skipped
when /usr/bin/chromium is missing, unless TRACTION_REQUIRE_BROWSER is set (CI sets it): then a missing browser
is a failure, not a skip. Never run ``playwright install``; the system browser is used.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browserkit import LAUNCH_ARGS, PageProblems

CHROMIUM = Path("/usr/bin/chromium")


def _browser_missing_reason() -> str | None:
    if CHROMIUM.exists():
        return None
    return f"{CHROMIUM} is not installed (apt-get install chromium)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = _browser_missing_reason()
    skip = reason is not None and not os.environ.get("TRACTION_REQUIRE_BROWSER")
    for item in items:
        if "chromium" not in getattr(item, "fixturenames", ()):
            continue
        item.add_marker(pytest.mark.browser)
        if skip:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One browser per module. Playwright's sync API keeps an event loop running in this thread, beside
    which Django's ORM refuses to run unless DJANGO_ALLOW_ASYNC_UNSAFE is set: set it only while the browser
    is up, so that it never leaks into other tests or into subprocesses (check --deploy rejects it)."""
    reason = _browser_missing_reason()
    if reason:  # only reached when TRACTION_REQUIRE_BROWSER is set
        pytest.fail(f"TRACTION_REQUIRE_BROWSER is set but {reason}")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def page(chromium: Any, live_server: Any, problems: PageProblems) -> Iterator[Any]:
    """A fresh context and tab on the live server, British locale and clock; whatever goes wrong in the
    browser (console errors, CSP refusals, script errors, failed requests, missing static files) lands in
    ``problems``."""
    context = chromium.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.on(
        "console", lambda m: problems.console.append(f"{m.type}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: problems.errors.append(str(e)))
    page.on("requestfailed", lambda r: problems.failed.append(f"{r.url}: {r.failure}"))
    page.on(
        "response",
        lambda r: (
            problems.failed.append(f"{r.url}: HTTP {r.status}")
            if r.status >= 400 and "/static/" in r.url
            else None
        ),
    )
    yield page
    context.close()
