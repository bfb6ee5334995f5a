"""An action log at the foot of the minutes: each step is filed under the item that discussed it."""

from __future__ import annotations

import pytest
from minutes_text import text_doc

from traction_analysis.extract import extract
from traction_analysis.extract.lines import prepare_lines

MINUTES = """Parent Council Meeting Minutes 22 October 2025
Present: DG, SK, NB, CM
1. Financial Report
The accounts were presented. Financials for previous years to be shared by DG/SK before the next meeting.
2. Fundraising
The Christmas fair was discussed. NB to contact Riverside Sports Club to see if it is available on 28/11.
3. Playground
The fence is in poor repair. DG to contact the council regarding fence painting.
4. AOB
Nothing further was raised.
ACTION LOG:
Financials for previous years to be shared by DG/SK before the next meeting.
NB to contact Riverside Sports Club to see if it is available on 28/11.
DG to contact the council regarding fence painting.
CM to book the hall for the spring disco.
"""


def _actions(text: str) -> dict[str, list[str]]:
    result = extract(text_doc(text), None)
    return {item.title: [action.text for action in item.actions] for item in result.items}


def test_a_logged_step_an_item_already_holds_is_not_proposed_twice() -> None:
    found = _actions(MINUTES)
    assert sum("Riverside Sports Club" in text for text in found["Fundraising"]) == 1
    assert sum("fence painting" in text for text in found["Playground"]) == 1
    assert not any("Riverside" in text or "fence painting" in text for text in found["AOB"])


def test_a_logged_step_no_item_speaks_of_stays_in_the_log() -> None:
    found = _actions(MINUTES)
    assert any("spring disco" in text for text in found["AOB"])


def test_a_logged_step_the_item_missed_is_filed_under_it() -> None:
    # The item mentions the sports club without assigning the step; the log assigns it.
    minutes = MINUTES.replace(
        "NB to contact Riverside Sports Club to see if it is available on 28/11.",
        "Riverside Sports Club might be available on 28/11 for the disco.",
        1,
    ).replace(
        "NB to contact Riverside Sports Club to see if it is available on 28/11.",
        "NB to contact Riverside Sports Club to see if it is available for the disco on 28/11.",
    )
    found = _actions(minutes)
    assert any("Riverside Sports Club" in text for text in found["Fundraising"]), found
    assert not any("Riverside" in text for text in found["AOB"])


def test_an_actions_label_inside_an_item_keeps_its_steps_there() -> None:
    minutes = """Minutes of the meeting held on 4 March 2025
1. Website
The new site is live.
ACTIONS:
JW to update the contact page.
2. Any other business
None.
"""
    found = _actions(minutes)
    assert any("contact page" in text for text in found["Website"])


def test_a_hyphen_glued_to_a_capital_opens_a_bullet() -> None:
    lines = prepare_lines(text_doc("Financial Report\n-Correct bank details to be confirmed with DPG."))
    assert lines[1].bullet == 1
    assert lines[1].text == "Correct bank details to be confirmed with DPG."
    assert prepare_lines(text_doc("the range is\n-5 to 10"))[1].bullet == 0  # a minus sign
    assert prepare_lines(text_doc("see\n-NHS guidance"))[1].bullet == 0  # capitals: an acronym, not a point


OPENING_LOG = """Full Governing Body minutes, 23 May 2022
ACTIONS TO BE TAKEN
ITEM BY WHOM BY WHEN
101/2122 Minutes to website Clerk asap
110a/2122 Circulate the meeting dates for the next academic year and add
to the website
Clerk asap
110b/2122 Advertise the two governor vacancies in the school newsletter
Ann Lee/
Tom Hart
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


def test_an_opening_action_log_files_each_row_under_the_item_it_names() -> None:
    found = _by_title(OPENING_LOG)
    assert found["Dates of meetings"] == [
        ("Circulate the meeting dates for the next academic year and add to the website", "Clerk")
    ]
    assert found["Governor vacancies"] == [
        ("Advertise the two governor vacancies in the school newsletter", "Ann Lee/ Tom Hart")
    ]
    assert found["Date of next meeting"] == []


def test_rows_of_an_opening_log_that_name_no_item_are_left_out() -> None:
    found = _by_title(OPENING_LOG.replace("110b/2122 Advertise", "120b/2122 Advertise"))
    assert found["Governor vacancies"] == []
    assert not any("Advertise" in text for actions in found.values() for text, _ in actions)


def test_a_log_row_names_its_item_by_number_and_letter_in_either_order() -> None:
    from traction_analysis.extract.action_log import _reference

    assert _reference("110a/2122 Circulate the dates") == ("110", "a")
    assert _reference("110/2122a") == ("110", "a")
    assert _reference("FGB 98/2122 Notify Babcock") == ("98", "")
    assert _reference("12. Clerk to write") == ("12", "")
    assert _reference("Clerk to write") is None


def test_an_actions_list_inside_an_earlier_item_is_not_a_log() -> None:
    minutes = """Minutes of the meeting held on 4 March 2025
1. Website
JW to update the contact page.
2. Newsletter
The newsletter will mention the website.
ACTIONS:
JW to update the contact page of the newsletter.
3. Any other business
None.
"""
    found = _actions(minutes)
    assert any("contact page of the newsletter" in text for text in found["Newsletter"])


def test_a_huge_log_is_filed_in_bounded_work(monkeypatch: pytest.MonkeyPatch) -> None:
    from traction_analysis.extract import action_log

    calls = 0
    home = action_log._home

    def counted(entry: set[str], earlier: object) -> int | None:
        nonlocal calls
        calls += 1
        return home(entry, earlier)  # type: ignore[arg-type]

    monkeypatch.setattr(action_log, "_home", counted)
    steps = [f"Clerk to write to resident {n} about the hedge." for n in range(1000)]
    minutes = "\n".join(
        ["Minutes of the meeting held on 4 March 2025", "1. Hedges", *steps, "2. AOB", "ACTION LOG:", *steps]
    )
    extract(text_doc(minutes), None)
    assert calls <= action_log.MAX_LOGGED


def test_a_step_wrapped_onto_a_line_of_capitals_keeps_it() -> None:
    from traction_analysis.extract.action_log import _step_and_owner

    assert _step_and_owner(["12/2122 Write to the", "Highways Agency", "asap"]) == (
        "Write to the Highways Agency",
        None,
    )
    assert _step_and_owner(["12/2122 Write to the Highways Agency.", "Ann Lee/", "Tom Hart", "asap"]) == (
        "Write to the Highways Agency.",
        "Ann Lee/ Tom Hart",
    )
