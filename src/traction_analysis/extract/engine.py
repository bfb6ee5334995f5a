"""The extraction pipeline: lines -> running heads removed -> items -> outcomes and actions."""
from __future__ import annotations

import re
from datetime import date

from traction_analysis.document import Document, Provenance
from traction_analysis.extract import actions as action_finder
from traction_analysis.extract.dates import writes_month_first
from traction_analysis.extract.headers import remove_running_lines
from traction_analysis.extract.lines import Line, prepare_lines
from traction_analysis.extract.meta import attendees, body_name, meeting_date, next_meeting_date
from traction_analysis.extract.model import ExtractedItem, MeetingExtract
from traction_analysis.extract.outcome import Verdict, classify
from traction_analysis.extract.segment import Segment, segment
from traction_analysis.extract.tables import title_cell
from traction_analysis.extract.text import paragraphs, sentences, split_sentences

AGENDA_TITLE = re.compile(r"\bagenda\b(?!\s+item)|\bnotice of (?:the )?meeting\b|\bsummons\b", re.IGNORECASE)
MINUTES_WORD = re.compile(r"\bminutes\b|\brecord of (?:decisions|proceedings)\b|\bdisposition\b|\bproceedings\b",
                          re.IGNORECASE)
OPENING_LINES = 15
DATE_SAMPLE_LINES = 400


def extract(document: Document) -> MeetingExtract:
    """Everything Traction proposes about one meeting record; a person reviews it before it is trusted."""
    prepared = prepare_lines(document)
    lines = remove_running_lines(prepared)
    parts = segment(lines)
    preamble = _preamble(lines, parts)
    month_first = writes_month_first(" ".join(line.text for line in lines[:DATE_SAMPLE_LINES]))
    when = meeting_date(preamble, document.meta, month_first=month_first)
    settings = _Settings(
        agenda=is_agenda(preamble),
        explicit_only=action_finder.document_marks_actions(lines),
        meeting_date=when,
        month_first=month_first,
        next_meeting=next_meeting_date(lines, when, month_first=month_first),
        people=action_finder.known_people(lines),
    )
    return MeetingExtract(
        document=document.name,
        body=body_name(prepared, document.meta),
        meeting_date=when,
        pages=document.pages,
        attendees=attendees(preamble),
        items=[_item(part, settings) for part in parts],
    )


def _preamble(lines: list[Line], parts: list[Segment]) -> list[Line]:
    """The lines before the first item: where the meeting's name, date and attendance are."""
    if parts:
        first = parts[0].head
        for index, line in enumerate(lines):
            if line is first:
                return lines[:index] or lines[:1]
    return lines


def is_agenda(lines: list[Line]) -> bool:
    """An agenda (or summons) records no outcomes: its substantive items are all unclear.

    ``lines`` is the opening before the first item, where a document says what it is.
    """
    opening = " ".join(line.text for line in lines[:OPENING_LINES])
    return bool(AGENDA_TITLE.search(opening)) and not MINUTES_WORD.search(opening)


class _Settings:
    """What holds for the whole document while its items are read."""

    __slots__ = ("agenda", "explicit_only", "meeting_date", "month_first", "next_meeting", "people")

    def __init__(self, *, agenda: bool, explicit_only: bool, meeting_date: date | None, month_first: bool,
                 next_meeting: date | None, people: frozenset[str] = frozenset()) -> None:
        self.agenda = agenda
        self.explicit_only = explicit_only
        self.meeting_date = meeting_date
        self.month_first = month_first
        self.next_meeting = next_meeting
        self.people = people


def _item(part: Segment, settings: _Settings) -> ExtractedItem:
    body_paragraphs = paragraphs(part.body)  # shared by the sentences and the resolution block
    body_sentences = sentences(part.body, body_paragraphs)
    verdict = classify(part, agenda=settings.agenda, body_sentences=body_sentences, body_paragraphs=body_paragraphs)
    found = []
    # A withdrawn item, or one whose result is unknown, assigns nothing.
    if verdict.outcome != "unclear":
        context = action_finder.ActionContext(
            title=part.title,
            resolution=_resolution_sentences(part, verdict),
            explicit_only=settings.explicit_only,
            meeting_date=settings.meeting_date,
            month_first=settings.month_first,
            next_meeting=settings.next_meeting,
            people=settings.people,
        )
        found = action_finder.find_actions(part.body, context, body_sentences)
    return ExtractedItem(
        number=part.number,
        title=part.title,
        outcome=verdict.outcome,
        confidence=verdict.confidence,
        evidence=verdict.evidence,
        resolution=verdict.resolution,
        actions=found,
        source=Provenance(part.head.page, part.head.line),
    )


def _resolution_sentences(part: Segment, verdict: Verdict) -> list[str]:
    """What records the decision: a disposition table row's subject, the resolution, or the motion."""
    if part.cells:
        return split_sentences(title_cell(part.head))
    return [sentence.text for sentence in verdict.statements]
