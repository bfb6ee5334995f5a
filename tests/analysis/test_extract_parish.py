"""Conventions of small councils' minutes as they are published on the web (excerpts written for the tests).

English parish and town councils number minutes by year ("42/24"), run the minute's first sentence into
its title, and their websites add YAML front matter; text dumps run a numbered paragraph into the one
before it. Each test is one convention.
"""

from __future__ import annotations

import re

import pytest
from minutes_text import text_doc as doc

from traction_analysis.document import Document
from traction_analysis.extract import extract
from traction_analysis.extract.numbering import TITLE_BREAK, run_in_title


def items(document: Document) -> list[tuple[str | None, str]]:
    return [(item.number, item.title) for item in extract(document).items]


YEAR_SCOPED = """
MINUTES OF THE ORDINARY MEETING OF LITTLE MARSH PARISH COUNCIL HELD ON 3 APRIL 2024
Present: Cllr A Brown (Chair), Cllr C Dale, Cllr E Ford
40/24 Apologies for Absence. Apologies were accepted from Cllr G Hill.
41/24 Declarations of Interest None were made.
42/24 To approve the Minutes of the meeting held on 6 March 2024 The minutes were agreed as a true record.
Minute 31/24 should read: the hedge will be cut in the autumn.
43/24 Village Hall Car Park
The Clerk agreed to obtain three quotes for resurfacing.
44/24 Date of the Next Meeting – 1 May 2024 at 7.30pm.
"""


def test_year_scoped_minute_numbers_with_run_in_titles() -> None:
    got = items(doc(YEAR_SCOPED))
    assert got == [
        ("40/24", "Apologies for Absence"),
        ("41/24", "Declarations of Interest"),
        ("42/24", "To approve the Minutes of the meeting held on 6 March 2024"),
        ("43/24", "Village Hall Car Park"),
        ("44/24", "Date of the Next Meeting – 1 May 2024"),
    ]


def test_an_earlier_minute_number_in_a_sentence_is_a_reference_not_an_item() -> None:
    numbers = [number for number, _ in items(doc(YEAR_SCOPED))]
    assert "31/24" not in numbers


def test_year_scoped_numbers_run_into_the_previous_paragraph() -> None:
    text = """
    MINUTES OF WESTBY PARISH COUNCIL, 2 MAY 2024
    50/24 Apologies for absence Apologies had been received from Cllr Hall. 51/24 Declarations of Interest No declarations were made. 52/24 Minutes of the meeting held on 3 April 2024
    The minutes were signed as a true record.
    53/24 Highways Report
    The Chair asked the Clerk to report the pothole on Mill Lane.
    """
    assert [number for number, _ in items(doc(text))] == ["50/24", "51/24", "52/24", "53/24"]


def test_a_financial_year_is_not_a_minute_number() -> None:
    text = """
    Minutes from Monday, 5 February 2024
    • Meeting called to order at 9am
    • 2023/24 Financials approved – A. Lee (motion), B. Kay (second)
    • Updates on the street banners
    """
    assert [number for number, _ in items(doc(text))] == [None, None, None]


def test_dotted_numbers_with_the_first_sentence_run_in() -> None:
    text = """
    MINUTES OF EASTFIELD PARISH COUNCIL ANNUAL MEETING HELD ON 14 MAY 2024
    1. Election of Chairman It was proposed and seconded that Cllr Wood remain as Chairman. He was duly elected.
    2. Apologies for absence accepted from: No apologies were received from councillors on this occasion.
    3. Matters arising from previous meetings • It was requested that the County Council again be asked to repair the fence by the green.
    """
    assert items(doc(text)) == [
        ("1", "Election of Chairman"),
        ("2", "Apologies for absence accepted from"),
        ("3", "Matters arising from previous meetings"),
    ]


def test_a_missing_number_is_found_run_into_the_previous_paragraph() -> None:
    text = """
    MINUTES OF NORTHBY PARISH COUNCIL HELD ON 9 JUNE 2024
    4. Election of Vice-Chairman It was proposed and seconded that Cllr Pike remain as Vice-Chairman. With no other nominations Cllr Pike was duly elected. 5. The Minutes of the meeting held on 12/05/24 were agreed as a true record.
    6. Correspondence 6.1 A letter from the County Council about verges.
    """
    assert items(doc(text)) == [
        ("4", "Election of Vice-Chairman"),
        ("5", "The Minutes of the meeting held on 12/05/24"),
        ("6", "Correspondence"),
    ]


