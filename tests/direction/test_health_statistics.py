"""The health check's figures, worked by hand, and the anonymity rule over every input Hypothesis finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traction_analysis.direction import health as pure

KEYS = [pure.Statement("a", "trust"), pure.Statement("b", "trust"), pure.Statement("c", "learning")]


def test_quartiles_interpolate_between_neighbours() -> None:
    values = [1.0, 2.0, 3.0, 4.0]  # positions 0..3: the lower quartile sits at 0.75, the upper at 2.25
    assert pure.quantile(values, 0.25) == 1.75
    assert pure.quantile(values, 0.5) == 2.5
    assert pure.quantile(values, 0.75) == 3.25
    assert pure.quantile([3.0], 0.25) == 3.0


def test_a_person_scores_the_mean_of_what_they_rated_and_dont_know_is_left_out() -> None:
    assert pure.person_score({"a": 2, "b": 5}, ["a", "b"]) == 3.5
    assert pure.person_score({"a": None, "b": 4}, ["a", "b"]) == 4
    assert pure.person_score({"a": None, "b": None}, ["a", "b"]) is None


def test_a_low_section_worked_by_hand() -> None:
    # Five people: trust scores 2, 2, 1.5, 3, 2 -> ordered 1.5, 2, 2, 2, 3: median 2, quartiles 2 and 2.
    responses = [
        {"a": 2, "b": 2, "c": 4},
        {"a": 2, "b": 2, "c": 4},
        {"a": 1, "b": 2, "c": 4},
        {"a": 3, "b": 3, "c": 3},
        {"a": 2, "b": None, "c": 5},
    ]
    trust, learning = pure.section_results(KEYS, responses, k=5)
    assert (trust.section, trust.people, trust.median) == ("trust", 5, 2.0)
    assert (trust.lower_quartile, trust.upper_quartile, trust.spread) == (2.0, 2.0, 0.0)
    assert trust.low and not trust.no_consensus and trust.flagged
    # Learning: 4, 4, 4, 3, 5 -> median 4, quartiles 4 and 4: neither flag.
    assert (learning.median, learning.spread, learning.flagged) == (4.0, 0.0, False)


def test_no_consensus_by_a_wide_spread_and_by_both_ends() -> None:
    # 1, 1, 3, 5, 5: quartiles 1 and 5, spread 4.
    wide = pure.section_result("trust", [1, 1, 3, 5, 5], k=3)
    assert wide.spread == 4 and wide.no_consensus and not wide.low
    # 2, 3, 3, 3, 3, 3, 4, 4: quartiles at positions 1.75 and 5.25, 3 and 3.25 (spread 0.25); only 1 of 8
    # at 2 or below, so not contested.
    narrow = pure.section_result("trust", [2, 3, 3, 3, 3, 3, 4, 4], k=3)
    assert narrow.spread == 0.25 and not narrow.no_consensus
    # 2, 2, 3, 3, 3, 3, 4, 4: quartiles 2.75 and 3.25 (spread 0.5), yet 2 of 8 at each end: contested.
    ends = pure.section_result("trust", [2, 2, 3, 3, 3, 3, 4, 4], k=3)
    assert ends.spread == 0.5 and ends.no_consensus


def test_a_median_of_exactly_three_is_not_low() -> None:
    assert not pure.section_result("need", [2, 3, 4], k=3).low
    assert pure.section_result("need", [2, 2.5, 4], k=3).low


def test_fewer_than_k_people_in_a_section_show_nothing() -> None:
    responses = [{"a": 1, "b": 1, "c": None}] * 2 + [{"a": 2, "b": 2, "c": 5}] * 2
    trust, learning = pure.section_results(KEYS, responses, k=3)
    assert trust.people == 4 and trust.median is not None
    assert learning == pure.SectionResult("learning")  # two people rated it: no figure, no flag
    assert not learning.shown and not learning.flagged


def test_k_can_never_be_below_three() -> None:
    with pytest.raises(ValueError):
        pure.section_result("trust", [1, 2, 3, 4], k=2)


def test_the_defaults_fill_every_section_with_three_or_four_statements() -> None:
    assert list(pure.DEFAULT_STATEMENTS) == list(pure.SECTIONS)
    assert all(3 <= len(texts) <= 4 for texts in pure.DEFAULT_STATEMENTS.values())


answer = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
response = st.fixed_dictionaries({"a": answer, "b": answer, "c": answer})


@settings(max_examples=300, deadline=None)
@given(responses=st.lists(response, max_size=12), k=st.integers(min_value=3, max_value=8))
def test_no_section_figure_ever_comes_from_fewer_than_k_people(
    responses: list[dict[str, int | None]], k: int
) -> None:
    for result in pure.section_results(KEYS, responses, k=k):
        keys = [s.key for s in KEYS if s.section == result.section]
        rated = sum(1 for r in responses if any(r[key] is not None for key in keys))
        if rated < k:
            assert result == pure.SectionResult(result.section)
        else:
            assert result.people == rated
            assert result.median is not None and 1 <= result.median <= 5
            assert result.spread is not None and 0 <= result.spread <= 4
