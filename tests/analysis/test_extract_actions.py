"""Actions: marked ACTION lines, action-log tables, resolution clauses and narrative commitments."""

from __future__ import annotations

from datetime import date

from minutes_text import text_doc

from traction_analysis.document import Document, TextBlock
from traction_analysis.extract import extract
from traction_analysis.extract.dates import find_dates


def actions_of(
    body: str, *, opening: str = "MINUTES of the Partnership Board held on 6 March 2025.", tail: str = ""
) -> list[tuple[str, str | None, str | None]]:
    text = f"{opening}\n5. Winter Resilience Plan\n{body}\n6. Any Other Business\nNone.\n{tail}"
    item = extract(text_doc(text)).items[0]
    return [(a.text, a.owner, a.due.isoformat() if a.due else None) for a in item.actions]


def test_nhs_action_line_with_responsible_officer() -> None:
    body = (
        "The Director of Nursing presented the plan.\n"
        "ACTION: The dashboard to be circulated to Board members by 31 March 2025.\n"
        "Responsible Officer: Director of Nursing.\n"
        "Outcome: the Board\n• noted the report."
    )
    assert actions_of(body) == [
        ("Circulate the dashboard to Board members", "Director of Nursing", "2025-03-31")
    ]


def test_marked_actions_make_the_narrative_no_source_of_actions() -> None:
    body = (
        "The Director agreed to review the figures.\n"
        "Action: A review of the figures on staffing.\n"
        "Responsible Officer: Director of Finance"
    )
    assert actions_of(body) == [("A review of the figures on staffing", "Director of Finance", None)]


def test_action_log_table_rows() -> None:
    blocks = [
        TextBlock("MINUTES of the Quality Committee held on 2 April 2025", None, 1),
        TextBlock("1. Action Log", None, 2),
        TextBlock("Ref | Action | Lead | Due date", None, 3, "table_row"),
        TextBlock(
            "2025-26 (6) | Circulate the audit report | Company Secretary | 30/04/2025", None, 4, "table_row"
        ),
        TextBlock(
            "2025-26 (9) | Review the risk register | Medical Director | by the end of May",
            None,
            5,
            "table_row",
        ),
        TextBlock("2. Date of Next Meeting", None, 6),
    ]
    item = extract(Document("log.docx", "docx", blocks)).items[0]
    assert [(a.text, a.owner, a.due) for a in item.actions] == [
        ("Circulate the audit report", "Company Secretary", date(2025, 4, 30)),
        ("Review the risk register", "Medical Director", None),
    ]


def test_uk_resolution_delegation_and_agreement() -> None:
    body = (
        "RESOLVED that Cabinet:\n1. Note the forecast position;\n"
        "2. Agree to submit a request to Government for inclusion in the programme; and\n"
        "3. That the Corporate Director of Finance be authorised to finalise the response."
    )
    found = actions_of(body)
    assert ("Submit a request to Government for inclusion in the programme", None, None) in found
    assert ("Finalise the response", "Corporate Director of Finance", None) in found
    assert len(found) == 2


def test_delegation_is_owned_by_the_delegate() -> None:
    body = (
        "RESOLVED that Cabinet note the settlement and agree to delegate finalising the response to the "
        "Corporate Director of Finance, in consultation with the Leader."
    )
    assert actions_of(body) == [
        (
            "Finalising the response (delegated)",
            "Corporate Director of Finance, in consultation with the Leader",
            None,
        )
    ]
    body = "RESOLVED that delegated authority be given to the Chief Executive to agree the final terms."
    assert actions_of(body) == [("Agree the final terms (delegated)", "Chief Executive", None)]
    body = "RESOLVED to delegate authority to the Head of Legal Services to complete the lease."
    assert actions_of(body) == [("Complete the lease (delegated)", "Head of Legal Services", None)]


def test_canadian_motion_assigns_a_report_with_a_dated_meeting() -> None:
    body = (
        "That the Winnipeg Public Service prepare a report on the implications to the April 14, 2015 "
        "meeting of the Standing Policy Committee. CARRIED"
    )
    assert actions_of(body, opening="DISPOSITION OF ITEMS - COUNCIL MEETING - MARCH 25, 2015") == [
        (
            "Prepare a report on the implications to the April 14, 2015 meeting of the Standing Policy Committee",
            "Winnipeg Public Service",
            "2015-04-14",
        )
    ]


def test_us_authorisation_names_the_officer() -> None:
    body = "AUTHORIZED THE CITY MANAGER to execute a consultant services agreement with Acme Engineering."
    assert actions_of(body) == [
        ("Execute a consultant services agreement with Acme Engineering", "City Manager", None)
    ]


def test_authorising_the_body_itself_is_not_an_action() -> None:
    assert actions_of("RESOLVED that the Council be authorised to enter into the agreement.") == []


def test_narrative_commitments_with_owner() -> None:
    body = (
        "The Chair shared that she would send a message to group leaders about the campaign.\n"
        "Officers were asked to report back on the options in June.\n"
        "RESOLVED that the update be noted."
    )
    assert actions_of(body) == [
        ("Send a message to group leaders about the campaign", "Chair", None),
        ("Report back on the options in June", "Officers", None),
    ]


def test_chair_request_is_an_action_but_a_member_musing_is_not() -> None:
    body = (
        "Cllr Byrne requested the panel to share the content on social media.\n"
        "The Chair requested that a copy of the policy statement be shared with the minutes.\n"
        "Devolution would bring new funding to the county."
    )
    assert actions_of(body) == [("A copy of the policy statement be shared with the minutes", None, None)]