def test_run_in_title_stops_where_the_sentence_starts() -> None:
    assert (
        run_in_title("Emergency Evacuation Procedures were read by the Chair.")
        == "Emergency Evacuation Procedures"
    )
    assert run_in_title("Correspondence 10.1 A letter from the police") == "Correspondence"
    assert run_in_title("Openness Notice - The Council records its meetings.") == "Openness Notice"
    # Agenda-style infinitives are not finite verbs: "to be discussed" stays in the title.
    assert (
        run_in_title(
            "To receive Declarations of Interest on any item to be discussed The following was declared:",
            trusted=True,
        )
        == "To receive Declarations of Interest on any item to be discussed"
    )
    # A numbered paragraph is not a run-in heading.
    assert run_in_title("The Board noted the report and thanked the team.") is None
    assert run_in_title("Councillor Smith asked about the roads.") is None


FRONT_MATTER = """
title: "Minutes of the Ordinary Meeting held on Monday 8 July 2024"
date: "2024-08-20"
categories:
- "parish-councils"
- "news"
## CALL TO ORDER
The Chair called the meeting to order at 7pm and welcomed everyone present.
## ROAD REPORT
The road supervisor reports that the grading on the north road has been completed.
"""


def test_front_matter_of_a_website_export_is_not_items() -> None:
    got = extract(doc(FRONT_MATTER, fmt="markdown", name="minutes.md"))
    assert [item.title for item in got.items] == ["CALL TO ORDER", "ROAD REPORT"]
    # The front matter's date is when the page was posted; the title names the meeting.
    assert str(got.meeting_date) == "2024-07-08"


def test_key_value_lines_without_front_matter_keys_stay() -> None:
    text = """
    Present: Cllr A Brown, Cllr C Dale
    Apologies: Cllr E Ford
    1. Minutes of the last meeting
    The minutes were agreed.
    2. Planning
    No applications were received.
    """
    assert [number for number, _ in items(doc(text, fmt="markdown", name="m.md"))] == ["1", "2"]


CAMEL_CASE_FRONT_MATTER = """
title: Spring Imaging Group Meeting
start: 2022-05-24T14:00:00.000Z
eleventyNavigation:
parent: imaging
location: MS Teams
agenda: |-
## Protocols
The group agreed the new protocols. ACTION: JH to circulate the protocols.
"""


def test_front_matter_naming_an_agenda_does_not_make_the_minutes_an_agenda() -> None:
    # "agenda:" is a field of the site's front matter (camel-case keys included), not the document's title.
    got = extract(doc(CAMEL_CASE_FRONT_MATTER, fmt="markdown", name="minutes.md"))
    assert [item.title for item in got.items] == ["Protocols"]
    assert got.items[0].outcome != "unclear"
    assert [action.owner for action in got.items[0].actions] == ["JH"]


def test_a_yaml_block_key_is_not_a_title() -> None:
    from traction_analysis.extract.engine import is_agenda
    from traction_analysis.extract.lines import Line

    assert not is_agenda([Line("Group Meeting", None, 1), Line("agenda: |-", None, 2)])
    assert is_agenda([Line("Agenda", None, 1), Line("Group Meeting, 5 May 2025", None, 2)])


# TITLE_BREAK's branches written side by side, as the rules state them.
PLAIN_TITLE_BREAK = re.compile(
    r"\s+[•●▪]\s*|(?<=[a-z0-9)’'])[.;]\s+(?=[A-Z“\"'])|\s[-–—]\s|"
    r"\s(?=\d{1,3}(?:\.\d{1,2})+[a-z]?\s|\d{1,2}\.\s+[A-Z])"
)


@pytest.mark.parametrize(
    "text",
    [
        "Apologies for Absence. Apologies were accepted",
        "Correspondence 10.1 A letter",
        "Openness Notice - The Council",
        "Planning  \u2022 Application 1",
        "Finance; \u201cThe accounts\u201d",
        "Item 3 2. Budget",
        "No break here at all",
        "A.B. Smith – Chair",
        "Ends with a dot.",
        "Tabs\t\u2014\tthen",
        "x). Then",
    ],
)
def test_title_break_opens_where_its_branches_side_by_side_do(text: str) -> None:
    ours, plain = TITLE_BREAK.search(text), PLAIN_TITLE_BREAK.search(text)
    assert (ours and ours.start()) == (plain and plain.start())
