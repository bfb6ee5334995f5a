"""Outcomes on excerpts in the wording of UK councils, NHS boards, Irish councils and US/Canadian clerks."""

from __future__ import annotations

import pytest
from minutes_text import text_doc

from traction_analysis.extract import extract
from traction_analysis.extract.lines import Line
from traction_analysis.extract.outcome import classify
from traction_analysis.extract.segment import Segment


def one_item(
    body: str, title: str = "Local Transport Plan", *, opening: str = "MINUTES of the meeting"
) -> str:
    return (
        f"{opening}\n7. {title}\n{body}\n8. Date of Next Meeting\nThe next meeting will be on 4 June 2025.\n"
    )


def outcome_of(body: str, title: str = "Local Transport Plan", **kwargs: str) -> str:
    result = extract(text_doc(one_item(body, title, **kwargs)))
    assert [item.number for item in result.items] == ["7", "8"], [i.title for i in result.items]
    return result.items[0].outcome


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # UK councils
        ("RESOLVED that the strategy be approved.", "decided"),
        ("RESOLVED – That the report be noted.", "noted"),
        ("RESOLVED that the report be noted and that the recommendations to Council be endorsed.", "decided"),
        ("RESOLVED that the item be deferred to the next meeting.", "deferred"),
        ("RESOLVED that the matter be referred to the Scrutiny Committee for consideration.", "referred"),
        ("The Cabinet agreed to recommend to Council that the budget be set at £1.2bn.", "decided"),
        ("The motion was put to the vote and was LOST.", "decided"),
        ("Members discussed the plan at length.\nThe amendment was carried.", "decided"),
        ("This item was withdrawn by the applicant.", "unclear"),
        # NHS boards
        ("The Director presented the report.\nOutcome: the Board\n• received and noted the report.", "noted"),
        (
            "The Director presented the report.\nOutcome: the Board\n• noted the report\n• approved the plan.",
            "decided",
        ),
        ("The Board NOTED the update on winter pressures.", "noted"),
        ("The Board APPROVED the revised terms of reference.", "decided"),
        ("The Board received assurance on progress with the improvement plan.", "noted"),
        # Irish councils
        ("It was proposed by Cllr. Murphy, seconded by Cllr. Ryan and agreed to adopt the plan.", "decided"),
        (
            (
                "On the proposal of Cllr. Kelly, seconded by Cllr. Walsh, it was agreed to defer the item to the "
                "October meeting."
            ),
            "deferred",
        ),
        # US and Canadian clerks
        ("Moved by Commissioner Fish and seconded by Commissioner Fritz. Motion carried 5-0.", "decided"),
        ("Motion by Haskew, second by Silva, carried unanimously, to RECEIVE the 2021-2022 update.", "noted"),
        ("(Communication) PLACED ON FILE", "noted"),
        ("Motion to receive and file: moved and seconded, carried.", "noted"),
        ("(Ordinance) LAID OVER", "deferred"),
        ("(Ordinance) PASSED TO SECOND READING JANUARY 19, 2011", "deferred"),
        ("(Ordinance; amend Contract No. 30001652) REFERRED TO COMMISSIONER OF PUBLIC WORKS", "referred"),
        ("(Report) (Y-5) CONFIRMED", "decided"),
        ("(Ordinance) (Y-5) 184349", "decided"),
        ("The item was referred to the Finance Committee.", "referred"),
        # No recorded outcome
        ("The Director gave a presentation on the plan. Members asked questions.", "noted"),
    ],
)
def test_outcome(body: str, expected: str) -> None:
    assert outcome_of(body) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Apologies for Absence",
        "Declarations of Interest",
        "Minutes of the Previous Meeting",
        "Matters Arising",
        "Date of Next Meeting",
        "Any Other Business",
        "Public Questions",
        "Welcome and Introductions",
        "Pledge of Allegiance",
        "Roll Call",
        "Election of Chair (for this meeting)",
        "Exclusion of the Press and Public",
        "Adoption of the Agenda",
        "Items to be Added or Deleted",
        "Flag Salute",
        "Oral Communications",
        "Next Board Meeting",
        "Upcoming Events & Activities",
        "Motion to Move In-Camera",
        "Motion to Return to Open Session",
        "Presentations (None)",
        "Special Events – No Report",
        "AOCB",
        "Business Arising",
        "Introductions & welcome",
        "Convene",
        "Matters for the next agenda",
    ],
)
def test_procedural_titles(title: str) -> None:
    assert outcome_of("Nothing further was raised.", title) == "procedural"


