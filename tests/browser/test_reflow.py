"""Reflow (WCAG 2.2 1.4.10): the pages a secretary reaches, at 320 and 1280 CSS pixels wide, never scroll the
document sideways (wide tables scroll inside their own region), and axe finds no serious or critical
violation at either width. The main navigation is a disclosure behind a "Menu" button on the narrow screen.

The whole URL walk at two widths with axe on each page takes far longer than a browser test should, so this
covers one list page, one record's page and one form of each app (namespace) of tests/urlspec.py: the pages
share their templates' building blocks (tables, summary lists, forms, filters), and the web tests' URL walk
already renders every page for the secretary.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from browserkit import PageProblems, axe_findings, log_in
from django.test import Client

from factories import PASSWORD, World, make_member
from traction.core.models import Role
from urlspec import PARTNERSHIP_URLS, Spec, url_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def secretary(world_a: World) -> Any:
    return make_member(world_a.partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)


WIDTHS = (320, 1280)
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# The outermost elements that reach past the right edge (those a scrolling region clips are fine).
TOO_WIDE = """() => {
  const edge = document.documentElement.clientWidth + 1, found = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.getBoundingClientRect().right <= edge) { continue; }
    const free = ["absolute", "fixed"].includes(getComputedStyle(el).position);
    if (el.closest(".table-scroll") && !free) { continue; }
    if (found.some((outer) => outer.contains(el))) { continue; }
    found.push(el);
  }
  return found.slice(0, 4).map((el) => el.outerHTML.slice(0, 120));
}"""


def _sample(world: World, secretary: Any) -> dict[str, str]:
    """One list page, one record's page and one form per namespace that render as HTML for the secretary."""
    client = Client()
    client.force_login(secretary)
    chosen: dict[tuple[str, str], str] = {}
    for name, spec in PARTNERSHIP_URLS.items():
        key = (name.partition(":")[0], _shape(spec))
        if not key[1] or key in chosen:
            continue
        url = url_for(name, spec, world)
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            chosen[key] = url
    return {f"{namespace} {shape}": url for (namespace, shape), url in chosen.items()}


def _sign_in(page: Any) -> None:
    from playwright.sync_api import expect

    log_in(page, "sam.secretary", PASSWORD)
    expect(page).to_have_url(re.compile(r"/p/northshire/$"))


def _shape(spec: Spec) -> str:
    if spec.kind == "page":
        return "record" if spec.target is not None else "list"
    return "form" if spec.kind == "form" else ""


def test_pages_reflow_at_320_and_1280_pixels_without_axe_violations(
    page: Any, problems: PageProblems, world_a: World, secretary: Any
) -> None:
    pages = _sample(world_a, secretary)
    assert len(pages) >= 20, sorted(pages)
    _sign_in(page)
    sideways, findings = [], []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for where, url in pages.items():
            response = page.goto(url)
            assert response.status == 200 and page.url.endswith(url), (where, page.url)
            overflow = page.evaluate(SIDEWAYS)
            if overflow > 1:
                culprits = "; ".join(page.evaluate(TOO_WIDE))
                sideways.append(f"{where} at {width}px: {overflow}px too wide ({url}): {culprits}")
            findings += axe_findings(page, f"{where} at {width}px")
    assert not sideways, "\n".join(sideways)
    assert not findings, "\n".join(findings)
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
