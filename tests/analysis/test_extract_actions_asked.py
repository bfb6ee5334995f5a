"""Follow-ups put as a question to a named member, a stated intention, and members urged to a step."""

from __future__ import annotations

from minutes_text import text_doc

from traction_analysis.extract import extract


def actions_of(body: str, *, title: str = "Village maintenance") -> list[tuple[str, str | None]]:
    opening = "MINUTES of the Parish Council held on 6 March 2025."
    text = f"{opening}\n5. {title}\n{body}\n6. Any Other Business\nNone.\n"
    item = extract(text_doc(text)).items[0]
    return [(a.text, a.owner) for a in item.actions]


def test_a_member_asked_by_name_if_they_could_take_a_step() -> None:
    body = "Cllr Amberley asked Cllr Rowntree if she could locate the supplier of the new benches."
    assert actions_of(body) == [("Locate the supplier of the new benches", "Cllr Rowntree")]
    body = "The Chair asked Member Quillan whether he would provide a short biography for the website."
    assert actions_of(body) == [("Provide a short biography for the website", "Member Quillan")]


def test_a_question_about_a_fact_sets_nothing() -> None:
    assert actions_of("Cllr Amberley asked Mr Rowntree if there would be a shelter at the stop.") == []
    assert actions_of("Cllr Amberley asked Cllr Rowntree if she could explain the overspend.") == []


def test_a_stated_intention_is_the_subjects_step() -> None:
    body = "The Chair intended to raise this with the new chief executive of the county."
    assert actions_of(body) == [("Raise this with the new chief executive of the county", "Chair")]


def test_an_intention_reported_from_outside_sets_nothing() -> None:
    body = "The Clerk had been informed by T. Oakhurst that he intended to start the works in May 2025."
    assert actions_of(body) == []


def test_members_urged_to_a_step() -> None:
    body = "Members were encouraged to check for existing signs that could be reused for the fete."
    assert actions_of(body) == [("Check for existing signs that could be reused for the fete", "Members")]
    body = "Cllr Amberley reminded all councillors to submit their register of interests forms."
    assert actions_of(body) == [("Submit their register of interests forms", "all councillors")]


def test_the_public_urged_is_no_action() -> None:
    assert actions_of("Residents were encouraged to check their bins are out on time.") == []
    assert actions_of("He reminded the developer to provide spaces for recreation.") == []


def test_the_new_patterns_read_a_long_near_miss_in_linear_time() -> None:
    # A backtracking pattern would hang on this visibly; no timing is asserted.
    long = "asked " + "Cllr Amberley and " * 2000 + "if " + "x " * 2000
    assert actions_of(long + ". Members were " + "very " * 3000 + "encouraged to.") == []


def test_the_information_requested_is_what_members_asked_for() -> None:
    body = (
        "Members asked for an understanding of how the planning team is organised. The Officer explained "
        "that the team had grown. He would supply the information requested."
    )
    assert actions_of(body) == [
        (
            "Supply the information requested [an understanding of how the planning team is organised]",
            "Officer",
        )
    ]


def test_officers_joined_by_and_hold_the_step_that_supplies_the_data() -> None:
    body = (
        "Councillors requested data on how much of the grant had been spent on play areas. Officers "
        "confirmed the recruitment to two posts and officers would provide that information to the "
        "Councillors."
    )
    assert actions_of(body) == [
        (
            "Provide that information to the Councillors [data on how much of the grant had been spent on "
            "play areas]",
            "officers",
        )
    ]


def test_the_administration_or_a_group_just_named_commits() -> None:
    assert actions_of("Administration will change the resolution to show the new secretary.") == [
        ("Change the resolution to show the new secretary", "Administration")
    ]
    body = "The walking group met twice. The group would look into publishing notes of their meetings."
    assert actions_of(body) == [("Look into publishing notes of their meetings", "group")]


def test_an_outside_body_still_commits_no_one() -> None:
    assert actions_of("The Post Office will change its opening hours in May.") == []