def test_electing_the_chairman_is_a_decision_but_a_chair_for_the_meeting_is_procedural() -> None:
    elected = "It was proposed and seconded that Cllr Reed remain as Chairman. Cllr Reed was duly elected."
    assert outcome_of(elected, "Election of Chairman") == "decided"
    assert (
        outcome_of("RESOLVED that Mr Cole be elected to chair the meeting.", "Election of Chair")
        == "procedural"
    )


def test_parish_conventions_for_outcomes() -> None:
    # A council's answer to a planning consultation is its decision.
    assert (
        outcome_of("Side extension at 4 Mill Lane. The Parish Council had no objections.", "Planning")
        == "decided"
    )
    # Accepting an offer is a decision; accepting a report is noting it.
    assert (
        outcome_of("All Councillors agreed to accept the solar company's community benefit.", "Solar Panels")
        == "decided"
    )
    # Matters arising are procedural unless something new is decided under them.
    assert (
        outcome_of("It was AGREED to write to the Minister about bus services.", "Matters Arising")
        == "decided"
    )
    assert outcome_of("The Clerk had chased the contractor.", "Matters Arising") == "procedural"
    # A standing item with nothing in it, and the housekeeping of a parish meeting.
    assert (
        outcome_of("There was no update as they were not in attendance.", "County Councillor's Report")
        == "procedural"
    )
    for title in (
        "Openness and Transparency Notice",
        "Emergency Evacuation Procedures",
        "Open Forum",
        "Closing",
        "Items for the next agenda",
        "Other Business",
    ):
        assert outcome_of("The Chair spoke about it.", title) == "procedural", title
    # The meeting closing is not a deferral.
    assert (
        outcome_of("With no further business the meeting was adjourned at 8.30 pm.", "Finance") != "deferred"
    )
    assert outcome_of("The item was adjourned to the June meeting.", "Finance") == "deferred"


def test_any_other_business_with_a_decision_is_decided() -> None:
    assert outcome_of("RESOLVED that a task group be established.", "Any Other Business") == "decided"


def test_conflict_of_interest_code_is_substantive() -> None:
    assert (
        outcome_of("RESOLVED that the revised code be adopted.", "Conflict of Interest Code Review")
        == "decided"
    )


def test_agenda_items_have_no_outcome_yet() -> None:
    text = """NORTHSHIRE COUNTY COUNCIL
AGENDA
Cabinet, Thursday 6 March 2025 at 10.00 am
1. Apologies for Absence
2. Minutes of the Previous Meeting
3. Budget Monitoring Report
To consider the report of the Corporate Director of Finance.
4. Highways Maintenance Programme
"""
    result = extract(text_doc(text))
    assert [(i.number, i.outcome) for i in result.items] == [
        ("1", "procedural"),
        ("2", "procedural"),
        ("3", "unclear"),
        ("4", "unclear"),
    ]


def test_evidence_and_resolution_quote_the_minute() -> None:
    result = extract(
        text_doc(one_item("The report was introduced.\nRESOLVED that the strategy be approved."))
    )
    item = result.items[0]
    assert item.evidence == "RESOLVED that the strategy be approved."
    assert item.resolution == "RESOLVED that the strategy be approved."
    assert 0.0 < item.confidence <= 1.0


def test_narrative_around_an_outcome_block_does_not_override_it() -> None:
    body = (
        "• The Committee agreed to explore a staff story for future meetings.\n"
        "Outcome: the Board\n• noted the assurance report and the matters highlighted."
    )
    assert outcome_of(body, "People Committee Assurance Report") == "noted"