def test_us_bullet_named_people_need_to_act() -> None:
    body = "o Z. Maiorca, P. Bader and T. Feinberg need to submit updated applications"
    found = actions_of(body)
    assert [text for text, _, _ in found] == ["Submit updated applications"]
    assert "Feinberg" in (found[0][1] or "")


def test_irish_agreed_to_arrange_with_pronoun_resolved() -> None:
    body = (
        "The Director of Services confirmed that the agreement had ended in July.\n"
        "She agreed to arrange for the circulation of the web link to the Elected Members."
    )
    assert actions_of(body) == [
        ("Arrange for the circulation of the web link to the Elected Members", "Director of Services", None)
    ]


def test_dated_step_in_an_outcome_is_an_action() -> None:
    body = "Outcome: the Board\n• approved the Quality Account for publication by 30 June 2025."
    assert actions_of(body) == [("The Quality Account for publication", None, "2025-06-30")]


def test_due_only_from_a_full_date() -> None:
    body = "ACTION: Officers to report back on costs by March.\nACTION: Officers to publish the plan by the 14th."
    assert [due for _, _, due in actions_of(body)] == [None, None]


def test_by_the_next_meeting_uses_the_stated_next_meeting_date() -> None:
    body = "ACTION: The Director to bring the revised plan by the next meeting."
    tail = "7. Date of Next Meeting\nThursday 4 September 2025 at 9.00am"
    assert actions_of(body, tail=tail) == [
        ("Bring the revised plan by the next meeting", "Director", "2025-09-04")
    ]
    assert actions_of(body)[0][2] is None  # no next meeting date stated: no due date


def test_withdrawn_item_assigns_nothing() -> None:
    assert actions_of("This item was withdrawn.\nACTION: Officers to circulate the paper.") == []


def test_british_dates_are_day_first_and_us_dates_month_first() -> None:
    assert find_dates("by 04/05/2025")[0][0] == date(2025, 5, 4)
    assert find_dates("on 04/05/2025", month_first=True)[0][0] == date(2025, 4, 5)
    assert find_dates("Thursday 12th October 2023 and March 25, 2015") == [
        (date(2023, 10, 12), 9, 26),
        (date(2015, 3, 25), 31, 45),
    ]
    assert find_dates("by March 2025 or by the 14th") == []


def test_agreed_task_group_and_officers_asked_in_numbered_paragraphs() -> None:
    body = (
        "5.1 The Board considered the plan.\n"
        "5.2 The Board agreed that a task group be set up to review the metrics.\n"
        "5.3 Officers were asked to report back in September."
    )
    assert actions_of(body) == [
        ("A task group be set up to review the metrics", None, None),
        ("Report back in September", "Officers", None),
    ]


def test_action_point_shorthand_names_the_owner() -> None:
    body = (
        "PW reported on the broadband survey. PW to circulate the report to councillors.\n"
        "A resident had complained about the dog bin; Mr Hale to ask the District Council for a larger bin.\n"
        "The clerk to send another letter to the Sports Club."
    )
    assert actions_of(body) == [
        ("Circulate the report to councillors", "PW", None),
        ("Ask the District Council for a larger bin", "Mr Hale", None),
        ("Send another letter to the Sports Club", "clerk", None),
    ]


def test_it_was_agreed_to_is_an_action_without_an_owner() -> None:
    body = (
        "The councillor spoke about bus franchising. It was AGREED to invite the head of transport planning."
    )
    assert actions_of(body) == [("Invite the head of transport planning", None, None)]


def test_the_next_step_is_an_action_nobody_is_named_for() -> None:
    body = (
        "There has been a positive response. The next step is to set up a meeting with the Ordnance Survey."
    )
    assert actions_of(body) == [("Set up a meeting with the Ordnance Survey", None, None)]


def test_points_separated_by_inline_dashes_are_separate_sentences() -> None:
    body = (
        "- The Clerk agreed to email the developer about the site. - Cllr Reed advised that the beds were "
        "planted and thanked the volunteers."
    )
    assert actions_of(body) == [("Email the developer about the site", "Clerk", None)]


def test_a_purpose_clause_is_not_the_action_shorthand() -> None:
    body = "The Chair wished to thank the volunteers. Members met the contractor to review the works."
    assert actions_of(body) == []


PARISH = "MINUTES OF THE PARISH COUNCIL MEETING HELD ON TUESDAY 1 OCTOBER 2024\nPresent: Esme Clark, John Foster, Mrs R Crisp, Mr M Peake"


def test_a_member_present_commits_by_first_name() -> None:
    body = "Use of the library: Esme will contact Ruby Kelly about a drop-in surgery.\nDevolution would bring new money."
    assert actions_of(body, opening=PARISH) == [("Contact Ruby Kelly about a drop-in surgery", "Esme", None)]


def test_would_be_doing_is_a_commitment_but_a_passive_report_is_not() -> None:
    body = (
        "Cllr Daphne Clements would be telephoning Post Office Ltd about the mobile van.\n"
        "The plan would be brought back in the autumn.\n"
        "The petition had 1,000 signatures and would be presented within ten days."
    )
    assert actions_of(body, opening=PARISH) == [
        ("Telephoning Post Office Ltd about the mobile van", "Cllr Daphne Clements", None)
    ]


def test_initials_commit_only_someone_present() -> None:
    body = (
        "JF had contacted Living Rent. He would again seek a representative for the February meeting.\n"
        "LCCC will do this for each successful applicant."
    )
    found = actions_of(body, opening=PARISH)
    assert [(text, owner) for text, owner, _ in found] == [
        ("Seek a representative for the February meeting", "JF")
    ]


