"""From extracted minutes (one :class:`MeetingExtract` per document) to the plain records signals use.

Each document is one held meeting of the body its minutes name, on its meeting date. Bodies are
matched by name, ignoring case and spacing; minutes with no body name go to "Unknown body". Each
extracted item becomes an agenda item with its outcome and a topic from :mod:`.topics`; each action
an open action set on the meeting date, its owner as the lead and its due date as stated.

What extraction cannot say is left out rather than guessed: there is no scheduled duration (so no
agenda pressure) and no list of papers (the pages of the minutes themselves are not papers, so no
paper load), and every action is open, because minutes do not record completion.

Documents without a meeting date cannot be placed in a period, and documents with no agenda items
(a cancelled meeting, or minutes the engine could not read) would count as a meeting that did
nothing; both are reported in ``skipped`` and left out.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date

from traction_analysis.diagnosis.topics import (
    DEFAULT_CROSS_BODY_THRESHOLD,
    DEFAULT_THRESHOLD,
    TopicInput,
    assign_topics,
)
from traction_analysis.extract.model import ExtractedItem, MeetingExtract
from traction_analysis.signals import ActionRecord, ItemRecord, MeetingRecord

UNKNOWN_BODY = "Unknown body"
NO_DATE = "no meeting date was found, so the meeting cannot be placed in a period"
NO_ITEMS = "no agenda items were found (a cancelled meeting, or minutes that could not be followed)"


@dataclass(frozen=True, slots=True)
class SkippedDocument:
    document: str
    reason: str


@dataclass(frozen=True, slots=True)
class ExtractRecords:
    """Records for signals, plus what a report needs that records do not hold."""

    meetings: tuple[MeetingRecord, ...]
    items: tuple[ItemRecord, ...]
    actions: tuple[ActionRecord, ...]
    bodies: tuple[str, ...]
    documents: dict[str, str]
    skipped: tuple[SkippedDocument, ...]

    @property
    def dates(self) -> list[date]:
        return sorted(meeting.day for meeting in self.meetings)


def body_name(extract: MeetingExtract) -> str:
    name = re.sub(r"\s+", " ", extract.body or "").strip()
    return name or UNKNOWN_BODY


def records_from_extracts(
    extracts: Sequence[MeetingExtract],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    cross_body_threshold: float = DEFAULT_CROSS_BODY_THRESHOLD,
) -> ExtractRecords:
    """Map extracted documents to records; ids are strings made from the document's place in ``extracts``."""
    kept, skipped = _sort_out(extracts)
    names: dict[str, str] = {}
    meetings: list[MeetingRecord] = []
    documents: dict[str, str] = {}
    placed: list[tuple[str, str, ExtractedItem]] = []
    for number, extract in kept:
        name = names.setdefault(body_name(extract).casefold(), body_name(extract))
        meeting_id = f"m{number}"
        assert extract.meeting_date is not None
        meetings.append(MeetingRecord(meeting_id, name, extract.meeting_date, None, "held"))
        documents[meeting_id] = extract.document
        placed.extend((meeting_id, name, item) for item in extract.items)
    days = {str(m.id): m.day for m in meetings}
    topics = _topics(placed, days, threshold, cross_body_threshold)
    items, actions = _items_and_actions(placed, topics, days)
    return ExtractRecords(
        tuple(meetings),
        tuple(items),
        tuple(actions),
        tuple(sorted(set(names.values()))),
        documents,
        tuple(skipped),
    )


def _sort_out(
    extracts: Sequence[MeetingExtract],
) -> tuple[list[tuple[int, MeetingExtract]], list[SkippedDocument]]:
    kept: list[tuple[int, MeetingExtract]] = []
    skipped: list[SkippedDocument] = []
    for number, extract in enumerate(extracts, start=1):
        if extract.meeting_date is None:
            skipped.append(SkippedDocument(extract.document, NO_DATE))
        elif not extract.items:
            skipped.append(SkippedDocument(extract.document, NO_ITEMS))
        else:
            kept.append((number, extract))
    return kept, skipped


def _topics(
    placed: list[tuple[str, str, ExtractedItem]],
    days: dict[str, date],
    threshold: float,
    cross_body_threshold: float,
) -> dict[Hashable, str | None]:
    inputs = [
        TopicInput(
            (meeting_id, at),
            body,
            item.title,
            item.outcome == "procedural",
            resolution=item.resolution or "",
            meeting=days[meeting_id],
            body_name=body,
            outcome=item.outcome,
            number=item.number or "",
        )
        for at, (meeting_id, body, item) in enumerate(placed)
    ]
    return assign_topics(inputs, threshold=threshold, cross_body_threshold=cross_body_threshold)


def _items_and_actions(
    placed: list[tuple[str, str, ExtractedItem]], topics: dict[Hashable, str | None], days: dict[str, date]
) -> tuple[list[ItemRecord], list[ActionRecord]]:
    items: list[ItemRecord] = []
    actions: list[ActionRecord] = []
    counts: dict[str, int] = {}
    for at, (meeting_id, body, extracted) in enumerate(placed):
        counts[meeting_id] = counts.get(meeting_id, 0) + 1
        item_id = f"{meeting_id}.i{counts[meeting_id]}"
        items.append(
            ItemRecord(
                item_id, meeting_id, body, topics[(meeting_id, at)], extracted.outcome, extracted.title
            )
        )
        actions.extend(
            ActionRecord(
                f"{item_id}.a{k}", body, item_id, action.owner, action.due, None, "open", days[meeting_id]
            )
            for k, action in enumerate(extracted.actions, start=1)
        )
    return items, actions
