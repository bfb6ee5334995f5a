"""The power/interest grid: quadrants, the map replayed at a date, each stakeholder's trail, the gaps between
stance and desired stance, and moves towards resistance. Pure: assessments come in as ``Point`` rows.

An assessment is appended, never edited: the map at a date is each stakeholder's latest assessment on or
before it (on the same date, the one recorded last), and a stakeholder not yet assessed is absent.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

# The engagement scale, in order: a gap's distance is the number of steps between two stances.
STANCES: tuple[str, ...] = ("unaware", "resistant", "neutral", "supportive", "leading")
RANK: dict[str, int] = {stance: n for n, stance in enumerate(STANCES)}
RESISTANT = "resistant"
UNAWARE = "unaware"
HIGH = 3  # a power or interest of 3 or more counts as high

MANAGE_CLOSELY = "manage closely"
KEEP_SATISFIED = "keep satisfied"
KEEP_INFORMED = "keep informed"
MONITOR = "monitor"
QUADRANTS: tuple[str, ...] = (MANAGE_CLOSELY, KEEP_SATISFIED, KEEP_INFORMED, MONITOR)


@dataclass(frozen=True, slots=True)
class Point:
    """One assessment: ``seq`` orders assessments of the same date (the order they were recorded)."""

    stakeholder: int
    assessed_on: datetime.date
    power: int
    interest: int
    stance: str
    desired_stance: str
    seq: int = 0

    @property
    def quadrant(self) -> str:
        return quadrant(self.power, self.interest)

    @property
    def key(self) -> tuple[datetime.date, int]:
        return (self.assessed_on, self.seq)


@dataclass(frozen=True, slots=True)
class Gap:
    """A stakeholder whose stance differs from the desired one: ``distance`` > 0 when they should move up
    the scale (towards leading), < 0 when down."""

    point: Point
    distance: int

    @property
    def stakeholder(self) -> int:
        return self.point.stakeholder


def quadrant(power: int, interest: int) -> str:
    high_power, high_interest = power >= HIGH, interest >= HIGH
    if high_power and high_interest:
        return MANAGE_CLOSELY
    if high_power:
        return KEEP_SATISFIED
    if high_interest:
        return KEEP_INFORMED
    return MONITOR


def distance(stance: str, desired: str) -> int:
    """Steps along the scale from ``stance`` to ``desired`` (signed)."""
    return RANK[desired] - RANK[stance]


def map_at(points: Iterable[Point], day: datetime.date) -> dict[int, Point]:
    """Each stakeholder's latest assessment on or before ``day``; one assessed only later is absent."""
    latest: dict[int, Point] = {}
    for point in points:
        if point.assessed_on > day:
            continue
        held = latest.get(point.stakeholder)
        if held is None or point.key > held.key:
            latest[point.stakeholder] = point
    return latest


def trail(points: Iterable[Point], stakeholder: int) -> list[Point]:
    """One stakeholder's assessments in date order."""
    return sorted((p for p in points if p.stakeholder == stakeholder), key=lambda p: p.key)


def gaps(points: Iterable[Point], day: datetime.date) -> list[Gap]:
    """Every stakeholder whose stance at ``day`` differs from the desired stance, furthest first."""
    found = [
        Gap(point, distance(point.stance, point.desired_stance))
        for point in map_at(points, day).values()
        if point.stance != point.desired_stance
    ]
    return sorted(found, key=lambda g: (-abs(g.distance), g.point.stakeholder))


def is_move_towards_resistant(before: str, after: str) -> bool:
    """A stance lower on the scale than the one before, other than unaware."""
    return after != UNAWARE and RANK[after] < RANK[before]


def moves_towards_resistant(points: Iterable[Point]) -> list[tuple[Point, Point]]:
    """(previous, current) for every assessment whose stance is further down the scale, towards resistant,
    than the one before (leading to supportive counts as much as neutral to resistant); a stance of unaware
    is not a move towards resistant."""
    by_stakeholder: dict[int, list[Point]] = {}
    for point in points:
        by_stakeholder.setdefault(point.stakeholder, []).append(point)
    moves = []
    for rows in by_stakeholder.values():
        rows.sort(key=lambda p: p.key)
        moves += [
            (before, after)
            for before, after in zip(rows, rows[1:], strict=False)
            if is_move_towards_resistant(before.stance, after.stance)
        ]
    return sorted(moves, key=lambda m: (m[1].key, m[1].stakeholder))


def dates(points: Iterable[Point]) -> list[datetime.date]:
    """The dates on which any assessment was made, in order."""
    return sorted({p.assessed_on for p in points})


def neighbours(
    days: list[datetime.date], day: datetime.date
) -> tuple[datetime.date | None, datetime.date | None]:
    """The assessment dates just before and just after ``day``."""
    before = [d for d in days if d < day]
    after = [d for d in days if d > day]
    return (before[-1] if before else None, after[0] if after else None)
