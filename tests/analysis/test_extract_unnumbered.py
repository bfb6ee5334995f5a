"""Unnumbered minutes: items headed 'Title:' in their paragraph, template labels, lists under labels."""

from __future__ import annotations

from minutes_text import text_doc

from traction_analysis.extract.engine import extract
from traction_analysis.extract.learn import Engine
from traction_analysis.extract.learn.linear import LinearModel
from traction_analysis.extract.lines import prepare_lines
from traction_analysis.extract.segment import find_heads, segment


def rule_titles(text: str) -> list[str]:
    return [item.title for item in extract(text_doc(text), None).items]


RUN_IN_PARAGRAPHS = """
Minutes of Northfield Parish Council Meeting
Held in the Village Hall on Monday 20th January 2025
Present: Councillors A Smith (chair), B Jones, C Patel
Clerk: D Green
Apologies: Cllr Evans
Minutes of the last meeting: The minutes of the previous meeting were agreed as a true record and signed.
Flooding: Councillors discussed the recent flooding arising from increased water flow through the damaged \
edges of the lane, and agreed that Highways are to be contacted about the blocked drains at the bottom \
of the hill.
Highways, traffic and parking: Ongoing issues with traffic and parking at school times are causing concern \
to residents; the school will be asked to remind parents to park considerately.
Further complaints about parking on the verges were noted and will be passed to the police.
Planning: No objection was raised to planning application 25/0012 at 12 Merryfields for a rear extension.
Date of next meeting: Monday 17th February 2025
"""


def test_paragraphs_opening_with_a_heading_and_a_colon_are_the_items() -> None:
    assert rule_titles(RUN_IN_PARAGRAPHS) == [
        "Apologies",
        "Minutes of the last meeting",
        "Flooding",
        "Highways, traffic and parking",
        "Planning",
        "Date of next meeting",
    ]


def test_a_paragraph_without_a_heading_stays_in_the_item_before_it() -> None:
    items = {
        part.title: [line.text for line in part.body]
        for part in segment(prepare_lines(text_doc(RUN_IN_PARAGRAPHS)))
    }
    assert any("verges" in line for line in items["Highways, traffic and parking"])
    assert items["Flooding"][0].startswith(
        "Flooding: Councillors discussed"
    )  # the heading's paragraph is the body


def test_opening_fields_and_clock_times_are_not_items() -> None:
    titles = rule_titles(RUN_IN_PARAGRAPHS)
    assert not {"Present", "Clerk", "Held in the Village Hall on Monday 20th January 2025"} & set(titles)
    two = "PRESENT IN THE CHAIR: Councillor G. Mitchell\nOFFICIALS IN ATTENDANCE:\nSigned:\nAT 19:00 HRS"
    assert find_heads(prepare_lines(text_doc(two))).heads == []


def test_one_or_two_colon_headings_are_not_a_habit() -> None:
    text = (
        "Minutes of the meeting\nApologies: none\nThe Council discussed the budget at length and agreed it."
    )
    assert [head.kind for head in find_heads(prepare_lines(text_doc(text))).heads] != ["colon"]


TABLE_OF_LABELS = """
Minutes of the meeting of Eastfield Community Council
Apologies: Mrs S Walker
Declarations of Interest: None
Matters Arising from Previous Minutes:
1. Surgery now open Tuesdays and Thursdays for appointments
2. Bus Shelter at Shanwell Road - Pending
Treasurer's Report ; The Christmas Lights Event raised a sum of £467 from drinks and the raffle.
Fife Council Correspondence:
1. Community Council Forum held on 29th November in the Larick Centre
2. Thanks to the Ground Maintenance team for clearing up at West Lights
Councillors Report; - Cllr Dalby met up with the new directors of the factory.
Planning:
1. 18/01561 Erection of a two storey extension to rear of 39 Ogilvy Street
"""


def test_lists_that_restart_under_labels_are_points_within_the_items() -> None:
    assert rule_titles(TABLE_OF_LABELS) == [
        "Apologies",
        "Declarations of Interest",
        "Matters Arising from Previous Minutes",
        "Treasurer's Report",
        "Fife Council Correspondence",
        "Councillors Report",
        "Planning",
    ]