def test_closed_session_with_no_reported_result_is_unclear() -> None:
    text = """MINUTES
2.
CLOSED SESSION
a.
PUBLIC EMPLOYEE PERFORMANCE EVALUATION
Title: City Attorney
3.
ADJOURNMENT
"""
    result = extract(text_doc(text))
    assert [(i.number, i.outcome) for i in result.items] == [("2a", "unclear"), ("3", "procedural")]


def test_parish_minute_numbers_with_hierarchical_paragraphs() -> None:
    text = """MINUTES of the Parish Council meeting held on 3 May 2024
Minute 46/23 Planning Applications
46.1 The council considered application 23/0012.
46.2 RESOLVED to object to the application.
Minute 47/23 Finance
It was resolved to approve the payments list.
"""
    result = extract(text_doc(text))
    assert [(i.number, i.outcome) for i in result.items] == [("46/23", "decided"), ("47/23", "decided")]


def test_terse_us_disposition_sentence() -> None:
    text = """CITY OF SPRINGFIELD REGULAR COUNCIL MEETING MINUTES March 3, 2020
Item 7. Parks Master Plan
The plan was received and filed.
Item 8. Request from Springfield Little League
Referred to the Parks and Recreation Committee.
Item 9. Ordinance 2020-14 Zoning Amendment
Moved and seconded to table the ordinance until the April 7, 2020 meeting. Motion carried.
"""
    result = extract(text_doc(text))
    assert [(i.number, i.outcome) for i in result.items] == [
        ("7", "noted"),
        ("8", "referred"),
        ("9", "deferred"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the motion's words come before the mover, the seconder and the result
        (
            "MOTION: THAT the Board receive the report.\nMOVED BY: S. Kerwin\nSECONDED BY: P. Puri\nMOTION CARRIED.",
            "noted",
        ),
        ("Moved by McPherson to receive and file. Motion Carried 7-0.", "noted"),
        ("That we accept the correspondence as presented. Carried.", "noted"),
        (
            "MOTION: THAT the Board approve the budget.\nMOVED BY: S. Kerwin\nSECONDED BY: P. Puri\nMOTION CARRIED.",
            "decided",
        ),
        # receiving a communication and sending it on is a referral
        (
            "Moved by Flagg to receive, file and refer to the Legal Department. Motion Carried 7-0.",
            "referred",
        ),
    ],
)
def test_motion_words_before_the_result(body: str, expected: str) -> None:
    assert outcome_of(body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Accounts were presented and accepted for payment.", "decided"),
        ("Payments listed below.\nAll approved for payment.", "decided"),
        ("The committee decided that the Chair would represent it at the Commission.", "decided"),
        ("Agreed to defer to the next meeting.", "deferred"),
        ("Committee resolved to note the update and planned event.", "noted"),
        ("A motion was made to accept the treasurer’s report and was approved unanimously.", "noted"),
        ("Further work will be carried out on the bridge.", "noted"),
    ],
)
def test_narrative_conventions(body: str, expected: str) -> None:
    assert outcome_of(body) == expected


def test_an_ordinance_given_its_first_vote_only_is_deferred() -> None:
    first = "Moved by Vlassis that this ordinance be considered and given first vote for passage. Motion Carried 7-0."
    assert outcome_of(first) == "deferred"
    readings = (
        "That the Bylaw pass its first reading. Carried.\nThat the Bylaw pass its second reading. Carried.\n"
        "That the Bylaw pass its third reading. Carried."
    )
    assert outcome_of(readings) == "decided"


def test_a_consent_agenda_is_adopted_in_one_motion() -> None:
    body = "Receive and file Financial Reports for February and March."
    assert outcome_of(body, "Consent Agenda") == "decided"
    assert outcome_of(body, "Financial Reports") == "noted"


@pytest.mark.parametrize(
    "body",
    [
        "Continued to September 17, 2018.",
        "Mike moved to nominate them for another term. The motion will be voted on at the April meeting.",
        "The matter was to be discussed again at the next meeting after the report had been received.",
    ],
)
def test_coming_back_to_a_later_meeting_is_deferred(body: str) -> None:
    assert outcome_of(body) == "deferred"


