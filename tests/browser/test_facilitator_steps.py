"""How many pages a facilitator goes through to build a two-level problem tree (a core problem, two causes,
a cause under a cause, an effect). Node by node and link by link it took sixteen; with the short forms under
each node of the tree page it must take at most half of that, every page passing axe, focus landing on each
node added, and nothing refused by the browser (the CSP included)."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_findings, log_in
from django.urls import reverse

from factories import PASSWORD, World, make_member, make_partnership, make_world
from traction.core.models import Role
from traction.workshop.models import NodeLink, ProblemTree

pytestmark = pytest.mark.django_db(transaction=True)

PAGES_BEFORE = 16
CORE = "Decisions are not followed through"
CAUSES = ("Board papers arrive too late to read", "Agendas leave no time to decide")
DEEPER = "Reports are written for audit, not for decisions"
EFFECT = "Residents wait longer for help"


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    make_member(world.partnership, Role.FACILITATOR, username="fran.facilitator", password=PASSWORD)
    return world


def _grow(page: Any, summary: str, field: str, words: str, button: str) -> None:
    """Open the short form under a node, fill it in and send it; wait for the tree to show the new node."""
    opener = page.locator("summary", has_text=summary)
    opener.click()
    form = opener.locator("xpath=..")
    form.get_by_label(field).fill(words)
    form.get_by_role("button", name=button).click()
    page.locator("#tree-work span[id^='node-']", has_text=words).wait_for()


# Elements that stick out past the window's right edge, outside a region that scrolls on its own.
WIDER_THAN_THE_WINDOW = """
[...document.querySelectorAll("body *")].filter(e => {
  if (e.closest(".table-wrapper, .table-scroll, .workshop-diagram__scroll")) { return false; }
  return e.getBoundingClientRect().right > window.innerWidth + 1;
}).map(e => e.tagName + "." + e.className + "#" + e.id).slice(0, 10)
"""


def _focused_node(page: Any, expected: str) -> str:
    """The text of the focused element, once it is ``expected`` (focus moves when htmx has settled the swap)
    or after the timeout."""
    try:
        page.wait_for_function(
            "t => document.activeElement && document.activeElement.textContent === t",
            arg=expected,
            timeout=5000,
        )
    except Exception:  # the assertion that follows says what has focus instead
        pass
    return page.evaluate("document.activeElement && document.activeElement.textContent")


def test_a_two_level_tree_takes_at_most_half_the_pages(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "fran.facilitator", PASSWORD)
    loads: list[str] = []
    page.on("load", lambda: loads.append(page.url))
    findings: list[str] = []

    page.goto(reverse("workshop:workshop-home", kwargs={"slug": scene.partnership.slug}))
    findings += axe_findings(page, "workshop home")
    page.get_by_role("link", name="New problem tree").click()
    page.wait_for_load_state()
    findings += axe_findings(page, "new tree form")
    page.get_by_label("Title").fill("Why decisions stall")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    findings += axe_findings(page, "empty tree")

    _grow(page, "Add the core problem here", "The core problem, in a few words", CORE, "Add the core problem")
    assert _focused_node(page, CORE) == CORE
    for cause in CAUSES:
        _grow(page, f"Add a cause of “{CORE}”", "The cause, in a few words", cause, "Add the cause")
        assert _focused_node(page, cause) == cause
    _grow(page, f"Add a cause of “{CAUSES[0]}”", "The cause, in a few words", DEEPER, "Add the cause")
    _grow(page, f"Add an effect from “{CORE}”", "The effect, in a few words", EFFECT, "Add the effect")
    assert _focused_node(page, EFFECT) == EFFECT
    assert page.get_by_role("status").filter(has_text=f"Added the effect “{EFFECT}”.").count() == 1
    findings += axe_findings(page, "built tree")
    page.set_viewport_size({"width": 320, "height": 800})
    wide = page.evaluate(WIDER_THAN_THE_WINDOW)
    assert not wide, wide

    tree = ProblemTree.objects.get(partnership=scene.partnership)
    links = {(link.source.label, link.target.label) for link in NodeLink.objects.filter(tree=tree)}
    assert links == {
        (CAUSES[0], CORE),
        (CAUSES[1], CORE),
        (DEEPER, CAUSES[0]),
        (CORE, EFFECT),
    }
    assert tree.nodes.count() == 5
    assert len(loads) <= PAGES_BEFORE // 2, loads
    assert not findings, "serious or critical accessibility violations:\n" + "\n".join(findings)
    assert not problems.all(), problems.all()
