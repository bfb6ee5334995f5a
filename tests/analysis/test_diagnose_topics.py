"""Topic keys from titles: the same subject in different words is one topic, different subjects are not."""

from __future__ import annotations

from traction_analysis.diagnosis.topics import TopicInput, assign_topics, content_words, is_procedural_title


def topics(*titles: str, body: str = "Board") -> list[str | None]:
    found = assign_topics([TopicInput(n, body, title) for n, title in enumerate(titles)])
    return [found[n] for n in range(len(titles))]


def test_noise_numbers_dates_and_prefixes_are_dropped() -> None:
    assert content_words("80. Budget Monitoring Report Q3 2024/25") == ("budget", "monitoring")
    assert content_words("Minute 12/25: Winter Pressures – update (January)") == ("winter", "pressure")
    assert content_words("CAB/24/012 Housing Strategies") == ("housing", "strategy")
    assert content_words("5(a) Quarterly Performance Report") == ("performance",)


def test_same_subject_in_different_words_is_one_topic() -> None:
    keys = topics(
        "Budget Monitoring Q1 2024",
        "Budget monitoring - quarter 2 update",
        "7. BUDGET MONITORING REPORT",
        "Winter pressures",
        "Winter Pressures Plan 2025",
    )
    assert keys[0] == keys[1] == keys[2] == "budget monitoring"
    assert keys[3] == keys[4] == "winter pressure"


def test_different_subjects_stay_apart() -> None:
    keys = topics("Housing strategy", "Health strategy", "Community transport", "Children's services budget")
    assert len(set(keys)) == 4


def test_procedural_items_have_no_topic() -> None:
    keys = topics(
        "Apologies for absence",
        "Declarations of interest",
        "Minutes of the previous meeting",
        "Date of next meeting",
        "Any other business",
        "2024/25 update",
    )
    assert keys == [None] * 6
    found = assign_topics([TopicInput("x", "Board", "Budget", procedural=True)])
    assert found == {"x": None}
    assert is_procedural_title("3. Apologies") and not is_procedural_title("Budget apologies scheme")


def test_across_bodies_a_stricter_threshold_applies() -> None:
    items = [
        TopicInput(1, "Cabinet", "Adult social care charging policy"),
        TopicInput(2, "Scrutiny", "Adult social care charging policy review"),
        TopicInput(3, "Scrutiny", "Adult social care workforce"),
    ]
    found = assign_topics(items)
    assert found[1] == found[2] == "adult social care charging policy"
    assert found[3] != found[1]
    within = assign_topics(
        [TopicInput(1, "A", "Care charging"), TopicInput(2, "A", "Care charging review board")]
    )
    across = assign_topics([TopicInput(1, "A", "Care charging"), TopicInput(2, "B", "Care charging board")])
    assert within[1] == within[2]  # 2 of 3 content words shared: 0.67 links within a body...
    assert across[1] != across[2]  # ...but not across bodies


def test_keys_are_deterministic_and_taken_from_the_first_item() -> None:
    titles = ("Carers strategy refresh", "Carers Strategy", "Estates")
    assert topics(*titles) == topics(*titles)
    assert topics(*titles)[0] == topics(*titles)[1] == "carer strategy refresh"
