"""The partnership health check's figures: per section, the median and the spread of what people answered,
and the two flags (*low*, *no consensus*). Pure Python: no Django.

Each person answers every statement on a five-point agreement scale (1 strongly disagree … 5 strongly
agree) or says they don't know. A person's *section score* is the mean of the statements of that section
they rated; "don't know" is left out, and a person who rated none of a section's statements is not counted
in it. For each section:

- the figures (median, quartiles, spread) are said only when the people with a score in that section
  pass ``anonymity.count_shown`` at the run's threshold k; otherwise nothing is said, not even the count;
- the *median* is the middle section score; the *spread* is the interquartile range (upper quartile minus
  lower quartile), the quartiles taken by linear interpolation between the ordered scores, the "inclusive"
  method (as a spreadsheet's QUARTILE.INC);
- *low*: the median is below 3 (on the disagree side of "neither agree nor disagree");
- *no consensus*: the spread is 2 or more, or at least a quarter of the people score 2 or below while at
  least a quarter score 4 or above.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from traction_analysis.anonymity import count_shown

SECTIONS: Final = ("need", "purpose", "commitment", "trust", "arrangements", "learning")
SCALE: Final = {
    5: "Strongly agree",
    4: "Agree",
    3: "Neither agree nor disagree",
    2: "Disagree",
    1: "Strongly disagree",
}
LOW_BELOW: Final = 3.0
WIDE_SPREAD: Final = 2.0
END_SHARE: Final = 0.25
DISAGREE_AT_MOST: Final = 2.0
AGREE_AT_LEAST: Final = 4.0

# The default statements, written for this product: a partnership edits, adds to or retires them.
DEFAULT_STATEMENTS: Final[dict[str, tuple[str, ...]]] = {
    "need": (
        "We agree on why none of our organisations could do this alone.",
        "The problems we share are written down and our boards have seen them.",
        "Each partner can say what it gains from working together.",
    ),
    "purpose": (
        "We can each say in one sentence what this partnership is for.",
        "Our shared aims are specific enough to tell whether we are meeting them.",
        "What the partnership does and what each organisation does alone is clear.",
        "Our aims still match the needs of the people we serve.",
    ),
    "commitment": (
        "Senior leaders in every partner speak up for the partnership's work.",
        "Partners put in money, staff or time, not only goodwill.",
        "When something goes wrong we share responsibility rather than blame one another.",
    ),
    "trust": (
        "I can raise a difficult issue here without it being held against me.",
        "Partners do what they say they will do.",
        "Smaller partners' views count as much as the largest partner's.",
        "Information is shared openly, including bad news.",
    ),
    "arrangements": (
        "It is clear who decides what, and how decisions are made.",
        "Meetings lead to decisions and actions rather than updates alone.",
        "Papers arrive in time to be read and are short enough to be read.",
        "The way we work together is simple enough to keep going.",
    ),
    "learning": (
        "We check regularly whether our shared work is making a difference.",
        "We change what we do when the evidence says we should.",
        "We look back honestly at how well we work together, not only at what we deliver.",
    ),
}

Answers = Mapping[str, int | None]  # statement key → 1…5, or None for "don't know"


@dataclass(frozen=True)
class Statement:
    key: str
    section: str


@dataclass(frozen=True)
class SectionResult:
    """One section's figures; every figure is ``None`` when fewer than k people scored the section."""

    section: str
    people: int | None = None
    median: float | None = None
    lower_quartile: float | None = None
    upper_quartile: float | None = None
    low: bool = False
    no_consensus: bool = False

    @property
    def shown(self) -> bool:
        return self.people is not None

    @property
    def spread(self) -> float | None:
        if self.upper_quartile is None or self.lower_quartile is None:
            return None
        return self.upper_quartile - self.lower_quartile

    @property
    def flagged(self) -> bool:
        return self.low or self.no_consensus


def quantile(ordered: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile of sorted values, by linear interpolation between neighbours (inclusive)."""
    if not ordered:
        raise ValueError("No values.")
    position = (len(ordered) - 1) * fraction
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def person_score(answers: Answers, keys: Sequence[str]) -> float | None:
    """The mean of the statements of ``keys`` this person rated; None when they rated none."""
    rated = [answers[key] for key in keys if isinstance(answers.get(key), int)]
    return sum(rated) / len(rated) if rated else None  # type: ignore[arg-type]


def no_consensus(scores: Sequence[float], spread: float) -> bool:
    n = len(scores)
    disagree = sum(1 for s in scores if s <= DISAGREE_AT_MOST)
    agree = sum(1 for s in scores if s >= AGREE_AT_LEAST)
    return spread >= WIDE_SPREAD or (disagree >= END_SHARE * n and agree >= END_SHARE * n)


def section_result(section: str, scores: Sequence[float], *, k: int) -> SectionResult:
    people = count_shown(range(len(scores)), k=k)
    if people is None:
        return SectionResult(section)
    ordered = sorted(scores)
    median = quantile(ordered, 0.5)
    lower, upper = quantile(ordered, 0.25), quantile(ordered, 0.75)
    return SectionResult(
        section,
        people=people,
        median=median,
        lower_quartile=lower,
        upper_quartile=upper,
        low=median < LOW_BELOW,
        no_consensus=no_consensus(ordered, upper - lower),
    )


def section_results(
    statements: Sequence[Statement], responses: Sequence[Answers], *, k: int
) -> list[SectionResult]:
    """One result per section that has statements, in the instrument's order."""
    results = []
    for section in SECTIONS:
        keys = [s.key for s in statements if s.section == section]
        if not keys:
            continue
        scores = [score for r in responses if (score := person_score(r, keys)) is not None]
        results.append(section_result(section, scores, k=k))
    return results


def valid_answer(value: object) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value in SCALE)


__all__ = [
    "DEFAULT_STATEMENTS",
    "SCALE",
    "SECTIONS",
    "Answers",
    "SectionResult",
    "Statement",
    "person_score",
    "quantile",
    "section_result",
    "section_results",
    "valid_answer",
]
