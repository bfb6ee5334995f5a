"""Uploaded minutes are untrusted: the rules read them in time linear in their size.

Each input below is a near-miss repeated far past any real document (a row of dots, a run of spaces, a log
of thousands of rows). A rule that backtracks or compares every pair would take minutes on it, so a
regression hangs visibly; read correctly, each takes a fraction of a second. No timing is asserted.
"""

from __future__ import annotations

from minutes_text import text_doc

from traction_analysis.extract import extract
from traction_analysis.extract.action_log import MAX_LOGGED, file_logged_actions
from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.narrative import item_subject, narrative_actions
from traction_analysis.extract.lines import Line
from traction_analysis.extract.model import ExtractedAction, ExtractedItem
from traction_analysis.extract.segment import Segment
from traction_analysis.extract.text import Sentence

LONG = 200_000

OPENING_LOG = """Full Governing Body minutes, 23 May 2022
ACTIONS TO BE TAKEN
ITEM BY WHOM BY WHEN
110b/2122 Advertise the two governor vacancies in the school newsletter
{owner}
asap
FGB 101/2122 Minutes of the last meeting
The minutes were approved as a true record.
FGB 110/2122 Governance
a) Dates of meetings
The dates for next year were agreed.
b) Governor vacancies
There are two vacancies on the governing body.
FGB 111/2122 Date of next meeting
11 July 2022.
"""


def _by_title(text: str) -> dict[str, list[tuple[str, str | None]]]:
    result = extract(text_doc(text), None)
    return {item.title: [(action.text, action.owner) for action in item.actions] for item in result.items}


def test_an_owner_line_of_dots_is_no_name_and_is_read_once() -> None:
    # A row of leader dots with no name after them: the owner column's pattern must not try every split of
    # the dots between the name and what trails it.
    found = _by_title(OPENING_LOG.format(owner="Ann" + "." * LONG + "!"))
    [(step, owner)] = found["Governor vacancies"]
    assert step.startswith("Advertise the two governor vacancies")
    assert owner is None


def test_an_owner_line_still_reads_a_name_followed_by_dots() -> None:
    found = _by_title(OPENING_LOG.format(owner="Ann Lee ....."))
    assert found["Governor vacancies"] == [
        ("Advertise the two governor vacancies in the school newsletter", "Ann Lee")
    ]


def test_a_huge_opening_log_is_filed_in_bounded_work() -> None:
    # Each row names item 1 and differs from the others, so each would be compared with every row filed
    # before it: bounded at MAX_LOGGED rows, as the log at the foot of the minutes is.
    rows = [f"1 Write to r{n}x about h{n}y asap" for n in range(15_000)]
    minutes = "\n".join(
        ["Minutes of the meeting held on 4 March 2025", "ACTIONS TO BE TAKEN", *rows]
        + ["1. Hedges", "The hedges were discussed.", "2. Paths", "Nothing.", "3. AOB", "None."]
    )
    found = _by_title(minutes)
    assert len(found["Hedges"]) == MAX_LOGGED
    assert found["Hedges"][0] == ("Write to r0x about h0y", None)


def _item(number: str, title: str) -> ExtractedItem:
    return ExtractedItem(number, title, "noted", 1.0, "", None)


def test_a_due_column_after_a_run_of_spaces_is_read_once() -> None:
    # Readers collapse whitespace, but the engine takes any document: a line of spaces ending in no due
    # date is scanned once, not once per space.
    preamble = [
        Line("ACTIONS TO BE TAKEN", None, 1),
        Line("7 Circulate the hedge survey", None, 2),
        Line("Clerk" + " " * LONG + "x", None, 3),
        Line("Clerk asap", None, 4),
    ]
    items = [_item("7", "Hedges"), _item("8", "AOB")]
    made: list[ExtractedAction] = []

    def make(step: str, owner: str | None) -> ExtractedAction:
        made.append(ExtractedAction(step, owner))
        return made[-1]

    parts = [Segment(item.number, item.title, Line(item.title, None, 9)) for item in items]
    file_logged_actions(items, parts, [[], []], preamble, make)
    assert [action.text for action in items[0].actions] == [made[0].text]
    assert made[0].text.startswith("Circulate the hedge survey")


def test_a_raised_topic_before_a_run_of_spaces_is_read_once() -> None:
    context = ActionContext(
        title="Footpaths", resolution=[], explicit_only=False, meeting_date=None, month_first=False
    )
    line = Line("", None, 1)
    said = [
        "The issue of the closed footpath" + " " * LONG + "by the school was raised.",
        "Cllr W will raise this with the County.",
    ]
    found = narrative_actions([Sentence(text, line) for text in said], context)
    assert [(action.text, action.owner) for action in found] == [
        ("Raise this with the County [the closed footpath by the school]", "Cllr W")
    ]


def test_a_heading_with_a_run_of_spaces_is_split_at_its_dash_once() -> None:
    assert item_subject("Any Other Business" + " " * LONG + "- Footpaths") == "Footpaths"
    assert item_subject("Any Other Business" + " " * LONG + "Footpaths").startswith("Any Other Business")
