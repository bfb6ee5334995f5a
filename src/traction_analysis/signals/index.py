"""The records grouped once — by body, meeting and topic — so every signal is a walk over its own group.

Building the index also checks that the records agree with each other (an item's meeting exists and
belongs to the same body, and so on); a record that does not raises :class:`SignalInputError`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from traction_analysis.signals.records import (
    ActionRecord,
    ItemRecord,
    MeetingRecord,
    PaperRecord,
    RecordId,
    SignalInputError,
)
from traction_analysis.signals.results import id_order

R = TypeVar("R", MeetingRecord, ItemRecord, PaperRecord, ActionRecord)

DUPLICATE_ID = "{record} id {id!r} appears more than once."
UNKNOWN_MEETING = "{record} {id!r} belongs to meeting {meeting!r}, which is not among the meetings given."
UNKNOWN_ITEM = "Action {id!r} belongs to agenda item {item!r}, which is not among the items given."
WRONG_BODY = "{record} {id!r} is recorded for body {body!r} but its meeting belongs to body {expected!r}."


@dataclass(slots=True)
class BodyRecord:
    """One body's counted meetings (held, on or before ``as_of``) in order, and what hangs off them."""

    meetings: list[MeetingRecord] = field(default_factory=list)
    position: dict[RecordId, int] = field(default_factory=dict)
    items: dict[RecordId, list[ItemRecord]] = field(default_factory=dict)
    topics: dict[str, list[ItemRecord]] = field(default_factory=dict)
    actions: list[ActionRecord] = field(default_factory=list)


@dataclass(slots=True)
class TopicMention:
    """A substantive item with a topic at a counted meeting of any body."""

    day: date
    order: tuple[date, int, tuple[int, int, str]]
    body: RecordId
    item: ItemRecord


@dataclass(slots=True)
class RecordIndex:
    as_of: date
    bodies: dict[RecordId, BodyRecord]
    meeting_day: dict[RecordId, date]
    papers: dict[RecordId, list[PaperRecord]]
    actioned_items: set[RecordId]
    action_day: dict[RecordId, date]
    decision_days: dict[str, list[date]]
    mentions: dict[str, list[TopicMention]]

    def body(self, body: RecordId) -> BodyRecord:
        return self.bodies.get(body) or BodyRecord()


def meeting_order(meeting: MeetingRecord) -> tuple[date, int, tuple[int, int, str]]:
    """Day, then time of day (local, as given), then id: how a body's meetings follow each other."""
    start = meeting.start
    seconds = start.hour * 3600 + start.minute * 60 + start.second if isinstance(start, datetime) else 0
    return meeting.day, seconds, id_order(meeting.id)


def build_index(
    *,
    meetings: Iterable[MeetingRecord],
    items: Iterable[ItemRecord],
    papers: Iterable[PaperRecord],
    actions: Iterable[ActionRecord],
    as_of: date,
) -> RecordIndex:
    by_id = _unique("Meeting", meetings)
    item_by_id = _unique("Agenda item", items)
    counted = sorted((m for m in by_id.values() if m.status == "held" and m.day <= as_of), key=meeting_order)
    index = RecordIndex(
        as_of,
        {},
        {m.id: m.day for m in by_id.values()},
        _papers(papers, by_id),
        set(),
        {},
        defaultdict(list),
        defaultdict(list),
    )
    for meeting in counted:
        body = index.bodies.setdefault(meeting.body, BodyRecord())
        body.position[meeting.id] = len(body.meetings)
        body.meetings.append(meeting)
        body.items[meeting.id] = []
    _place_items(index, item_by_id.values(), by_id)
    _place_actions(index, actions, item_by_id)
    return index


def _unique(record: str, records: Iterable[R]) -> dict[RecordId, R]:
    found: dict[RecordId, R] = {}
    for each in records:
        if each.id in found:
            raise SignalInputError(DUPLICATE_ID.format(record=record, id=each.id))
        found[each.id] = each
    return found


def _papers(
    papers: Iterable[PaperRecord], meetings: dict[RecordId, MeetingRecord]
) -> dict[RecordId, list[PaperRecord]]:
    by_meeting: dict[RecordId, list[PaperRecord]] = defaultdict(list)
    for paper in _unique("Paper", papers).values():
        if paper.meeting_id is None:
            continue
        if paper.meeting_id not in meetings:
            raise SignalInputError(
                UNKNOWN_MEETING.format(record="Paper", id=paper.id, meeting=paper.meeting_id)
            )
        by_meeting[paper.meeting_id].append(paper)
    return by_meeting


def _place_items(
    index: RecordIndex, items: Iterable[ItemRecord], meetings: dict[RecordId, MeetingRecord]
) -> None:
    for item in items:
        meeting = meetings.get(item.meeting_id)
        if meeting is None:
            raise SignalInputError(
                UNKNOWN_MEETING.format(record="Agenda item", id=item.id, meeting=item.meeting_id)
            )
        if item.body != meeting.body:
            raise SignalInputError(
                WRONG_BODY.format(record="Agenda item", id=item.id, body=item.body, expected=meeting.body)
            )
        body = index.bodies.get(meeting.body)
        if body is not None and meeting.id in body.items:
            _place_counted_item(index, body, meeting, item)
    for body in index.bodies.values():
        for mentions in body.topics.values():
            mentions.sort(key=lambda item: body.position[item.meeting_id])
    for days in index.decision_days.values():
        days.sort()
    for trail in index.mentions.values():
        trail.sort(key=lambda mention: (mention.order, id_order(mention.item.id)))


def _place_counted_item(
    index: RecordIndex, body: BodyRecord, meeting: MeetingRecord, item: ItemRecord
) -> None:
    body.items[meeting.id].append(item)
    topic = item.topic_key
    if topic is None or not item.substantive:
        return
    body.topics.setdefault(topic, []).append(item)
    index.mentions[topic].append(TopicMention(meeting.day, meeting_order(meeting), meeting.body, item))
    if item.outcome == "decided":
        index.decision_days[topic].append(meeting.day)


def _place_actions(
    index: RecordIndex, actions: Iterable[ActionRecord], items: dict[RecordId, ItemRecord]
) -> None:
    for action in _unique("Action", actions).values():
        day = action.created
        if action.item_id is not None:
            item = items.get(action.item_id)
            if item is None:
                raise SignalInputError(UNKNOWN_ITEM.format(id=action.id, item=action.item_id))
            if item.body != action.body:
                raise SignalInputError(
                    WRONG_BODY.format(record="Action", id=action.id, body=action.body, expected=item.body)
                )
            index.actioned_items.add(item.id)
            day = index.meeting_day[item.meeting_id]
        index.action_day[action.id] = day
        if day <= index.as_of:
            index.bodies.setdefault(action.body, BodyRecord()).actions.append(action)
