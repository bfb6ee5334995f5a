"""Aggregating a priorities and values exercise: Borda count for rankings, the mean for scores.

Why Borda for rankings: it uses every position of every ranking, not just first places, so an item that
most people place fairly high comes out above an item that a few put first and the rest put last. It
favours what is broadly acceptable, which is what a partnership agreeing its shared priorities needs. In a
ranking of ``m`` items the first place earns ``m − 1`` points, the second ``m − 2`` … the last none; an
item's total is the sum over respondents, so the totals of ``n`` rankings add up to ``n·m(m−1)/2``.

Scores (each item 1 to 5, independently) are aggregated by their mean. Either way each item's spread is
given: the lowest and highest rank (or score) it received, and the interquartile range.

Figures are released only through ``traction_analysis.anonymity``: below ``k`` responses, nothing. The
spread is given only from ``2k`` responses: with few answers the lowest and highest rank (or score) of an
item point at one person's answer.
Pure Python: no Django.
"""

from __future__ import annotations

import statistics
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Final, Generic, TypeVar

from traction_analysis.anonymity import count_shown

RANK: Final = "rank"
SCORE: Final = "score"
SCORE_MIN, SCORE_MAX = 1, 5
RULES: Final = {
    RANK: (
        "Borda count: an item gets one point less for each place below the top in each ranking "
        "(first of {m} earns {top} points, last earns none), summed over everyone. Borda uses every "
        "position, not just first places, so it favours items that are broadly acceptable."
    ),
    SCORE: "The mean score (1 to 5) of each item over everyone who answered.",
}

K = TypeVar("K", bound=Hashable)


def borda(rankings: Sequence[Sequence[K]], keys: Sequence[K]) -> dict[K, int]:
    """Points per key: each ranking lists every key once, best first; position ``i`` earns ``m − 1 − i``."""
    m = len(keys)
    points = {key: 0 for key in keys}
    for ranking in rankings:
        for position, key in enumerate(ranking):
            points[key] += m - 1 - position
    return points


def ordering(ranks: Mapping[K, int]) -> list[K]:
    """A response ``{key: rank}`` (1 is the top) as the list of keys best first."""
    return sorted(ranks, key=lambda key: ranks[key])


def valid_ranking(keys: Sequence[K], ranks: Mapping[K, object]) -> bool:
    """Every key ranked once, with the ranks 1…m each used exactly once (a permutation)."""
    if set(ranks) != set(keys):
        return False
    values = list(ranks.values())
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return False
    return sorted(values) == list(range(1, len(keys) + 1))  # type: ignore[type-var]


def valid_scores(keys: Sequence[K], scores: Mapping[K, object]) -> bool:
    """Every key scored, each a whole number from 1 to 5."""
    return set(scores) == set(keys) and all(
        isinstance(v, int) and not isinstance(v, bool) and SCORE_MIN <= v <= SCORE_MAX
        for v in scores.values()
    )


@dataclass(frozen=True)
class ItemResult(Generic[K]):
    key: K
    place: int  # 1 is the top; tied items share a place
    value: float  # Borda points, or the mean score
    lowest: int | None  # best rank received (rankings) or lowest score (scores); None: spread withheld
    highest: int | None
    lower_quartile: float | None
    upper_quartile: float | None


@dataclass(frozen=True)
class Results(Generic[K]):
    method: str
    responses: int | None  # None below k: and then ``items`` is empty
    items: tuple[ItemResult[K], ...]
    spread_shown: bool = False  # the spread is given only from 2k responses


def spread_from(k: int) -> int:
    """The fewest responses from which the spread of each item is given."""
    return 2 * k


def _quartiles(values: Sequence[int]) -> tuple[float, float]:
    if len(values) < 2:
        return float(values[0]), float(values[0])
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def _places(values: Mapping[K, float], keys: Sequence[K]) -> list[tuple[K, int]]:
    """Keys by value, highest first (ties in the given order of keys), with shared places for ties."""
    order = sorted(keys, key=lambda key: (-values[key], keys.index(key)))
    placed: list[tuple[K, int]] = []
    for i, key in enumerate(order):
        tied = i and values[key] == values[order[i - 1]]
        placed.append((key, placed[-1][1] if tied else i + 1))
    return placed


def aggregate(
    keys: Sequence[K], answers: Sequence[Mapping[K, int]], method: str
) -> tuple[ItemResult[K], ...]:
    """The aggregate of every answer (no threshold: ``results`` applies it)."""
    if method == RANK:
        values: dict[K, float] = {k: float(v) for k, v in borda([ordering(a) for a in answers], keys).items()}
    else:
        values = {key: statistics.fmean(a[key] for a in answers) for key in keys}
    found = []
    for key, place in _places(values, keys):
        received = sorted(a[key] for a in answers)
        low, high = _quartiles(received)
        found.append(ItemResult(key, place, values[key], received[0], received[-1], low, high))
    return tuple(found)


def results(keys: Sequence[K], answers: Sequence[Mapping[K, int]], *, method: str, k: int) -> Results[K]:
    """The aggregate as the anonymity rule lets it out: nothing at all below ``k`` responses."""
    shown = count_shown(range(len(answers)), k=k)
    if shown is None or not keys:
        return Results(method, shown, ())
    items = aggregate(keys, answers, method)
    if count_shown(range(len(answers)), k=spread_from(k)) is not None:
        return Results(method, shown, items, spread_shown=True)
    hidden = (replace(r, lowest=None, highest=None, lower_quartile=None, upper_quartile=None) for r in items)
    return Results(method, shown, tuple(hidden))


def rule_text(method: str, m: int) -> str:
    return RULES[method].format(m=m, top=max(m - 1, 0))
