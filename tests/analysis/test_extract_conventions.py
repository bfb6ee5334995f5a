"""Clerks' conventions for where items start: a second meeting numbered on in the same file, a heading run
into its minute after a colon, capitals beside numbered sections, entries under a business-kind heading,
and a year opening a line."""

from __future__ import annotations

from pathlib import Path

from traction_analysis.document import Document, Style, TextBlock
from traction_analysis.extract.learn.features import LineFeatures, generic_head
from traction_analysis.extract.lines import prepare_lines
from traction_analysis.extract.numbering import title_like
from traction_analysis.extract.segment import find_heads, segment
from traction_analysis.ingest import read


def parts(text: str) -> list[tuple[str | None, str]]:
    blocks = [TextBlock(line.strip(), None, n) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    return parts_of(Document("minutes.txt", "text", blocks))  # type: ignore[arg-type]


def parts_of(document: Document) -> list[tuple[str | None, str]]:
    return [(part.number, part.title) for part in segment(prepare_lines(document))]


AGM_THEN_ORDINARY = """
ANNUAL GENERAL MEETING
Minutes of the Annual General Meeting of the above Council held in the Village Hall on Monday 20th May.
805. Apologies for absence: Cllr Shewell.
806. Confirmation of minutes of 2018 AGM: Confirmed and signed as correct.
807. Chairman's Report: Attached and read out by Vice Chairman.
Meeting closed at 18.51.
TINTERN COMMUNITY COUNCIL
Minutes of a meeting of the above Council held on Monday 20th May at 7.00pm in the Village Hall.
2691. Police Report: No report received.
2692. Public Forum: Mr Langton asked to use the small garden below the cafe for the festival.
2693. Apologies for absence: Cllr Shewell.
2694. Declarations of interest: None.
"""


def test_a_second_meeting_numbered_on_from_the_minute_book_is_read_after_the_first() -> None:
    assert [number for number, _ in parts(AGM_THEN_ORDINARY)] == [
        "805",
        "806",
        "807",
        "2691",
        "2692",
        "2693",
        "2694",
    ]


def test_a_number_far_ahead_with_no_run_after_it_stays_in_its_item() -> None:
    text = AGM_THEN_ORDINARY.split("2692.")[0] + "The Clerk will report back.\n"
    assert [number for number, _ in parts(text)] == ["805", "806", "807"]


def test_a_numbered_heading_run_into_its_minute_after_a_colon_is_the_title() -> None:
    text = """Minutes of the meeting held on Monday 27th November.
3606. Apologies for absence: Cllr Shewell.
3607. Police Reports: No reports received.
3608. Public Session: None present."""
    found = parts(text)
    assert [number for number, _ in found] == ["3606", "3607", "3608"]
    assert found[1] == ("3607", "Police Reports")  # "received" made the whole line read as a sentence


CAPITALS_BESIDE_NUMBERED_SECTIONS = """
Rivergrove City Council Meeting Minutes
The meeting was called to order at the Elementary School at 7:01 p.m. by the Mayor.
UNFINISHED BUSINESS
1. Resolution 259-2018: Fee Schedule
Council reviewed the proposed fee schedule and approved it unanimously.
NEW BUSINESS
None.
CONSENT AGENDA
1. Minutes from the November 14, 2018 City Council Meeting
2. Financials – November 2018
PLANNING COMMISSION REPORT
The Commission met on November 20 and reviewed two permit applications.
COMMITTEE REPORTS
1. Transportation
2. Parks
The report on the park improvements was moved and seconded.
CARRIED
The Council thanked the committee members for their work.
ADJOURNMENT
The meeting was adjourned at 9:15 p.m. by the Mayor.
"""


def test_capitals_holding_no_numbered_entry_are_items_beside_the_entries() -> None:
    assert parts(CAPITALS_BESIDE_NUMBERED_SECTIONS) == [
        ("1", "Resolution 259-2018: Fee Schedule"),
        (None, "NEW BUSINESS"),
        ("1", "Minutes from the November 14, 2018 City Council Meeting"),
        ("2", "Financials – November 2018"),
        (None, "PLANNING COMMISSION REPORT"),
        ("1", "Transportation"),
        ("2", "Parks"),
        (None, "ADJOURNMENT"),
    ]


BUSINESS_KIND_HEADINGS = """
MINUTES
The Committee Chair called the meeting to order at 5:31 p.m.
A. Call to Order
The Chair called the meeting to order.
B. Public Comment
There was no public comment on this evening's agenda.
C. Recommended Actions
• Longmont and Boulder Fixed-Route Service Contract
For the Board to authorize the General Manager to enter into a contract with the operator.
Director Whitmore made the motion, which was seconded and passed.
• Access-on-Demand Program Modifications
For the Board to approve modifications to the program, amended as follows:
• Set the LiVE fare for an Access-on-Demand
trip to $3.25
Director Paglieri made the motion, which was seconded and passed.
D. Other Matters
There were no other matters.
"""


def test_bullets_under_a_heading_naming_a_kind_of_business_are_its_items() -> None:
    assert parts(BUSINESS_KIND_HEADINGS) == [
        ("A", "Call to Order"),
        ("B", "Public Comment"),
        (None, "Longmont and Boulder Fixed-Route Service Contract"),
        (None, "Access-on-Demand Program Modifications"),
        ("D", "Other Matters"),
    ]


def test_a_heading_naming_a_kind_of_business_is_not_left_to_the_model() -> None:
    blocks = [
        TextBlock(line, None, n) for n, line in enumerate(BUSINESS_KIND_HEADINGS.strip().splitlines(), 1)
    ]
    found = find_heads(prepare_lines(Document("minutes.txt", "text", blocks)))  # type: ignore[arg-type]
    grouping = [found.lines[index].text for index in found.grouping]
    features = LineFeatures(found)

    assert grouping == ["C. Recommended Actions"]
    assert not set(found.grouping) & set(features.candidates)


def test_bullets_under_a_topic_heading_stay_its_points() -> None:
    text = BUSINESS_KIND_HEADINGS.replace("C. Recommended Actions", "C. Service Changes")
    assert (None, "Longmont and Boulder Fixed-Route Service Contract") not in parts(text)


def test_a_year_opening_a_line_is_its_subject_not_its_number() -> None:
    lines = prepare_lines(
        Document(
            "minutes.txt",
            "text",
            [
                TextBlock("2024 Annual Comprehensive Financial Report", None, 1),
                TextBlock("2024/25 Budget Review", None, 2),
                TextBlock("12 Annual Financial Report", None, 3),
            ],  # type: ignore[arg-type]
        )
    )
    heads = [generic_head(lines, index) for index in range(3)]
    assert [(head.number.text if head.number else None, head.title) for head in heads] == [
        (None, "2024 Annual Comprehensive Financial Report"),
        (None, "2024/25 Budget Review"),
        ("12", "Annual Financial Report"),
    ]


def test_numbering_restarts_under_a_committee_heading_that_names_its_chair() -> None:
    text = """City Council Agenda For September 16, 2019
The minutes of the previous meeting were approved as read by the Clerk.
CONSENT AGENDA
1. Ordinance Accepting a Vacation Plat for Young Street
2. Ordinance Authorizing a Housing Grant Application
3. Ordinance Approving the Copley Township Annexation
RULES (M. Keith, Chairwoman)
1. Resolution Urging a Nonpartisan Primary Ballot
2. Ordinance Amending Campaign Contribution Limits"""
    assert [number for number, _ in parts(text)] == ["1", "2", "3", "1", "2"]


def test_a_numbered_table_row_under_a_status_line_is_an_item(tmp_path: Path) -> None:
    page = """<html><body>
<p>The minutes of the previous meeting were approved as read by the Clerk of Council.</p>
<table>
<tr><td>5</td><td>ORDINANCE authorizing a Conditional Use at 44 S. Summit Street.</td></tr>
<tr><td>6</td><td>ORDINANCE authorizing contracts with neighborhood-based organisations.</td></tr>
</table>
<p>REFERRED:</p>
<table>
<tr><td>7</td><td>D-759 Petition of Michael White for a Conditional Use at 418 Crestwood Avenue.</td></tr>
<tr><td>8</td><td>D-760 Petition of Historic Summit Properties for a Conditional Use.</td></tr>
</table>
</body></html>"""
    path = tmp_path / "agenda.html"
    path.write_text(page, encoding="utf-8")
    assert [part.number for part in segment(prepare_lines(read(str(path))))] == ["5", "6", "7", "8"]


def test_a_numbered_line_set_in_bold_is_a_heading_however_long_its_title() -> None:
    rows = [
        ("Rivergrove City Council Meeting Minutes", True),
        ("The meeting was called to order at the Elementary School at 7:01 p.m. by the Mayor.", False),
        ("1. Review of Notice of Decision for a development permit application for a duplex at 19232", True),
        ("Pilkington Road.", True),
        ("The City Attorney presented the findings of fact and notice of decision for the duplex.", False),
        ("2. Appointment of a new member to the planning commission", True),
        ("Council interviewed two applicants and appointed Ms. Mann to the open seat.", False),
        ("Councilor Tuttle moved to approve the appointment and Councilor Ruble seconded.", False),
        ("The motion carried five votes to none.", False),
        ("3. The Council noted that this long paragraph was numbered by the clerk.", False),
    ]
    blocks = [
        TextBlock(text, 1, n, style=Style(size=11.0, bold=bold)) for n, (text, bold) in enumerate(rows, 1)
    ]
    document = Document("minutes.pdf", "pdf", blocks, pages=1)
    assert parts_of(document) == [
        (
            "1",
            "Review of Notice of Decision for a development permit application for a duplex at 19232"
            " Pilkington Road",
        ),
        ("2", "Appointment of a new member to the planning commission"),
    ]


APPOINTMENTS = """
Minutes of the Annual General Meeting of the above Council held in the Village Hall on Monday 20th May.
812. Confirmation of reappointment of Internal Auditor: Proposed by Cllr Evans.
813. Election of Sub-Committee Representatives:-
(1) Village Hall – Cllr Cobb. Proposed by Cllr Richards, seconded by Cllr Hayward.
(2) Finance – Cllrs Shewell, Hayward, Evans. Proposed by Cllr Cobb,
seconded by Cllr Hoskins.
(3) Tintern Charities – Cllr Shewell & County Cllr Webb.
814. Date of next meeting: June 24th.
"""


def test_bracketed_entries_under_a_heading_are_its_items() -> None:
    assert parts(APPOINTMENTS) == [
        ("812", "Confirmation of reappointment of Internal Auditor: Proposed by Cllr Evans"),
        ("813(1)", "Village Hall"),
        ("813(2)", "Finance"),
        ("813(3)", "Tintern Charities"),
        ("814", "Date of next meeting: June 24th"),
    ]


def test_bracketed_clauses_of_a_resolution_stay_in_their_item() -> None:
    text = """Minutes of the meeting of the Council held on Monday 20th May.
12. Budget Monitoring
RESOLVED:
(1) that the report be noted – with thanks to the Treasurer;
(2) that the reserves be reviewed – in March;
(3) that the Clerk write to the bank – about charges.
13. Date of next meeting"""
    assert [number for number, _ in parts(text)] == ["12", "13"]


def test_a_markdown_heading_reading_attendance_is_the_standing_item(tmp_path: Path) -> None:
    page = """## Attendance

**Present:** Amy Meek (Chair), Jill Horsburgh (Headteacher), Mandi Wright, Laura Cooksey and Toby Foster.

## Matters arising from last meeting

The trim trail grant was received and the order for the equipment will be placed next week.

## Treasurer's update

The balance of the account stands at £1,344 after the book sale and the disco were banked.
"""
    path = tmp_path / "minutes.md"
    path.write_text(page, encoding="utf-8")
    titles = [part.title for part in segment(prepare_lines(read(str(path))))]
    assert titles[0] == "Attendance"
    assert "Treasurer's update" in titles


def test_a_participle_after_an_article_is_an_adjective_not_a_verb() -> None:
    assert title_like("Hearing for a proposed ordinance on tree cutting")
    assert title_like("Approval of the proposed budget")
    assert not title_like("The Chair proposed a vote")
    assert not title_like("It was proposed by Cllr Smith")


NEXT_MEETING_CLOSE = """
1. Apologies for absence
Apologies were received from Cllr Smith and Cllr Jones.
2. Minutes of the previous meeting
The minutes of the meeting held on 1st October were agreed as an accurate record.
3. Planning
Approval of matters specified for the erection of eight affordable dwellings at Pickletillum.
Meeting closed at 9 pm
Next meeting on 3rd December 2018 at 7.00 pm in the Burgh Chambers
"""


def test_the_closing_next_meeting_line_is_the_last_item() -> None:
    assert parts(NEXT_MEETING_CLOSE)[-1] == (None, "Next meeting")


def test_a_sentence_about_the_next_meeting_stays_in_the_last_item() -> None:
    text = NEXT_MEETING_CLOSE.replace("Next meeting on", "Next meeting is the Parish Council Meeting on")
    assert parts(text)[-1] == ("3", "Planning")


def test_a_date_alone_under_the_title_is_not_an_item() -> None:
    text = """
MINUTES
TOWNSHIP OF NIPISSING
Tuesday, February 18, 2025
A regular meeting of the Township Council was held on Tuesday, February 18, 2025, starting at 6:30 p.m.
Welcome and Introductions
The Mayor welcomed the new Deputy Clerk and the members of the public who attended the meeting.
1. Adoption of the minutes
That the minutes of the regular Council Meeting held February 4, 2025, be adopted as published.
2. Correspondence
That we accept the correspondence as presented and file it for the record of the Council.
3. Accounts payable
That the statement of accounts dated January 29, 2025 be approved for payment as presented.
"""
    titles = [title for _, title in parts(text)]
    assert "Tuesday, February 18, 2025" not in titles
    assert titles[0] == "Welcome and Introductions"


def test_a_short_title_and_its_colon_alone_on_a_line_opens_a_paragraph_however_close() -> None:
    rows = [
        "Apologies:",
        "Apologies were received from Cllr Smith and Cllr Jones, both away on holiday.",
        "Police Report:",
        "None present and no report received. Tayport was noted as a safe place to stay in",
        "Scotland",
        "Foodbanks Report:",
        "The meal maker scheme is not working very well and needs better contact with users.",
        "Treasurer's Report:",
        "The balance of the account stands at £1,344 after the book sale was banked.",
        "An exhibition of artefacts is on display in the Auld Kirk between 2 and 4 pm",
        "Planning:",
        "Approval of matters specified for the erection of eight affordable dwellings.",
    ]
    blocks = [TextBlock(text, 1, n, style=Style(size=11.0, gap=2.0)) for n, text in enumerate(rows, 1)]
    titles = [title for _, title in parts_of(Document("minutes.pdf", "pdf", blocks, pages=1))]
    assert titles == ["Apologies", "Police Report", "Foodbanks Report", "Treasurer's Report", "Planning"]


TITLE_BLOCK_THEN_HEADINGS = """## LICTON SPRINGS COMMUNITY COUNCIL

Meeting Date/Time: March 16, 2022, 6:30 P.M.

### Welcome & Introductions

- Melanie started the meeting and welcomed everyone at 6:33. Attendees introduced themselves.

### Park Work Parties

- Liz talked about work parties in the park and shared a flyer with the neighbours present.

### Community Council Board Nominations

- Mike moved to nominate them for another term. Bekah seconded the motion and it was agreed.
"""


def test_a_heading_that_only_names_the_body_at_the_top_is_the_title_block(tmp_path: Path) -> None:
    path = tmp_path / "minutes.md"
    path.write_text(TITLE_BLOCK_THEN_HEADINGS)
    titles = [title for _, title in parts_of(read(path))]
    assert titles == ["Welcome & Introductions", "Park Work Parties", "Community Council Board Nominations"]


def test_a_minutes_and_date_heading_at_the_top_is_the_title_block(tmp_path: Path) -> None:
    path = tmp_path / "minutes.md"
    path.write_text(
        "## Meeting Minutes – October 4, 2023\n\n"
        "The meeting was called to order by the Chair at 10:14 a.m. with nine members present.\n\n"
        "## Treasurer's Report\n\n"
        "Lillian reported that the balance in the budget was $4,998.46 after the one expense.\n\n"
        "## Old Business\n\n"
        "The committee discussed the printing of the book and agreed to order more copies.\n"
    )
    titles = [title for _, title in parts_of(read(path))]
    assert titles == ["Treasurer's Report", "Old Business"]


def test_a_committee_heading_further_on_stays_an_item(tmp_path: Path) -> None:
    path = tmp_path / "minutes.md"
    path.write_text(
        "## Welcome\n\n"
        "The chair welcomed everyone to the meeting and thanked the hosts for the room.\n\n"
        "## LICTON SPRINGS COMMUNITY COUNCIL\n\n"
        "The council's annual report was presented and the members agreed to publish it.\n"
        + TITLE_BLOCK_THEN_HEADINGS.split("\n", 4)[4]
    )
    titles = [title for _, title in parts_of(read(path))]
    assert "LICTON SPRINGS COMMUNITY COUNCIL" in titles


COMMITTEE_SECTIONS = """
Council Agenda For September 16, 2019
Minutes of the previous meeting were approved as read by the members present.
CONSENT AGENDA
1. Vacation Plat for Young Street
2. State Funding Application
BUDGET & FINANCE (M. Freeman, Chairman)
NO ITEMS
PLANNING (J. Fusco, Chairman)
3. Conditional Use at 44 Main Street
4. Zoning Code Amendment
PUBLIC SERVICE (M. Keith, Chairwoman)
NO ITEMS
HOUSING (B. Kilby, Chairman)
NO ITEMS
"""


def test_a_committee_section_with_no_items_is_an_item_of_its_own() -> None:
    titles = [title for _, title in parts(COMMITTEE_SECTIONS)]
    assert "BUDGET & FINANCE (M. Freeman, Chairman)" in titles
    assert "PUBLIC SERVICE (M. Keith, Chairwoman)" in titles
    assert "HOUSING (B. Kilby, Chairman)" in titles
    assert "PLANNING (J. Fusco, Chairman)" not in titles
    assert "CONSENT AGENDA" not in titles


LAND_USE_APPLICATIONS = """
B. LAND USE APPLICATIONS
1.   7923-0087-00
4373 – 152 Street (4355 and 4375 – 152 Street)
Owner: Sewa Farming Corp.
Agent: R. Sandhu
It was Moved by Councillor Bains
Seconded by Councillor Stutt
That Council authorize the application to be forwarded to the Agricultural Land Commission.
2. 7923-0281-00
1122 - 184 Street
Owner: Jane Smith
Development Variance Permit to vary the Sign By-law for a free-standing sign.
1. Council approve Development Variance Permit No. 7923-0281-00, varying the By-law.
2. Council instruct staff to resolve the issues prior to final approval.
3. 7921-0216-00
12982 - 66B Avenue
Owner: John Brown
Rezoning from RF-G to RF-13 to allow subdivision into two lots.
"""


def test_an_entry_numbered_with_an_application_file_number_alone_takes_the_next_line_as_title() -> None:
    found = parts(LAND_USE_APPLICATIONS)
    assert ("1", "7923-0087-00 – 4373 – 152 Street (4355 and 4375 – 152 Street)") in found
    assert ("2", "7923-0281-00 – 1122 – 184 Street") in found
    assert ("3", "7921-0216-00 – 12982 – 66B Avenue") in found
