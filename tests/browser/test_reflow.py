"""Reflow (WCAG 2.2 1.4.10): every page, at 320 and 1280 CSS pixels wide, never scrolls the document sideways
(wide tables scroll inside their own region), and axe finds no serious or critical violation at either width.
The main navigation is a disclosure behind a "Menu" button on the narrow screen.

"Every page" comes from tests/urlspec.py, so a new page is covered as soon as it is described there: each
entry that shows a page (kinds page, form and delete) and answers HTML to the partnership's admin, or, for the
listening exercises that only a facilitator opens, to a facilitator; plus the sign-in page and the list of a
member's partnerships. An entry that answers neither HTML nor a download to either fails the test, so none is
left out silently. The world is built once and each role signs in once.

It runs on SQLite only: page markup does not depend on the database, and some 320 pages at two widths with
axe on each take a quarter of an hour on a busy 2-core machine (docs/benchmarks.md), which the PostgreSQL
run (the slower of the two) cannot spare.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from browserkit import PageProblems, axe_findings, log_in
from django.db import connection
from django.test import Client

from factories import PASSWORD, World, make_member
from traction.core.models import Membership, Partnership, Role
from urlspec import PARTNERSHIP_URLS, url_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def secretary(world_a: World) -> Any:
    return make_member(world_a.partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)


WIDTHS = (320, 1280)
# The admin opens every page but a listening exercise's, which only its facilitators open.
READERS = (Role.ADMIN, Role.FACILITATOR)
SHOWN = {"page", "form", "delete"}  # the urlspec kinds whose GET shows something
LEAST = 250  # 324 pages in all today: far fewer means the list was built wrong
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# The outermost elements that reach past the right edge, leaving aside those a scrolling region clips (an
# element taken out of the flow is clipped only by a positioned one, as .table-scroll is).
TOO_WIDE = """() => {
  const edge = document.documentElement.clientWidth + 1, found = [];
  const clipped = (el) => {
    const free = ["absolute", "fixed"].includes(getComputedStyle(el).position);
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.overflowX !== "visible" && (!free || style.position !== "static")) { return true; }
    }
    return false;
  };
  for (const el of document.querySelectorAll("body *")) {
    if (el.getBoundingClientRect().right <= edge || clipped(el)) { continue; }
    if (found.some((outer) => outer.contains(el))) { continue; }
    found.push(el);
  }
  return found.slice(0, 4).map((el) => el.outerHTML.slice(0, 120));
}"""


def _every_page(world: World, readers: dict[Role, Any]) -> dict[Role, dict[str, str]]:
    """Each urlspec page that answers an HTML document, under the first reader it answers. Downloads are left
    aside, and so are the fragments that htmx polls for and swaps into a page (no <html>: no title, no
    language of their own), which are checked as part of the page that shows them."""
    clients = {role: Client() for role in readers}
    for role, client in clients.items():
        client.force_login(readers[role])
    pages: dict[Role, dict[str, str]] = {role: {} for role in readers}
    unopened = []
    for name, spec in PARTNERSHIP_URLS.items():
        if spec.kind not in SHOWN:
            continue
        url = url_for(name, spec, world)
        for role, client in clients.items():
            response = client.get(url)
            if response.status_code == 200:
                if response["Content-Type"].startswith("text/html") and b"<html" in response.content:
                    pages[role][name] = url
                break
        else:
            unopened.append(f"{name} {url}")
    assert not unopened, f"pages no reader could open (teach this test who may): {unopened}"
    return pages


def _sign_in(page: Any, username: str = "sam.secretary") -> None:
    from playwright.sync_api import expect

    log_in(page, username, PASSWORD)
    expect(page).to_have_url(re.compile(r"/p/northshire/$"))


def _check(page: Any, where: str, url: str, width: int) -> list[str]:
    """Open the page at this width: a description of each problem found (sideways overflow, axe)."""
    page.set_viewport_size({"width": width, "height": 800})
    response = page.goto(url)
    assert response.status == 200 and page.url.endswith(url), (where, url, page.url)
    found = []
    overflow = page.evaluate(SIDEWAYS)
    if overflow > 1:
        culprits = "; ".join(page.evaluate(TOO_WIDE))
        found.append(f"{where} at {width}px: {overflow}px too wide ({url}): {culprits}")
    found += axe_findings(page, f"{where} at {width}px ({url})")
    for finding in found:  # as they come, for a run with -s: the whole walk takes minutes
        print(finding, flush=True)
    return found


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="runs on SQLite only: page markup does not depend on the database (see the module's docstring)",
)
@pytest.mark.parametrize("width", WIDTHS)  # one test per width, so that parallel runs share the walk
def test_every_page_reflows_without_axe_violations(
    page: Any, problems: PageProblems, world_a: World, partnership_b: Partnership, width: int
) -> None:
    partnership = world_a.partnership
    readers = {role: make_member(partnership, role, username=role, password=PASSWORD) for role in READERS}
    # A second partnership, so that the home page lists them rather than going straight to the dashboard.
    Membership.objects.create(partnership=partnership_b, user=readers[Role.ADMIN], role=Role.VIEWER)
    pages = _every_page(world_a, readers)
    counted = sum(len(urls) for urls in pages.values()) + 2
    print(f"reflow and axe: {counted} pages at {width}px")
    assert counted >= LEAST, pages
    found = _check(page, "login", "/login/", width)
    for role, urls in pages.items():
        page.context.clear_cookies()
        log_in(page, role, PASSWORD)
        if role == Role.ADMIN:
            urls = {"core:home": "/", **urls}
        for name, url in urls.items():
            found += _check(page, f"{name} as {role}", url, width)
    assert not found, "\n".join(found)
    assert not problems.all(), problems.all()


def test_the_menu_is_a_disclosure_on_a_narrow_screen(
    page: Any, problems: PageProblems, world_a: World, secretary: Any
) -> None:
    _sign_in(page)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/p/{world_a.partnership.slug}/")
    nav = page.get_by_role("navigation", name="Main")
    menu = nav.get_by_role("button", name="Menu")
    meetings = nav.get_by_role("link", name="Meetings")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not meetings.is_visible()

    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert meetings.is_visible()
    assert nav.get_by_role("heading", name="Record").is_visible()
    assert page.evaluate(SIDEWAYS) <= 1

    meetings.focus()
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.dataset.navToggle") == ""

    page.set_viewport_size({"width": 1280, "height": 800})
    assert not menu.is_visible() and meetings.is_visible()
    assert not problems.all(), problems.all()


def test_without_javascript_the_menu_is_open(chromium: Any, live_server: Any, secretary: Any) -> None:
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        _sign_in(page)
        page.set_viewport_size({"width": 320, "height": 800})
        page.goto("/p/northshire/")
        nav = page.get_by_role("navigation", name="Main")
        assert not nav.get_by_role("button", name="Menu").is_visible()
        assert nav.get_by_role("link", name="Meetings").is_visible()
    finally:
        context.close()
