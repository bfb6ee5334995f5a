"""Topic linking beyond titles: reference phrases, paper titles, resolutions and the references followed."""

from __future__ import annotations

from datetime import date

import pytest

from traction_analysis.diagnosis.references import (
    Reference,
    find_references,
    referenced_titles,
    resolve_month,
    resolve_next_month,
    strip_references,
)
from traction_analysis.diagnosis.topics import TopicInput, assign_topics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Winter plan (deferred from the meeting of 3 March)", Reference("from_date", day=3, month=3)),
        ("Deferred from the last meeting: housing allocations", Reference("previous")),
        ("Item deferred at the previous meeting of the Board", Reference("previous")),
        ("Referred by the Cabinet", Reference("referred_by", body="Cabinet")),
        (
            "referred from the Health Scrutiny Committee on 12 May",
            Reference("referred_by", body="Health Scrutiny Committee"),
        ),
        (
            "Recommendation from the Adult Social Care Cabinet Committee",
            Reference("referred_by", body="Adult Social Care Cabinet Committee"),
        ),
        (
            "As reported to the Board in June, the plan slipped.",
            Reference("reported_to", body="Board", month=6),
        ),
        (
            "Quality Strategy – presented to the Quality Committee May 2025",
            Reference("reported_to", body="Quality Committee", month=5, year=2025),
        ),
        (
            "Further to minute 45 of the meeting held on 12 May 2025",
            Reference("minute", number="45", day=12, month=5, year=2025),
        ),
        ("RESOLVED – That consideration be deferred to the next meeting.", Reference("next")),
        ("The item was DEFERRED to the July meeting", Reference("to_date", month=7)),
        ("to come back in March", Reference("to_date", month=3)),
        (
            "RESOLVED that the strategy be referred to the Scrutiny Committee for consideration.",
            Reference("referred_to", body="Scrutiny Committee"),
        ),
        (
            "The Board REFERRED the matter to the Health and Wellbeing Board to develop options.",
            Reference("referred_to", body="Health and Wellbeing Board"),
        ),
    ],
)
def test_reference_phrases_are_read(text: str, expected: Reference) -> None:
    assert expected in find_references(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Winter pressures",
        "RESOLVED – That the report be noted.",
        # Forward, not "reported":
        "The Board asked that the plan be considered by the Cabinet before any decision.",
    ],
)
def test_text_without_a_backward_reference_gives_none(text: str) -> None:
    assert not [r for r in find_references(text) if r.backward]


def test_backward_references_come_first_and_repeats_are_dropped() -> None:
    found = find_references(
        "Deferred from the last meeting. Deferred from the last meeting. "
        "RESOLVED that it be deferred to the next meeting."
    )
    assert found == (Reference("previous"), Reference("next"))


def test_named_report_titles_are_read() -> None:
    assert referenced_titles(
        "The Board considered the report of the Director of Public Health on the "
        "Pharmaceutical Needs Assessment and approved it."
    ) == ("Pharmaceutical Needs Assessment",)
    assert referenced_titles(
        "The Cabinet considered the report of the Deputy Leader on the Revenue Budget "
        "2025/26 and Medium Term Financial Plan and RESOLVED to recommend it."
    ) == ("Revenue Budget 2025/26 and Medium Term Financial Plan",)
    assert referenced_titles(
        "RESOLVED that the report entitled “Home to School Transport Policy” be approved"
    ) == ("Home to School Transport Policy",)
    assert referenced_titles("RESOLVED – That the report be noted.") == ()


def test_reference_phrases_are_stripped_from_titles() -> None:
    stripped = strip_references("Winter plan (deferred from the meeting of 3 March)")
    assert stripped.split() == ["Winter", "plan", "(", ")"]


def test_months_are_resolved_to_the_nearest_past_or_future_one() -> None:
    assert resolve_month(Reference("from_date", month=11), date(2025, 2, 1)) == (2024, 11)
    assert resolve_month(Reference("from_date", month=1), date(2025, 2, 1)) == (2025, 1)
    assert resolve_month(Reference("from_date", month=3, year=2023), date(2025, 2, 1)) == (2023, 3)
    assert resolve_next_month(Reference("to_date", month=1), date(2025, 2, 1)) == (2026, 1)
    assert resolve_next_month(Reference("to_date", month=3), date(2025, 2, 1)) == (2025, 3)
    assert resolve_month(Reference("previous"), date(2025, 2, 1)) is None