def test_a_motion_that_only_confirms_minutes_is_procedural() -> None:
    body = (
        "It was\nMoved by Councillor Kooner\nSeconded by Councillor Bains\n"
        "That the minutes of the Special Council meeting held on December 18, 2023, be adopted.\nCarried"
    )
    assert outcome_of(body, "Special Council – December 18, 2023") == "procedural"
    both = (
        "That the minutes of the meeting held November 12, 2024, be adopted as published. Carried.\n"
        "That we appoint Councillor Scott as the representative. Carried."
    )
    assert outcome_of(both, "Council business") == "decided"


def test_a_withdrawn_amendment_leaves_the_item_standing() -> None:
    body = "An amendment was moved. The amendment was withdrawn. The substantive motion was carried."
    assert outcome_of(body) != "unclear"
    assert outcome_of("The application was withdrawn by the applicant.") == "unclear"
    assert outcome_of("WITHDRAWN") == "unclear"


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # a standing item that says it had nothing in it
        ("Correspondence", "There was no correspondence.", "procedural"),
        ("Notices of Motion", "There were no Notices of Motion.", "procedural"),
        ("Clerks Report", "This section has no items to consider.", "procedural"),
        ("Invoices", "The were no invoices for payment.", "procedural"),
        ("Planning", "No planning applications have been submitted this month.", "procedural"),
        ("Special Events", "Special Events – No Report", "procedural"),
        ("Site A Subcommittee", "President Henneberry said that the subcommittee has not met.", "procedural"),
        # … unless it goes on to report something
        (
            "Data Protection",
            "There are no DP matters to report but the new data controller has been registered.",
            "noted",
        ),
        # a bare heading with nothing minuted under it
        ("CORRESPONDENCE", "", "procedural"),
        ("Workplan – to note", "", "noted"),
    ],
)
def test_an_item_with_nothing_in_it_is_procedural(title: str, body: str, expected: str) -> None:
    assert outcome_of(body, title) == expected


