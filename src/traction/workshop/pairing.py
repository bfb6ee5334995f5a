"""Pairs for a pair-listening session: N rounds, no pair repeated while that is possible, pairs across
organisations preferred. Pure Python.

Two plans are made and the better one kept (fewer repeated pairs first, then more pairs across
organisations):

- round by round, a perfect matching of pairs not used before, searched depth first with partners from
  another organisation tried first (bounded search, fixed seed, so the plan is reproducible);
- the circle method (a round-robin), which gives n - 1 rounds with no repeat for an even n whatever
  happens; among many seating orders the one whose best N rounds hold most cross-organisation pairs.

So no pair repeats while N <= n - 1, and the first plan usually finds more cross-organisation pairs. With
an odd number one person rests each round (nobody rests twice before everyone has rested once). More
rounds than n - 1 repeat pairs: that is then unavoidable.
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
    return (b, None) if a is None else (a, b)


SEARCH_BUDGET = 20000


def _matching(
    seats: list[P | None],
    used: set[frozenset[object]],
    organisation: Mapping[P, str | None],
    rng: random.Random,
) -> list[tuple[P | None, P | None]] | None:
    """A perfect matching of ``seats`` with no pair in ``used``; cross-organisation partners first."""
    ties = {s: rng.random() for s in seats}
    steps = 0

    def options(person: P | None, free: list[P | None]) -> list[P | None]:
        found = [q for q in free if q is not person and frozenset((person, q)) not in used]
        return sorted(found, key=lambda q: (1 - _cross((person, q), organisation), ties[q]))

    def search(free: list[P | None]) -> list[tuple[P | None, P | None]] | None:
        nonlocal steps
        if not free:
            return []
        steps += 1
        if steps > SEARCH_BUDGET:
            return None
        person = min(free, key=lambda p: (len(options(p, free)), ties[p]))
        for partner in options(person, free):
            rest = search([q for q in free if q is not person and q is not partner])
            if rest is not None:
                return [(person, partner), *rest]
        return None

    return search(list(seats))


def _greedy(
    people: list[P], organisation: Mapping[P, str | None], rounds: int, rng: random.Random
) -> list[list[tuple[P | None, P | None]]] | None:
    seats: list[P | None] = [*people, None] if len(people) % 2 else list(people)
    used: set[frozenset[object]] = set()
    plan = []
    for _ in range(rounds):
        round_ = _matching(seats, used, organisation, rng)
        if round_ is None:
            return None
        used |= {frozenset(pair) for pair in round_}
        plan.append(round_)
    return plan


def _score(
    plan: list[list[tuple[P | None, P | None]]], organisation: Mapping[P, str | None]
) -> tuple[int, int]:
    normal = [[_normalise(p) for p in r] for r in plan]
    return (repeated_pairs(normal), -sum(_cross(p, organisation) for r in plan for p in r))


def pair_rounds(
    participants: Sequence[P], organisation: Mapping[P, str | None], rounds: int, *, seed: int = 0
) -> list[list[Pair]]:
    """``rounds`` rounds of pairs; ``(p, None)`` means p rests that round."""
    people = list(dict.fromkeys(participants))
    if len(people) < 2 or rounds < 1:
        return [[(p, None) for p in people] for _ in range(max(rounds, 0))]
    circle = _circle_plan(people, organisation, rounds, seed)
    greedy = _greedy(
        people, organisation, min(rounds, len(people) - 1 + len(people) % 2), random.Random(seed)
    )
    best = circle
    if (
        greedy is not None
        and len(greedy) == rounds
        and _score(greedy, organisation) < _score(circle, organisation)
    ):
        best = greedy
    return [[_normalise(p) for p in r] for r in best]


def _circle_plan(
    people: list[P], organisation: Mapping[P, str | None], rounds: int, seed: int
) -> list[list[tuple[P | None, P | None]]]:
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
    return best[1]


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
