"""Pairs for a pair-listening session: N rounds, no pair repeated while that is possible, pairs across
organisations preferred. Pure Python.

The rounds come from the circle method (a round-robin), which gives n - 1 rounds of disjoint pairs with
no repeat for an even n. Among many seating orders (fixed seed, so the plan is reproducible) the one
whose best N rounds hold the most cross-organisation pairs wins. With an odd number one person rests
each round (nobody rests twice before everyone has rested once). More rounds than n - 1 repeat the
cycle: repeats are then unavoidable.
"""
from __future__ import annotations

import random
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

P = TypeVar("P", bound=Hashable)
Pair = tuple[P, P | None]

TRIES = 200


def _circle(seats: Sequence[P | None]) -> list[list[tuple[P | None, P | None]]]:
    """All n - 1 rounds of the circle method for an even number of seats."""
    n = len(seats)
    fixed, rest = seats[0], list(seats[1:])
    rounds = []
    for _ in range(n - 1):
        ring = [fixed, *rest]
        rounds.append([(ring[i], ring[n - 1 - i]) for i in range(n // 2)])
        rest = [rest[-1], *rest[:-1]]
    return rounds


def _cross(pair: tuple[P | None, P | None], org: Mapping[P, str | None]) -> int:
    a, b = pair
    if a is None or b is None:
        return 0
    oa, ob = org.get(a), org.get(b)
    return int(oa is None or ob is None or oa != ob)


def _normalise(pair: tuple[P | None, P | None]) -> Pair:
    a, b = pair
    return (b, None) if a is None else (a, b)  # type: ignore[return-value]


def pair_rounds(participants: Sequence[P], organisation: Mapping[P, str | None], rounds: int,
                *, seed: int = 0) -> list[list[Pair]]:
    """``rounds`` rounds of pairs; ``(p, None)`` means p rests that round."""
    people = list(dict.fromkeys(participants))
    if len(people) < 2 or rounds < 1:
        return [[(p, None) for p in people] for _ in range(max(rounds, 0))]
    rng = random.Random(seed)
    best: tuple[int, list[list[tuple[P | None, P | None]]]] | None = None
    for attempt in range(TRIES):
        seats: list[P | None] = list(people)
        if attempt:
            rng.shuffle(seats)
        if len(seats) % 2:
            seats.append(None)
        cycle = _circle(seats)
        ranked = sorted(cycle, key=lambda r: -sum(_cross(p, organisation) for p in r))
        chosen = [ranked[i % len(ranked)] for i in range(rounds)]
        score = sum(_cross(p, organisation) for r in chosen for p in r)
        if best is None or score > best[0]:
            best = (score, chosen)
    assert best is not None
    return [[_normalise(p) for p in r] for r in best[1]]


def repeated_pairs(plan: Sequence[Sequence[Pair]]) -> int:
    seen: set[frozenset[object]] = set()
    repeats = 0
    for round_ in plan:
        for a, b in round_:
            if b is None:
                continue
            key = frozenset((a, b))
            repeats += key in seen
            seen.add(key)
    return repeats