def test_request_that_an_officer_acts_names_the_officer() -> None:
    body = (
        "CC requested that the Parish Clerk writes to the Borough Council about the verge.\n"
        "The asset register was discussed; the clerk was asked to email the auditor about it.\n"
        "It was agreed that Mr Peake would contact the landowner about the hedge."
    )
    assert actions_of(body, opening=PARISH) == [
        ("Writes to the Borough Council about the verge", "Parish Clerk", None),
        ("Email the auditor about it [The asset register was discussed]", "clerk", None),
        ("Contact the landowner about the hedge", "Mr Peake", None),
    ]


def test_passive_shorthand_steps_and_agenda_items() -> None:
    body = (
        "- A letter to be sent to the Environment Agency about the collapsed bank.\n"
        "- VAT claim to be sent off for £1861.11\n"
        "1. Dog fouling to be an agenda item for the next meeting.\n"
        "The annual return was required to be sent for external audit."
    )
    assert [text for text, _, _ in actions_of(body, opening=PARISH)] == [
        "Send a letter to the Environment Agency about the collapsed bank",
        "Send off VAT claim for £1861.11",
        "Dog fouling to be an agenda item for the next meeting",
    ]


def test_several_action_points_in_one_sentence() -> None:
    body = (
        "Cemetery Records Working Party – Cllr Janet Taylor to take the lead on the records and Cllr Daphne "
        "Clements to do the electronic plan."
    )
    assert actions_of(body, opening=PARISH) == [
        ("Take the lead on the records", "Cllr Janet Taylor", None),
        ("Do the electronic plan", "Cllr Daphne Clements", None),
    ]


US_TOWNSHIP = (
    "Town of North Star Monthly Meeting October 19, 2020\n"
    "Board members present were supervisors Janet Keough and Gary Mantay, clerks Linda Britton and "
    "Carrie Landman, and treasurer Ray Barnes."
)


def test_us_duties_list_and_motion_to_have_someone_act() -> None:
    body = (
        "Motion by Janet Keough, second by Gary Mantay to have Carrie sign up for the clerk classes. Motion "
        "carried by a unanimous vote. Janet Keough also asked Carrie to check on printer prices.\n"
        "Gary take pictures of the new truck with Carrie, Linda and Carrie work with Rory on the Cares Act, "
        "Ray speak with Jennifer about the treasurer position"
    )
    assert actions_of(body, opening=US_TOWNSHIP) == [
        ("Sign up for the clerk classes", "Carrie", None),
        ("Check on printer prices", "Carrie", None),
        ("Take pictures of the new truck with Carrie", "Gary", None),
        ("Work with Rory on the Cares Act", "Linda and Carrie", None),
        ("Speak with Jennifer about the treasurer position", "Ray", None),
    ]


def test_us_reporter_in_the_present_tense_owns_his_commitment() -> None:
    body = "Mike Siers reports he is working on the chart. He will start an email list for residents."
    assert actions_of(body, opening=US_TOWNSHIP) == [
        ("Start an email list for residents", "Mike Siers", None)
    ]


def test_suggestions_proposals_and_musings_are_not_actions() -> None:
    body = (
        "It was suggested the football goal posts should be included in any inspection.\n"
        "Cllr Jim McNeill proposed that a site visit be requested with the housing association.\n"
        "CC commented that perhaps the Parish Council should advise the Police.\n"
        "He feels the word needs to get out to residents."
    )
    assert actions_of(body, opening=PARISH) == []


def test_a_decision_that_is_itself_the_follow_up_is_not_an_action() -> None:
    body = (
        "RESOLVED that the Board approve the establishment of a steering group.\n"
        "It was moved by Cllr Reed, seconded by Cllr Hale, that Mr G Cooke be elected to chair the meeting."
    )
    assert actions_of(body) == []


def test_a_seconded_motion_that_something_should_be_done_is_an_action() -> None:
    body = (
        "CC proposed and LH seconded that the financial information should be presented at the July meeting."
    )
    assert actions_of(body, opening=PARISH) == [
        ("Present the financial information at the July meeting", None, None)
    ]


def test_officer_should_ensure_is_an_action() -> None:
    body = "CC expressed concern that the data may be lost and that the Parish Clerk should ensure the data is kept."
    assert actions_of(body, opening=PARISH) == [("Ensure the data is kept", "Parish Clerk", None)]


def test_delegated_authority_in_its_usual_forms() -> None:
    body = (
        "RESOLVED that authority be delegated to the Director of Finance to finalise the terms of the lease."
    )
    assert actions_of(body) == [("Finalise the terms of the lease (delegated)", "Director of Finance", None)]
    body = "RESOLVED that the Chief Executive be given delegated authority to agree the final terms."
    assert actions_of(body) == [("Agree the final terms (delegated)", "Chief Executive", None)]


def test_a_report_requested_by_the_committee() -> None:
    body = (
        "The Committee requested a report to a future meeting on the parking options.\n"
        "Cllr Hale wondered whether a report might be requested on street lighting."
    )
    assert actions_of(body) == [("A report to a future meeting on the parking options", None, None)]


def test_role_shorthand_with_a_full_due_date() -> None:
    body = "The Director of Public Health to circulate the dashboard to members by 31 March 2025."
    assert actions_of(body) == [
        ("Circulate the dashboard to members", "Director of Public Health", "2025-03-31")
    ]


def test_a_lettered_point_run_into_the_paragraph_starts_a_sentence() -> None:
    body = (
        "c) The handyman noted that the extension piece has not been fitted on the post. The Parish Clerk is to "
        "follow this up with the contractor. d) A parishioner raised concern about the grass in St Andrews Close."
    )
    assert actions_of(body, opening=PARISH) == [
        (
            "Follow this up with the contractor [the extension piece has not been fitted on the post]",
            "Parish Clerk",
            None,
        )
    ]


