"""The listening pages in a real browser (Debian chromium through Playwright): a facilitator selects words in a
note to highlight them, accepts a suggested theme, and every listening page passes the axe scan (no serious
or critical finding) with no console error, so the strict CSP holds.

Skipped when /usr/bin/chromium is missing, unless TRACTION_REQUIRE_BROWSER is set (as in tests/browser).
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factories import PASSWORD, make_member, make_partnership, make_world
from listening import kit
from traction.core.models import Role
from traction.listening.models import Highlight

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
def page(live_server: Any) -> Iterator[tuple[Any, list[str]]]:
    if not CHROMIUM.exists():
        pytest.fail(f"TRACTION_REQUIRE_BROWSER is set but {CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"
    problems: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            context = browser.new_context(base_url=live_server.url, locale="en-GB")
            context.set_default_timeout(15_000)
            page = context.new_page()
            page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            yield page, problems
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _axe(page: Any, where: str) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [f"{where}: [{v['impact']}] {v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
            for v in violations if v.get("impact") in BLOCKING]


def _log_in(page: Any, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_highlight_by_selecting_words_and_every_page_passes_axe(page: tuple[Any, list[str]]) -> None:
    from playwright.sync_api import expect

    browser_page, problems = page
    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    world = make_world(partnership)
    facilitator = make_member(partnership, Role.FACILITATOR, username="fran.facilitator", password=PASSWORD)
    exercise = kit.make_exercise(partnership, facilitators=[facilitator])
    note = kit.make_note(exercise, participant=world.person)
    kit.make_note(exercise, participant=world.other_person, facts="The papers arrive late. Nobody reads them.")
    kit.make_note(exercise, facts=f"{world.person.name} chairs it.", names_reviewed=False)
    kit.make_highlight(note, themes=[kit.make_theme(exercise, name="Reading load")])
    findings: list[str] = []
    _log_in(browser_page, "fran.facilitator")

    base = "/p/northshire/listening"
    for where, path in {"exercises": f"{base}/", "exercise": f"{base}/{exercise.pk}/",
                        "themes": f"{base}/{exercise.pk}/themes/", "suggestions": f"{base}/{exercise.pk}/themes/suggested/",
                        "name key": f"{base}/{exercise.pk}/name-key/", "new note": f"{base}/{exercise.pk}/notes/new/",
                        "new exercise": f"{base}/new/", "note": f"{base}/notes/{note.pk}/",
                        "names": f"{base}/notes/{exercise.notes.last().pk}/names/"}.items():
        response = browser_page.goto(path)
        assert response.status == 200, (where, response.status)
        findings += _axe(browser_page, where)

    # select words in the note: the form is filled with the part, the words and their position
    browser_page.goto(f"{base}/notes/{note.pk}/highlights/new/")
    findings += _axe(browser_page, "highlight form")
    browser_page.evaluate("""() => {
        const block = document.querySelector('[data-highlight-source] [data-note-field="facts"]');
        const text = block.lastChild;  // after the existing highlight
        const at = text.textContent.indexOf('the car park');
        const range = document.createRange();
        range.setStart(text, at); range.setEnd(text, at + 'the car park'.length);
        const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
        block.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    }""")
    expect(browser_page.get_by_label("Words to highlight")).to_have_value("the car park")
    assert browser_page.get_by_label("Position in the text (optional)").input_value() == str(
        note.facts.index("the car park"))
    browser_page.get_by_role("button", name="Save the highlight").click()
    expect(browser_page.locator("mark", has_text="the car park")).to_be_visible()
    [made] = [h for h in Highlight.objects.filter(note=note) if h.snippet == "the car park"]
    assert note.facts[made.start:made.end] == "the car park"

    # accept the first suggestion under a name of one's own
    browser_page.goto(f"{base}/{exercise.pk}/themes/suggested/")
    browser_page.get_by_label("Theme name").first.fill("Late papers")
    browser_page.get_by_role("button", name="Accept as a theme").first.click()
    expect(browser_page.get_by_role("heading", level=1)).to_contain_text("Themes")
    expect(browser_page.get_by_role("rowheader", name="Late papers")).to_be_visible()
    findings += _axe(browser_page, "themes after accepting")

    assert not findings, "\n".join(findings)
    assert not problems, problems
