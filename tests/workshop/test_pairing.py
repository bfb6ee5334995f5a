"""Pair plans for a pair-listening session, by property."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from traction.workshop.pairing import pair_rounds, repeated_pairs


def _check_rounds(plan: list, people: list[int]) -> None:
    for round_ in plan:
        seated = [p for pair in round_ for p in pair if p is not None]
        assert sorted(seated) == sorted(people), "everyone is in exactly one pair (or rests) each round"
        assert sum(1 for _, b in round_ if b is None) == len(people) % 2


@settings(max_examples=60, deadline=None)
@given(data=st.data(), half=st.integers(min_value=1, max_value=9))
def test_no_pair_repeats_while_rounds_fit(data: st.DataObject, half: int) -> None:
    n = 2 * half
    people = list(range(n))
    organisation = {p: data.draw(st.sampled_from(["Council", "NHS", "Voluntary", None])) for p in people}
    rounds = data.draw(st.integers(min_value=1, max_value=n - 1))
    plan = pair_rounds(people, organisation, rounds)
    assert len(plan) == rounds
    _check_rounds(plan, people)
    assert repeated_pairs(plan) == 0


@settings(max_examples=40, deadline=None)
@given(data=st.data(), n=st.sampled_from([3, 5, 7, 9, 11]))
def test_with_an_odd_number_one_rests_and_nobody_rests_twice(data: st.DataObject, n: int) -> None:
    people = list(range(n))
    organisation = {p: data.draw(st.sampled_from(["A", "B"])) for p in people}
    rounds = data.draw(st.integers(min_value=1, max_value=n))
    plan = pair_rounds(people, organisation, rounds)
    _check_rounds(plan, people)
    resting = [a for round_ in plan for a, b in round_ if b is None]
    assert len(resting) == len(set(resting)) == rounds
    assert repeated_pairs(plan) == 0


@settings(max_examples=30, deadline=None)
@given(m=st.integers(min_value=1, max_value=8), data=st.data())
def test_pairs_cross_organisations_whenever_possible(m: int, data: st.DataObject) -> None:
    """Two organisations of m people each: the first m rounds can all be across; the plan finds them."""
    people = list(range(2 * m))
    organisation = {p: "Council" if p < m else "NHS Trust" for p in people}
    rounds = data.draw(st.integers(min_value=1, max_value=m))
    plan = pair_rounds(people, organisation, rounds)
    assert all(organisation[a] != organisation[b] for round_ in plan for a, b in round_)
    assert repeated_pairs(plan) == 0


def test_more_rounds_than_partners_repeat_only_then() -> None:
    plan = pair_rounds([1, 2, 3, 4], {1: "A", 2: "A", 3: "B", 4: "B"}, 5)
    assert len(plan) == 5
    assert repeated_pairs(plan[:3]) == 0
    assert repeated_pairs(plan) > 0


def test_the_plan_is_reproducible() -> None:
    people = list(range(10))
    organisation = {p: "ABC"[p % 3] for p in people}
    assert pair_rounds(people, organisation, 4) == pair_rounds(people, organisation, 4)