def test_an_action_marker_that_names_only_the_owner_owns_the_paragraph_above() -> None:
    body = (
        "The potholes on Mill Lane have worsened. A letter is to go to Highways about them.\n"
        "ACTION: Clerk\n"
        "Members discussed the bus shelter.\n"
        "Action: None"
    )
    assert actions_of(body, opening=PARISH) == [("A letter is to go to Highways about them", "Clerk", None)]


def test_resolutions_that_name_officers_and_other_bodies() -> None:
    body = (
        "RESOLVED that officers bring a further report to the Committee in September.\n"
        "The Board asked that the Quality Committee review the metrics.\n"
        "The Committee AGREED to ask officers to review the charging policy.\n"
        "It was agreed that the matter be referred to the Planning Committee."
    )
    assert sorted(actions_of(body)) == [
        ("Bring a further report to the Committee in September", "officers", None),
        ("Review the charging policy", "officers", None),
        ("Review the metrics", "Quality Committee", None),
    ]


def test_irish_and_canadian_officer_commitments() -> None:
    body = (
        "Ms Reidy, Director of Services, undertook to revert to the members on the cost of the works.\n"
        "Administration to report back to the Standing Policy Committee in June.\n"
        "Staff was directed to bring back a proposal at the next meeting."
    )
    assert actions_of(body) == [
        ("Revert to the members on the cost of the works", "Director of Services", None),
        ("Report back to the Standing Policy Committee in June", "Administration", None),
        ("Bring back a proposal at the next meeting", "Staff", None),
    ]


def test_what_happens_at_the_meeting_and_standing_headings_are_not_actions() -> None:
    body = (
        "The Chair asked Cllr Peake to present the report. Dr Shah was invited to introduce the item.\n"
        "The Chair asked the Director of Finance to introduce the item.\n"
        "Items to be included on the next agenda from the Parish Council."
    )
    assert actions_of(body, opening=PARISH) == []


def test_a_long_minute_heading_on_its_own_line_keeps_its_actions() -> None:
    text = (
        "MINUTES OF THE PARISH COUNCIL MEETING HELD ON 5 JUNE 2019\n"
        "148/19 To Approve: Payments The payments were agreed.\n"
        "149/19 To Receive items of concern & matters to be included on the next agenda from the Parish Council\n"
        "Cllr Janet Taylor agreed to seek prices for improving the village sign.\n"
        "150/19 Date of the Next Meeting\nWednesday 3 July 2019."
    )
    items = extract(text_doc(text)).items
    assert [item.number for item in items][:3] == ["148/19", "149/19", "150/19"]
    assert [(a.text, a.owner) for a in items[1].actions] == [
        ("Seek prices for improving the village sign", "Cllr Janet Taylor")
    ]


def test_resolved_that_an_officer_acts_but_a_proposal_without_a_seconder_does_not() -> None:
    assert actions_of(
        "It was RESOLVED that the Clerk write to the school about parking.", opening=PARISH
    ) == [("Write to the school about parking", "Clerk", None)]
    assert (
        actions_of(
            "Cllr Reed proposed that the Clerk write to the school. There was no seconder.", opening=PARISH
        )
        == []
    )


def test_action_owner_at_the_end_of_a_line_and_points_under_an_actions_heading() -> None:
    body = (
        "ACTION: Officers to publish the summary.\n"
        "The Director of Finance would circulate the revised plan to members. Action: JB\n"
        "The Board discussed recruitment.\n"
        "Actions:\n"
        "- Clerk to book the hall for the annual meeting\n"
        "- Update the asset register\n"
        "The Board noted the report."
    )
    assert actions_of(body) == [
        ("Publish the summary", "Officers", None),
        ("Circulate the revised plan to members", "JB", None),
        ("Book the hall for the annual meeting", "Clerk", None),
        ("Update the asset register", None, None),
    ]


def test_members_asked_to_act_after_the_meeting_but_not_to_consider_the_report_now() -> None:
    body = (
        "Members were asked to consider the report.\n"
        "The Chair asked members to send comments on the draft plan to the Clerk by 31 May 2025."
    )
    assert actions_of(body) == [("Send comments on the draft plan to the Clerk", "members", "2025-05-31")]


def test_agreed_to_several_steps_gives_each_step() -> None:
    body = (
        "The meeting agreed to keep two public meetings a year but to hold them in April and September "
        "and to make preparations for two in the coming year despite the likely election."
    )
    assert [text for text, _, _ in actions_of(body)] == [
        "Hold them in April and September [The meeting agreed to keep two public meetings a year]",
        "Make preparations for two in the coming year",
    ]


def test_requests_from_the_public_and_points_of_debate_are_not_actions() -> None:
    body = (
        "A resident requested the hedge on Mill Lane to be cut back.\n"
        "Cllr Reed asked Cllr Hale to clarify his comments."
    )
    assert actions_of(body, opening=PARISH) == []


def test_the_body_resolved_to_take_a_step() -> None:
    body = (
        "RESOLVED: To write to the County Council about the speed limit.\n"
        "Resolved to ask the Clerk to obtain quotes for the bench.\n"
        "The Council resolved to approve the grant and to write to the applicant."
    )
    assert sorted(actions_of(body, opening=PARISH)) == [
        ("Obtain quotes for the bench", "Clerk", None),
        ("Write to the County Council about the speed limit", None, None),
        ("Write to the applicant", None, None),
    ]


