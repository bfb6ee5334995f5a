"""The anonymity rule, by property: no published view, and no difference between two views, names a group
of fewer than k participants."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traction_analysis.anonymity import (
    K_DEFAULT,
    K_TOO_LOW,
    Quote,
    breakdown_shown,
    count_shown,
    quotes_shown,
    release,
    safe_view,
    threshold,
)

ks = st.integers(min_value=3, max_value=6)
people = st.integers(min_value=0, max_value=30)
raiser_sets = st.frozensets(people, max_size=20)
# every participant's organisation: the public list of who took part
populations = st.dictionaries(
    people, st.sampled_from(["Org A", "Org B", "Org C", "no organisation"]), min_size=1, max_size=31
)


def test_the_default_is_three_and_nothing_lower_is_accepted() -> None:
    assert threshold() == K_DEFAULT == 3
    for bad in (2, 1, 0, -5, True):
        with pytest.raises(ValueError, match=K_TOO_LOW):
            threshold(bad)
    with pytest.raises(ValueError, match=K_TOO_LOW):
        count_shown([1, 2, 3], k=2)
    assert threshold(5) == 5


@given(raisers=st.lists(people, max_size=25), k=ks)
def test_a_count_is_said_only_from_k_distinct_participants(raisers: list[int], k: int) -> None:
    shown = count_shown(raisers, k=k)
    distinct = len(set(raisers))
    assert shown == (distinct if distinct >= k else None)


@given(a=st.integers(min_value=0, max_value=2), b=st.integers(min_value=0, max_value=2))
def test_counts_below_k_look_exactly_like_zero(a: int, b: int) -> None:
    assert count_shown(range(a)) == count_shown(range(b)) == count_shown([]) is None


quotes = st.lists(
    st.builds(
        Quote,
        text=st.sampled_from(["It feels like nobody decides.", "We wait for money.", "Papers, papers.", ""]),
        participant=people,
        consent=st.booleans(),
    ),
    max_size=8,
)


@given(qs=quotes, raisers=raiser_sets, k=ks)
def test_a_quote_appears_only_with_consent_and_never_alone(
    qs: list[Quote], raisers: frozenset[int], k: int
) -> None:
    shown = quotes_shown(qs, raisers=raisers, k=k)
    assert len(shown) != 1
    consented = {q.text.strip() for q in qs if q.consent}
    assert set(shown) <= consented
    if shown:
        assert count_shown(raisers, k=k) is not None
        speakers = {q.participant for q in qs if q.consent and q.text.strip() in shown}
        assert len(speakers) >= 2


def test_quotes_worked_example() -> None:
    raisers = ["p1", "p2", "p3"]
    one = [Quote("We never decide.", "p1", True), Quote("Nobody owns it.", "p2", False)]
    assert quotes_shown(one, raisers=raisers) == ()
    two = [Quote("We never decide.", "p1", True), Quote("Nobody owns it.", "p2", True)]
    assert quotes_shown(two, raisers=raisers) == ("We never decide.", "Nobody owns it.")
    assert quotes_shown(two, raisers=raisers[:2]) == ()
    same_person = [Quote("We never decide.", "p1", True), Quote("Nobody owns it.", "p1", True)]
    assert quotes_shown(same_person, raisers=raisers) == ()


@given(population=populations, data=st.data(), k=ks)
def test_a_breakdown_never_reveals_a_small_group_even_by_subtraction(
    population: dict[int, str], data: st.DataObject, k: int
) -> None:
    raisers = data.draw(st.frozensets(st.sampled_from(sorted(population))))
    shown = breakdown_shown(raisers, groups=population, k=k)
    if shown is None:
        return
    sizes = {g: sum(1 for v in population.values() if v == g) for g in set(population.values())}
    assert set(shown) == set(sizes)  # every group is a row: none silently left out
    # Public figures: each cell, each group size, the total. Every set a subtraction can isolate is a union
    # of cells of the full table (raised / did not raise, per group): check each union reaches k.
    cells = [shown[g] for g in shown] + [sizes[g] - shown[g] for g in shown]
    assert all(c >= k for c in cells)
    for r in range(1, len(cells) + 1):
        for combo in combinations(cells, r):
            assert sum(combo) >= k
    assert sum(shown.values()) == len(raisers)


def test_breakdown_worked_example() -> None:
    population = {f"a{i}": "Council" for i in range(7)} | {f"b{i}": "NHS Trust" for i in range(6)}
    raisers = {"a0", "a1", "a2", "b0", "b1", "b2"}
    assert breakdown_shown(raisers, groups=population) == {"Council": 3, "NHS Trust": 3}
    # Everyone at the trust raised it: "trust total minus trust raisers" would be zero.
    assert breakdown_shown(raisers | {"b3", "b4", "b5"}, groups=population) is None
    # Two council raisers: a cell below k.
    assert breakdown_shown({"a0", "a1", "b0", "b1", "b2"}, groups=population) is None
    with pytest.raises(ValueError):
        breakdown_shown({"stranger"}, groups=population)


def _view(raisers: frozenset[int], population: dict[int, str], k: int) -> dict[str, int]:
    """What a shared picture says about one node: its count and, where allowed, its breakdown."""
    figures: dict[str, int] = {}
    n = count_shown(raisers, k=k)
    if n is not None:
        figures["total"] = n
        for group, c in (breakdown_shown(raisers, groups=population, k=k) or {}).items():
            figures[f"group:{group}"] = c
    return figures


@settings(max_examples=150)
@given(population=populations, data=st.data(), k=ks)
def test_no_difference_between_two_releases_reveals_a_small_group(
    population: dict[int, str], data: st.DataObject, k: int
) -> None:
    """The picture is published again and again as listening goes on (raisers come and go); any two
    releases, not only neighbours, differ in each figure by zero or at least k."""
    everyone = sorted(population)
    states = data.draw(st.lists(st.frozensets(st.sampled_from(everyone)), min_size=1, max_size=6))
    history: list[dict[str, int]] = []
    for raisers in states:
        history.append(release(_view(raisers, population, k), history=history, k=k))
    for view in history:
        assert safe_view(view, k=k)
    for a, b in combinations(history, 2):
        for key in set(a) | set(b):
            diff = abs(a.get(key, 0) - b.get(key, 0))
            assert diff == 0 or diff >= k, (a, b)


def test_a_small_change_keeps_the_previous_figure() -> None:
    first = release({"total": 5})
    assert first == {"total": 5}
    assert release({"total": 6}, history=[first]) == {"total": 5}
    assert release({"total": 8}, history=[first]) == {"total": 8}
    assert release({}, history=[first]) == {}  # dropping to "not said" is a change of at least k
    with pytest.raises(ValueError):
        release({"total": 2})
