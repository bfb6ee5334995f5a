"""The listening pages in a real browser (Debian chromium through Playwright): a facilitator selects words
in a note to highlight them, accepts a suggested theme, and every listening page passes the axe scan (no
serious or critical finding) with no console error, so the strict CSP holds."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_findings, log_in

from factories import PASSWORD, make_member, make_partnership, make_world
from listening import kit
from traction.core.models import Role
from traction.listening.models import Highlight

pytestmark = pytest.mark.django_db(transaction=True)


def test_highlight_by_selecting_words_and_every_page_passes_axe(page: Any, problems: PageProblems) -> None:
    from playwright.sync_api import expect

    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    world = make_world(partnership)
    facilitator = make_member(partnership, Role.FACILITATOR, username="fran.facilitator", password=PASSWORD)
    exercise = kit.make_exercise(partnership, facilitators=[facilitator])
    note = kit.make_note(exercise, participant=world.person)
    kit.make_note(
        exercise, participant=world.other_person, facts="The papers arrive late. Nobody reads them."
    )
    kit.make_note(exercise, facts=f"{world.person.name} chairs it.", names_reviewed=False)
    kit.make_highlight(note, themes=[kit.make_theme(exercise, name="Reading load")])
    findings: list[str] = []
    log_in(page, "fran.facilitator", PASSWORD)

    base = "/p/northshire/listening"
    for where, path in {
        "exercises": f"{base}/",
        "exercise": f"{base}/{exercise.pk}/",
        "themes": f"{base}/{exercise.pk}/themes/",
        "suggestions": f"{base}/{exercise.pk}/themes/suggested/",
        "name key": f"{base}/{exercise.pk}/name-key/",
        "new note": f"{base}/{exercise.pk}/notes/new/",
        "new exercise": f"{base}/new/",
        "note": f"{base}/notes/{note.pk}/",
        "names": f"{base}/notes/{exercise.notes.last().pk}/names/",
    }.items():
        response = page.goto(path)
        assert response.status == 200, (where, response.status)
        findings += axe_findings(page, where)

    # select words in the note: the form is filled with the part, the words and their position
    page.goto(f"{base}/notes/{note.pk}/highlights/new/")
    findings += axe_findings(page, "highlight form")
    page.evaluate("""() => {
        const block = document.querySelector('[data-highlight-source] [data-note-field="facts"]');
        const text = block.lastChild;  // after the existing highlight
        const at = text.textContent.indexOf('the car park');
        const range = document.createRange();
        range.setStart(text, at); range.setEnd(text, at + 'the car park'.length);
        const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
        block.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    }""")
    expect(page.get_by_label("Words to highlight")).to_have_value("the car park")
    assert page.get_by_label("Position in the text (optional)").input_value() == str(
        note.facts.index("the car park")
    )
    page.get_by_role("button", name="Save the highlight").click()
    expect(page.locator("mark", has_text="the car park")).to_be_visible()
    [made] = [h for h in Highlight.objects.filter(note=note) if h.snippet == "the car park"]
    assert note.facts[made.start : made.end] == "the car park"

    # accept the first suggestion under a name of one's own
    page.goto(f"{base}/{exercise.pk}/themes/suggested/")
    page.get_by_label("Theme name").first.fill("Late papers")
    page.get_by_role("button", name="Accept as a theme").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Themes")
    expect(page.get_by_role("rowheader", name="Late papers")).to_be_visible()
    findings += axe_findings(page, "themes after accepting")

    assert not findings, "\n".join(findings)
    assert not problems.all(), problems.all()