def test_us_and_canadian_directions_to_staff_and_administration() -> None:
    body = (
        "Direction was given to staff to prepare an ordinance on short-term rentals.\n"
        "Moved by Councillor Ali, Seconded by Councillor Brown, That Administration be directed to report back "
        "on the costs.\n"
        "It was noted that a further report would be brought to the Committee in June."
    )
    assert actions_of(body) == [
        ("Prepare an ordinance on short-term rentals", "staff", None),
        ("Report back on the costs", "Administration", None),
    ]


def test_a_debate_yields_only_the_commitments_made_in_it() -> None:
    body = (
        "Mr Smith, Cabinet Member for Highways, introduced the report. He said that the council would continue to "
        "lobby government for fair funding.\n"
        "Members asked whether the service would be reviewed. In response, the Cabinet Member said she would "
        "write to all members with the figures.\n"
        "Mr Jones said that residents would welcome the scheme. The Leader would not support the amendment.\n"
        "Mrs Patel asked the Cabinet Member to explain the delay.\n"
        "It was suggested that the Council should write to the Secretary of State.\n"
        "RESOLVED that the report be noted."
    )
    assert actions_of(body) == [("Write to all members with the figures", "Cabinet Member", None)]


def test_a_step_the_meeting_says_should_be_taken_but_not_a_comment_that_it_should() -> None:
    body = (
        "Newsletters should be prepared for issue in March and September.\n"
        "CC commented that details of the vehicle should be obtained and passed to the police."
    )
    assert actions_of(body, opening=PARISH) == [
        ("Prepare Newsletters for issue in March and September", None, None)
    ]


def test_he_or_she_is_the_person_a_run_in_heading_introduces_or_the_one_asked() -> None:
    body = (
        "There was hope that the proposals outlined by Councillor Bell could ease the deficit.\n"
        "Housing and Rents JF had again contacted Living Rent. No one appeared. He would again seek a "
        "representative for the February meeting."
    )
    assert actions_of(body, opening=PARISH) == [
        ("Seek a representative for the February meeting", "JF", None)
    ]
    body = (
        "Janet Keough questioned Ray Barnes of Jennifer's interest in the post. He will speak to Jennifer and "
        "report back next month."
    )
    assert actions_of(body, opening=US_TOWNSHIP) == [
        ("Speak to Jennifer and report back next month", "Ray Barnes", None)
    ]


def test_tasked_with_will_be_asked_to_and_action_by() -> None:
    body = (
        "The Clerk was tasked with contacting the insurer about the claim.\n"
        "Officers will be asked to review the parking scheme.\n"
        "The Treasurer would prepare the budget for the next meeting. Action by: Treasurer"
    )
    assert sorted(actions_of(body, opening=PARISH)) == [
        ("Contacting the insurer about the claim", "Clerk", None),
        ("Prepare the budget for the next meeting", "Treasurer", None),
        ("Review the parking scheme", "Officers", None),
    ]


ROLES_OPENING = "MINUTES of the Health and Wellbeing Board held on 6 March 2024."


def test_a_marked_action_that_opens_with_a_role_is_owned_by_the_whole_role() -> None:
    body = "ACTION: Director of Public Health to circulate the revised vaccination plan to members."
    assert actions_of(body, opening=ROLES_OPENING) == [
        ("Circulate the revised vaccination plan to members", "Director of Public Health", None)
    ]


def test_a_marked_role_action_keeps_its_due_date_in_the_text_or_on_a_deadline_line() -> None:
    expected = [("Submit the plan", "Head of Integrated Commissioning", "2024-06-10")]
    in_text = "ACTION: Head of Integrated Commissioning to submit the plan by 10 June 2024."
    on_a_line = "ACTION: Head of Integrated Commissioning to submit the plan.\nDeadline: 10 June 2024"
    assert actions_of(in_text, opening=ROLES_OPENING) == expected
    assert actions_of(on_a_line, opening=ROLES_OPENING) == expected


def test_a_role_whose_name_has_and_in_it_is_one_owner() -> None:
    body = (
        "The Board noted the savings. The Director of Finance and Resources to circulate the budget profile."
    )
    assert actions_of(body, opening=ROLES_OPENING) == [
        ("Circulate the budget profile", "Director of Finance and Resources", None)
    ]


def test_asking_someone_to_act_is_still_theirs_but_a_director_is_not_a_request() -> None:
    narrative = "The Board agreed to ask officers to review the uptake data."
    assert actions_of(narrative, opening=ROLES_OPENING) == [("Review the uptake data", "officers", None)]


def test_numbered_action_markers() -> None:
    body = (
        "The Panel discussed the naming of offenders.\n"
        "Action 2: Will Perrin to highlight the subject of naming offenders on Talk About Local.\n"
        "Action 3: Emer Coleman to raise the issue of naming of offenders on her blog."
    )
    found = actions_of(body)
    assert [text for text, _, _ in found] == [
        "Highlight the subject of naming offenders on Talk About Local",
        "Raise the issue of naming of offenders on her blog",
    ]
    assert [owner for _, owner, _ in found] == ["Will Perrin", "Emer Coleman"]


def test_an_officer_authorised_in_consultation_with_others_holds_the_task() -> None:
    body = (
        "It was APPROVED that the Committee:\n"
        "1. Noted the options for the future management of iPoints.\n"
        "2. Authorised the Executive Director Growth and Regeneration, in consultation with the Chair of the\n"
        "Committee, to prepare a new contract for the ongoing management of iPoints."
    )
    assert actions_of(body) == [
        (
            "Prepare a new contract for the ongoing management of iPoints",
            "Executive Director Growth and Regeneration",
            None,
        )
    ]


