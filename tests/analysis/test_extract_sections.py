"""Minutes sectioned by emphasised headings: capitals over sub-headings, headings over lists and bullets."""

from __future__ import annotations

from pathlib import Path

from traction_analysis.document import Document, TextBlock
from traction_analysis.extract.lines import prepare_lines
from traction_analysis.extract.segment import segment
from traction_analysis.ingest import read


def titles(tmp_path: Path, markdown: str) -> list[str]:
    path = tmp_path / "minutes.md"
    path.write_text(markdown, encoding="utf-8")
    return [part.title for part in segment(prepare_lines(read(str(path))))]


CAPITALS_OVER_A_LETTERS_LIST = """
# Minutes of the Parish Council

The Chair opened the meeting at 7.30pm.

**APOLOGIES**

There were apologies from Cllr Clark and Cllr Jones for this meeting.

**MATTERS ARISING**

**Bus Shelter Repair**

The Clerk had contacted the contractor and repairs to the shelter would start soon.

**PLANNING**

Cllr Nicholas reported on the deliberations of the Planning Committee last week.

**CORRESPONDENCE**

1. GRCC – Maternity Leave
2. CDC – Register of Electors
3. GCC – Mobile Library Services

**FINANCE**

The Finance Committee had met on Thursday and presented the precept proposal.
"""


def test_capitals_are_the_items_and_a_numbered_list_under_a_heading_counts_letters(tmp_path: Path) -> None:
    assert titles(tmp_path, CAPITALS_OVER_A_LETTERS_LIST) == [
        "APOLOGIES",
        "MATTERS ARISING",
        "PLANNING",
        "CORRESPONDENCE",
        "FINANCE",
    ]


HEADINGS_OVER_AN_ACTION_LIST = """
## Actions

1. Circulate updated Sarcoma Pathway [completed]
2. Circulate assessment document for Cauda Equina [completed]
3. Calls for Expression of Interest for the Chairperson role [completed]

## Key Discussion Points

- Neal introduced James Barren as the new chairperson of the group.

## Lumps and Bumps

- All Trusts are struggling with the backlog and the number of referrals.

## Cauda Equina

- There is currently no consistent approach amongst the Trusts.
"""


def test_a_numbered_list_under_a_heading_is_not_the_items(tmp_path: Path) -> None:
    assert titles(tmp_path, HEADINGS_OVER_AN_ACTION_LIST) == [
        "Actions",
        "Key Discussion Points",
        "Lumps and Bumps",
        "Cauda Equina",
    ]


BOLD_HEADINGS_OVER_BULLETS = """
**Introductions and House-Keeping**

- Janice started the meeting at 6:35 and welcomed everyone.
- Minutes of Feb. 17 2021 were approved as circulated.

**Nominations for the Board of Directors**

- The group discussed the need to update the by-laws on elections.
- Nominations approved for Board of Directors (to be voted on at April meeting)

**Additional Agenda Items**

- Bob noted that the stimulus money may reach more residents this year.
"""


def test_bullets_under_bold_headings_are_points_of_the_headed_items(tmp_path: Path) -> None:
    assert titles(tmp_path, BOLD_HEADINGS_OVER_BULLETS) == [
        "Introductions and House-Keeping",
        "Nominations for the Board of Directors",
        "Additional Agenda Items",
    ]


TOP_LEVEL_BULLETS = """
- Call to order at 7pm by the Chair
- Approval of the minutes of the last meeting
- Treasurer's report on the accounts
"""


def test_bullets_with_no_headings_over_them_stay_the_items(tmp_path: Path) -> None:
    assert len(titles(tmp_path, TOP_LEVEL_BULLETS)) == 3


def test_a_year_wrapped_onto_its_own_line_is_not_an_item_number() -> None:
    text = """A Parish Council meeting was held in the Village Hall, West Burton, on Tuesday, 4 November
2025.
Present: Miss Jane Ritchie, Mr Andrew Landau and Mrs Sally Sahin, Councillors
1. Apologies
There were no apologies, all the members being present.
2. Declarations of interest
Councillor Dent declared an interest in Item 8 below.
3. Minutes
The minutes of the meeting held on 7 October 2025 were confirmed as a true record."""
    blocks = [TextBlock(line, None, number) for number, line in enumerate(text.splitlines(), 1)]
    document = Document("minutes.txt", "text", blocks)  # type: ignore[arg-type]
    parts = segment(prepare_lines(document))
    assert [(part.number, part.title) for part in parts] == [
        ("1", "Apologies"),
        ("2", "Declarations of interest"),
        ("3", "Minutes"),
    ]


PARAGRAPHS_NUMBERED_THROUGH = """Open Data User Group
The meeting was held at Hercules House on 11 June 2013.
Welcome and Updates
1. The Chair updated the group on her recent activities.
Actions and Minutes
2. The actions and minutes from the last meeting were approved.
Cadastral Polygons
3. This benefits case is finalised and is ready to publish.
OS derived data
4. There has been a great amount of work on this benefits case.
5. The next step is to set up a meeting with the Ordnance Survey.
AOB
6. The Group touched on the next priorities to take forward."""


def test_headings_over_paragraphs_numbered_through_the_record_are_the_items() -> None:
    blocks = [
        TextBlock(line, None, number)
        for number, line in enumerate(PARAGRAPHS_NUMBERED_THROUGH.splitlines(), 1)
    ]
    document = Document("minutes.txt", "text", blocks)  # type: ignore[arg-type]
    assert [(part.number, part.title) for part in segment(prepare_lines(document))] == [
        (None, "Welcome and Updates"),
        (None, "Actions and Minutes"),
        (None, "Cadastral Polygons"),
        (None, "OS derived data"),
        (None, "AOB"),
    ]


MONTH_STAMPED_MINUTES = """Present: Nick Oakhill (Chair), Kate Green, Rob Large
09.25.01 Apologies for absence
No apologies had been received
09.25.02 Declarations of Interests
There were no declarations of interest
09.25.03 To receive the minutes of the last parish council meeting
The minutes were agreed as a true record of the meeting and signed by the chair.
09.25.04 Public participation
There were no members of the public present."""


def test_minute_numbers_stamped_with_month_and_year_head_the_items() -> None:
    blocks = [
        TextBlock(line, None, number) for number, line in enumerate(MONTH_STAMPED_MINUTES.splitlines(), 1)
    ]
    document = Document("minutes.txt", "text", blocks)  # type: ignore[arg-type]
    assert [(part.number, part.title) for part in segment(prepare_lines(document))] == [
        ("09.25.01", "Apologies for absence"),
        ("09.25.02", "Declarations of Interests"),
        ("09.25.03", "To receive the minutes of the last parish council meeting"),
        ("09.25.04", "Public participation"),
    ]


def test_a_signature_blank_is_never_asked_about() -> None:
    from traction_analysis.extract.learn.features import LineFeatures
    from traction_analysis.extract.segment import find_heads

    text = "1. Apologies\nNone were received.\n2. Close\nThe meeting closed at 9pm.\nCHAIR ________\nDate…………"
    blocks = [TextBlock(line, None, number) for number, line in enumerate(text.splitlines(), 1)]
    found = find_heads(prepare_lines(Document("minutes.txt", "text", blocks)))  # type: ignore[arg-type]
    asked = {found.lines[index].text for index in LineFeatures(found).candidates}
    assert "1. Apologies" in asked
    assert not any(text.startswith(("CHAIR", "Date")) for text in asked)
