"""Actions: marked ACTION lines, action-log tables, resolution clauses and narrative commitments."""
from __future__ import annotations

from datetime import date

from traction_analysis.document import Document, TextBlock
from traction_analysis.extract import extract
from traction_analysis.extract.dates import find_dates


def text_doc(text: str) -> Document:
    blocks = [TextBlock(line.strip(), None, number) for number, line in enumerate(text.splitlines(), 1)
              if line.strip()]
    return Document("minutes.txt", "text", blocks)


def actions_of(body: str, *, opening: str = "MINUTES of the Partnership Board held on 6 March 2025.",
               tail: str = "") -> list[tuple[str, str | None, str | None]]:
    text = f"{opening}\n5. Winter Resilience Plan\n{body}\n6. Any Other Business\nNone.\n{tail}"
    item = extract(text_doc(text)).items[0]
    return [(a.text, a.owner, a.due.isoformat() if a.due else None) for a in item.actions]


def test_nhs_action_line_with_responsible_officer() -> None:
    body = ("The Director of Nursing presented the plan.\n"
            "ACTION: The dashboard to be circulated to Board members by 31 March 2025.\n"
            "Responsible Officer: Director of Nursing.\n"
            "Outcome: the Board\n• noted the report.")
    assert actions_of(body) == [("The dashboard to be circulated to Board members", "Director of Nursing",
                                 "2025-03-31")]


def test_marked_actions_make_the_narrative_no_source_of_actions() -> None:
    body = ("The Director agreed to review the figures.\n"
            "Action: A review of the figures on staffing.\n"
            "Responsible Officer: Director of Finance")
    assert actions_of(body) == [("A review of the figures on staffing", "Director of Finance", None)]


def test_action_log_table_rows() -> None:
    blocks = [
        TextBlock("MINUTES of the Quality Committee held on 2 April 2025", None, 1),
        TextBlock("1. Action Log", None, 2),
        TextBlock("Ref | Action | Lead | Due date", None, 3, "table_row"),
        TextBlock("2025-26 (6) | Circulate the audit report | Company Secretary | 30/04/2025", None, 4, "table_row"),
        TextBlock("2025-26 (9) | Review the risk register | Medical Director | by the end of May", None, 5,
                  "table_row"),
        TextBlock("2. Date of Next Meeting", None, 6),
    ]
    item = extract(Document("log.docx", "docx", blocks)).items[0]
    assert [(a.text, a.owner, a.due) for a in item.actions] == [
        ("Circulate the audit report", "Company Secretary", date(2025, 4, 30)),
        ("Review the risk register", "Medical Director", None),
    ]


def test_uk_resolution_delegation_and_agreement() -> None:
    body = ("RESOLVED that Cabinet:\n1. Note the forecast position;\n"
            "2. Agree to submit a request to Government for inclusion in the programme; and\n"
            "3. That the Corporate Director of Finance be authorised to finalise the response.")
    found = actions_of(body)
    assert ("Submit a request to Government for inclusion in the programme", None, None) in found
    assert ("Finalise the response", "Corporate Director of Finance", None) in found
    assert len(found) == 2


def test_delegation_is_owned_by_the_delegate() -> None:
    body = ("RESOLVED that Cabinet note the settlement and agree to delegate finalising the response to the "
            "Corporate Director of Finance, in consultation with the Leader.")
    assert actions_of(body) == [("Finalising the response (delegated)",
                                 "Corporate Director of Finance, in consultation with the Leader", None)]
    body = "RESOLVED that delegated authority be given to the Chief Executive to agree the final terms."
    assert actions_of(body) == []  # "be given to" names no task owner the patterns trust; nothing invented
    body = "RESOLVED to delegate authority to the Head of Legal Services to complete the lease."
    assert actions_of(body) == [("Complete the lease (delegated)", "Head of Legal Services", None)]


def test_canadian_motion_assigns_a_report_with_a_dated_meeting() -> None:
    body = ("That the Winnipeg Public Service prepare a report on the implications to the April 14, 2015 "
            "meeting of the Standing Policy Committee. CARRIED")
    assert actions_of(body, opening="DISPOSITION OF ITEMS - COUNCIL MEETING - MARCH 25, 2015") == [
        ("Prepare a report on the implications to the April 14, 2015 meeting of the Standing Policy Committee",
         "Winnipeg Public Service", "2015-04-14")]


def test_us_authorisation_names_the_officer() -> None:
    body = "AUTHORIZED THE CITY MANAGER to execute a consultant services agreement with Acme Engineering."
    assert actions_of(body) == [("Execute a consultant services agreement with Acme Engineering",
                                 "City Manager", None)]


def test_authorising_the_body_itself_is_not_an_action() -> None:
    assert actions_of("RESOLVED that the Council be authorised to enter into the agreement.") == []