def test_a_directors_present_list_names_who_can_commit() -> None:
    opening = (
        "MINUTES of the Community Council held on 16 March 2022.\n"
        "Directors Present: Melanie Davies, Lindsey Webb, Matt Gautrowski"
    )
    body = (
        "The group discussed moving the speaker to July. Lindsey will contact Bellwether.\n"
        "Matt Gautrowski is going to arrange a cleanup event."
    )
    assert actions_of(body, opening=opening) == [
        ("Contact Bellwether", "Lindsey", None),
        ("Arrange a cleanup event", "Matt Gautrowski", None),
    ]


def test_an_action_table_read_as_lines() -> None:
    opening = "MINUTES of the Community Council held on 19 March 2019.\nPresent: Watson Smith, Mary Jones, Ian Brown"
    body = (
        "Who What Status\n"
        "Watson - Website - Training\n"
        "Update on Portincaple Development\n"
        "Mary - Residents Committee - Email Cllr Freeman for confirmation of\n"
        "meeting dates.\n"
        "Ian - 3 Lochs Way - Estimate of works"
    )
    assert actions_of(body, opening=opening) == [
        ("Website - Training", "Watson", None),
        ("Update on Portincaple Development", "Watson", None),
        ("Residents Committee - Email Cllr Freeman for confirmation of meeting dates", "Mary", None),
        ("3 Lochs Way - Estimate of works", "Ian", None),
    ]


def test_owners_listed_after_the_rows_of_an_action_table_read_as_lines() -> None:
    body = (
        "Conclusions:\n"
        "Nina is authorised to proceed with the gambling licence.\n"
        "Action items Person responsible Deadline\n"
        "Submit application for a licence.\n"
        "Confirm availability at Oran Mor and book the date\n"
        "Nina\n"
        "Jac\n"
        "Enter deadline here"
    )
    assert actions_of(body) == [
        ("Submit application for a licence", "Nina", None),
        ("Confirm availability at Oran Mor and book the date", "Jac", None),
    ]


def test_a_named_person_instructed_and_a_contracted_will() -> None:
    opening = "MINUTES of the Committee held on 18 January 2018.\nPresent: Chair Jerdonek, Member Hage"
    body = (
        "The commissioners, by consensus, instructed Holbrook to draft a marina design.\n"
        "Chair Jerdonek said he’ll do the build script so that Python 3.5 can be used."
    )
    assert actions_of(body, opening=opening) == [
        ("Draft a marina design", "Holbrook", None),
        ("Do the build script so that Python 3.5 can be used", "Chair Jerdonek", None),
    ]


def test_an_action_table_under_the_previous_minutes_reviews_old_actions() -> None:
    text = (
        "MINUTES of the Community Council held on 19 March 2019.\n"
        "Present: Watson Smith, Mary Jones\n"
        "3. Approval of previous minutes\n"
        "Minutes agreed on 15th January 2019.\n"
        "Who What Status\n"
        "Watson - Investigate works at Portincaple. On Agenda\n"
        "4. Any Other Business\nNone."
    )
    assert [item.actions for item in extract(text_doc(text)).items] == [[], []]


def test_initials_standing_after_a_sentence_own_its_step() -> None:
    opening = "MINUTES of the Community Council held on 4 June 2019.\nPresent: Gordon Dodds, Iain Kirk"
    body = "With the police present there was discussion about speed.\nDarren would be asked to chase up the works. GD/IK"
    assert actions_of(body, opening=opening) == [("Chase up the works", "GD/IK", None)]


def test_a_passive_step_that_is_to_be_done() -> None:
    body = "A proposal to install CCTV was discussed.\nOptions for the purchase of cameras are to be investigated."
    assert [text for text, _, _ in actions_of(body, opening=PARISH)] == [
        "Investigate options for the purchase of cameras"
    ]


def test_an_item_headed_actions_lists_them() -> None:
    text = (
        "MINUTES of the Paediatric Group held on 12 October 2021.\n"
        "1. Actions\n"
        "- Members to send Trust scoliosis protocols to the shared mailbox\n"
        "- Chair to confirm the date of the regional study day\n"
        "2. Any Other Business\nNone."
    )
    assert [action.text for action in extract(text_doc(text)).items[0].actions] == [
        "Send Trust scoliosis protocols to the shared mailbox",
        "Confirm the date of the regional study day",
    ]


def test_sibling_steps_of_a_list_are_both_actions() -> None:
    from traction_analysis.extract.actions.build import dedupe
    from traction_analysis.extract.model import ExtractedAction

    sent = [
        ExtractedAction("Send the scoliosis protocols to the group", "JH"),
        ExtractedAction("Send the neuro protocols to the group", "JH"),
    ]
    assert dedupe(sent) == sent
    # The same step found twice (once without its owner) is one action.
    again = [
        ExtractedAction("Send the neuro protocols to the group", "JH"),
        ExtractedAction("Send the neuro protocols to the group.", None),
    ]
    assert dedupe(again) == again[:1]
    # Another owner's like step is that owner's own.
    other = [sent[0], ExtractedAction("Send the scoliosis protocols to the group", "PW")]
    assert dedupe(other) == other


def test_initials_of_several_owners_stay_as_written() -> None:
    from traction_analysis.extract.actions.owners import owner_name

    assert owner_name("IK/CC", None) == "IK/CC"
    assert owner_name("JH, PW & SB", None) == "JH, PW & SB"
    assert owner_name("THE CLERK", None) == "Clerk"


