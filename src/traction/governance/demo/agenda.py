"""Which topics go on which meeting's agenda, and with what outcome.

Storylines are placed first, on consecutive meetings, so that the patterns the signals look for are
certainly there; then each meeting is filled from its body's standing items and pool of topics.
"""

from __future__ import annotations

import datetime
import random
from collections import deque
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from traction.governance.demo.spec import BodySpec, PartnershipSpec, Storyline, TopicSpec

HELD, SCHEDULED, CANCELLED = "held", "scheduled", "cancelled"
UNCLEAR = "unclear"
# How a held meeting treats a topic from its pool: plenty of noting, some decisions, a little of the rest.
OUTCOME_WEIGHTS = {"decided": 36, "noted": 44, "deferred": 6, "referred": 6, "unclear": 8}


@dataclass(frozen=True)
class Planned:
    topic: TopicSpec
    outcome: str
    other: str | None = None  # the body a referred item goes to
    standing: bool = False


@dataclass
class Slot:
    """One meeting of one body, before it is written."""

    body: BodySpec
    date: datetime.date
    status: str
    planned: list[Planned] = field(default_factory=list)

    @property
    def held(self) -> bool:
        return self.status == HELD


def referral_target(body: BodySpec, bodies: dict[str, BodySpec]) -> str:
    """Where a body passes a topic on: the body it reports to, else one that reports to it."""
    if body.parent:
        return body.parent
    children = [b.key for b in bodies.values() if b.parent == body.key]
    return children[0] if children else body.key


def _next_slot(slots: list[Slot], after: datetime.date, *, strict: bool) -> Slot | None:
    for slot in slots:
        if slot.status != CANCELLED and (slot.date > after or (not strict and slot.date >= after)):
            return slot
    return None


def _place_storyline(
    story: Storyline, slots: dict[str, list[Slot]], bodies: dict[str, BodySpec], today: datetime.date
) -> None:
    after, strict = today - relativedelta(months=story.months_ago), False
    for index, step in enumerate(story.steps):
        slot = _next_slot(slots[step.body], after, strict=strict)
        if slot is None:
            return
        if not slot.held:  # the story reaches the future: the topic waits on the next agenda
            slot.planned.append(Planned(story.topic, UNCLEAR))
            return
        other = None
        if step.outcome == "referred":
            following = story.steps[index + 1].body if index + 1 < len(story.steps) else step.body
            other = following if following != step.body else referral_target(bodies[step.body], bodies)
        slot.planned.append(Planned(story.topic, step.outcome, other))
        after, strict = slot.date, True


def _draw(rng: random.Random) -> str:
    return rng.choices(list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values()))[0]


class _Filler:
    """Tops up one body's meetings from its standing items and its pool of topics."""

    def __init__(self, body: BodySpec, bodies: dict[str, BodySpec], rng: random.Random) -> None:
        self.body, self.bodies, self.rng = body, bodies, rng
        self.queue: deque[TopicSpec] = deque()
        self.carried: list[TopicSpec] = []

    def _take(self, used: set[str]) -> TopicSpec | None:
        for _ in range(2):
            if not self.queue:
                pool = list(self.body.pool)
                self.rng.shuffle(pool)
                self.queue.extend(pool)
            while self.queue:
                candidate = self.queue.popleft()
                if candidate.slug not in used:
                    return candidate
        return None

    def _pool_item(self, slot: Slot, used: set[str]) -> Planned | None:
        chosen = self._take(used)
        if chosen is None:
            return None
        outcome = _draw(self.rng) if slot.held else UNCLEAR
        if outcome == "deferred":
            self.carried.append(chosen)
        other = referral_target(self.body, self.bodies) if outcome == "referred" else None
        return Planned(chosen, outcome, other)

    def fill(self, number: int, slot: Slot) -> None:
        standing = [
            Planned(t, t.outcome if slot.held else UNCLEAR, standing=True)
            for t in self.body.standing
            if number % t.every == 0
        ]
        returning = [
            Planned(t, self.rng.choice(["decided", "noted"]) if slot.held else UNCLEAR) for t in self.carried
        ]
        self.carried = []
        items = slot.planned + returning
        used = {p.topic.slug for p in items + standing}
        target = self.rng.randint(*self.body.substantive) if slot.held else self.body.substantive[0]
        while len(items) + len(standing) < target:
            extra = self._pool_item(slot, used)
            if extra is None:
                break
            items.append(extra)
            used.add(extra.topic.slug)
        self.rng.shuffle(items)
        slot.planned = standing + items


def plan_agendas(
    spec: PartnershipSpec, slots: dict[str, list[Slot]], *, today: datetime.date, rng: random.Random
) -> None:
    """Fill every slot's ``planned`` list in place."""
    bodies = {body.key: body for body in spec.bodies}
    for story in spec.storylines:
        _place_storyline(story, slots, bodies, today)
    for body in spec.bodies:
        filler = _Filler(body, bodies, rng)
        live = [slot for slot in slots[body.key] if slot.status != CANCELLED]
        for number, slot in enumerate(live):
            filler.fill(number, slot)