def test_narrative_commitments_with_owner() -> None:
    body = ("The Chair shared that she would send a message to group leaders about the campaign.\n"
            "Officers were asked to report back on the options in June.\n"
            "RESOLVED that the update be noted.")
    assert actions_of(body) == [
        ("Send a message to group leaders about the campaign", "Chair", None),
        ("Report back on the options in June", "Officers", None),
    ]


def test_chair_request_is_an_action_but_a_member_musing_is_not() -> None:
    body = ("Cllr Byrne requested the panel to share the content on social media.\n"
            "The Chair requested that a copy of the policy statement be shared with the minutes.\n"
            "Devolution would bring new funding to the county.")
    assert actions_of(body) == [("A copy of the policy statement be shared with the minutes", None, None)]


def test_us_bullet_named_people_need_to_act() -> None:
    body = "o Z. Maiorca, P. Bader and T. Feinberg need to submit updated applications"
    found = actions_of(body)
    assert [text for text, _, _ in found] == ["Submit updated applications"]
    assert "Feinberg" in (found[0][1] or "")


def test_irish_agreed_to_arrange_with_pronoun_resolved() -> None:
    body = ("The Director of Services confirmed that the agreement had ended in July.\n"
            "She agreed to arrange for the circulation of the web link to the Elected Members.")
    assert actions_of(body) == [("Arrange for the circulation of the web link to the Elected Members",
                                 "Director of Services", None)]


def test_dated_step_in_an_outcome_is_an_action() -> None:
    body = "Outcome: the Board\n• approved the Quality Account for publication by 30 June 2025."
    assert actions_of(body) == [("The Quality Account for publication", None, "2025-06-30")]


def test_due_only_from_a_full_date() -> None:
    body = "ACTION: Officers to report back on costs by March.\nACTION: Officers to publish the plan by the 14th."
    assert [due for _, _, due in actions_of(body)] == [None, None]


def test_by_the_next_meeting_uses_the_stated_next_meeting_date() -> None:
    body = "ACTION: The Director to bring the revised plan by the next meeting."
    tail = "7. Date of Next Meeting\nThursday 4 September 2025 at 9.00am"
    assert actions_of(body, tail=tail) == [("The Director to bring the revised plan by the next meeting", None,
                                            "2025-09-04")]
    assert actions_of(body)[0][2] is None  # no next meeting date stated: no due date


def test_withdrawn_item_assigns_nothing() -> None:
    assert actions_of("This item was withdrawn.\nACTION: Officers to circulate the paper.") == []


def test_british_dates_are_day_first_and_us_dates_month_first() -> None:
    assert find_dates("by 04/05/2025")[0][0] == date(2025, 5, 4)
    assert find_dates("on 04/05/2025", month_first=True)[0][0] == date(2025, 4, 5)
    assert find_dates("Thursday 12th October 2023 and March 25, 2015") == [
        (date(2023, 10, 12), 9, 26), (date(2015, 3, 25), 31, 45)]
    assert find_dates("by March 2025 or by the 14th") == []


def test_agreed_task_group_and_officers_asked_in_numbered_paragraphs() -> None:
    body = ("5.1 The Board considered the plan.\n"
            "5.2 The Board agreed that a task group be set up to review the metrics.\n"
            "5.3 Officers were asked to report back in September.")
    assert actions_of(body) == [("A task group be set up to review the metrics", None, None),
                                ("Report back in September", "Officers", None)]


def test_action_point_shorthand_names_the_owner() -> None:
    body = ("PW reported on the broadband survey. PW to circulate the report to councillors.\n"
            "A resident had complained about the dog bin; Mr Hale to ask the District Council for a larger bin.\n"
            "The clerk to send another letter to the Sports Club.")
    assert actions_of(body) == [
        ("Circulate the report to councillors", "PW", None),
        ("Ask the District Council for a larger bin", "Mr Hale", None),
        ("Send another letter to the Sports Club", "clerk", None),
    ]


def test_it_was_agreed_to_is_an_action_without_an_owner() -> None:
    body = "The councillor spoke about bus franchising. It was AGREED to invite the head of transport planning."
    assert actions_of(body) == [("Invite the head of transport planning", None, None)]


def test_points_separated_by_inline_dashes_are_separate_sentences() -> None:
    body = ("- The Clerk agreed to email the developer about the site. - Cllr Reed advised that the beds were "
            "planted and thanked the volunteers.")
    assert actions_of(body) == [("Email the developer about the site", "Clerk", None)]


def test_a_purpose_clause_is_not_the_action_shorthand() -> None:
    body = "The Chair wished to thank the volunteers. Members met the contractor to review the works."
    assert actions_of(body) == []
