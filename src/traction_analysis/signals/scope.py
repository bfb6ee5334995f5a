"""One body over one period: its counted meetings in the period and their items, gathered once."""

from __future__ import annotations

from dataclasses import dataclass

from traction_analysis.signals.index import BodyRecord, RecordIndex
from traction_analysis.signals.records import (
    ItemRecord,
    MeetingRecord,
    Outcome,
    Period,
    RecordId,
    SignalParams,
)


@dataclass(frozen=True, slots=True)
class Scope:
    index: RecordIndex
    body_id: RecordId
    body: BodyRecord
    period: Period
    params: SignalParams
    meetings: tuple[MeetingRecord, ...]
    substantive: tuple[ItemRecord, ...]

    @classmethod
    def of(cls, index: RecordIndex, *, body: RecordId, period: Period, params: SignalParams) -> Scope:
        record = index.body(body)
        meetings = tuple(m for m in record.meetings if m.day in period)
        substantive = tuple(item for m in meetings for item in record.items[m.id] if item.substantive)
        return cls(index, body, record, period, params, meetings, substantive)

    def with_outcome(self, outcome: Outcome) -> list[ItemRecord]:
        return [item for item in self.substantive if item.outcome == outcome]

    @property
    def topics_sufficient(self) -> bool:
        """Enough meetings, and enough of their substantive items carry a topic, to follow topics."""
        with_topic = sum(1 for item in self.substantive if item.topic_key is not None)
        return (
            len(self.meetings) >= self.params.min_meetings
            and bool(self.substantive)
            and with_topic / len(self.substantive) >= self.params.min_topic_coverage
        )


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None
