"""A small builder for hand-made governance records, shared by the signal tests (it holds no tests).

Ids are one running count across every kind of record, so a figure's evidence can be compared with
the records a test made.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from traction_analysis.signals import (
    ActionRecord,
    ActionStatus,
    BodySignals,
    ItemRecord,
    MeetingRecord,
    MeetingStatus,
    Outcome,
    PaperRecord,
    Period,
    SignalParams,
    compute_all,
    compute_signals,
)


def d(text: str) -> date:
    return date.fromisoformat(text)


def period(start: str, end: str) -> Period:
    return Period(d(start), d(end))


@dataclass
class Record:
    meetings: list[MeetingRecord] = field(default_factory=list)
    items: list[ItemRecord] = field(default_factory=list)
    papers: list[PaperRecord] = field(default_factory=list)
    actions: list[ActionRecord] = field(default_factory=list)
    last_id: int = 0

    def _next(self) -> int:
        self.last_id += 1
        return self.last_id

    def meeting(
        self, body: str, day: str, *, status: MeetingStatus = "held", minutes: int | None = 120
    ) -> MeetingRecord:
        meeting = MeetingRecord(self._next(), body, d(day), minutes, status)
        self.meetings.append(meeting)
        return meeting

    def item(
        self,
        meeting: MeetingRecord,
        outcome: Outcome,
        topic: str | None = None,
        *,
        referred_to: str | None = None,
    ) -> ItemRecord:
        id_ = self._next()
        item = ItemRecord(id_, meeting.id, meeting.body, topic, outcome, f"item {id_}", referred_to)
        self.items.append(item)
        return item

    def many(self, meeting: MeetingRecord, *outcomes: Outcome, topic: str | None = None) -> list[ItemRecord]:
        return [self.item(meeting, outcome, topic) for outcome in outcomes]

    def paper(self, meeting: MeetingRecord | None, pages: int | None) -> PaperRecord:
        paper = PaperRecord(self._next(), meeting.id if meeting else None, pages)
        self.papers.append(paper)
        return paper

    def action(
        self,
        body: str,
        *,
        item: ItemRecord | None = None,
        lead: str | None = "Director",
        due: str | None = None,
        completed: str | None = None,
        status: ActionStatus | None = None,
        created: str = "2025-01-01",
        lead_organisation: str | None = None,
    ) -> ActionRecord:
        status = status or ("done" if completed else "open")
        action = ActionRecord(
            self._next(),
            body,
            item.id if item else None,
            lead,
            d(due) if due else None,
            d(completed) if completed else None,
            status,
            d(created),
            lead_organisation,
        )
        self.actions.append(action)
        return action

    def data(self) -> dict[str, Any]:
        return {
            "meetings": self.meetings,
            "items": self.items,
            "papers": self.papers,
            "actions": self.actions,
        }

    def signals(self, body: str, within: Period, as_of: str, **params: Any) -> BodySignals:
        return compute_signals(
            **self.data(), body=body, period=within, as_of=d(as_of), params=replace(SignalParams(), **params)
        )

    def all(self, within: Period, as_of: str, **params: Any) -> dict[Any, BodySignals]:
        return compute_all(
            **self.data(), period=within, as_of=d(as_of), params=replace(SignalParams(), **params)
        )


def ids(records: list[Any]) -> tuple[Any, ...]:
    return tuple(sorted(record.id for record in records))
