"""Properties of the priorities aggregate (pure code, Hypothesis): Borda totals, unanimity, respondents'
order, and the anonymity threshold."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traction_analysis.anonymity import K_TOO_LOW
from traction_analysis.stakeholders import priorities as pure


@st.composite
def rankings(draw: st.DrawFn) -> tuple[list[int], list[list[int]]]:
    m = draw(st.integers(min_value=2, max_value=8))
    keys = list(range(100, 100 + m))
    n = draw(st.integers(min_value=1, max_value=12))
    return keys, [draw(st.permutations(keys)) for _ in range(n)]


def _ranks(ordering: list[int]) -> dict[int, int]:
    return {key: place for place, key in enumerate(ordering, start=1)}


@settings(max_examples=60, deadline=None)
@given(rankings())
def test_borda_totals_are_n_m_m_minus_one_over_two(data: tuple[list[int], list[list[int]]]) -> None:
    keys, orders = data
    n, m = len(orders), len(keys)
    assert sum(pure.borda(orders, keys).values()) == n * m * (m - 1) // 2


@settings(max_examples=60, deadline=None)
@given(rankings(), st.randoms())
def test_the_order_of_respondents_does_not_matter(
    data: tuple[list[int], list[list[int]]], rnd: object
) -> None:
    keys, orders = data
    shuffled = list(orders)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    answers = [_ranks(o) for o in orders]
    again = [_ranks(o) for o in shuffled]
    assert pure.aggregate(keys, answers, pure.RANK) == pure.aggregate(keys, again, pure.RANK)


@settings(max_examples=60, deadline=None)
@given(rankings(), st.integers(min_value=6, max_value=12))
def test_a_unanimous_ranking_comes_out_as_itself(data: tuple[list[int], list[list[int]]], n: int) -> None:
    keys, orders = data
    found = pure.results(keys, [_ranks(orders[0])] * n, method=pure.RANK, k=3)
    assert [r.key for r in found.items] == orders[0]
    assert [r.place for r in found.items] == list(range(1, len(keys) + 1))
    assert all(r.lowest == r.highest == r.place for r in found.items)


@settings(max_examples=60, deadline=None)
@given(rankings(), st.integers(min_value=3, max_value=5), st.integers(min_value=0, max_value=12))
def test_the_spread_is_given_only_from_twice_k_responses(
    data: tuple[list[int], list[list[int]]], k: int, n: int
) -> None:
    keys, orders = data
    found = pure.results(keys, [_ranks(orders[i % len(orders)]) for i in range(n)], method=pure.RANK, k=k)
    assert found.spread_shown == (n >= 2 * k)
    spreads = [(r.lowest, r.highest, r.lower_quartile, r.upper_quartile) for r in found.items]
    if not found.spread_shown:
        assert all(spread == (None, None, None, None) for spread in spreads)
    else:
        assert all(None not in spread for spread in spreads)


@settings(max_examples=60, deadline=None)
@given(rankings())
def test_places_follow_points_and_ranks_stay_in_range(data: tuple[list[int], list[list[int]]]) -> None:
    keys, orders = data
    found = pure.aggregate(keys, [_ranks(o) for o in orders], pure.RANK)
    values = [r.value for r in found]
    assert values == sorted(values, reverse=True)
    assert all(1 <= r.lowest <= r.lower_quartile <= r.upper_quartile <= r.highest <= len(keys) for r in found)
    assert {r.key for r in found} == set(keys)


@settings(max_examples=60, deadline=None)
@given(rankings())
def test_every_ranking_is_a_valid_permutation(data: tuple[list[int], list[list[int]]]) -> None:
    keys, orders = data
    assert all(pure.valid_ranking(keys, _ranks(o)) for o in orders)


@pytest.mark.parametrize(
    "ranks",
    [{1: 1, 2: 1, 3: 2}, {1: 1, 2: 2}, {1: 1, 2: 2, 3: 4}, {1: 1, 2: 2, 3: 3, 4: 4}, {1: True, 2: 2, 3: 3}],
)
def test_a_ranking_that_is_not_a_permutation_is_invalid(ranks: dict[int, object]) -> None:
    assert not pure.valid_ranking([1, 2, 3], ranks)


def test_borda_favours_the_broadly_acceptable_item() -> None:
    """A has the most first places (three of seven) but is last for four; B is never last."""
    orders = [["A", "B", "C"]] * 3 + [["C", "B", "A"]] * 2 + [["B", "C", "A"]] * 2
    found = pure.aggregate(["A", "B", "C"], [_ranks(o) for o in orders], pure.RANK)  # type: ignore[arg-type]
    assert [(r.key, r.value, r.place) for r in found] == [("B", 9, 1), ("A", 6, 2), ("C", 6, 2)]


def test_scores_use_the_mean_and_ties_share_a_place() -> None:
    answers = [{1: 5, 2: 3, 3: 5}, {1: 3, 2: 3, 3: 3}, {1: 4, 2: 3, 3: 4}]
    found = pure.results([1, 2, 3], answers, method=pure.SCORE, k=3)
    assert [(r.key, r.place, r.value) for r in found.items] == [(1, 1, 4.0), (3, 1, 4.0), (2, 3, 3.0)]
    assert not pure.valid_scores([1, 2], {1: 6, 2: 3}) and not pure.valid_scores([1, 2], {1: 4})


@settings(max_examples=40, deadline=None)
@given(rankings(), st.integers(min_value=3, max_value=13))
def test_nothing_is_shown_below_k(data: tuple[list[int], list[list[int]]], k: int) -> None:
    keys, orders = data
    found = pure.results(keys, [_ranks(o) for o in orders], method=pure.RANK, k=k)
    if len(orders) < k:
        assert found.responses is None and found.items == ()
    else:
        assert found.responses == len(orders) and len(found.items) == len(keys)


def test_k_below_the_floor_is_an_error() -> None:
    with pytest.raises(ValueError, match=K_TOO_LOW):
        pure.results([1, 2], [{1: 1, 2: 2}] * 5, method=pure.RANK, k=2)