@pytest.mark.parametrize(
    ("title", "body"),
    [
        # US boards: a motion's result in the words of a roll call
        (
            "Building and Grounds",
            "A motion was made to install three new flag poles for $11,991 by Trustee Elton, seconded by Trustee "
            "Piacentini. All were in favor. Roll Call was taken as follows: Trustee Elton – yes. Motion passes.",
        ),
        (
            "Appointments",
            "Motion made by Trustee Baskin, seconded by Trustee Raymond, that John Hogan be appointed as a "
            "part-time Police Officer.\nAyes All",
        ),
        ("Financial Report", "The motion was seconded by Mr. Cummings and passed unanimously at 6:51 p.m."),
        ("Ordinance No. 3161, Approving a Lease", "Building 44 at Alameda Point. Finally passed."),
        # an election minuted by its proposer and seconder alone
        (
            "Election of Chairman for 2019/20",
            "Cllr Shewell, proposed by Cllr Hayward, seconded by Cllr Evans.",
        ),
        # a decision in narrative: passive, by consensus, "decision made"
        ("Terms of Reference", "The Terms of Reference were agreed."),
        ("Invoices", "Online payments were authorised in respect of the following invoices."),
        ("P7 Leavers", "Decision made that the Parent Council will contribute to the School Leaver hoodies."),
        ("Marina Design", "The commissioners, by consensus, instructed Holbrook to draft a marina design."),
        ("VE Day", "KC asked for support to commemorate VE Day. Support was given."),
        ("Tree Work", "All were in agreement that the quotes should be accepted and work carried out asap."),
        # a council's view on a planning application
        ("Planning Applications", "Erection of Greenhouse – The Old Glebe, Ayton. Supported."),
        ("Planning", "No objection was raised to planning application S.19/2691/HHOLD at 12 Merryfields."),
        ("Planning", "DM/2023/01517 – Demolition of former Abbey Hotel. Approval recommended."),
        ("Planning", "24/02303/F Stone Croft Foxhill Lane – variation of condition 2. NO OBJECTION"),
        ("Behaviour Principles", "Behaviour Principles were agreed and referred to the FGB for information."),
    ],
)
def test_decisions_in_the_clerks_shorthand(title: str, body: str) -> None:
    assert outcome_of(body, title) == "decided"


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # reported, not decided here
        (
            "Twinning",
            "It is expected that the twinning would be formally agreed at the next meeting.",
            "noted",
        ),
        ("Planning", "24/00173/TPO Tree trimming at Pond Lane. No objections from TCT Planning.", "noted"),
        (
            "Chair's Remarks",
            "The minutes were agreed as an accurate record. The Chair thanked members.",
            "noted",
        ),
        # a seconder or a vote does not outweigh the motion's own noting
        (
            "Quarterly Report",
            "Proposed by Cllr Ahmed, seconded by Cllr Brown, RESOLVED that the report be noted.",
            "noted",
        ),
        (
            "Treasurer's Report",
            "Motion made by Trustee Baskin, seconded by Trustee Raymond, to receive the report.\nAyes All",
            "noted",
        ),
        # "that table" is a noun, not a motion to table
        (
            "Holiday Luncheon",
            "Ginger will set up the appetizers table; the decision was made to scale down the food for that table.",
            "decided",
        ),
    ],
)
def test_words_that_only_look_like_an_outcome(title: str, body: str, expected: str) -> None:
    assert outcome_of(body, title) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # "co-opted to fill the vacancy": "fill" is not "file"
        (
            "Filling of Casual Vacancy",
            "On the proposal of Cllr. C. Walsh, seconded by Cllr. M. Sheehan, and agreed by all, Vicky Barron was "
            "co-opted to fill the casual vacancy.",
            "decided",
        ),
        ("Planning Application R/54/149A/LB", "RESOLVED: to support the application.", "decided"),
        # "support" as a noun does not note a resolution
        (
            "Stop Ure Pollution",
            "RESOLVED: that the Clerk should write back to check what sort of level of support is anticipated.",
            "decided",
        ),
        # two motions under one item: one approves, one receives
        (
            "Report on Hours of Operation",
            "MOTION: THAT the Board approve extending hours of operation on Mondays.\nMOVED BY: S. Kerwin\n"
            "SECONDED BY: G. Locilento\nMOTION CARRIED.\n"
            "MOTION: THAT the Board receive the project update.\nMOVED BY: D. Sandhu\nSECONDED BY: P. Puri\n"
            "MOTION CARRIED.",
            "decided",
        ),
        # a decision in the narrative under a catch-all heading
        ("Any Other Business", "KC asked for support to commemorate VE Day. Support was given.", "decided"),
        (
            "Matters Arising",
            "The Parish Council agreed to meet with CDC Planning Officers on 22 January.",
            "decided",
        ),
        ("Any Other Business", "Cllr Pender raised the issue of dumping in Seskin.", "procedural"),
    ],
)
def test_what_a_resolution_or_motion_did(title: str, body: str, expected: str) -> None:
    assert outcome_of(body, title) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # a motion that only runs the meeting, under a heading that names its mover and seconder
        (
            "S. Foote, L. Chapalenko",
            "THAT we resume to an open public meeting.\nTime: 8:00 p.m.\nCarried.",
            "procedural",
        ),
        ("L. Chalapenko, S. Foote", "That the meeting be adjourned.\nCarried.", "procedural"),
        (
            "S. Kirkey, J. Scott",
            "That the meeting be adjourned.\nTime: 7:17 p.m.\nNext regular meeting to be held December 17, 2024.\n"
            "Carried.",
            "procedural",
        ),
        (
            "Grant Application",
            "Moved by Hensley to defer.\nRefer to City Manager.\nMotion Carried 7-0.",
            "deferred",
        ),
        ("J. Scott, L. Chalapenko", "That the statement of accounts be approved.\nCarried.", "decided"),
        # put off to a named month, or for further discussion
        (
            "New Business",
            "The Highway Commissioner submitted his tax levy and it will be discussed in November.",
            "deferred",
        ),
        (
            "Plain Film Protocols",
            "There was potential to focus on specific examinations - to be discussed further.",
            "deferred",
        ),
    ],
)
def test_meeting_motions_and_deferrals(title: str, body: str, expected: str) -> None:
    assert outcome_of(body, title) == expected


