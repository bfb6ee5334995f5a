"""Actions set by the clauses of a resolution or motion: North American "THAT …" clauses, a passive
follow-up ("be forwarded to …"), and a matter referred to a committee or officer for a step."""

from __future__ import annotations

from minutes_text import text_doc

from traction_analysis.extract import extract
from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.resolution import nominal_step, resolution_actions


def actions_of(body: str) -> list[tuple[str, str | None]]:
    text = (
        "MINUTES of the Regular Council Meeting held on 3 December 2024.\n"
        f"5. Blue Box Regulation\n{body}\n6. Adjournment\nNone."
    )
    item = extract(text_doc(text)).items[0]
    return [(a.text, a.owner) for a in item.actions]


def clause_actions(*sentences: str) -> list[tuple[str, str | None]]:
    context = ActionContext(
        title="x", resolution=list(sentences), explicit_only=False, meeting_date=None, month_first=False
    )
    return [(a.text, a.owner) for a in resolution_actions(context)]


def test_further_that_a_resolution_be_forwarded_is_the_step_of_forwarding_it() -> None:
    body = (
        "R2025-012 S. Foote, J. Scott:\n"
        "THEREFORE BE IT RESOLVED THAT the Council requests that the province amend the Regulation;\n"
        "AND FURTHER THAT this Resolution be forwarded to the Minister of the Environment, AMO and FONOM. "
        "Carried."
    )
    assert actions_of(body) == [
        ("Forward this Resolution to the Minister of the Environment, AMO and FONOM", None)
    ]


def test_be_it_further_resolved_in_capitals() -> None:
    body = (
        "BE IT FURTHER RESOLVED THAT a copy of this resolution be forwarded to all Ontario municipalities. "
        "Carried."
    )
    assert actions_of(body) == [("Forward a copy of this resolution to all Ontario municipalities", None)]


def test_a_decision_in_the_passive_is_not_a_step() -> None:
    assert clause_actions("THAT the minutes of the meeting of November 19 be adopted as presented.") == []
    assert clause_actions("THAT the correspondence be received and filed.") == []


def test_that_in_capitals_names_the_officer_not_the_word_that() -> None:
    assert clause_actions("THAT the Clerk be directed to forward the letter to the Ministry.") == [
        ("Forward the letter to the Ministry", "Clerk")
    ]


def test_staff_directed_and_trustees_asked_without_a_capital() -> None:
    assert actions_of("THAT staff be directed to research options for a new sweeper unit. Carried.") == [
        ("Research options for a new sweeper unit", "staff")
    ]
    assert clause_actions(
        "MOTION: THAT the Board receive the information regarding the interior design, "
        "AND THAT trustees provide additional feedback to the Chief Executive Officer."
    ) == [("Provide additional feedback to the Chief Executive Officer", "trustees")]


def test_a_matter_referred_to_a_committee_to_do_a_step() -> None:
    body = (
        "Moved by Flagg to receive, file and refer to Compensation Committee to review expense "
        "reimbursements for Council Members; and refer to City Legal Department to prepare proper "
        "legislation to amend Section 2-17 of the Municipal Code. Motion Carried 7-0."
    )
    assert actions_of(body) == [
        ("Review expense reimbursements for Council Members", "Compensation Committee"),
        ("Prepare proper legislation to amend Section 2-17 of the Municipal Code", "City Legal Department"),
    ]


def test_a_matter_referred_for_a_task_said_as_a_noun() -> None:
    assert clause_actions(
        "Moved by McPherson to receive, file and refer to Legal Department for preparation of proper "
        "legislation."
    ) == [("Prepare proper legislation", "Legal Department")]
    assert clause_actions("Moved by Hensley to refer to the Planning Committee for consideration.") == []


def test_nominal_step() -> None:
    assert nominal_step("review of funding alternatives") == "review funding alternatives"
    assert nominal_step("the finalisation of the detail") == "finalise the detail"
    assert nominal_step("a report on the options") is None


