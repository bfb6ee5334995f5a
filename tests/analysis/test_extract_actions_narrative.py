"""Actions written into the running text of minutes: passive steps, commitments with everyday verbs."""

from __future__ import annotations

from minutes_text import text_doc

from traction_analysis.extract import extract


def actions_of(
    body: str,
    *,
    opening: str = "MINUTES of the Parish Council held on 6 March 2025.",
    title: str = "Village maintenance",
) -> list[tuple[str, str | None]]:
    text = f"{opening}\n5. {title}\n{body}\n6. Any Other Business\nNone.\n"
    item = extract(text_doc(text)).items[0]
    return [(a.text, a.owner) for a in item.actions]


def test_a_passive_step_after_and_is_an_action() -> None:
    body = (
        "The PC has signed up to the Keep Britain Tidy campaign and local takeaway businesses will be "
        "approached to assist."
    )
    assert actions_of(body) == [("Approach local takeaway businesses to assist", None)]


def test_a_passive_step_names_its_owner_after_by() -> None:
    body = "The PC agreed to the increase and the voting form will be returned to OALC by the Clerk."
    assert actions_of(body) == [("Return the voting form to OALC", "Clerk")]


def test_a_passive_step_with_is_to_be_and_an_adverb() -> None:
    body = "Litter was discussed and advice is to be sought on the most effective approach."
    assert actions_of(body) == [("Seek advice on the most effective approach", None)]
    body = "This document would be re-circulated to group members."
    assert actions_of(body) == [("Re-circulate this document to group members", None)]


def test_a_hedged_or_standing_passive_is_no_step() -> None:
    assert actions_of("The hall was discussed and it was felt a letter could be sent to the owner.") == []
    body = "All statements will be sent to committee members in advance of the meeting."
    assert actions_of(body) == []
    assert actions_of("If the grant is approved, the plans will be sent to the contractor.") == []


def test_commitments_with_everyday_verbs() -> None:
    assert actions_of("Cllr Mrs Chubb would carry out the next round of inspections.") == [
        ("Carry out the next round of inspections", "Cllr Mrs Chubb")
    ]
    assert actions_of("The Clerk was asked to reply to the agent accepting the terms.") == [
        ("Reply to the agent accepting the terms", "Clerk")
    ]
    assert actions_of("It was agreed to touch base with the regional lead on the protocols.") == [
        ("Touch base with the regional lead on the protocols", None)
    ]
    assert actions_of("Cllr Ward will once again set up the refreshments table.") == [
        ("Set up the refreshments table", "Cllr Ward")
    ]


def test_a_commitment_told_to_someone() -> None:
    opening = "MINUTES of the Port Commission held on 6 March 2025.\nPresent: Roxie Cuellar, John Holbrook"
    body = "Cuellar told Holbrook she would send him a digital copy of the permit."
    assert actions_of(body, opening=opening) == [("Send him a digital copy of the permit", "Cuellar")]


def test_members_are_asked_in_the_present_tense() -> None:
    assert actions_of("Councillors are politely asked to send out their reports earlier.") == [
        ("Send out their reports earlier", "Councillors")
    ]
    # a notice to the public is not the meeting's step
    assert actions_of("Any resident interested in the role is asked to approach the parish clerk.") == []


def test_keeping_someone_informed_and_carrying_on_are_steps() -> None:
    assert actions_of("The Clerk will keep the Board informed of any decisions made.") == [
        ("Keep the Board informed of any decisions made", "Clerk")
    ]
    assert actions_of("The Clerk will continue to update the website with the road closures.") == [
        ("Continue to update the website with the road closures", "Clerk")
    ]
    # a standing arrangement kept, or a state carried on, sets no step
    assert actions_of("The Clerk said staff will continue to receive their pay.") == []
    assert actions_of("The Clerk will continue as now.") == []


def test_a_list_of_those_present_with_a_serial_comma_owns_the_step() -> None:
    opening = "MINUTES of the Port, 6 March 2025.\nPresent: Roxie Cuellar, Jim Pavlik and Ann Bishop."
    body = "The commissioners decided that Cuellar, Pavlik, and Bishop would inspect the property next month."
    owner = "Cuellar, Pavlik, and Bishop"
    assert actions_of(body, opening=opening) == [("Inspect the property next month", owner)]


