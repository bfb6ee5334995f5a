"""The plain records signals are computed from, one per row of the governance record.

They mirror the Django models in ``traction.governance.models`` field for field where a signal needs
the field, so the web app maps a row to a record one to one; the command line builds the same records
from extracted minutes. Ids are whatever identifies a row (database primary keys, or strings for
extracted documents); within one computation they should be of one type.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, TypeAlias

RecordId: TypeAlias = int | str

MeetingStatus = Literal["scheduled", "held", "cancelled"]
MEETING_STATUSES: tuple[MeetingStatus, ...] = ("scheduled", "held", "cancelled")

# The six outcomes of DESIGN.md; a test keeps this tuple equal to the extraction engine's.
Outcome = Literal["decided", "noted", "deferred", "referred", "procedural", "unclear"]
OUTCOMES: tuple[Outcome, ...] = ("decided", "noted", "deferred", "referred", "procedural", "unclear")

ActionStatus = Literal["open", "done", "dropped", "superseded"]
ACTION_STATUSES: tuple[ActionStatus, ...] = ("open", "done", "dropped", "superseded")

UNKNOWN_VALUE = "{record} {id!r}: {field} must be one of {allowed}, not {value!r}."
BAD_DURATION = "Meeting {id!r}: the scheduled duration must be a positive number of minutes, not {value!r}."
BAD_PAGES = "Paper {id!r}: the page count cannot be negative ({value!r})."
DONE_WITHOUT_DATE = "Action {id!r} is done but has no completion date."
OPEN_WITH_DATE = "Action {id!r} is open but has a completion date."
EMPTY_PERIOD = "A period must end after it starts ({start} to {end})."


class SignalInputError(ValueError):
    """The records cannot be diagnosed as given. ``str(error)`` says which record and why."""


def _check_choice(record: str, id_: RecordId, field: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise SignalInputError(
            UNKNOWN_VALUE.format(record=record, id=id_, field=field, allowed=", ".join(allowed), value=value)
        )


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    """``Meeting``: ``start`` in local time (a date is enough); ``scheduled_minutes`` is
    ``duration_minutes``."""

    id: RecordId
    body: RecordId
    start: datetime | date
    scheduled_minutes: int | None
    status: MeetingStatus

    def __post_init__(self) -> None:
        _check_choice("Meeting", self.id, "status", self.status, MEETING_STATUSES)
        if self.scheduled_minutes is not None and self.scheduled_minutes <= 0:
            raise SignalInputError(BAD_DURATION.format(id=self.id, value=self.scheduled_minutes))

    @property
    def day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """``AgendaItem``: ``body`` is its meeting's body; ``topic`` is the topic key (blank means none).

    ``referred_to`` names where a referred item went, when the record says; signals do not depend on it.
    """

    id: RecordId
    meeting_id: RecordId
    body: RecordId
    topic: str | None
    outcome: Outcome
    title: str = ""
    referred_to: str | None = None

    def __post_init__(self) -> None:
        _check_choice("Agenda item", self.id, "outcome", self.outcome, OUTCOMES)

    @property
    def topic_key(self) -> str | None:
        """The topic, with a blank topic (the web form's empty value) read as no topic."""
        return (self.topic.strip() or None) if self.topic else None

    @property
    def substantive(self) -> bool:
        return self.outcome != "procedural"


@dataclass(frozen=True, slots=True)
class PaperRecord:
    """``Paper``: a paper with no meeting or no page count adds nothing to paper load."""

    id: RecordId
    meeting_id: RecordId | None
    pages: int | None

    def __post_init__(self) -> None:
        if self.pages is not None and self.pages < 0:
            raise SignalInputError(BAD_PAGES.format(id=self.id, value=self.pages))


@dataclass(frozen=True, slots=True)
class ActionRecord:
    """``Action``: ``due`` is the current due date, ``created`` the date of ``created_at``.

    ``lead`` is the lead person's name and ``lead_organisation`` the lead organisation's; either one
    is an owner.
    """

    id: RecordId
    body: RecordId
    item_id: RecordId | None
    lead: str | None
    due: date | None
    completed_on: date | None
    status: ActionStatus
    created: date
    lead_organisation: str | None = None

    def __post_init__(self) -> None:
        _check_choice("Action", self.id, "status", self.status, ACTION_STATUSES)
        if self.status == "done" and self.completed_on is None:
            raise SignalInputError(DONE_WITHOUT_DATE.format(id=self.id))
        if self.status == "open" and self.completed_on is not None:
            raise SignalInputError(OPEN_WITH_DATE.format(id=self.id))

    @property
    def has_owner(self) -> bool:
        return any(name and name.strip() for name in (self.lead, self.lead_organisation))


@dataclass(frozen=True, slots=True)
class Period:
    """Dates from ``start`` up to but not including ``end``."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise SignalInputError(EMPTY_PERIOD.format(start=self.start, end=self.end))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day < self.end


@dataclass(frozen=True, slots=True)
class SignalParams:
    """Thresholds a partnership may change; the defaults are documented in docs/signals.md."""

    parcel_months: int = 6
    min_substantive_items: int = 10
    min_meetings: int = 3
    min_actions: int = 5
    min_decisions: int = 5
    max_unclear_share: float = 0.5
    min_topic_coverage: float = 0.5
