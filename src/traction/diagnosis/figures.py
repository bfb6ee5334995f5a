"""What each diagnosis signal is called, how its figure reads ("43%", "2 topics", "4 of 10") and what it
needs before it is shown: the wording the pages, exports and reports share (docs/signals.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from traction_analysis.signals import SIGNAL_NAMES, Figure, SignalParams


@dataclass(frozen=True)
class SignalInfo:
    label: str
    unit: str  # share (0..1, shown as %), topics, pages, rate (items per hour), days
    needs: Callable[[SignalParams], str]


def _items(p: SignalParams) -> str:
    return f"{p.min_substantive_items} substantive items"


def _yield_needs(p: SignalParams) -> str:
    return f"{_items(p)}, no more than {round(100 * p.max_unclear_share)}% of them unclear"


def _topic_needs(p: SignalParams) -> str:
    return f"{p.min_meetings} held meetings, {round(100 * p.min_topic_coverage)}% of items with a topic"


SIGNALS: dict[str, SignalInfo] = {
    "decision_yield": SignalInfo("Decision yield", "share", _yield_needs),
    "noting_share": SignalInfo("Noting share", "share", _yield_needs),
    "unclear_share": SignalInfo("Unclear share", "share", _items),
    "deferral_loops": SignalInfo("Deferral loops", "topics", _topic_needs),
    "recurring_topics": SignalInfo("Recurring topics", "topics", _topic_needs),
    "pass_the_parcel": SignalInfo("Pass the parcel", "topics", _topic_needs),
    "pages_per_meeting": SignalInfo(
        "Pages per meeting", "pages", lambda p: f"{p.min_meetings} meetings with papers of known length"
    ),
    "pages_per_decision": SignalInfo(
        "Pages per decision", "pages", lambda p: f"{p.min_meetings} meetings with papers, and a decision"
    ),
    "agenda_pressure": SignalInfo(
        "Agenda pressure", "rate", lambda p: f"{p.min_meetings} held meetings with a scheduled length"
    ),
    "follow_through": SignalInfo("Follow-through", "share", lambda p: f"{p.min_actions} actions due"),
    "days_overdue": SignalInfo(
        "Days overdue (median)", "days", lambda p: f"{p.min_actions} actions due, one of them late"
    ),
    "orphan_actions": SignalInfo("Orphan actions", "share", lambda p: f"{p.min_actions} actions set"),
    "decisions_without_action": SignalInfo(
        "Decisions without action", "share", lambda p: f"{p.min_decisions} decisions"
    ),
}
assert tuple(SIGNALS) == SIGNAL_NAMES  # noqa: S101 - a new signal must be described here
SORTS = ("name", *SIGNAL_NAMES)


def number(name: str, value: float | int | None) -> str:
    """A figure as people read it: 43%, 2 topics, 120 pages, 4.5 items an hour, 12 days."""
    if value is None:
        return "No value"
    unit = SIGNALS[name].unit
    if unit == "share":
        return f"{round(100 * value)}%"
    if unit == "topics":
        return f"{value:g} topic" + ("" if value == 1 else "s")
    if unit == "pages":
        return f"{value:.0f} pages"
    if unit == "rate":
        return f"{value:.1f} items an hour"
    return f"{value:.0f} days"


def of_what(name: str, figure: Figure) -> str:
    """The numerator and denominator behind a share or a count: "4 of 10"."""
    if SIGNALS[name].unit in {"share", "topics"} and figure.denominator is not None:
        return f"{figure.numerator or 0:g} of {figure.denominator:g}"
    return ""


@dataclass(frozen=True)
class Cell:
    """One figure for the templates: its reading, its evidence link, and whether it may be shown."""

    name: str
    figure: Figure
    url: str

    @property
    def label(self) -> str:
        return SIGNALS[self.name].label

    @property
    def shown(self) -> bool:
        return self.figure.sufficient and self.figure.value is not None

    @property
    def text(self) -> str:
        return number(self.name, self.figure.value)

    @property
    def detail(self) -> str:
        return of_what(self.name, self.figure)

    @property
    def value(self) -> float | None:
        """The raw value when it may be shown (enough data), else None."""
        return float(self.figure.value) if self.shown and self.figure.value is not None else None

    @property
    def sort_key(self) -> tuple[int, float]:
        return (1, 0.0) if self.value is None else (0, self.value)