def test_the_meeting_decides_that_a_named_body_will_act() -> None:
    body = "It was decided that the COA would assess the use of the counselling service."
    assert actions_of(body) == [("Assess the use of the counselling service", "COA")]
    # a member's request that a body act is not the meeting's decision
    assert actions_of("Cllr Smith asked that the Highways Agency would repair the verge.") == []


def test_a_preposition_after_the_participle_is_no_particle() -> None:
    from traction_analysis.extract.actions.voice import active_voice

    assert active_voice("Further advice to be sought on the best approach")[0] == (
        "Seek further advice on the best approach"
    )
    assert active_voice("The forms to be sent back to the Clerk")[0] == "Send back the forms to the Clerk"
    assert active_voice("The notes to be re-circulated to members")[0] == "Re-circulate the notes to members"


def test_what_them_refers_to_comes_from_the_clause_joined_to_the_decision() -> None:
    body = (
        "The hall was let twice in May.\n"
        "Councillors discussed a proposal to brighten up the bus shelters and it was decided to approach "
        "local groups to create murals in them."
    )
    assert actions_of(body) == [
        (
            "Approach local groups to create murals in them "
            "[Councillors discussed a proposal to brighten up the bus shelters]",
            None,
        )
    ]


def test_agreed_that_something_be_done_sets_a_step_but_not_the_calendar_or_a_priority() -> None:
    assert actions_of("It was agreed that a copy of the Policy Statement be shared with the minutes.") == [
        ("A copy of the Policy Statement be shared with the minutes", None)
    ]
    assert (
        actions_of("It was agreed that the next meeting would be held on 9 April 2026 rather than 16 April.")
        == []
    )
    assert actions_of("It was agreed that the shops on White House Common Road would be prioritised.") == []
    assert actions_of("It was agreed that the £250 award be used to provide a plaque for the seat.") == []
    assert (
        actions_of(
            "It was agreed that any village events must in future provide proof of expense before any "
            "contribution can be made by the council."
        )
        == []
    )


def test_taking_the_floor_or_going_into_closed_session_is_done_at_the_meeting() -> None:
    assert (
        actions_of(
            "The following persons who had submitted statements attended the meeting and were invited to "
            "address the Committee for a maximum time of three minutes each."
        )
        == []
    )
    assert (
        actions_of(
            "Motion made by Trustee Smith, seconded by Trustee Baskin that the Board and Officer Jones enter "
            "into Executive Session to discuss a personnel matter at 8:42pm."
        )
        == []
    )


def test_how_the_public_sends_statements_is_a_notice_not_a_step() -> None:
    assert actions_of("Statements should be emailed to democratic.services@example.gov.uk by noon.") == []
    assert actions_of("A letter to be sent to the Environment Agency.") == [
        ("Send a letter to the Environment Agency", None)
    ]


def test_a_question_about_what_someone_would_do_is_not_a_commitment() -> None:
    assert (
        actions_of("Trustee Stull asked if we would pay back the special reserve fund if it were needed.")
        == []
    )
    assert actions_of("Cllr Smith asked whether the Clerk would write to the County Council.") == []


def test_an_appeal_to_the_media_or_parents_tasks_no_one() -> None:
    assert actions_of("Dr. Naylor thanked the principals and asked the media to publish the good news.") == []
    assert actions_of("The Board asked the Superintendent to publish the calendar.") == [
        ("Publish the calendar", "Superintendent")
    ]


def test_a_step_with_a_vague_object_is_about_the_matter_its_heading_names() -> None:
    body = "Councillors discussed the draft plan at length. The Clerk to respond accordingly."
    assert actions_of(body, title="District Council Local Plan 2025-2030") == [
        ("Respond accordingly [District Council Local Plan 2025-2030]", "Clerk")
    ]
    body = "Some progress has been made on the benefits case, and the Chair will chase updates."
    assert actions_of(body, title="Bulk Data Licensing") == [("Chase updates [Bulk Data Licensing]", "Chair")]
    body = (
        "The Chairman reported that she had met the planning officer.\n"
        "She undertook to report any further developments on this matter in due course."
    )
    assert actions_of(body, title="Report from the Chairman about the school buildings") == [
        (
            "Report any further developments on this matter in due course "
            "[Report from the Chairman about the school buildings]",
            "Chairman",
        )
    ]


def test_a_heading_that_names_only_a_kind_of_business_says_nothing_of_the_matter() -> None:
    body = "Councillors discussed the draft plan at length. The Clerk to respond accordingly."
    assert actions_of(body, title="Any Other Business") == [("Respond accordingly", "Clerk")]
    body = "Some progress has been made, and the Chair will chase updates."
    assert actions_of(body, title="Matters Arising") == [("Chase updates", "Chair")]


