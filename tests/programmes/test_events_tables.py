"""The table plan: every plan keeps the rule (no table more than half one group), seats everyone once, with
balanced tables within capacity; where no plan can, the function says why instead."""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from traction_analysis.programmes.tables import (
    GROUP_TOO_BIG,
    TOO_MANY,
    Guest,
    balanced_sizes,
    rule_breaches,
    table_plan,
)

group_counts = st.lists(st.integers(min_value=0, max_value=14), min_size=1, max_size=6)


def guests_of(counts: list[int]) -> list[Guest]:
    return [Guest((g, i), f"group {g}") for g, n in enumerate(counts) for i in range(n)]


def feasible_by_search(counts: list[int], sizes: list[int]) -> bool:
    """An independent check for small cases: fill the tables one by one, trying every split of the groups."""
    counts = [c for c in counts if c]
    if not sizes:
        return not counts

    def splits(size: int, left: list[int]) -> list[tuple[int, ...]]:
        limit = size // 2
        ranges = [range(min(limit, c) + 1) for c in left]
        return [s for s in product(*ranges) if sum(s) == size]

    first, rest = sizes[0], sizes[1:]
    return any(
        feasible_by_search([c - s for c, s in zip(counts, split, strict=True)], rest)
        for split in splits(first, counts)
    )


@settings(max_examples=150, deadline=None)
@given(counts=group_counts, tables=st.integers(min_value=1, max_value=8), seed=st.integers(0, 1000))
def test_every_plan_keeps_the_rule_and_seats_everyone_once(counts: list[int], tables: int, seed: int) -> None:
    guests = guests_of(counts)
    plan = table_plan(guests, tables=tables, capacity=30, seed=seed)
    if not plan.possible:
        assert plan.problem
        return
    seated = [key for table in plan.tables for key in table]
    assert sorted(seated) == sorted(g.key for g in guests)
    assert max(plan.sizes) - min(plan.sizes) <= 1
    group = {g.key: g.group for g in guests}
    assert rule_breaches([[group[k] for k in table] for table in plan.tables]) == []


@settings(max_examples=120, deadline=None)
@given(
    counts=st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=4),
    tables=st.integers(min_value=1, max_value=3),
)
def test_a_plan_is_found_exactly_when_one_exists(counts: list[int], tables: int) -> None:
    guests = guests_of(counts)
    plan = table_plan(guests, tables=tables, capacity=30)
    exists = bool(guests) and feasible_by_search(counts, balanced_sizes(len(guests), tables))
    assert plan.possible == exists


@settings(max_examples=80, deadline=None)
@given(counts=group_counts, tables=st.integers(min_value=1, max_value=8), seed=st.integers(0, 1000))
def test_the_same_seed_gives_the_same_plan(counts: list[int], tables: int, seed: int) -> None:
    guests = guests_of(counts)
    assert table_plan(guests, tables=tables, capacity=30, seed=seed) == table_plan(
        guests, tables=tables, capacity=30, seed=seed
    )


def test_a_group_over_half_is_said_plainly() -> None:
    plan = table_plan(guests_of([9, 3, 2]), tables=2, capacity=10)
    assert not plan.possible and plan.tables == ()
    assert plan.problem == GROUP_TOO_BIG.format(group="group 0", count=9, guests=14, tables=2, allowed=6)


def test_more_guests_than_seats_is_refused() -> None:
    plan = table_plan(guests_of([5, 5, 5]), tables=2, capacity=6)
    assert plan.problem == TOO_MANY.format(guests=15, tables=2, capacity=6)


def test_sixty_four_guests_of_six_groups_at_eight_tables() -> None:
    plan = table_plan(guests_of([12, 12, 10, 10, 10, 10]), tables=8, capacity=8, seed=7)
    assert plan.sizes == (8,) * 8