def _item(
    n: int,
    body: str,
    day: str,
    title: str,
    resolution: str = "",
    outcome: str = "noted",
    number: str = "",
    papers: tuple[str, ...] = (),
) -> TopicInput:
    return TopicInput(
        n,
        body,
        title,
        outcome == "procedural",
        resolution=resolution,
        papers=papers,
        meeting=date.fromisoformat(day),
        body_name=body,
        outcome=outcome,
        number=number,
    )


def test_deferred_from_a_dated_meeting_links_to_the_closest_item_there() -> None:
    items = [
        _item(1, "Board", "2025-01-22", "Pharmaceutical Needs Assessment 2025", outcome="deferred"),
        _item(2, "Board", "2025-01-22", "Winter pressures"),
        _item(
            3,
            "Board",
            "2025-03-19",
            "PNA: consultation outcome",
            "Deferred from the meeting of 22 "
            "January. The Board approved the pharmaceutical needs assessment for publication.",
        ),
    ]
    found = assign_topics(items)
    assert found[3] == found[1] != found[2]
    assert len(set(assign_topics(items, title_only=True).values())) == 3


def test_deferred_from_the_last_meeting_prefers_the_item_deferred_there() -> None:
    items = [
        _item(1, "Panel", "2025-02-04", "Home schooling support", outcome="noted"),
        _item(2, "Panel", "2025-02-04", "Home schooling policy", outcome="deferred"),
        _item(3, "Panel", "2025-03-18", "Home schooling: revised approach (deferred from the last meeting)"),
    ]
    found = assign_topics(items)
    assert found[3] == found[2] == "home schooling policy"  # the key comes from the group's first item
    assert found[1] == "home schooling support"


def test_a_deferral_with_no_phrase_looks_at_the_next_meeting_only_with_title_words() -> None:
    items = [
        _item(1, "Panel", "2025-02-04", "Children missing education", outcome="deferred"),
        _item(2, "Panel", "2025-03-18", "Education of children at home"),
        _item(3, "Panel", "2025-03-18", "Fostering service", "Children missing education were discussed"),
    ]
    found = assign_topics(items)
    assert found[1] == found[2] != found[3]


def test_referred_by_a_named_body_links_to_the_item_it_referred() -> None:
    items = [
        _item(
            1, "Cabinet", "2025-02-10", "Adult social care charging policy", outcome="referred", number="45"
        ),
        _item(2, "Cabinet", "2025-02-10", "Adult social care workforce plan"),
        _item(
            3,
            "Adult Social Care Scrutiny Committee",
            "2025-03-04",
            "Fairer charging for care at home",
            "Referred by the Cabinet. The Committee considered the charging proposals.",
        ),
    ]
    found = assign_topics(items)
    assert found[3] == found[1] != found[2]


def test_minute_number_names_the_item_outright() -> None:
    items = [
        _item(1, "Cabinet", "2025-02-10", "Charging policy consultation", number="45."),
        _item(2, "Cabinet", "2025-02-10", "Non-residential care fees", number="46."),
        _item(
            3,
            "Cabinet",
            "2025-04-14",
            "Non-residential care: outcome",
            "Further to minute 45 of the meeting held on 10 February 2025, the policy was approved.",
        ),
    ]
    found = assign_topics(items)
    assert found[3] == found[1]


def test_referred_to_a_body_prefers_the_item_that_answers_it() -> None:
    items = [
        _item(
            1,
            "Cabinet",
            "2025-01-13",
            "Home to school transport policy",
            "RESOLVED that the policy be referred to the Children's Scrutiny Committee.",
            outcome="referred",
        ),
        _item(2, "Children's Scrutiny Committee", "2025-02-04", "School transport complaints"),
        _item(
            3,
            "Children's Scrutiny Committee",
            "2025-02-04",
            "Travel for pupils with SEND",
            "Referred by the Cabinet. The Committee considered the home to school transport policy.",
        ),
    ]
    found = assign_topics(items)
    assert found[1] == found[3] != found[2]


def test_an_ambiguous_body_name_is_not_followed() -> None:
    items = [
        _item(1, "Audit Committee", "2025-01-10", "Internal audit plan"),
        _item(2, "Scrutiny Committee", "2025-01-11", "Internal audit plan review"),
        _item(3, "Cabinet", "2025-02-10", "Audit arrangements", "Referred by the Committee."),
    ]
    found = assign_topics(items)
    assert found[3] not in {found[1], found[2]}


def test_a_reference_to_a_meeting_not_in_the_input_is_ignored() -> None:
    found = assign_topics(
        [_item(1, "Board", "2025-03-19", "PNA", "Deferred from the meeting of 22 January.")]
    )
    assert found == {1: "pna"}


