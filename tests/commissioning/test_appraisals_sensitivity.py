"""The appraisal arithmetic against hand-worked cases, and its properties."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from traction_analysis.commissioning import appraisal as pure


def test_the_weighted_score_is_the_sum_of_weight_times_mean_over_five() -> None:
    # 60 × 5/5 + 40 × 2.5/5 = 60 + 20 = 80
    assert pure.weighted_total({"a": 60, "b": 40}, {"a": 5, "b": Fraction(5, 2)}) == 80
    assert pure.weighted_total({"a": 60, "b": 40}, {"a": 5}) is None


def test_ties_share_a_rank_and_are_named_together() -> None:
    # X: 50×4/5 + 50×2/5 = 40 + 20 = 60; Y: 50×2/5 + 50×4/5 = 60; Z: 50×1/5 + 50×1/5 = 20
    options = {"X": {"a": 4, "b": 2}, "Y": {"a": 2, "b": 4}, "Z": {"a": 1, "b": 1}}
    ranked = pure.ranking({"a": 50, "b": 50}, options)
    assert [(r.option, r.total, r.rank) for r in ranked] == [("X", 60, 1), ("Y", 60, 1), ("Z", 20, 3)]
    assert pure.top({"a": 50, "b": 50}, options) == ("X", "Y")


def test_moving_a_weight_rescales_the_others_in_proportion() -> None:
    # a 50 → 60 (+10); b and c share the −10 in proportion 30:20, so b 30 − 6 = 24, c 20 − 4 = 16
    assert pure.moved_weights({"a": 50, "b": 30, "c": 20}, "a", 10) == {"a": 60, "b": 24, "c": 16}
    # a 5 → 0 (clamped: −5); b and c gain 5 in proportion 75:20, so b 75 + 75/19, c 20 + 20/19
    moved = pure.moved_weights({"a": 5, "b": 75, "c": 20}, "a", -10)
    assert moved == {"a": 0, "b": 75 + Fraction(75, 19), "c": 20 + Fraction(20, 19)}


def test_when_the_others_are_all_zero_the_change_is_shared_equally() -> None:
    # a 100 → 90; b and c are 0, so each gets 10 / 2 = 5
    assert pure.moved_weights({"a": 100, "b": 0, "c": 0}, "a", -10) == {"a": 90, "b": 5, "c": 5}


def test_a_robust_top_option_stays() -> None:
    # P beats Q on both factors, so no weighting can change the top.
    options = {"P": {"a": 5, "b": 4}, "Q": {"a": 3, "b": 2}}
    result = pure.sensitivity({"a": 50, "b": 50}, options)
    assert result.top == ("P",) and result.stable
    names = {"P": "Zoned contracts", "Q": "In-house"}
    assert pure.sentences(result, names, {"a": "Fit", "b": "Cost"}) == [
        "The top option stays “Zoned contracts” whichever single weight moves by 10 points."
    ]


def test_a_close_call_is_said_plainly_with_the_moves_that_change_it() -> None:
    # weights a 50, b 50. P: 50×5/5 + 50×1/5 = 50 + 10 = 60; Q: 50×2/5 + 50×5/5 = 20 + 50 = 70 → Q on top.
    # a up 10 (a 60, b 40): P 60 + 8 = 68; Q 24 + 40 = 64 → P on top.
    # a down 10 (a 40, b 60): P 40 + 12 = 52; Q 16 + 60 = 76 → Q stays.
    # b up 10 is a down 10: Q stays; b down 10 is a up 10: P on top.
    options = {"P": {"a": 5, "b": 1}, "Q": {"a": 2, "b": 5}}
    result = pure.sensitivity({"a": 50, "b": 50}, options)
    assert result.top == ("Q",)
    assert [(m.factor, m.delta, m.top) for m in result.changes] == [("a", 10, ("P",)), ("b", -10, ("P",))]
    lines = pure.sentences(result, {"P": "Insource", "Q": "Outsource"}, {"a": "Fit", "b": "Cost"})
    assert lines == [
        "At the weights as set, the top option is “Outsource”. It changes when:",
        "“Fit” moves up by 10 points: the top option becomes “Insource”.",
        "“Cost” moves down by 10 points: the top option becomes “Insource”.",
    ]


def test_a_move_into_a_tie_changes_the_top_and_names_both() -> None:
    # weights a 40, b 60. P: 40×5/5 + 60×0/5 = 40; Q: 40×0/5 + 60×(10/3)/5 = 40 → P and Q tie at the top.
    tied = pure.sensitivity({"a": 40, "b": 60}, {"P": {"a": 5, "b": 0}, "Q": {"a": 0, "b": Fraction(10, 3)}})
    assert tied.top == ("P", "Q")
    assert "“P” and “Q” (tied)" in pure.sentences(tied, {}, {})[0]


def test_no_full_set_means_no_top() -> None:
    result = pure.sensitivity({"a": 100}, {"P": {}})
    assert result.top == () and not result.stable
    assert "no top option" in pure.sentences(result, {}, {})[0]


def test_spread_gives_mean_low_high_and_count() -> None:
    assert pure.spread([2, 5, 5]) == pure.Spread(Fraction(4), 2, 5, 3)
    assert pure.spread([]) is None


WEIGHTS = st.lists(st.integers(0, 100), min_size=2, max_size=8).filter(lambda ws: sum(ws) > 0)


def _to_100(values: list[int]) -> dict[str, int]:
    """Whole weights in proportion to ``values`` that sum to exactly 100 (the remainder on the first)."""
    total = sum(values)
    weights = [v * 100 // total for v in values]
    weights[0] += 100 - sum(weights)
    return {f"f{i}": w for i, w in enumerate(weights)}


@given(WEIGHTS, st.data())
def test_moving_by_zero_changes_nothing(values: list[int], data: st.DataObject) -> None:
    weights = _to_100(values)
    factor = data.draw(st.sampled_from(sorted(weights)))
    assert pure.moved_weights(weights, factor, 0) == weights
    options = {o: {f: data.draw(st.integers(0, 5)) for f in weights} for o in ("A", "B", "C")}
    assert pure.sensitivity(weights, options, step=0).changes == ()


@given(WEIGHTS, st.data(), st.sampled_from([10, -10]))
def test_totals_stay_within_0_and_100_and_weights_still_sum_to_100(
    values: list[int], data: st.DataObject, delta: int
) -> None:
    weights = _to_100(values)
    factor = data.draw(st.sampled_from(sorted(weights)))
    moved = pure.moved_weights(weights, factor, delta)
    assert sum(moved.values()) == 100 and all(w >= 0 for w in moved.values())
    means = {f: Fraction(data.draw(st.integers(0, 15)), 3) for f in weights}
    for w in (weights, moved):
        total = pure.weighted_total(w, means)
        assert total is not None and 0 <= total <= 100
