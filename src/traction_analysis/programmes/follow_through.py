"""How an event's actions stand some days after it: done, open and overdue at that date (pure Python).

At the checkpoint (the event's date + N days) an action counts as *done* if it was completed on or before
that date; *overdue* if it was not done by then and its due date had passed; *open* otherwise. Actions
dropped or superseded are left out. A checkpoint still in the future has no figures yet.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

CHECKPOINTS = (30, 90)


@dataclass(frozen=True)
class ActionFact:
    status: str  # open, done, dropped, superseded
    due_date: datetime.date | None
    completed_on: datetime.date | None


@dataclass(frozen=True)
class Standing:
    days: int
    on: datetime.date
    reached: bool
    done: int = 0
    open: int = 0
    overdue: int = 0


def standing(
    actions: Iterable[ActionFact], *, held_on: datetime.date, days: int, today: datetime.date
) -> Standing:
    on = held_on + datetime.timedelta(days=days)
    if on > today:
        return Standing(days=days, on=on, reached=False)
    done = open_ = overdue = 0
    for action in actions:
        if action.status in {"dropped", "superseded"}:
            continue
        if action.completed_on is not None and action.completed_on <= on:
            done += 1
        elif action.due_date is not None and action.due_date < on:
            overdue += 1
        else:
            open_ += 1
    return Standing(days=days, on=on, reached=True, done=done, open=open_, overdue=overdue)


def standings(
    actions: Iterable[ActionFact], *, held_on: datetime.date, today: datetime.date
) -> list[Standing]:
    facts = list(actions)
    return [standing(facts, held_on=held_on, days=d, today=today) for d in CHECKPOINTS]