def test_a_list_no_label_opens_is_left_to_the_model() -> None:
    # The points under "That:" are a resolution's clauses; the bylaws listed under a heading with no colon
    # may be items: no rule accepts either, but the model is asked about the second list.
    text = (
        TABLE_OF_LABELS
        + "That:\n1. Council approve the permit.\n2. Council instruct staff to resolve the issues.\n"
        + "Carried\nBYLAWS WITH PERMITS\n"
        + '1. "Surrey Zoning Bylaw, 1993, No. 12000, Amendment Bylaw, 2022, No. 20638"\n'
        + "It was Moved by Councillor Kooner\n"
        + "2. Development Permit No. 7923-0199-00\nIt was Moved by Councillor Annis\n"
    )
    found = find_heads(prepare_lines(text_doc(text)))
    assert not [head for head in found.heads if head.number is not None]
    asked = [found.lines[i].text for i, head in sorted(found.candidates.items()) if head.kind == "dotted"]
    assert asked == [
        '1. "Surrey Zoning Bylaw, 1993, No. 12000, Amendment Bylaw, 2022, No. 20638"',
        "2. Development Permit No. 7923-0199-00",
    ]


def test_a_numbered_document_keeps_its_numbers() -> None:
    text = (
        "Minutes\n1. Apologies for absence\nNone were received.\n2. Planning applications\n"
        "The council considered two applications.\n3. Finance\nPayments were approved."
    )
    assert [head.kind for head in find_heads(prepare_lines(text_doc(text))).heads] == ["dotted"] * 3


TEMPLATE = """
Parent Council Meeting
Attendees: Dorian Grieves (chair), Helen Brown (Head teacher)
Agenda item: Senior Leadership Team Presenter: Helen Brown
Discussion:
Recording of meetings was discussed as a way of making the minutes available sooner.
Agenda Item Fundraising Presenter: Everyone
The bake sale raised nearly £400 for the P7 residential trip.
Agenda item: AOB Presenter: Dorian
No other business was raised.
"""


def test_a_templates_agenda_item_labels_head_the_items() -> None:
    assert rule_titles(TEMPLATE) == ["Senior Leadership Team", "Fundraising", "AOB"]


def test_a_heading_repeated_through_the_record_is_a_field_not_an_item() -> None:
    text = (
        "Minutes of the Board\nIntroductions: The chair welcomed everyone.\nNote: this was recorded.\n"
        "Finance: The budget was presented.\nNote: see the attached paper.\n"
        "Closing: The chair closed the meeting."
    )
    heads = find_heads(prepare_lines(text_doc(text))).heads
    assert [head.title for head in heads] == ["Introductions", "Finance", "Closing"]


def test_a_semicolon_in_prose_does_not_end_a_heading() -> None:
    text = (
        "Minutes\nUrged Council to let the ballot process work; stated the initiative was flawed.\n"
        "Applicable to All Rental Units; Amending Section 2 Concerning the Duties.\n"
        "Expressed concern over the budget; discussed the advantages of planting."
    )
    assert find_heads(prepare_lines(text_doc(text))).heads == []


def test_labelled_heads_stand_when_the_line_model_doubts_them() -> None:
    # The model believes only the title line; the template's labels stand beside it.
    doubting = LinearModel(("0", "1"), ({"w0=parent": 12.0},), (-6.0,))
    engine = Engine("test", doubting, doubting, doubting)
    found = find_heads(prepare_lines(text_doc(TEMPLATE)))
    titles = [head.title for head in engine.choose_heads(found).heads]
    assert titles == ["Parent Council Meeting", "Senior Leadership Team", "Fundraising", "AOB"]


LETTERED_POINTS = """
Minutes of the Meeting of Eastfield Parish Council
Present: Cllrs A Smith, B Jones
1. Apologies
None were received.
2. Minutes
The minutes of the last meeting were approved.
3. Playground
The council discussed the playground.
a) Fencing
The fence is to be repaired by the clerk.
b) Bins
The bins were emptied.
4. Finance
Payments were approved.
7. Date of next meeting
Monday 3 March.
"""


def test_the_line_model_adds_a_head_only_when_sure() -> None:
    # Every candidate line scores 0.6: enough to keep a rule's head, not to add one the rules did not read.
    unsure = LinearModel(("0", "1"), ({},), (0.4,))
    found = find_heads(prepare_lines(text_doc(LETTERED_POINTS)))
    cautious = Engine("test", unsure, unsure, unsure, head_threshold=0.5, add_threshold=0.7)
    titles = [head.title for head in cautious.choose_heads(found).heads]
    assert titles == ["Apologies", "Minutes", "Playground", "Finance", "Date of next meeting"]
    eager = Engine("test", unsure, unsure, unsure, head_threshold=0.5, add_threshold=0.0)
    assert "Fencing" in [head.title for head in eager.choose_heads(found).heads]
