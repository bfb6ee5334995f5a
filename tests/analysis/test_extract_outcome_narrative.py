"""Outcomes read from a narrative with no resolution: a matter put to a later meeting, an answer decided."""

from __future__ import annotations

import pytest
from minutes_text import text_doc

from traction_analysis.extract import extract


def outcome_of(body: str, title: str = "Staff Handbook") -> str:
    text = (
        f"MINUTES of the meeting\n7. {title}\n{body}\n"
        "8. Date of Next Meeting\nThe next meeting will be on 4 June 2025.\n"
    )
    result = extract(text_doc(text))
    assert [item.number for item in result.items] == ["7", "8"], [i.title for i in result.items]
    return result.items[0].outcome


@pytest.mark.parametrize(
    "body",
    [
        # US boards: the decision named for a later meeting
        "Ms Farrow handed out the current leave policy. She noted that it was out of date. Members could "
        "review the samples and be prepared to discuss and adopt a new policy at the March board meeting.",
        "Counsel had submitted draft findings. The board will hold a hearing at its May 14 meeting to "
        "decide whether to adopt the exemption.",
        # UK parish councils: the answer awaited before deciding
        "The Borough asked for a representative on a working group. Clerk to ask the Town Council "
        "whether a cluster representative is wanted before a decision is made.",
        "Mr Pell presented a draft design. He will bring it back to the next meeting.",
    ],
)
def test_a_decision_put_to_a_later_meeting_is_deferred(body: str) -> None:
    assert outcome_of(body) == "deferred"


def test_a_report_promised_for_the_next_meeting_is_not_a_deferral() -> None:
    body = "The Treasurer presented the accounts, which were noted. She will report at the next meeting."
    assert outcome_of(body) != "deferred"


@pytest.mark.parametrize(
    "body",
    [
        # UK parish councils: the clerk told to carry the council's answer out
        "A letter asked whether the council would nominate a member to the hall committee. Members felt "
        "they could not spare one but wish to be kept informed.\nClerk to write",
        "No further grit is needed this winter. Clerk to respond to the County.",
        "The mower is beyond repair. Mr Oakes offered to cut the verges. Clerk to inform him that the "
        "Council accepts the offer.",
        # the councillors' agreement, abbreviated
        "The charity asked whether the bench could be moved. Cllr Moss suggested the green. All Cllrs "
        "agreed to this proposal.",
    ],
)
def test_an_answer_the_clerk_is_told_to_send_is_decided(body: str) -> None:
    assert outcome_of(body, "Village Hall") == "decided"


def test_the_clerk_reporting_is_not_a_decision() -> None:
    body = "The Clerk reported that the grass cutting contract runs until March. The update was noted."
    assert outcome_of(body, "Village Hall") == "noted"