def test_a_named_report_links_to_the_item_with_that_title() -> None:
    items = [
        _item(1, "Cabinet", "2025-01-13", "Draft Revenue Budget 2025/26 and Medium Term Financial Plan"),
        _item(
            2,
            "Council",
            "2025-02-20",
            "Budget and council tax setting",
            "The Council considered the "
            "report of the Leader on the Revenue Budget 2025/26 and Medium Term Financial Plan and "
            "RESOLVED to approve it.",
        ),
    ]
    found = assign_topics(items)
    assert found[1] == found[2]
    papers = [
        _item(1, "Cabinet", "2025-01-13", "Winter resilience", papers=("Urgent care winter plan",)),
        _item(2, "Board", "2025-01-20", "Urgent care winter plan"),
    ]
    assert len(set(assign_topics(papers).values())) == 1
    assert len(set(assign_topics(papers, title_only=True).values())) == 2


def test_resolution_words_confirm_only_titles_that_already_overlap() -> None:
    shared = "The Board discussed hospital discharge delays and community bed capacity in detail."
    near = [
        _item(1, "Board", "2025-01-22", "Hospital discharge pathway", shared),
        _item(2, "Board", "2025-03-19", "Discharge to assess pathway", shared),
    ]
    assert len(set(assign_topics(near).values())) == 1
    apart = [
        _item(1, "Board", "2025-01-22", "Libraries strategy", shared),
        _item(2, "Board", "2025-03-19", "Discharge to assess pathway", shared),
    ]
    assert len(set(assign_topics(apart).values())) == 2


def test_standing_items_of_different_bodies_are_different_topics() -> None:
    items = [
        _item(1, "Audit Committee", "2025-01-10", "Work programme"),
        _item(2, "Audit Committee", "2025-03-10", "Work programme"),
        _item(3, "Scrutiny Committee", "2025-01-11", "Work Programme"),
    ]
    found = assign_topics(items)
    assert found[1] == found[2] == "work programme"
    assert found[3] == "work programme scrutiny committee"
    assert len(set(assign_topics(items, title_only=True).values())) == 1


def test_callers_that_pass_only_titles_get_the_same_keys_as_before() -> None:
    titles = ["Winter pressures", "Winter pressures plan", "Housing strategy", "Budget 2025/26"]
    items = [TopicInput(n, "Board", t) for n, t in enumerate(titles)]
    assert assign_topics(items) == assign_topics(items, title_only=True)


def test_linking_is_deterministic() -> None:
    items = [
        _item(1, "Board", "2025-01-22", "Pharmaceutical Needs Assessment 2025", outcome="deferred"),
        _item(
            2,
            "Board",
            "2025-03-19",
            "PNA: consultation outcome",
            "Deferred from the last meeting. The Board approved the pharmaceutical needs assessment.",
        ),
    ]
    assert (
        assign_topics(items)
        == assign_topics(list(items))
        == {1: "pharmaceutical need assessment", 2: "pharmaceutical need assessment"}
    )


WORDS = [
    "Winter",
    "plan",
    "deferred",
    "from",
    "the",
    "last",
    "meeting",
    "referred",
    "by",
    "Cabinet",
    "Board",
    "minute",
    "45",
    "of",
    "3",
    "March",
    "report",
    "on",
    "“",
    "”",
    "(",
    ")",
    "to",
    "next",
    "Apologies",
    "Work",
    "programme",
    "Health",
    "and",
    "Wellbeing",
    "é",
    "2025/26",
    ".",
    ",",
]


@pytest.mark.parametrize("seed", range(30))
def test_any_text_gives_keys_and_the_same_keys_twice(seed: int) -> None:
    import random

    rng = random.Random(seed)

    def text(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, n)))

    bodies = ["Cabinet", "Health and Wellbeing Board", "Scrutiny Committee"]
    items = [
        TopicInput(
            n,
            rng.choice(bodies),
            text(8),
            rng.random() < 0.1,
            resolution=text(30),
            papers=tuple(text(6) for _ in range(rng.randint(0, 2))),
            meeting=date(2025, rng.randint(1, 12), rng.choice([1, 3, 15])),
            body_name="",
            outcome=rng.choice(["decided", "deferred", "referred", "noted", ""]),
            number=str(rng.randint(40, 50)),
        )
        for n in range(40)
    ]
    found = assign_topics(items)
    assert found == assign_topics(items)
    assert set(found) == {item.id for item in items}
    for item in items:
        key = found[item.id]
        assert key is None or (key and key == key.strip())
        if item.procedural:
            assert key is None
