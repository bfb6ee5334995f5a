"""The work-avoidance vocabulary: which family of avoidance each signal reveals (docs/signals.md).

Two families, in words that describe a system rather than judge people. Attention is *diverted* when the
meeting's time goes on reading, noting and circling instead of deciding; responsibility is *displaced* when
the work is passed on, put off or left with nobody holding it. Some signals belong to neither: decision yield,
follow-through and days overdue measure what comes out of a meeting, which either family can lower, and the
unclear share measures how clearly the minutes are written. They carry no family rather than a guessed one.
"""

from __future__ import annotations

from dataclasses import dataclass

from traction_analysis.signals.results import SIGNAL_NAMES


@dataclass(frozen=True, slots=True)
class Family:
    """A family of work avoidance: its key, its name as people read it, and one blame-free sentence."""

    key: str
    name: str
    explanation: str


DIVERSION = Family(
    "diversion",
    "Diversion of attention",
    "The meeting's time and attention go on reading, noting and returning to the same subjects, "
    "so less of it is left for deciding.",
)
DISPLACEMENT = Family(
    "displacement",
    "Displacement of responsibility",
    "Work is passed on, put off or left without a named holder, so it can settle where nobody holds it.",
)
FAMILIES: tuple[Family, ...] = (DIVERSION, DISPLACEMENT)

# Every signal, in the order of SIGNAL_NAMES, with its family or None (a measure of outcome or of the record).
SIGNAL_FAMILIES: dict[str, Family | None] = {
    "decision_yield": None,
    "noting_share": DIVERSION,
    "unclear_share": None,
    "deferral_loops": DISPLACEMENT,
    "recurring_topics": DIVERSION,
    "pass_the_parcel": DISPLACEMENT,
    "pages_per_meeting": DIVERSION,
    "pages_per_decision": DIVERSION,
    "agenda_pressure": DIVERSION,
    "follow_through": None,
    "days_overdue": None,
    "orphan_actions": DISPLACEMENT,
    "decisions_without_action": DISPLACEMENT,
}
assert tuple(SIGNAL_FAMILIES) == SIGNAL_NAMES  # noqa: S101 - a new signal must be given a family or None


def family_of(signal: str) -> Family | None:
    """The family a signal reveals, or None when it measures an outcome or the record itself.

    An unknown signal is a ``KeyError``: every signal is placed on purpose, never by default.
    """
    return SIGNAL_FAMILIES[signal]