def test_a_report_received_in_closed_session_is_noted() -> None:
    title = "Personnel Issue (In Camera)"
    assert outcome_of("The Board received a report from the CEO.", title) == "noted"
    assert outcome_of("Discussion took place.", title) == "unclear"


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Land Acknowledgement", "Read by Director Whitmore."),
        ("Statement of Employee Appreciation", "Read by Director Larsen."),
        ("Retiree Awards", "Jill Fontaine – Lead Dispatcher – 20 years"),
        (
            "Actions",
            "1. Circulate updated Sarcoma Pathway [completed]\n2. Circulate assessment document [completed]",
        ),
        # a number left on the heading does not hide it
        (
            "1 Welcome, Introductions and Safety Information",
            "The Chair asked the members to introduce themselves.",
        ),
    ],
)
def test_ceremonies_and_the_action_log_are_procedural(title: str, body: str) -> None:
    assert outcome_of(body, title) == "procedural"


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # a motion minuted by its mover and seconder, with no result printed
        (
            "Appointments",
            "Motion made by Trustee Baskin, seconded by Trustee Raymond, approving Change Order #3 for USG Water.",
            "decided",
        ),
        (
            "Confirmation of Internal Auditor",
            "Cllr Hayward, seconded by Cllr Evans.",
            "decided",
        ),
        # a standing heading that ends in "None", or says so in its own title
        ("To discuss any", "matters arising from\nthe minutes and not\non this agenda\nNone", "procedural"),
        ("Planning No planning applications", "", "procedural"),
        # … but a "None." after a motion belongs to the next heading
        (
            "Financials – November 2018",
            "Motion: Mayor Kibbey moved to accept the November 2018 financials as presented.\nNone.",
            "noted",
        ),
    ],
)
def test_seconded_motions_and_empty_headings(title: str, body: str, expected: str) -> None:
    assert outcome_of(body, title) == expected