def test_a_pointing_step_looks_past_the_vote_to_what_was_proposed() -> None:
    body = (
        "The Charity wished to know whether the Council could re-site the mine.\n"
        "Cllr Hayward suggested it be re-sited on the wharf.\n"
        "All Cllrs agreed to this proposal.\n"
        "Clerk to inform the Charity of this."
    )
    assert actions_of(body) == [
        ("Inform the Charity of this [Cllr Hayward suggested it be re-sited on the wharf]", "Clerk")
    ]


def test_a_run_in_topic_before_a_dash_says_what_these_matters_are() -> None:
    opening = "MINUTES of the Community Council held on 4 June 2019.\nPresent: Gordon Dodds, Iain Kirk"
    body = "Bus stop works – Darren would be asked to chase up these outstanding matters. GD/IK"
    assert actions_of(body, opening=opening, title="Matters Arising") == [
        ("Chase up these outstanding matters [Bus stop works]", "GD/IK")
    ]
    body = "Bus stop works – Mr Jones would be asked to chase up these outstanding matters."
    assert actions_of(body, opening=opening, title="Matters Arising") == [
        ("Chase up these outstanding matters [Bus stop works]", "Mr Jones")
    ]


def test_a_step_for_all_or_one_of_a_set_names_the_set_from_before() -> None:
    body = (
        "New arrangements for funding bids would be discussed at a meeting in June.\n"
        "Cllr Dodds would attend at least one of the meetings."
    )
    assert actions_of(body) == [
        (
            "Attend at least one of the meetings "
            "[New arrangements for funding bids would be discussed at a meeting in June]",
            "Cllr Dodds",
        )
    ]


def test_a_vote_count_is_not_what_was_voted_on() -> None:
    body = (
        "It was proposed by Cllr Gardiner that Phoenix Builders be awarded the work as the lowest quote.\n"
        "The Parish Council voted 7 in favour with 3 members abstaining.\n"
        "The motion was therefore carried and the Clerk was asked to inform all the contractors."
    )
    assert actions_of(body) == [
        ("Inform all the contractors [Phoenix Builders be awarded the work as the lowest quote]", "Clerk")
    ]


def test_a_longer_step_about_this_application_names_it_from_the_sentence_before() -> None:
    body = (
        "DC/2025/00891 – The Beeches, Mill Road – relocation of garage.\n"
        "This is not on the planning portal now so the Clerk will check and notify Councillors of the "
        "position with this application."
    )
    assert actions_of(body, title="Planning") == [
        (
            "Check and notify Councillors of the position with this application "
            "[DC/2025/00891 – The Beeches, Mill Road – relocation of garage]",
            "Clerk",
        )
    ]


def test_the_steps_own_subject_is_not_what_this_refers_to() -> None:
    body = (
        "Ginger reported that county participation in the counselling programme is far behind.\n"
        "It was decided that the COA would assess the under-use of this service."
    )
    assert actions_of(body, title="Other Items") == [
        (
            "Assess the under-use of this service "
            "[county participation in the counselling programme is far behind]",
            "COA",
        )
    ]
    body = (
        "In response to the report that bus stop timetables were out of date, the Chair agreed to raise this "
        "point with the officers."
    )
    assert actions_of(body, title="Public Forum") == [
        ("Raise this point with the officers [bus stop timetables were out of date]", "Chair")
    ]


def test_a_heading_run_into_the_sentence_before_is_left_out_and_so_that_points_at_nothing() -> None:
    body = (
        "Parking: There have been several reports of cars parked on the verge.\n"
        "The Clerk will seek advice on discouraging this."
    )
    assert actions_of(body, title="Any Other Business") == [
        (
            "Seek advice on discouraging this [There have been several reports of cars parked on the verge]",
            "Clerk",
        )
    ]
    body = "The Clerk will do the build script so that the new version can be used."
    assert actions_of(body, title="Website") == [
        ("Do the build script so that the new version can be used", "Clerk")
    ]


def test_the_issue_raised_is_what_this_refers_to_past_what_was_said_of_it() -> None:
    body = (
        "The issue of the closed footpath up to the quarry was raised.\n"
        "Cllr Mawdsley had asked the AONB the reason for the closure but had no reply.\n"
        "Cllr Webb will raise this with the County Council."
    )
    assert actions_of(body, title="Any Other Business") == [
        ("Raise this with the County Council [the closed footpath up to the quarry]", "Cllr Webb")
    ]


