"""What the finder knows about the item and the meeting while it reads an item's text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(slots=True)
class ActionContext:
    title: str
    resolution: list[str]  # the sentences that record the decision (resolution block, motion, table subject)
    explicit_only: bool
    meeting_date: date | None
    month_first: bool
    next_meeting: date | None = None  # stated in the minutes; "by the next meeting" then has a date
    people: frozenset[str] = frozenset()  # name words of those present (see known_people)