def test_a_delegation_in_consultation_with_others_and_a_task_said_as_a_noun() -> None:
    body = (
        "RESOLVED: 1) Delegated authority to the Executive Director of Transport, in consultation with the "
        "unitary authority Directors, to issue a tender for the next cycle hire contract."
    )
    assert actions_of(body) == [
        (
            "Issue a tender for the next cycle hire contract (delegated)",
            "Executive Director of Transport",
            None,
        )
    ]
    body = (
        "RESOLVED: 4) Delegated authority to the Executive Director for Transport in consultation with the "
        "S73 Officer for the approval of all remaining change requests."
    )
    assert actions_of(body) == [
        ("Approve all remaining change requests (delegated)", "Executive Director for Transport", None)
    ]
    body = "RESOLVED: Noted the grant and delegates the finalisation of the detail of delivery to the Director of Place."
    assert actions_of(body) == [("Finalise the detail of delivery (delegated)", "Director of Place", None)]
    # A heading naming a delegation ("Delegating Authority to …") sets no task of its own.
    assert actions_of("RESOLVED: Delegation of Authority to Library Director to Make Decisions.") == []


def test_an_initial_and_the_surname_of_someone_present_owns_a_step() -> None:
    opening = (
        "MINUTES of the Partnership Board held on 6 March 2025.\nIn attendance: Tony Power, Paul Geraghty"
    )
    body = "The annual report has been published. T Power to circulate the link to the committee."
    assert actions_of(body, opening=opening) == [("Circulate the link to the committee", "T Power", None)]
    # Someone not present is not taken for an owner.
    assert actions_of("The report has been published. K Smith to circulate the link.", opening=opening) == []


def test_canadian_resolution_authorises_a_role_with_its_department_or_capacity() -> None:
    body = "RESOLVED: 3. Authorize the General Manager, Engineering to execute Contract No. 1724-001-11."
    assert actions_of(body) == [("Execute Contract No. 1724-001-11", "General Manager, Engineering", None)]
    body = (
        "RESOLVED: 2. Authorize the Fire Chief, as the Emergency Planning Coordinator, to submit staff "
        "comments to the Province."
    )
    assert actions_of(body) == [
        ("Submit staff comments to the Province", "Fire Chief, as the Emergency Planning Coordinator", None)
    ]


def test_an_imperative_direction_to_staff_is_an_action() -> None:
    body = "RESOLVED: 2. Direct staff to proceed with further consultation with the community."
    assert actions_of(body) == [("Proceed with further consultation with the community", "staff", None)]


def test_agreed_following_a_show_of_hands_is_no_step() -> None:
    opening = "MINUTES of the District held on 6 March 2025.\nPresent: Cllr. W. Quinn, Cllr. M. Doran"
    body = (
        "The plan was presented.\nProposed: Cllr. W. Quinn\nSeconded: Cllr. M. Doran\n"
        "And agreed following a show of hands\nBarry Knowles gave a presentation."
    )
    assert actions_of(body, opening=opening) == []
    assert actions_of("JH to follow up with the school.") == [("Follow up with the school", "JH", None)]


def test_an_owner_does_not_end_in_a_conjunction() -> None:
    from traction_analysis.extract.actions.owners import owner_name

    assert owner_name("Cllr. T. Kinsella And", None) == "Cllr. T. Kinsella"


def test_a_bare_verb_takes_its_object_from_the_sentence_before() -> None:
    body = "It was reported that further street lights are not working.  Clerk to report."
    assert actions_of(body) == [("Report [further street lights are not working]", "Clerk", None)]


def test_a_step_answering_a_question_carries_the_question() -> None:
    body = (
        "Pavlik asked if the insurance would provide for loss of income if any of the docks had to be closed. "
        "The Manager said she would check with Nasburg Huggins."
    )
    assert actions_of(body) == [
        (
            "Check with Nasburg Huggins [if the insurance would provide for loss of income if any of the docks "
            "had to be closed]",
            "Manager",
            None,
        )
    ]
    body = "What would happen if equipment broke down and IT support. DP stated that she would return with an answer."
    assert (
        actions_of(body)[0][0]
        == "Return with an answer [What would happen if equipment broke down and IT support]"
    )


def test_a_step_with_its_own_matter_takes_no_question() -> None:
    body = "Mr Smith asked whether the bins could be emptied weekly. The Clerk agreed to contact the council."
    assert actions_of(body) == [("Contact the council", "Clerk", None)]


def test_an_action_marked_completed_or_closed_is_already_done() -> None:
    body = (
        "ACTION: Circulate the updated sarcoma pathway [completed]\n"
        "ACTION: Circulate the review of the fluoro protocols (closed)\n"
        "ACTION: Circulate the assessment document for cauda equina"
    )
    assert [text for text, _, _ in actions_of(body)] == ["Circulate the assessment document for cauda equina"]


def test_clerk_and_a_bare_verb_is_the_clerk_to_shorthand() -> None:
    body = (
        "Cllr Hayward received a complaint of an overgrown hedge at Abbotswood. "
        "Clerk report to Martyn Evans, MCC.\n"
        "Clerk report was noted by members."
    )
    assert actions_of(body) == [("Report to Martyn Evans, MCC", "Clerk", None)]


def test_taking_part_in_an_event_in_the_progressive_reports_a_diary() -> None:
    body = (
        "Esme Clark reported that she would be presenting at the county conference in July.\n"
        "John Foster will be attending the flood forum meeting next week.\n"
        "Mrs R Crisp would be telephoning the contractor about the verge."
    )
    assert actions_of(body, opening=PARISH) == [
        ("Telephoning the contractor about the verge", "Mrs R Crisp", None)
    ]


def test_a_reported_clause_commits_only_a_person_as_its_subject() -> None:
    body = (
        "Mr M Peake said the flooding issue is going to get worse over the winter.\n"
        "Mr M Peake stated the Council needs to address the drainage question.\n"
        "Esme Clark said the Clerk would write to the landowner."
    )
    assert actions_of(body, opening=PARISH) == [("Write to the landowner", "Clerk", None)]


