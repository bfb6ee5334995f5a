"""The pulse's statistics, worked by hand, and the anonymity rule as properties: no item figure, breakdown
cell or comment comes from fewer than k people."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traction_analysis.direction import pulse as pure

ITEMS = pure.DEFAULT_ITEMS
RELIABILITY, MISSION, OPENNESS, OVERALL, RAISE = ITEMS


def _answers(*rows: tuple[int, int, int, int]) -> list[dict[str, Any]]:
    return [dict(zip(("reliability", "mission", "openness", "overall"), row, strict=True)) for row in rows]


def test_at_most_five_items_in_our_own_words() -> None:
    assert len(ITEMS) == pure.MAX_ITEMS == 5
    assert [i.kind for i in ITEMS] == ["agree", "agree", "agree", "score", "open"]
    stored = [{"key": i.key, "kind": i.kind, "text": i.text} for i in ITEMS]
    assert pure.items_from(stored) == ITEMS
    with pytest.raises(ValueError, match="at most 5"):
        pure.items_from([*stored, stored[0]])


def test_quartiles_by_the_inclusive_method() -> None:
    # 1, 2, 3, 4: positions 1 + 3p; the lower quartile is 1 + 0.75 × (2 − 1).
    assert pure.quartiles([1, 2, 3, 4]) == (1.75, 2.5, 3.25)
    assert pure.quartiles([30, 40, 45, 45, 50]) == (40, 45, 45)
    assert pure.quartiles([7]) == (7, 7, 7)


def test_item_results_worked_by_hand() -> None:
    answers = _answers((2, 4, 3, 40), (2, 4, 3, 50), (3, 5, 2, 60), (1, 3, 3, 70), (4, 4, 3, 80))
    found = {r.item.key: r for r in pure.results(ITEMS, answers, k=5, flag_below=3)}
    assert set(found) == {"reliability", "mission", "openness", "overall"}  # the open item has no figures
    # reliability 1, 2, 2, 3, 4 → median 2, below 3: flagged; quartiles only for the 0–100 item
    assert (found["reliability"].count, found["reliability"].median, found["reliability"].flagged) == (
        5,
        2,
        True,
    )
    assert found["reliability"].lower is None
    assert (found["mission"].median, found["mission"].flagged) == (4, False)
    assert (found["openness"].median, found["openness"].flagged) == (3, False)  # 3 is not below 3
    # overall 40, 50, 60, 70, 80 → median 60 (not below 20 × 3 = 60), quartiles 50 and 70
    overall = found["overall"]
    assert (overall.median, overall.lower, overall.upper, overall.flagged) == (60, 50, 70, False)
    assert pure.flagged(tuple(found.values())) == ("reliability",)


def test_an_item_below_k_shows_nothing_and_flags_nothing() -> None:
    answers = _answers((1, 1, 1, 0), (1, 1, 1, 0), (1, 1, 1, 0), (1, 1, 1, 0))
    for result in pure.results(ITEMS, answers, k=5, flag_below=3):
        assert result == pure.ItemResult(result.item, None)
    # a skipped question counts against that question only
    answers = [*_answers(*[(2, 4, 4, 50)] * 4), {"reliability": 2, "mission": 4, "openness": 4}]
    found = {r.item.key: r for r in pure.results(ITEMS, answers, k=5, flag_below=3)}
    assert found["reliability"].count == 5 and found["overall"].count is None


def test_an_answer_out_of_range_is_not_counted() -> None:
    assert not pure.valid_answer(RELIABILITY, 6) and not pure.valid_answer(RELIABILITY, True)
    assert pure.valid_answer(OVERALL, 0) and not pure.valid_answer(OVERALL, 101)
    assert not pure.valid_answer(RAISE, 3)


def test_a_breakdown_needs_every_group_and_every_cell_at_k() -> None:
    row = {"reliability": 4, "mission": 4, "openness": 4, "overall": 70}
    low = {"reliability": 2, "mission": 2, "openness": 2, "overall": 30}
    found = pure.breakdown(ITEMS, [("council", row)] * 3 + [("nhs_trust", low)] * 3, k=3)
    assert found is not None and found.sizes == {"council": 3, "nhs_trust": 3}
    assert found.medians["council"]["reliability"] == 4 and found.medians["nhs_trust"]["overall"] == 30
    # a group of two refuses the whole breakdown, as does a blank group (not known) of two
    assert pure.breakdown(ITEMS, [("council", row)] * 3 + [("nhs_trust", low)] * 2, k=3) is None
    assert pure.breakdown(ITEMS, [("council", row)] * 3 + [("", low)] * 2, k=3) is None
    # a cell below k: one group skipped a question
    skipped = {"reliability": 2, "mission": 2, "openness": 2}
    assert pure.breakdown(ITEMS, [("council", row)] * 3 + [("nhs_trust", skipped)] * 3, k=3) is None
    # a single group is not a breakdown
    assert pure.breakdown(ITEMS, [("council", row)] * 6, k=3) is None


def test_comments_need_k_release_and_company() -> None:
    texts = [("Shorter papers.", True), ("Honest figures.", True), ("Secret canary.", False)]
    assert pure.comments(texts, responses=5, k=5) == ("Honest figures.", "Shorter papers.")
    assert pure.comments(texts, responses=4, k=5) == ()
    assert pure.comments([("Only one released.", True), ("Not this.", False)], responses=9, k=5) == ()


def test_the_trend_follows_each_item_across_waves() -> None:
    first = pure.results(ITEMS, _answers(*[(2, 3, 3, 40)] * 5), k=5, flag_below=3)
    second = pure.results(ITEMS, _answers(*[(3, 4, 3, 60)] * 4), k=5, flag_below=3)  # below k: hidden
    third = pure.results(ITEMS, _answers(*[(4, 4, 4, 70)] * 6), k=5, flag_below=3)
    found = pure.trend([("Spring", first), ("Summer", second), ("Autumn", third)])
    assert found.waves == ("Spring", "Summer", "Autumn")
    assert found.series["reliability"] == (2, None, 4) and found.series["overall"] == (40, None, 70)
    assert found.kinds["overall"] == "score"


row = st.fixed_dictionaries(
    {},
    optional={
        "reliability": st.integers(1, 5),
        "mission": st.integers(1, 5),
        "openness": st.integers(1, 5),
        "overall": st.integers(0, 100),
    },
)
response = st.tuples(st.sampled_from(["", "council", "nhs_trust", "voluntary"]), row, st.booleans())


@settings(max_examples=200, deadline=None)
@given(responses=st.lists(response, max_size=14), k=st.integers(3, 6))
def test_no_figure_breakdown_cell_or_comment_comes_from_fewer_than_k(
    responses: list[tuple[str, dict[str, int], bool]], k: int
) -> None:
    answers = [a for _, a, _ in responses]
    for result in pure.results(ITEMS, answers, k=k, flag_below=3):
        answered = sum(1 for a in answers if result.item.key in a)
        if answered < k:
            assert (result.count, result.median, result.lower, result.upper) == (None, None, None, None)
            assert not result.flagged
        else:
            assert result.count == answered
    found = pure.breakdown(ITEMS, [(g, a) for g, a, _ in responses], k=k)
    if found is not None:
        for group in found.groups:
            mine = [a for g, a, _ in responses if (g or pure.UNKNOWN_GROUP) == group]
            assert found.sizes[group] == len(mine) >= k
            for key in found.medians[group]:
                assert sum(1 for a in mine if key in a) >= k
    texts = [(f"comment {n}", released) for n, (_, _, released) in enumerate(responses)]
    shown = pure.comments(texts, responses=len(responses), k=k)
    if shown:
        assert len(responses) >= k and len(shown) >= 2
        assert all(dict(texts)[text] for text in shown)
