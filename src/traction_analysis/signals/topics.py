"""Signals that follow a topic across one body's meetings: deferral loops and recurring topics.

Both look for a *run* of the topic's appearances at the body — consecutive held meetings where it was
deferred, or consecutive appearances without a decision — over the body's whole history up to
``as_of``, and count the topic in a period when the run reaches its threshold at a meeting in the period.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from traction_analysis.signals.records import ItemRecord, MeetingRecord
from traction_analysis.signals.results import Evidence, Figure
from traction_analysis.signals.scope import Scope

A = TypeVar("A")

DEFERRAL_LOOP_LENGTH = 2
RECURRING_LENGTH = 3


@dataclass(frozen=True, slots=True)
class Appearance:
    """A topic at one of the body's counted meetings: the meeting, its place in order, the topic's items."""

    meeting: MeetingRecord
    position: int
    items: tuple[ItemRecord, ...]

    @property
    def decided(self) -> bool:
        return any(item.outcome == "decided" for item in self.items)

    @property
    def deferred(self) -> bool:
        return not self.decided and any(item.outcome == "deferred" for item in self.items)


def appearances(scope: Scope, topic: str) -> Iterator[Appearance]:
    items = scope.body.topics[topic]
    start = 0
    for end in range(1, len(items) + 1):
        if end == len(items) or items[end].meeting_id != items[start].meeting_id:
            meeting_id = items[start].meeting_id
            position = scope.body.position[meeting_id]
            yield Appearance(scope.body.meetings[position], position, tuple(items[start:end]))
            start = end


def runs(
    seen: Iterable[A], member: Callable[[A], bool], follows: Callable[[A, A], bool]
) -> Iterator[list[A]]:
    """Maximal runs of appearances that are members and each follow the one before.

    Generic over the appearance type: the web app's database path finishes its runs with it too.
    """
    run: list[A] = []
    for appearance in seen:
        if run and not (member(appearance) and follows(run[-1], appearance)):
            yield run
            run = []
        if member(appearance):
            run.append(appearance)
    if run:
        yield run


def reached_in_period(run: list[Appearance], scope: Scope, length: int) -> list[Appearance]:
    """The run up to the period's end, if it reached ``length`` at a meeting in the period; else nothing."""
    upto = [a for a in run if a.meeting.day < scope.period.end]
    return upto if any(a.meeting.day in scope.period for a in upto[length - 1 :]) else []


def topic_runs(
    scope: Scope,
    *,
    member: Callable[[Appearance], bool],
    follows: Callable[[Appearance, Appearance], bool],
    length: int,
) -> Figure:
    discussed = sorted({t for i in scope.substantive if (t := i.topic_key) is not None})
    flagged: dict[str, list[Appearance]] = {}
    for topic in discussed:
        for run in runs(appearances(scope, topic), member, follows):
            flagged.setdefault(topic, []).extend(reached_in_period(run, scope, length))
    flagged = {topic: shown for topic, shown in flagged.items() if shown}
    shown = [a for found in flagged.values() for a in found]
    counted = Evidence.of(
        meetings=(a.meeting.id for a in shown), items=(i.id for a in shown for i in a.items), topics=flagged
    )
    base = Evidence.of(meetings=(m.id for m in scope.meetings), topics=discussed)
    return Figure(len(flagged), len(flagged), len(discussed), scope.topics_sufficient, counted, base)


def deferral_loops(scope: Scope) -> Figure:
    """Topics deferred at two or more of the body's held meetings in a row, reaching two in the period."""
    return topic_runs(
        scope,
        member=lambda a: a.deferred,
        follows=lambda a, b: b.position == a.position + 1,
        length=DEFERRAL_LOOP_LENGTH,
    )


def recurring_topics(scope: Scope) -> Figure:
    """Topics at three or more of the body's held meetings since their last decision there."""
    return topic_runs(
        scope, member=lambda a: not a.decided, follows=lambda a, b: True, length=RECURRING_LENGTH
    )