def test_a_pronoun_whose_speaker_is_no_name_commits_nobody() -> None:
    body = (
        "Esme Clark shared a few notes from the litter group. The group is holding a spring clean.\n"
        "They will provide supplies for the clean."
    )
    assert actions_of(body, opening=PARISH) == []


def test_a_deferral_or_a_state_in_a_motion_sets_no_step() -> None:
    body = (
        "It was moved and seconded that the hearing on the boat ramp be continued to Monday 27 October.\n"
        "The Committee agreed that they would be keen to consider this again next year.\n"
        "It was decided to postpone action on this topic until a full committee was present.\n"
        "The Chair requested that a copy of the survey be circulated to members."
    )
    assert [text for text, _, _ in actions_of(body)] == ["A copy of the survey be circulated to members"]


def test_a_view_that_something_needs_sending_is_not_a_step() -> None:
    body = (
        "Mr Salch also claimed that the revised ordinance needs to be sent back to the Planning Commission."
    )
    assert actions_of(body) == []


def test_a_passive_with_an_alternative_names_a_choice() -> None:
    body = "Items to be added or deleted: there were none.\nA letter to be sent to the Environment Agency."
    assert actions_of(body) == [("Send a letter to the Environment Agency", None, None)]


def test_an_undertaking_reported_for_someone_outside_the_meeting_is_not_its_action() -> None:
    # past the opening lines, where a titled name is taken for someone present
    filler = "The correspondence received was noted by members.\n" * 80
    body = filler + (
        "Mr M Peake reported that Mr Fairbrother Chairman of the Hall Committee would arrange the new posts.\n"
        "Mrs R Crisp reported that the DPW is going to flush the hydrants.\n"
        "Mrs R Crisp reported that the Clerk would write to the landowner.\n"
        "Esme Clark reported that John Foster would check the defibrillator."
    )
    assert actions_of(body, opening=PARISH) == [
        ("Write to the landowner", "Clerk", None),
        ("Check the defibrillator", "John Foster", None),
    ]


def test_a_delegation_of_speakers_delegates_nothing() -> None:
    body = (
        "R. Landale, Fleetwood: The delegation spoke to SkyTrain noise, tree removal and parking.\n"
        "The Committee delegated the final wording to the Director of Planning."
    )
    assert [owner for _, owner, _ in actions_of(body)] == ["Director of Planning"]


def test_a_request_made_before_the_meeting_is_reported_not_set() -> None:
    body = (
        "Councillor Tepp has asked the relevant department to look into the lighting.\n"
        "The Committee asked the Clerk to write to the landowner."
    )
    assert actions_of(body) == [("Write to the landowner", "Clerk", None)]


def test_an_agreement_already_made_outside_the_meeting_is_reported() -> None:
    filler = "The correspondence received was noted by members.\n" * 80
    body = filler + (
        "Banners Gate Community Hall has agreed to host a new defibrillator.\n"
        "Highways engineers have agreed to inspect the crack soon.\n"
        "Esme Clark has agreed to contact the school about parking."
    )
    assert actions_of(body, opening=PARISH) == [("Contact the school about parking", "Esme Clark", None)]


def test_asking_someone_to_clarify_in_debate_is_answered_there() -> None:
    body = (
        "Mr M Peake asked Mrs R Crisp to clarify if her comments were made for the residents' group.\n"
        "Mr M Peake asked Mrs R Crisp to check the insurance renewal date."
    )
    assert actions_of(body, opening=PARISH) == [("Check the insurance renewal date", "Mrs R Crisp", None)]


def test_what_is_to_be_circulated_is_said_in_its_own_clause() -> None:
    body = (
        "Voter ID for the coming elections will be required though not for postal votes, an information "
        "booklet will be published with a link to the free application to be shared on the website."
    )
    assert [text for text, _, _ in actions_of(body)] == [
        "An information booklet will be published with a link to the free application to be shared on the website"
    ]


def test_points_under_an_actions_heading_may_run_their_dash_into_the_text() -> None:
    body = (
        "DG discussed a ceilidh night; emails have been sent to venues.\n"
        "ACTIONS:\n"
        "-NB to contact Hillhead Sports Club about the hall.\n"
        "-PC Reps to look over the website and note any amendments."
    )
    assert [(text, owner) for text, owner, _ in actions_of(body)] == [
        ("Contact Hillhead Sports Club about the hall", "NB"),
        ("Look over the website and note any amendments", "PC Reps"),
    ]


def test_a_member_by_title_agreeing_or_reported_acting_is_the_meetings_step_with_no_attendance_list() -> None:
    # No "Present" list, and the step far from the opening where names are gathered: no one is known to be
    # outside the meeting, and a councillor never is.
    filler = "\n".join(f"The group reviewed section {n} of the draft plan." for n in range(120))
    for step in (
        "Cllr Jones has agreed to contact the school about parking.",
        "Cllr Smith reported that Cllr Jones would write to the school.",
        "Mr Brown has agreed to contact the school about parking.",
    ):
        text = f"MINUTES of the Partnership Board held on 6 March 2025.\n4. Draft plan\n{filler}\n5. Parking\n{step}"
        items = extract(text_doc(text + "\n6. Any Other Business\nNone.")).items
        parking = next(item for item in items if item.title == "Parking")
        assert parking.actions and "school" in parking.actions[0].text, (step, parking.actions)


def test_speaking_to_someone_in_the_progressive_is_still_a_step() -> None:
    # Taking part in an event reports a diary; talking to the highways officer about the verge is a step.
    assert actions_of("The Clerk will be speaking to the Highways officer about the verge.")
    assert not actions_of("Cllr Reed will be attending the county conference in May.")
