"""Item segmentation on small excerpts written in the styles UK, Irish, US and Canadian clerks use."""

from __future__ import annotations

from minutes_text import text_doc

from traction_analysis.document import Document, Style, TextBlock
from traction_analysis.extract import extract


def paged_doc(pages: list[str]) -> Document:
    blocks = []
    for page_number, page in enumerate(pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        blocks += [TextBlock(line, page_number, number) for number, line in enumerate(lines, 1)]
    return Document("minutes.pdf", "pdf", blocks, pages=len(pages))


def numbers(document: Document) -> list[str | None]:
    return [item.number for item in extract(document).items]


def titles(document: Document) -> list[str]:
    return [item.title for item in extract(document).items]


UK_COUNCIL = """
NORTHSHIRE COUNTY COUNCIL
CABINET
MINUTES of a meeting of the Cabinet held at County Hall on Thursday, 6 March 2025.
PRESENT: Mr A Smith (Chair), Mrs B Jones, Mr C Patel
IN ATTENDANCE: Ms D Green (Corporate Director of Finance)
UNRESTRICTED ITEMS
124. Apologies
(Item 1)
Apologies were received from Mr E Brown.
125. Minutes of the meeting held on 6 February 2025
(Item 2)
RESOLVED that the minutes were a correct record and that they be signed by the Chair.
126. Budget Monitoring Report, Quarter 3
(Item 3)
1. The Corporate Director introduced the report, which set out the forecast position for
the year and the actions being taken to address the overspend.
2. Further to comments and questions from Members it was noted:
(a) that the forecast had improved since the last quarter; and
(b) that pressures in adult social care remained.
3. RESOLVED that Cabinet:
1. Note the forecast position; and
2. Agree to delegate the approval of the recovery plan to the Corporate Director of Finance.
127. Highways Maintenance Programme 2025-26
(Item 4)
1. Mr Patel introduced the programme.
2. RESOLVED that the programme be approved.
"""


def test_uk_minute_numbers_with_numbered_paragraphs_inside() -> None:
    assert numbers(text_doc(UK_COUNCIL)) == ["124", "125", "126", "127"]


def test_titles_drop_agenda_item_references() -> None:
    assert titles(text_doc(UK_COUNCIL))[2] == "Budget Monitoring Report, Quarter 3"


def test_sub_resolutions_are_not_items() -> None:
    item = extract(text_doc(UK_COUNCIL)).items[2]
    assert "Agree to delegate" in (item.resolution or "")


def test_unnumbered_headings_numbered_by_item_reference() -> None:
    text = """
CORPORATE PARENTING PANEL - 10 December 2024
MINUTES of the meeting held at Sessions House.
PRESENT: Mrs A Chair (Chair), Mr B Member
Apologies and Substitutes
(Item 1)
Apologies were received from Mr C.
Participation Team Update
(Item 2)
1. The manager presented the report.
2. RESOLVED that the update be noted.
Work Programme
(Item 3)
RESOLVED that the work programme be noted.
"""
    document = text_doc(text)
    assert numbers(document) == ["1", "2", "3"]
    assert titles(document) == ["Apologies and Substitutes", "Participation Team Update", "Work Programme"]


def test_keyword_numbers_and_cover_sheet_before_item_one() -> None:
    text = """
Agenda item:
2025-26 (4ai)
Title of report:
Minutes of the Trust Board held in public: 5 June 2025
Attendance
Present:
Jane Doe
Trust Chair
Item 2025-26 (25)
Discussion points:
Welcome, introductions and apologies
The Chair opened the meeting.
Item 2025-26 (26)
Declarations of interest
No declarations were made.
2025-26 (27)
Chief Executive's report
Outcome: the Board
• noted the report.
"""
    document = text_doc(text, fmt="markdown", name="board.md")
    assert numbers(document) == ["2025-26 (25)", "2025-26 (26)", "2025-26 (27)"]
    assert titles(document)[0] == "Welcome, introductions and apologies"


def test_irish_item_colon_style_and_welcome_before_item_one() -> None:
    text = """
MINUTES OF MEETING OF CLARE COUNTY COUNCIL HOUSING STRATEGIC POLICY COMMITTEE
A meeting of the Housing SPC was held on the 8th June 2023 in the Council Chamber.
In Attendance: Cllr. Mary Murphy, Cllr. John Ryan,
Ms. Anne Kelly, Senior Executive Officer,
Welcome by Chairperson – Cllr. Mary Murphy
The Cathaoirleach, Cllr. Mary Murphy opened the meeting and welcomed all members present.
Item 1: Confirm minutes from meeting held on 12th April 2023.
Proposed: Cllr. John Ryan
Seconded: Cllr. Mary Murphy
Item 2: Housing Delivery Update
Ms. Kelly gave a presentation on housing delivery. The presentation was well received.
Item 3: AOB
None
"""
    document = text_doc(text, fmt="markdown", name="spc.md")
    assert numbers(document) == [None, "1", "2", "3"]
    assert titles(document)[0] == "Welcome by Chairperson"


def test_numbering_restarts_after_a_section_break() -> None:
    text = """
CITY COUNCIL SPECIAL MEETING - CLOSED SESSION
1.
OPENING AND PUBLIC COMMUNICATIONS
No public comments were received.
2.
ADJOURNMENT
____________________________
CITY COUNCIL REGULAR MEETING
1.
CONSENT CALENDAR
a.
APPROVED CITY COUNCIL MINUTES of May 3, 2022.
b.
ADOPTED RESOLUTION NO. 22-21 regarding the salary plan.
2.
ADJOURNMENT OF THE REGULAR MEETING
"""
    assert numbers(text_doc(text, fmt="html", name="x.html")) == ["1", "2", "1a", "1b", "2"]


def test_list_laid_out_as_table_rows() -> None:
    blocks = [
        TextBlock("1. | OPENING", None, 1, "table_row"),
        TextBlock("a. | PLEDGE OF ALLEGIANCE", None, 2, "table_row"),
        TextBlock("b. | ROLL CALL - all members were present.", None, 3, "table_row"),
        TextBlock("2. | PUBLIC HEARING", None, 4, "table_row"),
        TextBlock("Motion by Lee, second by Kim, carried unanimously, to ADOPT ORDINANCE NO. 12.", None, 5),
    ]
    assert numbers(Document("x.html", "html", blocks)) == ["1a", "1b", "2"]


def test_disposition_table_rows_restart_per_report_and_take_column_prefix() -> None:
    rows = [
        "REPORT OF THE EXECUTIVE POLICY COMMITTEE dated March 4, 2015",
        "1 | Rezoning – 260 Main Street | ADOPTED",
        "2 | Zoning Agreement Amendment | LAID OVER",
        "REPORT OF THE STANDING POLICY COMMITTEE ON FINANCE dated March 10, 2015",
        "1 | Sale of 212 Rue Dumoulin | ADOPTED",
        "MOTION | MOVER & SECONDER | SUBJECT | DISPOSITION",
        "1 | Orlikow / Browaty | That the Public Service prepare a report. | CARRIED",
        "SUBJECT | YEAS | NAYS | DISPOSITION",
        "Motion 1 | 12 | 3 | PASSED",
    ]
    blocks = [TextBlock(row, None, n, "table_row") for n, row in enumerate(rows, 1)]
    assert numbers(Document("d.docx", "docx", blocks)) == ["1", "2", "1", "Motion 1"]


def test_running_heads_and_footers_are_dropped() -> None:
    pages = [
        "Northshire Partnership Board\n1. Apologies\nApologies were received from the Director.\nPage 1 of 3",
        "Northshire Partnership Board\n2. Minutes of the last meeting\nThe minutes were approved.\nPage 2 of 3",
        "Northshire Partnership Board\n3. Date of next meeting\n4 September 2025\nPage 3 of 3",
    ]
    result = extract(paged_doc(pages))
    assert [item.number for item in result.items] == ["1", "2", "3"]
    assert all("Northshire" not in item.evidence for item in result.items)


def test_items_run_together_on_long_lines() -> None:
    text = (
        "OFFICIAL MINUTES A REGULAR MEETING OF THE COUNCIL OF THE CITY OF EXAMPLE WAS HELD THIS 12TH DAY OF "
        "JANUARY, 2011. COMMUNICATIONS 38 Request of Jo Bloggs to address Council regarding parks "
        "(Communication) PLACED ON FILE 39 Request of Ann Other to address Council regarding housing "
        "(Communication) PLACED ON FILE 40 Appoint Alison Stoll to the Planning Committee (Report) (Y-5) CONFIRMED "
        "*41 Accept a grant of $94,710 from the State for volunteers (Ordinance) (Y-5) 184349 "
        "42 Adopt a Waste Reduction Program (Ordinance) PASSED TO SECOND READING JANUARY 19, 2011"
    )
    result = extract(text_doc(text))
    assert [item.number for item in result.items] == ["38", "39", "40", "*41", "42"]
    assert [item.outcome for item in result.items] == ["noted", "noted", "decided", "decided", "deferred"]


def test_bullet_minutes_with_a_new_business_section() -> None:
    text = """
Riverside Business District Commission Meeting Minutes
Minutes from Monday, January 29, 2018
• Meeting called to order at 9:08am – M. Prest (motion), C. Dallas (second)
• Minutes from 11/30/17 meeting approved – Z. Maiorca (motion), T. Feinberg (second)
• New Business
o APPROVED – 2018 Meetings Calendar
o APPROVED – Revised 2018 budget – B. Munro (motion), Z. Maiorca (second)
• Announcements
o Next meeting – Thursday, February 15th at the Library
• Meeting adjourned at 11:25am
"""
    document = text_doc(text)
    assert titles(document) == [
        "Meeting called to order",
        "Minutes from 11/30/17 meeting approved",
        "2018 Meetings Calendar",
        "Revised 2018 budget",
        "Announcements",
        "Next meeting – Thursday, February 15th at the Library",
        "Meeting adjourned",
    ]


def test_moderngov_items_are_taken_as_given() -> None:
    blocks = [
        TextBlock("1. Minutes", None, 1, "item", number="1.", title="Minutes"),
        TextBlock(
            "To approve the minutes of the meeting held on 25 November 2025 as a correct record.", None, 2
        ),
        TextBlock("9. Work Programme", None, 3, "item", number="9", title="Work Programme"),
        TextBlock("The Committee considered a report which set out its work programme.", None, 4),
    ]
    result = extract(Document("m.xml", "moderngov", blocks, meta={"meeting_date": "2026-02-10"}))
    assert [(i.number, i.outcome) for i in result.items] == [("1", "procedural"), ("9", "noted")]
    assert result.meeting_date is not None and result.meeting_date.isoformat() == "2026-02-10"


def test_cancelled_meeting_without_items() -> None:
    assert extract(Document("c.xml", "moderngov", [], meta={"meeting_date": "2026-01-13"})).items == []


def test_appended_transcript_adds_no_items() -> None:
    text = (
        UK_COUNCIL
        + "\nFor a discussion of agenda items, please consult the following Closed Caption File.\n"
        + "Item 126. Adams: Welcome, please begin.\n128. Any Other Items Raised\n"
    )
    assert numbers(text_doc(text)) == ["124", "125", "126", "127"]


GOVERNORS = """
GREENFIELD PRIMARY SCHOOL BOARD OF GOVERNORS
Full Governing Body 23 May 2022
Agenda:
FGB 98/2122 Attendance and associated matters
FGB 99/2122 Declaration of interests
FGB 100/2122 Minutes of the last meeting
FGB 101/2122 Date of next meeting
ACTIONS TO BE TAKEN
98/2122 Notify the local authority of the appointments Clerk asap
100/2122 Minutes to website Clerk asap
FGB 98/2122 Attendance and associated matters
The meeting commenced at 18:31. Apologies were received from one governor and sanctioned.
FGB 99/2122 Declaration of interests
None were declared by governors at this meeting of the board.
FGB 100/2122 Minutes of the last meeting
The minutes of the meeting held on 28 March 2022 were agreed and signed by the chair.
FGB 101/2122 Date of next meeting
The next meeting will be held on Monday 11 July 2022 at the school.
"""


def test_minute_numbers_behind_initials_and_agenda_printed_first() -> None:
    items = extract(text_doc(GOVERNORS), None).items
    assert [item.number for item in items] == ["98/2122", "99/2122", "100/2122", "101/2122"]
    # the items are the minutes themselves, not the agenda listed above them or the action log's rows
    assert [item.source.line for item in items] == [12, 14, 16, 18]
    assert items[1].title == "Declaration of interests"


SIGNED_THEN_ACTION_LOG = """
10. Correspondence
A resident asked to place a memorial bench outside the village hall. Clerk to ask the resident where.
11. Finance
The accounts were approved for payment.
Date of next meetings: last Thursday of the month 7.30pm
30th October, 27th November
Signed ………………………………… Chair, Northbrook Parish Council
Date …………………………………
No Action Owner Update
Sept25.01 Clerk to ask the resident where they would like the bench CF
Sept25.02 Clerk to chase the contractor about the verges CF Email sent
"""


def test_an_action_log_after_the_chairs_signature_is_no_part_of_the_last_item():
    items = extract(text_doc(SIGNED_THEN_ACTION_LOG), None).items
    assert [item.title for item in items][-1] == "Date of next meetings"
    assert items[-1].actions == []


ITEMS_THEN_ACTION_LOG = """
4. Financial Report
The balance was reported and the accounts for previous years were discussed.
ACTIONS:
Treasurer to share the financials for previous years before the next meeting.
5. Fundraising
The quiz night raised funds for the playground.
ACTIONS:
Secretary to contact the sports club about a booking on 28/11.
6. AOB
The school photographs will be discussed at the next meeting.
ACTION LOG:
Financials for previous years to be shared by the Treasurer before the next meeting.
Secretary to contact the sports club about a booking on 28/11.
Chair to book the hall for the spring disco.
"""


def test_an_action_log_repeating_the_items_actions_adds_none_to_the_last_item():
    items = extract(text_doc(ITEMS_THEN_ACTION_LOG), None).items
    assert [item.number for item in items] == ["4", "5", "6"]
    # the repeats are the earlier items' steps; the step only the log holds is kept where it stands
    assert [action.text for action in items[-1].actions] == ["Book the hall for the spring disco"]
    assert sum("sports club" in action.text for action in items[1].actions) == 1


def test_a_lettered_entry_opening_on_an_introducing_sentence_is_titled_by_the_line_it_introduces():
    items = extract(
        text_doc(
            """
H. COMMITTEE REPORTS
1.
Agricultural Policy Committee – November 7, 2023
(a)
It was
Moved by Councillor Bains
Seconded by Councillor Bose
That the minutes of the Agricultural Policy Committee be received.
Carried
(b)
The recommendation from the Committee was considered as follows:
Tree Cutting on Farm Land
It was
Moved by Councillor Bose
Seconded by Councillor Bains
That Council direct staff to review the Tree Protection Bylaw.
Carried
"""
        ),
        None,
    ).items
    assert "Tree Cutting on Farm Land" in [item.title for item in items]


def test_a_heading_whose_number_lost_its_full_stop_fills_its_place_in_the_sequence():
    items = extract(
        text_doc(
            """
6. Councillors' Updates
The councillor reported on the new leisure facility.
7. Questions from members of the public
A resident asked who was responsible for repairs to the car park.
8 AOB
There was a discussion about dog fouling on the shore path.
9. Date of the next meeting
Tuesday 16th April at 7.30pm.
"""
        ),
        None,
    ).items
    assert [item.number for item in items] == ["6", "7", "8", "9"]


def test_a_standing_items_name_alone_heads_its_paragraph_in_minutes_of_colon_headings():
    items = extract(
        text_doc(
            """
Apologies: Mrs S Walker
Minutes: The Minutes of the meeting held on Monday 6th November were agreed.
Matters Arising from Previous Minutes .
The surgery is now open on Tuesdays and Thursdays for appointments.
The bus shelter at Shanwell Road is still pending.
Police Matters: No questions but comment on the police figures
Planning: One application was noted.
A.O.C.B.
Members are asked to consider a commendation for a local champion.
"""
        ),
        None,
    ).items
    assert [item.title for item in items] == [
        "Apologies",
        "Minutes",
        "Matters Arising from Previous Minutes",
        "Police Matters",
        "Planning",
        "A.O.C.B",
    ]


def test_bold_headings_numbered_with_a_space_alone_are_items_however_their_points_are_numbered():
    rows = [
        ("Minutes of the Transport Committee", True),
        ("15 May 2025 at 4.30 pm", True),
        ("1 Welcome and Safety Information", True),
        ("The Chair welcomed everyone to the meeting and explained the safety arrangements.", False),
        ("2 Minutes of the Previous Meeting", True),
        ("It was APPROVED:", False),
        ("1. That the minutes of the previous meeting be approved as a correct record.", False),
        ("3 Procurement of a new contract for supply and maintenance of real time", True),
        ("information displays", True),
        ("The Committee considered the report on the contract for the displays.", False),
        ("It was APPROVED:", False),
        ("1. Approved the procurement of a new contract for the displays.", False),
        ("2. Authorised the Director to award the contract.", False),
        ("4 Corporate Risk Report", True),
        ("The Committee noted the report and the risks it describes in some detail.", False),
    ]
    blocks = [
        TextBlock(text, 1, n, style=Style(size=11.0, bold=bold)) for n, (text, bold) in enumerate(rows, 1)
    ]
    items = extract(Document("minutes.pdf", "pdf", blocks, pages=1), None).items
    assert [item.number for item in items] == ["1", "2", "3", "4"]
    assert items[2].title.endswith("real time information displays")


def test_a_short_records_lone_capitalised_heading_is_its_item():
    items = extract(
        text_doc(
            """
Town of Northfield
SPECIAL BOARD OF TRUSTEES MEETING
February 10, 2026
The special board meeting was called to order by the Supervisor at 6:00 PM.
REPORTS:
The Supervisor introduced a reenactment group interested in the summer festival. He will reach out to the blacksmith.
A motion to adjourn was made by Trustee Elton, seconded by Trustee Hawkins. All were in favor.
"""
        ),
        None,
    ).items
    assert [item.title for item in items] == ["REPORTS"]


def test_the_missing_number_run_into_its_text_without_a_known_verb_is_the_item_between_its_neighbours():
    items = extract(
        text_doc(
            """
4. Police Report Police Scotland have notified they will no longer routinely attend meetings.
5. Councillor reports LLM reports issues with bins and drains from local residents, which
has been brought to the attention of the council. LLM to investigate the post box.
6. Office Bearers reports:
The Treasurer reported the balance of the account.
"""
        ),
        None,
    ).items
    assert [item.number for item in items] == ["4", "5", "6"]
    assert items[1].title.startswith("Councillor reports")


def test_a_record_with_no_numbering_or_styled_headings_falls_back_to_its_capitalised_headings():
    items = extract(
        text_doc(
            """
MINUTES OF THE SPECIAL CITY COUNCIL MEETING
THURSDAY- -MAY 16, 2019- -6:30 P.M.
The Mayor convened the meeting at 7:32 p.m. and led the Pledge of Allegiance.
ORAL COMMUNICATIONS
None.
AGENDA ITEM
Budget Workshop for Fiscal Years 2019-20 and 2020-21 to Provide Direction on Funding Requests.
The City Manager provided a summary of the recommendations he would bring back.
ADJOURNMENT
There being no further business, the Mayor adjourned the meeting at 9:48 p.m.
"""
        ),
        None,
    ).items
    assert [item.title for item in items] == ["ORAL COMMUNICATIONS", "AGENDA ITEM", "ADJOURNMENT"]
