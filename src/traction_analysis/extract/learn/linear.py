"""A trained linear model over named features, applied in plain Python.

Training (``learn.train``, scikit-learn) writes the weights as JSON; applying them needs nothing but a
dictionary look-up per feature, so the engine loads in milliseconds, with no pickle, no network and no
scikit-learn at run time. Features are sparse: a dict of name → value, absent names are zero.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Features = Mapping[str, float]
_ZEROS = itertools.repeat(0.0)
_ONES = frozenset([1.0])
# How far below a threshold's score a bound must lie to be sure of the answer (sums of a few dozen
# weights round by about 1e-15).
_MARGIN = 1e-9


@dataclass(frozen=True, slots=True)
class LinearModel:
    """Logistic regression: one weight vector per class (binary models keep one, for the positive class).

    ``temperature`` divides the scores before the softmax/sigmoid: fitted on leave-one-publisher-out
    predictions so that a probability of 0.8 is right about 80 % of the time.
    """

    classes: tuple[str, ...]
    weights: tuple[Mapping[str, float], ...]
    bias: tuple[float, ...]
    temperature: float = 1.0

    @property
    def binary(self) -> bool:
        return len(self.weights) == 1

    def scores(self, features: Features) -> list[float]:
        if _ONES.issuperset(features.values()):  # indicator features (all of ours): no products
            return [
                sum(map(w.get, features, _ZEROS)) + b for w, b in zip(self.weights, self.bias, strict=True)
            ]
        return [
            sum(w.get(name, 0.0) * value for name, value in features.items()) + b
            for w, b in zip(self.weights, self.bias, strict=True)
        ]

    def probability(self, features: Features) -> float:
        """P(positive class) of a binary model."""
        return _sigmoid(self.scores(features)[0] / self.temperature)

    def probability_of_terms(self, terms: Sequence[float]) -> float:
        """P(positive class) of a binary model from the weights of the features present, in the order
        ``scores`` would add them (the same additions, so the same probability)."""
        return _sigmoid((sum(terms) + self.bias[0]) / self.temperature)

    def room_below(self, features: Features, threshold: float) -> float | None:
        """How much more score ``features`` (all indicators) of a binary model can take with P(positive
        class) still surely below ``threshold`` (negative where it is not below now); None where no score
        is below it.

        A margin far above the rounding of a sum of weights keeps "below" the answer ``probability`` would
        give; near the threshold the caller asks the model."""
        if not 0.0 < threshold < 1.0 or self.temperature <= 0.0:
            return None
        limit = self.temperature * math.log(threshold / (1.0 - threshold)) - _MARGIN
        return limit - (sum(map(self.weights[0].get, features, _ZEROS)) + self.bias[0])

    def probabilities(self, features: Features) -> dict[str, float]:
        """P(class) for every class (a binary model gives both of its classes)."""
        scores = self.scores(features)
        if self.binary:
            p = _sigmoid(scores[0] / self.temperature)
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(scores)
        exps = [math.exp((s - top) / self.temperature) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.classes, exps, strict=True)}

    def to_json(self) -> dict[str, Any]:
        return {
            "classes": list(self.classes),
            "bias": list(self.bias),
            "temperature": self.temperature,
            "weights": [{k: round(v, 6) for k, v in sorted(w.items()) if v} for w in self.weights],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LinearModel:
        return cls(
            classes=tuple(data["classes"]),
            weights=tuple(dict(w) for w in data["weights"]),
            bias=tuple(float(b) for b in data["bias"]),
            temperature=float(data.get("temperature", 1.0)),
        )


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def expected_calibration_error(
    probabilities: Sequence[float], outcomes: Sequence[bool], bins: int = 10
) -> float:
    """ECE: the gap between stated confidence and observed accuracy, averaged over equal-width bins."""
    if not probabilities:
        return 0.0
    totals = [[0, 0.0, 0] for _ in range(bins)]  # count, sum of p, correct
    for p, ok in zip(probabilities, outcomes, strict=True):
        slot = totals[min(bins - 1, int(p * bins))]
        slot[0] += 1
        slot[1] += p
        slot[2] += int(ok)
    n = len(probabilities)
    return sum(abs(s / c - k / c) * c / n for c, s, k in totals if c)
