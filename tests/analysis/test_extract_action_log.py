"""An action log at the foot of the minutes: each step is filed under the item that discussed it."""

from __future__ import annotations

from minutes_text import text_doc

from traction_analysis.extract import extract
from traction_analysis.extract.lines import prepare_lines

MINUTES = """Parent Council Meeting Minutes 22 October 2025
Present: DG, SK, NB, CM
1. Financial Report
The accounts were presented. Financials for previous years to be shared by DG/SK before the next meeting.
2. Fundraising
The Christmas fair was discussed. NB to contact Hillhead Sports Club to see if it is available on 28/11.
3. Playground
The fence is in poor repair. DG to contact the council regarding fence painting.
4. AOB
Nothing further was raised.
ACTION LOG:
Financials for previous years to be shared by DG/SK before the next meeting.
NB to contact Hillhead Sports Club to see if it is available on 28/11.
DG to contact the council regarding fence painting.
CM to book the hall for the spring disco.
"""


def _actions(text: str) -> dict[str, list[str]]:
    result = extract(text_doc(text), None)
    return {item.title: [action.text for action in item.actions] for item in result.items}


def test_a_logged_step_an_item_already_holds_is_not_proposed_twice() -> None:
    found = _actions(MINUTES)
    assert any("Hillhead Sports Club" in text for text in found["Fundraising"])
    assert any("fence painting" in text for text in found["Playground"])
    assert not any("Hillhead" in text or "fence painting" in text for text in found["AOB"])


def test_a_logged_step_no_item_speaks_of_stays_in_the_log() -> None:
    found = _actions(MINUTES)
    assert any("spring disco" in text for text in found["AOB"])


def test_a_logged_step_the_item_missed_is_filed_under_it() -> None:
    # The item mentions the sports club without assigning the step; the log assigns it.
    minutes = MINUTES.replace(
        "NB to contact Hillhead Sports Club to see if it is available on 28/11.",
        "Hillhead Sports Club might be available on 28/11 for the disco.",
        1,
    ).replace(
        "NB to contact Hillhead Sports Club to see if it is available on 28/11.",
        "NB to contact Hillhead Sports Club to see if it is available for the disco on 28/11.",
    )
    found = _actions(minutes)
    assert any("Hillhead Sports Club" in text for text in found["Fundraising"]), found
    assert not any("Hillhead" in text for text in found["AOB"])


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
