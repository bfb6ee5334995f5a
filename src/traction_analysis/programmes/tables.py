"""The table plan of a whole-system event: guests of several groups seated so that every table mixes them.

The rule: tables are balanced (their sizes differ by at most one, and none is over its capacity), and at
every table the largest group holds at most half the seats, rounded down (``floor(size / 2)``): at a table
of 8, at most 4 of one group; at a table of 7, at most 3. A table of one guest therefore cannot keep the rule.

When no balanced plan can keep the rule, ``table_plan`` does not produce one that breaks it: it answers with
the reason in plain words (one group is more than half of the seats the rule allows it; more guests than
seats; only two groups at tables of odd size…). Whether a plan exists is decided exactly, as a flow problem
(groups → tables, each group at most ``floor(size / 2)`` at a table); the plan follows that flow, with the
guests of each group shuffled by a seeded random generator, so the same guests, tables and seed always give
the same plan.
"""

from __future__ import annotations

import random
from collections import defaultdict, deque
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field

NO_GUESTS = "There is nobody to seat: invite people (and mark who is coming) first."
NO_TABLES = "Choose at least one table."
TOO_MANY = "{guests} guests do not fit at {tables} tables of {capacity}: add tables or seats."
TABLE_OF_ONE = "With {guests} guests at {tables} tables, a table would seat one person: choose fewer tables."
GROUP_TOO_BIG = (
    "The {group} group is {count} of {guests} guests: at {tables} tables it can have at most {allowed} "
    "seats without being more than half of a table. Invite more people from other groups, or fewer from "
    "this one."
)
CANNOT_MIX = (
    "These groups cannot be mixed at {tables} tables so that no table is more than half one group (with "
    "few groups, tables of odd size are the difficulty): try another number of tables."
)


@dataclass(frozen=True)
class Guest:
    key: Hashable
    group: str


@dataclass(frozen=True)
class TablePlan:
    """``tables[i]``: the keys of the guests at table i (numbered from 1 on the page); or ``problem``."""

    tables: tuple[tuple[Hashable, ...], ...] = ()
    problem: str = ""
    sizes: tuple[int, ...] = field(default=())

    @property
    def possible(self) -> bool:
        return not self.problem


def allowed_per_group(size: int) -> int:
    """The most seats one group may hold at a table of ``size``."""
    return size // 2


def rule_breaches(groups_at_tables: Sequence[Sequence[str]]) -> list[int]:
    """The indexes of tables where one group holds more than half the seats (the page flags them)."""
    breaches = []
    for index, groups in enumerate(groups_at_tables):
        counts: dict[str, int] = defaultdict(int)
        for group in groups:
            counts[group] += 1
        if counts and max(counts.values()) > allowed_per_group(len(groups)):
            breaches.append(index)
    return breaches


def balanced_sizes(guests: int, tables: int) -> list[int]:
    base, extra = divmod(guests, tables)
    return [base + 1 if i < extra else base for i in range(tables)]


def _max_flow(supply: Mapping[str, int], sizes: Sequence[int]) -> dict[tuple[str, int], int]:
    """Seats of each group at each table: a maximum flow source → group → table → sink (Edmonds–Karp)."""
    groups = sorted(supply)
    source, sink = "source", "sink"
    capacity: dict[tuple[object, object], int] = defaultdict(int)
    neighbours: dict[object, set[object]] = defaultdict(set)

    def edge(a: object, b: object, c: int) -> None:
        capacity[a, b] += c
        neighbours[a].add(b)
        neighbours[b].add(a)

    for g in groups:
        edge(source, ("g", g), supply[g])
        for t, size in enumerate(sizes):
            edge(("g", g), ("t", t), allowed_per_group(size))
    for t, size in enumerate(sizes):
        edge(("t", t), sink, size)
    flow: dict[tuple[object, object], int] = defaultdict(int)
    while True:
        parent: dict[object, object] = {source: source}
        queue: deque[object] = deque([source])
        while queue and sink not in parent:
            node = queue.popleft()
            for nxt in sorted(neighbours[node], key=repr):
                if nxt not in parent and capacity[node, nxt] - flow[node, nxt] > 0:
                    parent[nxt] = node
                    queue.append(nxt)
        if sink not in parent:
            break
        path: list[tuple[object, object]] = []
        node = sink
        while node != source:
            path.append((parent[node], node))
            node = parent[node]
        push = min(capacity[a, b] - flow[a, b] for a, b in path)
        for a, b in path:
            flow[a, b] += push
            flow[b, a] -= push
    return {(g, t): flow[("g", g), ("t", t)] for g in groups for t in range(len(sizes))}


def _problem(supply: Mapping[str, int], tables: int, capacity: int) -> str:
    guests = sum(supply.values())
    if guests == 0:
        return NO_GUESTS
    if tables < 1:
        return NO_TABLES
    if guests > tables * capacity:
        return TOO_MANY.format(guests=guests, tables=tables, capacity=capacity)
    sizes = balanced_sizes(guests, tables)
    if min(sizes) < 2:
        return TABLE_OF_ONE.format(guests=guests, tables=tables)
    allowed = sum(allowed_per_group(s) for s in sizes)
    for group in sorted(supply, key=lambda g: (-supply[g], g)):
        if supply[group] > allowed:
            return GROUP_TOO_BIG.format(
                group=group, count=supply[group], guests=guests, tables=tables, allowed=allowed
            )
    return ""


def table_plan(guests: Sequence[Guest], *, tables: int, capacity: int, seed: int = 0) -> TablePlan:
    """A plan seating every guest once at ``tables`` balanced tables that keeps the rule, or the reason why
    none can."""
    supply: dict[str, int] = defaultdict(int)
    for guest in guests:
        supply[guest.group] += 1
    if problem := _problem(supply, tables, capacity):
        return TablePlan(problem=problem)
    sizes = balanced_sizes(len(guests), tables)
    seats = _max_flow(supply, sizes)
    if sum(seats.values()) < len(guests):
        return TablePlan(problem=CANNOT_MIX.format(tables=tables))
    rng = random.Random(seed)
    by_group: dict[str, list[Hashable]] = defaultdict(list)
    for guest in guests:
        by_group[guest.group].append(guest.key)
    plan: list[list[Hashable]] = [[] for _ in sizes]
    for group in sorted(by_group):
        keys = by_group[group]
        rng.shuffle(keys)
        for t in range(len(sizes)):
            plan[t].extend(keys[: seats[group, t]])
            del keys[: seats[group, t]]
    for table in plan:
        rng.shuffle(table)
    return TablePlan(tables=tuple(tuple(t) for t in plan), sizes=tuple(sizes))