def test_paragraphs_start_at_list_markers_and_labels_and_run_on_over_wrapped_lines() -> None:
    from traction_analysis.extract.lines import Line
    from traction_analysis.extract.text import paragraphs

    texts = [
        "The Clerk reported that the contractor had",
        "completed the works on the play area.",
        "(a) the fence be repaired;",
        "b) the gate be replaced",
        "ii. quotes be obtained",
        "Outcome: the Council agreed the works.",
        "Resolved that the accounts be approved.",
        "12. Date of next meeting",
    ]
    found = paragraphs([Line(text, 1, number) for number, text in enumerate(texts, 1)])
    assert [(p.text[:24], p.start, p.end, p.listed) for p in found] == [
        ("The Clerk reported that ", 0, 2, False),
        ("(a) the fence be repaire", 2, 3, True),
        ("b) the gate be replaced", 3, 4, True),
        ("ii. quotes be obtained", 4, 5, True),
        ("Outcome: the Council agr", 5, 6, False),
        ("Resolved that the accoun", 6, 7, False),
        ("12. Date of next meeting", 7, 8, True),
    ]


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # the clerk's terse result puts the motion off, whatever the motion proposed
        (
            "By-Law Number 2024-54",
            "THAT we pass By-Law Number 2024-54, being a By-Law to establish the remuneration of members of "
            "Council.\nDeferred.",
            "deferred",
        ),
        (
            "Parking Study",
            "THAT the parking study be adopted.\nReferred to the Traffic Committee.",
            "referred",
        ),
        # receiving a matter and passing what was said on it to an officer
        (
            "Informal hearing on the budget amendment",
            "Moved by Hensley to receive, file and refer comments to the City Manager. Motion Carried 6-1.",
            "referred",
        ),
        # a labelled motion whose subject runs to many words before "be received"
        (
            "Management Report",
            "MOTION: THAT the Management Report for December 2011 & Performance Indicators Reports be received.\n"
            "SECONDED BY: S. Kerwin\nMOTION CARRIED.",
            "noted",
        ),
        (
            "Capital Plan",
            "MOTION: THAT the revised capital plan for the branch libraries be approved.\nSECONDED BY: S. Kerwin\n"
            "MOTION CARRIED.",
            "decided",
        ),
    ],
)
def test_what_the_result_made_of_the_motion(title: str, body: str, expected: str) -> None:
    assert outcome_of(body, title) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # legislation listed with its recorded vote and no verb of its own
        (
            "Refurbishment of an emergency medical unit",
            "Authorizing the Purchasing Agent to enter into contracts; and declaring an emergency. VOTE 13-0",
            "decided",
        ),
        (
            "Supporting the levy campaign",
            "Expressing support of the levy campaign. VOTE 12-0 (Omobien abstained)",
            "decided",
        ),
        # legislation its sponsor took back is withdrawn
        (
            "RESOLUTION urging the state to act",
            "Urging the state to act; and declaring an emergency. (3/11/19). PULLED BY SPONSOR - September 9, 2019.",
            "unclear",
        ),
    ],
)
def test_a_vote_count_or_a_sponsor_pulling_it(title: str, body: str, expected: str) -> None:
    assert outcome_of(body, title) == expected


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # a standing report with nothing in it
        ("Police Report", "Police Report: No report received or Police presence.", "procedural"),
        ("Police Reports", "Police Reports: No reports received.", "procedural"),
        # agreeing that nothing needs doing only notes the matter
        (
            "Village Phone Box",
            "The phone box has been removed. It was agreed that no further action was necessary.",
            "noted",
        ),
        (
            "Village Phone Box",
            "It was agreed that the Clerk would write to the council about the phone box.",
            "decided",
        ),
        # the Secretary's account of another body's decisions
        (
            "Secretary's Report",
            "Our Secretary reported on the meeting of the Area Committee. Then very significant grants were agreed.",
            "noted",
        ),
        (
            "Defibrillator",
            "The quotation was considered. The purchase of a defibrillator was agreed.",
            "decided",
        ),
    ],
)
def test_reports_and_narrative_that_only_note(title: str, body: str, expected: str) -> None:
    assert outcome_of(body, title) == expected


def test_a_minute_run_into_its_heading_is_not_the_minutes_item() -> None:
    # ModernGov HTML keeps the minute on the heading's line: "Mayor's Q&A Minutes: The Chair welcomed…"
    title = (
        "Mayor's Q&A Minutes: The Chair welcomed the Mayor to the meeting for a Question and Answer session."
    )
    body = [Line("Members asked about clean energy and the Mayor answered.", None, 2)]
    assert classify(Segment("1", title, Line(title, None, 1), body)).outcome == "noted"
    minutes = "Minutes of the last meeting"
    body = [Line("The minutes were approved.", None, 2)]
    assert classify(Segment("2", minutes, Line(minutes, None, 1), body)).outcome == "procedural"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Sites described their training.\nOutcome: The gathered group felt that ongoing CPD and appraisal "
            "should be the requirements for remaining in the group.",
            "decided",
        ),
        ("The lead gave an update.\nOutcome: Noted.", "noted"),
    ],
)
def test_a_labelled_outcome_is_the_result(body: str, expected: str) -> None:
    assert outcome_of(body, "Qualifications for reporting") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("The motion will be voted on at the April meeting.", "deferred"),
        # the meeting in hand is not a later one
        ("Director Gerull responded that this would be discussed at the meeting.", "noted"),
        (
            "Governors declared interests they may have in any items to be considered at this meeting.",
            "noted",
        ),
    ],
)
def test_a_named_later_meeting_defers_but_this_one_does_not(body: str, expected: str) -> None:
    assert outcome_of(body, "Technology Discussion") == expected


