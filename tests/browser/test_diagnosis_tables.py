"""The diagnosis tables on a 1280-pixel screen: a body's signal table fits without scrolling sideways; the
overview's wide table scrolls inside a labelled, focusable region, never the page."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

OVERFLOW = "el => el.scrollWidth - el.clientWidth"


def test_the_signal_table_fits_and_the_overview_scrolls_in_a_region(
    page: Any, problems: PageProblems
) -> None:
    from traction.governance.demo import DEMO_PASSWORD, load_demo
    from traction.governance.models import Body

    load_demo()
    body = Body.objects.filter(partnership__slug="riverside").order_by("pk").first()
    assert body is not None
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "secretary", DEMO_PASSWORD)
    base = "/p/riverside/diagnosis/"
    for query in ("", "?period=quarter&from=2026-04-01", "?period=year&from=2025-01-01"):
        page.goto(f"{base}bodies/{body.pk}/{query}")
        for table in ("#signals-table", "#trend-table"):
            wrapper = page.locator(table).locator("xpath=..")
            assert wrapper.evaluate(OVERFLOW) <= 0, (query, table)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, query
    page.goto(f"{base}?period=year&from=2025-01-01")
    region = page.locator("#overview-region")
    assert region.evaluate(OVERFLOW) <= 0, "the overview's table fits a 1280-pixel screen"
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("tabindex") == "0"
    assert "Signals by body" in (region.get_attribute("aria-label") or "")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    region.focus()
    assert page.evaluate("document.activeElement.id") == "overview-region"
    found = describe("overview", axe_violations(page))
    assert not found, found
    assert not problems.all(), problems.all()