def test_a_referral_said_on_its_own_after_the_motion() -> None:
    body = (
        "Moved by Hensley to defer. Refer to City Manager for review of funding alternatives. "
        "Motion Carried 7-0."
    )
    assert actions_of(body) == [("Review funding alternatives", "City Manager")]


def test_a_bare_verb_referred_is_no_step() -> None:
    assert actions_of("The proposal was discussed. This was referred to staff to coordinate.") == []


def test_approving_the_execution_by_officers_is_theirs_to_execute() -> None:
    body = (
        "That Council:\n1. Receive Corporate Report R009 for information; and\n"
        "2. Approve the execution by the Mayor and City Clerk of a one-year extension term for the existing "
        "lease of the office premises located at 901 Central Avenue, as generally illustrated in "
        'Appendix "I".\n'
        "RES.R24-53 Carried"
    )
    assert actions_of(body) == [
        (
            "Execute a one-year extension term for the existing lease of the office premises located at "
            "901 Central Avenue",
            "Mayor and City Clerk",
        )
    ]


def test_a_numbered_direction_said_as_an_imperative() -> None:
    body = (
        "Moved by Mandelbaum to address cold weather conditions as follows:\n"
        "1. Direct city staff to continue working with shelters and Polk County to implement weather "
        "amnesty during cold weather events.\n"
        "2. Authorize the City Manager to execute the agreement with Polk County. Motion Carried 6-0."
    )
    assert actions_of(body) == [
        (
            "Continue working with shelters and Polk County to implement weather amnesty during cold weather "
            "events",
            "city staff",
        ),
        ("Execute the agreement with Polk County", "City Manager"),
    ]


def test_a_unit_to_be_researched_is_the_step_of_researching_it() -> None:
    body = (
        "R2025-037 S. Kirkey, J. Scott:\nNow therefore we accept the Tender submitted for the supply of a "
        "Backhoe.\nA Sweeper Unit to be researched for purchase from a Canadian supplier within approved "
        "budget range. Carried."
    )
    assert actions_of(body) == [
        ("Research a Sweeper Unit for purchase from a Canadian supplier within approved budget range", None)
    ]


def test_a_motion_to_have_the_administration_do_a_step() -> None:
    body = (
        "Motion made by Trustee Baskin, seconded by Trustee Smith, to have Village administration send a "
        "Request for Quotes for interpretation services to the following vendors: Language Line Solutions.\n"
        "Ayes All"
    )
    assert actions_of(body) == [
        (
            "Send a Request for Quotes for interpretation services to the following vendors: Language Line "
            "Solutions",
            "Village administration",
        )
    ]


def test_a_decision_and_an_instruction_to_its_officer_gives_the_officer_the_step() -> None:
    assert clause_actions(
        "RESOLVED: to consent to the application and instruct the Clerk to communicate that consent to "
        "HM Land Registry."
    ) == [("Communicate that consent to HM Land Registry", "Clerk")]
    assert clause_actions(
        "RESOLVED: To set the Precept for 2026/27 at £7,800.00, and to instruct the Clerk to communicate "
        "this decision to North Yorkshire Council as billing authority."
    ) == [("Communicate this decision to North Yorkshire Council as billing authority", "Clerk")]


def test_further_resolved_that_the_clerk_be_instructed() -> None:
    assert clause_actions(
        "FURTHER RESOLVED: That the Clerk be instructed to communicate these views to YDNPA Planning Team."
    ) == [("Communicate these views to YDNPA Planning Team", "Clerk")]


def test_a_decision_joined_to_a_step_of_the_body_itself_is_not_given_to_it() -> None:
    # "and ask the Council to …": the body itself holds no step of its own this way
    assert clause_actions("RESOLVED: to note the report and ask the Council to review it.") == []


def test_be_and_is_hereby_authorised_and_instructed() -> None:
    assert clause_actions(
        "RESOLVED: that the Clerk be and is hereby authorised and instructed to investigate opening a PayPal "
        "account for the Council."
    ) == [("Investigate opening a PayPal account for the Council", "Clerk")]
