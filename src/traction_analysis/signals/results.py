"""What a signal computation returns: figures with their evidence, per body and period."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from traction_analysis.signals.records import Period, RecordId, SignalParams


def id_order(value: RecordId) -> tuple[int, int, str]:
    """Ascending ids: numbers first by value, then strings; the order every id tuple is given in."""
    return (0, value, "") if isinstance(value, int) else (1, 0, value)


def sorted_ids(ids: Iterable[RecordId]) -> tuple[RecordId, ...]:
    return tuple(sorted(set(ids), key=id_order))


@dataclass(frozen=True, slots=True)
class Evidence:
    """The records behind a number, each tuple sorted ascending (see :func:`id_order`)."""

    meetings: tuple[RecordId, ...] = ()
    items: tuple[RecordId, ...] = ()
    actions: tuple[RecordId, ...] = ()
    papers: tuple[RecordId, ...] = ()
    topics: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        *,
        meetings: Iterable[RecordId] = (),
        items: Iterable[RecordId] = (),
        actions: Iterable[RecordId] = (),
        papers: Iterable[RecordId] = (),
        topics: Iterable[str] = (),
    ) -> Evidence:
        return cls(
            sorted_ids(meetings),
            sorted_ids(items),
            sorted_ids(actions),
            sorted_ids(papers),
            tuple(sorted(set(topics))),
        )


@dataclass(frozen=True, slots=True)
class Figure:
    """One signal for one body and period.

    ``value`` is raw (round only for display) and ``None`` when it cannot be computed (nothing to divide
    by). ``counted`` holds the records behind the numerator, ``base`` those behind the denominator.
    ``sufficient`` is false when there is too little data for the figure to be shown as a finding.
    """

    value: float | int | None
    numerator: float | int | None
    denominator: float | int | None
    sufficient: bool
    counted: Evidence = field(default_factory=Evidence)
    base: Evidence = field(default_factory=Evidence)


@dataclass(frozen=True, slots=True)
class Parcel:
    """A referral nobody decided on within the window: where the topic went, and the items on the way."""

    topic: str
    referred_item: RecordId
    referred_on: date
    window_end: date
    bodies: tuple[RecordId, ...]
    items: tuple[RecordId, ...]


SIGNAL_NAMES: tuple[str, ...] = (
    "decision_yield",
    "noting_share",
    "unclear_share",
    "deferral_loops",
    "recurring_topics",
    "pass_the_parcel",
    "pages_per_meeting",
    "pages_per_decision",
    "agenda_pressure",
    "follow_through",
    "days_overdue",
    "orphan_actions",
    "decisions_without_action",
)


@dataclass(frozen=True, slots=True)
class BodySignals:
    """Every signal for one body over one period, as of one date."""

    body: RecordId
    period: Period
    as_of: date
    params: SignalParams
    decision_yield: Figure
    noting_share: Figure
    unclear_share: Figure
    deferral_loops: Figure
    recurring_topics: Figure
    pass_the_parcel: Figure
    pages_per_meeting: Figure
    pages_per_decision: Figure
    agenda_pressure: Figure
    follow_through: Figure
    days_overdue: Figure
    orphan_actions: Figure
    decisions_without_action: Figure
    parcels: tuple[Parcel, ...] = ()

    def figures(self) -> Iterator[tuple[str, Figure]]:
        """Each signal's name and figure, in the order of docs/signals.md."""
        for name in SIGNAL_NAMES:
            figure = getattr(self, name)
            assert isinstance(figure, Figure)
            yield name, figure