def test_a_report_of_the_action_taken_on_an_agenda_is_a_record_not_an_agenda() -> None:
    from traction_analysis.extract.engine import is_agenda

    opening = [
        "*** CITY COUNCIL MEETING ***",
        "The City Council took the following action on items listed in the attached meeting",
        "agenda summary.",
    ]
    assert not is_agenda([Line(text, None, number) for number, text in enumerate(opening, 1)])
    assert is_agenda([Line("Council agenda", None, 1), Line("4. Previous meeting report", None, 2)])
    assert is_agenda([Line("City Council Meeting Agenda", None, 1), Line("January 14, 2022", None, 2)])


def test_a_proposal_agreed_on_a_show_of_hands_is_decided() -> None:
    minutes = """Minutes of the Municipal District meeting, 28 January 2026
1. Draft Town Centre First Plan
The Town Regeneration Officer gave a presentation on the draft plan.
Proposed: Cllr. T Kinsella
Seconded: Cllr. Quinn
And Agreed following a show of hands
2. Any Other Business
The Cathaoirleach thanked the members.
"""
    items = extract(text_doc(minutes), None).items
    assert items[0].outcome == "decided", items[0].evidence
    assert items[1].outcome != "decided"


def test_a_later_bylaw_read_a_third_time_decides_the_item() -> None:
    body = (
        'It was Moved by Councillor A\nSeconded by Councillor B\nThat "Zoning Bylaw No. 21130" pass its first '
        "reading.\nCarried\nThe said Bylaw was then read for the second time.\nCarried\n"
        'It was Moved by Councillor A\nSeconded by Councillor C\nThat "Housing Agreement Bylaw No. 21131" pass '
        "its first reading.\nCarried\nThe said Bylaw was then read for the third time.\nCarried"
    )
    assert outcome_of(body, "Rezoning of 104 Avenue") == "decided"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Having reviewed alternatives, it was agreed to continue paying the fee.", "decided"),
        ("Decided to continue as we are doing.", "decided"),
        ("It was moved to continue the hearing to October 3, 2019. Carried.", "deferred"),
    ],
)
def test_continuing_defers_only_to_a_later_time(body: str, expected: str) -> None:
    assert outcome_of(body) == expected


def test_date_of_next_meetings_is_procedural() -> None:
    assert (
        outcome_of("Thursday 27 November and Thursday 29 January.", "Date of next meetings") == "procedural"
    )


def test_no_items_run_into_the_next_heading_is_procedural() -> None:
    body = "NO ITEMS\nPLANNING (J. Fusco, Chairman)\nFIRST READING & REFERRED"
    assert outcome_of(body, "BUDGET & FINANCE (M. Freeman, Chairman)") == "procedural"


def test_an_item_that_opens_with_the_attendance_is_procedural() -> None:
    body = (
        "Committee Members Present were: Ann Smith (chair), Bob Jones (secretary).\n"
        "Apologies were received from: Carol White and Dan Black."
    )
    assert outcome_of(body, "Committee") == "procedural"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The recommendations were moved by Cllr Weston.\nIt was unanimously Resolved: Committee: Endorsed "
            "the amended Terms of Reference.",
            "decided",
        ),
        ("Members discussed the figures.\nIt was duly resolved that the report be noted.", "noted"),
    ],
)
def test_a_resolution_with_an_adverb_is_still_the_resolution(body: str, expected: str) -> None:
    assert outcome_of(body, "Constitution Review") == expected


def test_a_narrative_that_only_approves_the_minutes_is_procedural() -> None:
    body = "The minutes of the previous meeting were approved.\nJH has not spoken with the architects yet."
    assert outcome_of(body, "Discussion points") == "procedural"
    both = "The minutes of the previous meeting were approved.\nThe Committee agreed to buy a new mower."
    assert outcome_of(both, "Discussion points") == "decided"


def test_a_report_of_something_put_off_elsewhere_is_not_a_deferral() -> None:
    told = "The Clerk reported that the local elections have been postponed until 6 May 2021."
    assert outcome_of(told, "Clerk's Report") == "noted"
    itself = "The report was deferred to the next meeting."
    assert outcome_of(itself, "Clerk's Report") == "deferred"
