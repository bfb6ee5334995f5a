"""Outcomes on excerpts in the wording of UK councils, NHS boards, Irish councils and US/Canadian clerks."""

from __future__ import annotations

import pytest

from traction_analysis.document import Document, TextBlock
from traction_analysis.extract import extract


def text_doc(text: str, *, fmt: str = "text") -> Document:
    blocks = [
        TextBlock(line.strip(), None, number)
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip()
    ]
    return Document("minutes.txt", fmt, blocks)  # type: ignore[arg-type]


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
