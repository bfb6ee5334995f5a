"""Suggested themes (traction_analysis.themes): fragments keep their spans, the same input always gives the
same suggestions, groups come from shared words, and thin or empty input says so instead of staying silent."""

from __future__ import annotations

import random

from traction_analysis.themes import THIN_BELOW, Fragment, split_fragments, suggest_themes
from traction_analysis.themes.suggest import NOTHING_TO_GROUP
from traction_analysis.themes.text import stem

CONCERNS = {
    "papers": [
        "The board papers arrive late and nobody reads the papers.",
        "Papers run to hundreds of pages and arrive late every month.",
    ],
    "trust": [
        "There is no trust between the council and the hospital trust leaders.",
        "Leaders do not trust each other enough to be honest about money.",
    ],
    "discharge": [
        "Hospital discharge delays keep patients waiting for care packages.",
        "Discharge from hospital waits on care packages from the council.",
    ],
}


def conversations(n: int) -> list[Fragment]:
    """``n`` conversations, each touching two of the concerns in its own words."""
    fragments: list[Fragment] = []
    keys = sorted(CONCERNS)
    for i in range(n):
        text = " ".join(CONCERNS[keys[(i + j) % 3]][(i + j) % 2] for j in range(2))
        fragments += split_fragments(text, source=f"{i}:facts", participant=f"p{i}")
    return fragments


def test_fragments_are_sentences_whose_spans_give_back_their_text() -> None:
    text = "  We never decide.\nThe papers arrive late!  Ok. Why does nobody challenge the chair?"
    fragments = split_fragments(text, source="1:facts", participant="p1")
    assert [f.text for f in fragments] == ["The papers arrive late!", "Why does nobody challenge the chair?"]
    assert all(text[f.start : f.end] == f.text for f in fragments)


def test_the_stemmer_joins_plurals_and_endings() -> None:
    assert stem("meetings") == stem("meeting") == "meet"
    assert stem("papers") == "paper" and stem("stories") == "story" and stem("process") == "process"


def test_groups_follow_shared_words_with_labels_from_them() -> None:
    result = suggest_themes(conversations(12))
    assert result.items and not result.thin
    by_word = {word: s for s in result.items for word in s.words}
    for word in ("papers", "discharge", "trust"):
        assert word in by_word, [s.label for s in result.items]
        group = by_word[word]
        assert all(word in f.text.lower() for f in group.fragments), (word, [f.text for f in group.fragments])
        assert group.participants == len({f.participant for f in group.fragments}) >= 2


def test_the_same_fragments_in_any_order_give_the_same_suggestions() -> None:
    fragments = conversations(20)
    first = suggest_themes(fragments)
    for seed in range(5):
        shuffled = fragments[:]
        random.Random(seed).shuffle(shuffled)
        assert suggest_themes(shuffled) == first


def test_six_to_thirty_conversations_always_give_suggestions() -> None:
    for n in (6, 7, 15, 30):
        result = suggest_themes(conversations(n))
        assert result.items, n
        assert result.participants == n and result.fragments == 2 * n
        assert sum(len(s.fragments) for s in result.items) <= result.fragments
        assert str(n) in result.message


def test_one_note_still_works_and_says_the_evidence_is_thin() -> None:
    fragments = split_fragments(
        CONCERNS["papers"][0] + " " + CONCERNS["trust"][1], source="1:facts", participant="p1"
    )
    result = suggest_themes(fragments)
    assert result.items and result.thin and result.participants == 1 < THIN_BELOW
    assert "thin" in result.message
    assert all(s.thin for s in result.items)


def test_nothing_to_group_is_said_not_silent() -> None:
    for fragments in ([], split_fragments("Yes. No. Ok then.", source="1:facts", participant="p1")):
        result = suggest_themes(fragments)
        assert result.items == () and result.message == NOTHING_TO_GROUP


def test_a_suggestion_key_names_its_fragments() -> None:
    a = suggest_themes(conversations(8))
    b = suggest_themes(conversations(8)[:-1])
    assert {s.key for s in a.items} != {s.key for s in b.items}
    assert len({s.key for s in a.items}) == len(a.items)
