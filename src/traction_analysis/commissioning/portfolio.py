"""The portfolio's arithmetic: days in a phase, when a strategy has stalled, confidence over time, and the
yearly self-assessment's standards and scores. Plain values in, plain values out; no Django."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

STALL_DAYS_DEFAULT = 180
# Delivery confidence in words, short: the level's name without its explanation (5 is green, 1 red).
CONFIDENCE_WORDS = {5: "Green", 4: "Amber/green", 3: "Amber", 2: "Amber/red", 1: "Red"}


def days_in_phase(since: datetime.date, today: datetime.date) -> int:
    """Whole days since the strategy entered its phase; never negative (a date in the future counts 0)."""
    return max(0, (today - since).days)


def stall_reference(last_decided: datetime.date | None, in_phase_since: datetime.date) -> datetime.date:
    """The day a stall is counted from: the last gate decided, else the day the phase began."""
    return last_decided if last_decided is not None else in_phase_since


def stall_cutoff(today: datetime.date, stall_days: int) -> datetime.date:
    """A strategy whose reference date is before this day has stalled."""
    return today - datetime.timedelta(days=stall_days)


def is_stalled(
    *,
    last_decided: datetime.date | None,
    in_phase_since: datetime.date,
    today: datetime.date,
    stall_days: int,
    stopped: bool = False,
) -> bool:
    """No gate decided for more than ``stall_days`` days (counted from entering the phase when no gate has
    ever been decided), and the strategy not stopped. On exactly ``stall_days`` days it has not stalled."""
    if stopped:
        return False
    return stall_reference(last_decided, in_phase_since) < stall_cutoff(today, stall_days)


def confidence_trend(levels: Iterable[int | None]) -> str:
    """The decided gates' confidence in date order, as "3 → 4 → 4"; gates decided without one are skipped."""
    return " → ".join(str(level) for level in levels if level is not None)


def confidence_words(level: int | None) -> str:
    return CONFIDENCE_WORDS.get(level, "") if level is not None else ""


# --- the yearly self-assessment -------------------------------------------------------------------------


@dataclass(frozen=True)
class Standard:
    key: str
    title: str
    text: str


STANDARDS: tuple[Standard, ...] = (
    Standard(
        "outcomes",
        "We commission for outcomes",
        "Each strategy names the shared outcomes it serves and how we will know people are better off.",
    ),
    Standard(
        "need",
        "We start from evidence of need",
        "We look at the figures and at what residents and front-line staff tell us before we buy.",
    ),
    Standard(
        "coproduction",
        "Residents shape what we commission",
        "People who use services, and their carers, help to design, choose and review them.",
    ),
    Standard(
        "market",
        "We shape a healthy market",
        "We know the providers in our area, talk to them early and help small and voluntary ones bid.",
    ),
    Standard(
        "collaboration",
        "We commission with our partners",
        "Councils, the NHS and the voluntary sector plan together and share budgets where it helps.",
    ),
    Standard(
        "learning",
        "We learn from review",
        "Every strategy is reviewed against its outcomes, and what we learn changes the next round.",
    ),
    Standard(
        "value",
        "We get value for money",
        "We compare options on whole-life cost and benefit, and stop what does not work.",
    ),
)
STANDARD_KEYS = tuple(s.key for s in STANDARDS)
SCORES = {
    1: "1 Not yet in place",
    2: "2 Starting to happen",
    3: "3 Mostly in place",
    4: "4 Fully in place",
}


def valid_scores(scores: Mapping[str, object]) -> bool:
    """Every standard scored 1 to 4, and nothing else."""
    return set(scores) == set(STANDARD_KEYS) and all(type(v) is int and v in SCORES for v in scores.values())


def average(scores: Mapping[str, int]) -> float | None:
    """The mean score over the standards scored, to one decimal place; None when none is."""
    known = [scores[k] for k in STANDARD_KEYS if isinstance(scores.get(k), int)]
    return round(sum(known) / len(known), 1) if known else None


def side_by_side(years: Sequence[tuple[int, Mapping[str, int]]]) -> list[tuple[Standard, list[int | None]]]:
    """One row per standard with its score in each year given (None where that year did not score it)."""
    return [(s, [scores.get(s.key) for _, scores in years]) for s in STANDARDS]
