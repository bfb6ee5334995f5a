"""Attendance arithmetic for programmes: per person, per session, per cohort and per programme.

A *slot* is one enrolled person at one session that has been held (its date is today or before). Each slot
is either recorded (attended, apologies or absent) or not recorded. Not recorded is never absent: it is
counted on its own and left out of the attendance rate, which is attended ÷ recorded (None when nothing is
recorded). Records for sessions not yet held, or for people not enrolled, are not counted.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

ATTENDED = "attended"
APOLOGIES = "apologies"
ABSENT = "absent"
STATUSES = (ATTENDED, APOLOGIES, ABSENT)

P = TypeVar("P", bound=Hashable)
S = TypeVar("S", bound=Hashable)


@dataclass(frozen=True)
class Figures:
    """Counts of slots. ``recorded == attended + apologies + absent`` and
    ``recorded + not_recorded == slots``; ``enrolled`` and ``held`` say how many people and sessions the
    slots come from (a person's figures have ``enrolled == 1``; a session's ``held`` is 0 or 1)."""

    enrolled: int = 0
    held: int = 0
    attended: int = 0
    apologies: int = 0
    absent: int = 0
    not_recorded: int = 0

    @property
    def recorded(self) -> int:
        return self.attended + self.apologies + self.absent

    @property
    def slots(self) -> int:
        return self.recorded + self.not_recorded

    @property
    def rate(self) -> float | None:
        """Attended ÷ recorded; None when nothing is recorded (never 0 for want of records)."""
        return self.attended / self.recorded if self.recorded else None

    @property
    def percent(self) -> int | None:
        rate = self.rate
        return None if rate is None else round(rate * 100)

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            enrolled=self.enrolled + other.enrolled,
            held=self.held + other.held,
            attended=self.attended + other.attended,
            apologies=self.apologies + other.apologies,
            absent=self.absent + other.absent,
            not_recorded=self.not_recorded + other.not_recorded,
        )


def _count(statuses: Iterable[str | None], *, enrolled: int, held: int) -> Figures:
    counts = {ATTENDED: 0, APOLOGIES: 0, ABSENT: 0, None: 0}
    for status in statuses:
        counts[status if status in STATUSES else None] += 1
    return Figures(
        enrolled=enrolled,
        held=held,
        attended=counts[ATTENDED],
        apologies=counts[APOLOGIES],
        absent=counts[ABSENT],
        not_recorded=counts[None],
    )


def for_group(*, people: Collection[P], held: Sequence[S], records: Mapping[tuple[S, P], str]) -> Figures:
    """A cohort's figures: every enrolled person at every held session."""
    return _count((records.get((s, p)) for s in held for p in people), enrolled=len(people), held=len(held))


def by_person(
    *, people: Sequence[P], held: Sequence[S], records: Mapping[tuple[S, P], str]
) -> dict[P, Figures]:
    return {p: _count((records.get((s, p)) for s in held), enrolled=1, held=len(held)) for p in people}


def by_session(
    *, people: Collection[P], sessions: Sequence[S], held: Collection[S], records: Mapping[tuple[S, P], str]
) -> dict[S, Figures]:
    """Each session's figures; one not yet held has no slots (``held == 0``)."""
    return {
        s: _count((records.get((s, p)) for p in people), enrolled=len(people), held=1)
        if s in held
        else Figures(enrolled=len(people))
        for s in sessions
    }


def total(figures: Iterable[Figures]) -> Figures:
    """A programme's figures: the sum of its cohorts'."""
    found = Figures()
    for f in figures:
        found = found + f
    return found
