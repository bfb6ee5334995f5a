"""Options appraisal arithmetic: weighted totals, the ranking (ties named) and the sensitivity check.

Weights are whole points summing to 100; scores are 0–5. An option's weighted score is the sum over the
factors of weight × mean score / 5, so it runs from 0 to 100. Arithmetic is exact (fractions), so a tie is
a tie and not an accident of rounding.

The sensitivity check moves one factor's weight by +``step`` and by −``step`` points (clamped to 0–100) and
rescales the other weights in proportion so that the total stays 100; when every other weight is 0 the
change is shared equally among them. It reports each move that changes the top option.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

Number = int | Fraction
MAX_SCORE: Final = 5
STEP: Final = 10
TOTAL: Final = 100
# The five standard critical success factors, in our own words after the Green Book tradition.
STANDARD_FACTORS: Final = (
    "Strategic fit and business needs",
    "Value for money",
    "Supplier capacity and capability (the market)",
    "Affordability",
    "Achievability",
)
MAX_OWN_FACTORS: Final = 3


@dataclass(frozen=True)
class Spread:
    """The scores of one option against one factor across its assessors."""

    mean: Fraction
    low: int
    high: int
    count: int


def spread(scores: Iterable[int]) -> Spread | None:
    values = list(scores)
    if not values:
        return None
    return Spread(Fraction(sum(values), len(values)), min(values), max(values), len(values))


def weighted_total(weights: Mapping[str, Number], means: Mapping[str, Number]) -> Fraction | None:
    """Σ weight × mean / 5 over the factors; None unless the option has a mean for every weighted factor."""
    if any(factor not in means for factor in weights):
        return None
    return sum((Fraction(w) * Fraction(means[f]) / MAX_SCORE for f, w in weights.items()), Fraction(0))


@dataclass(frozen=True)
class Ranked:
    option: str
    total: Fraction
    rank: int  # options with equal totals share a rank


def ranking(weights: Mapping[str, Number], options: Mapping[str, Mapping[str, Number]]) -> list[Ranked]:
    """Options with a full set of means, best first; equal totals share a rank (1, 1, 3…)."""
    totals = {o: t for o, means in options.items() if (t := weighted_total(weights, means)) is not None}
    ordered = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    ranked: list[Ranked] = []
    for position, (option, total) in enumerate(ordered, start=1):
        rank = ranked[-1].rank if ranked and ranked[-1].total == total else position
        ranked.append(Ranked(option, total, rank))
    return ranked


def top(weights: Mapping[str, Number], options: Mapping[str, Mapping[str, Number]]) -> tuple[str, ...]:
    """The option (or the options tied) at the top; empty when no option has a full set."""
    return tuple(r.option for r in ranking(weights, options) if r.rank == 1)


def moved_weights(weights: Mapping[str, Number], factor: str, delta: int) -> dict[str, Fraction]:
    """``factor``'s weight moved by ``delta`` points (clamped to 0–100), the others rescaled in proportion
    so the total is unchanged; when the others are all 0 the change is shared equally among them."""
    old = Fraction(weights[factor])
    new = min(Fraction(TOTAL), max(Fraction(0), old + delta))
    change = new - old
    others = [f for f in weights if f != factor]
    rest = sum((Fraction(weights[f]) for f in others), Fraction(0))
    moved = {f: Fraction(w) for f, w in weights.items()}
    moved[factor] = new
    for f in others:
        if rest:
            moved[f] = Fraction(weights[f]) - change * Fraction(weights[f]) / rest
        else:
            moved[f] = Fraction(weights[f]) - change / len(others)
    return moved


@dataclass(frozen=True)
class Move:
    factor: str
    delta: int
    weights: Mapping[str, Fraction]
    top: tuple[str, ...]


@dataclass(frozen=True)
class Sensitivity:
    top: tuple[str, ...]  # the top option(s) at the weights as set
    changes: tuple[Move, ...]  # the single moves that change the top option

    @property
    def stable(self) -> bool:
        return bool(self.top) and not self.changes


def sensitivity(
    weights: Mapping[str, Number], options: Mapping[str, Mapping[str, Number]], *, step: int = STEP
) -> Sensitivity:
    """For each factor, its weight moved by +step and −step: the moves after which the top differs."""
    base = top(weights, options)
    changes = []
    for factor in weights:
        if len(weights) < 2:
            break
        for delta in (step, -step):
            moved = moved_weights(weights, factor, delta)
            if moved[factor] == Fraction(weights[factor]):
                continue  # clamped: this move moves nothing
            found = top(moved, options)
            if found != base:
                changes.append(Move(factor, delta, moved, found))
    return Sensitivity(base, tuple(changes))


def _named(keys: Sequence[str], names: Mapping[str, str]) -> str:
    labels = [f"“{names.get(k, k)}”" for k in keys]
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1] + " (tied)"


def sentences(
    result: Sensitivity, names: Mapping[str, str], factors: Mapping[str, str], *, step: int = STEP
) -> list[str]:
    """The check said plainly: one sentence when the top stays, else one per move that changes it."""
    if not result.top:
        return ["No option has a full set of scores yet, so there is no top option to check."]
    if not result.changes:
        return [
            f"The top option stays {_named(result.top, names)} "
            f"whichever single weight moves by {step} points."
        ]
    lines = [f"At the weights as set, the top option is {_named(result.top, names)}. It changes when:"]
    for move in result.changes:
        way = "up" if move.delta > 0 else "down"
        lines.append(
            f"“{factors.get(move.factor, move.factor)}” moves {way} by {abs(move.delta)} points: "
            f"the top option becomes {_named(move.top, names)}."
        )
    return lines