def test_a_sentence_that_points_by_the_same_pronoun_does_not_name_the_matter() -> None:
    opening = "MINUTES of the Port Commission held on 6 March 2025.\nPresent: Roxie Cuellar, John Holbrook"
    body = (
        "Cuellar said that the Port should restart the monthly safety meetings.\n"
        "The Port had held those monthly but had stopped having them last year.\n"
        "Cuellar said she would get them started again."
    )
    assert actions_of(body, opening=opening) == [
        ("Get them started again [the Port should restart the monthly safety meetings]", "Cuellar")
    ]


def test_a_sentence_that_itself_points_back_does_not_name_the_matter() -> None:
    body = (
        "The Council received a letter asking it to join the hall committee.\n"
        "They do however wish to be kept informed of any problems that may arise.\n"
        "Clerk to write."
    )
    assert actions_of(body, title="Village Hall") == [
        (
            "Write [The Council received a letter asking it to join the hall committee]",
            "Clerk",
        )
    ]
    body = (
        "The draft was written by an outside firm.\n"
        "Following that, the firm had been asked to test it.\n"
        "Once this had been completed, a first draft was shared with the councils.\n"
        "Members asked that the cost of employing the firm be shared with them."
    )
    assert actions_of(body, title="Operating Model") == [
        ("The cost of employing the firm be shared with them", None)
    ]


def test_a_motion_clause_that_opens_with_its_imperative() -> None:
    body = (
        "The Council discussed the cold weather response.\n"
        "Request that the Homeless Coordinating Council review this winter's cold weather events and "
        "develop recommendations.\n"
        "Ask the project team to contact the insurer to confirm the indemnity required."
    )
    assert actions_of(body, title="Cold Weather Event") == [
        (
            "Review this winter's cold weather events and develop recommendations",
            "Homeless Coordinating Council",
        ),
        ("Contact the insurer to confirm the indemnity required", "project team"),
    ]


def test_what_someone_shall_do_is_a_step_but_not_the_body_itself() -> None:
    body = "City staff shall present findings from the review to the Council at a work session."
    assert actions_of(body, title="Cold Weather Event") == [
        ("Present findings from the review to the Council at a work session", "City staff")
    ]
    assert actions_of("The City shall make an effort to improve public access.") == []
    assert actions_of("Request by resident for a bicycle stand at the top of Masons Lane.") == []


def test_a_joined_step_with_its_own_owner() -> None:
    opening = "MINUTES of the Community Council held on 6 March 2025. Present: TS, TF, IK."
    body = (
        "Road closure notices were noted and it was agreed that TS would post details on the Facebook "
        "page and TF would put them on our website."
    )
    assert actions_of(body, opening=opening, title="Road Closures") == [
        ("Post details on the Facebook page", "TS"),
        ("Put them on our website", "TF"),
    ]
    body = "The department will work with clerks TS and TF to check on available grant money."
    assert actions_of(body, opening=opening, title="Fire Department") == [
        ("Work with clerks TS and TF to check on available grant money", "department")
    ]


def test_mentioned_reports_what_the_speaker_will_do() -> None:
    opening = "The board members present were Trustee Elton and Supervisor Liccar."
    body = "Supervisor Liccar mentioned he will reach out to the blacksmith about a demonstration."
    assert actions_of(body, opening=opening, title="Festival") == [
        ("Reach out to the blacksmith about a demonstration", "Supervisor Liccar")
    ]


def test_a_shorthand_step_after_a_comma_points_to_the_clause_before() -> None:
    opening = "MINUTES of the Community Council held on 6 March 2025. Present: LLM, MMcK, CC."
    body = (
        "Issue raised about a bin disappearing in the corner of Woodcroft Drive. Query was raised about "
        "the replacement of the post box on Crow Road, LLM to investigate."
    )
    assert actions_of(body, opening=opening, title="Councillor reports") == [
        ("Investigate [Query was raised about the replacement of the post box on Crow Road]", "LLM")
    ]


def test_a_bare_verb_joined_to_what_follows_points_back() -> None:
    body = (
        "The edge of the slide at the playing field was damaged and required attention.\n"
        "Cllr Gardiner will inspect and report back."
    )
    assert actions_of(body, title="Inspection Report") == [
        (
            "Inspect and report back [The edge of the slide at the playing field was damaged and "
            "required attention]",
            "Cllr Gardiner",
        )
    ]
