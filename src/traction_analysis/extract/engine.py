"""The extraction pipeline: lines -> running heads removed -> items -> outcomes and actions.

The rules (segment, outcome, actions) read the document first; where a trained engine is installed
(``learn/engine.json``, see ``learn``) its models then decide, with the rules' verdicts among their
features: which lines start items, each item's outcome, and which sentences assign actions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from traction_analysis.collection import collection_paused
from traction_analysis.document import Document, Provenance
from traction_analysis.extract import actions as action_finder
from traction_analysis.extract.action_log import file_logged_actions
from traction_analysis.extract.actions.build import new_action
from traction_analysis.extract.dates import writes_month_first
from traction_analysis.extract.headers import remove_running_lines
from traction_analysis.extract.learn import Engine, default_engine
from traction_analysis.extract.lines import Line, prepare_lines
from traction_analysis.extract.meta import attendees, body_name, meeting_date, next_meeting_date
from traction_analysis.extract.model import ExtractedAction, ExtractedItem, MeetingExtract
from traction_analysis.extract.outcome import CLOSED_SESSION, Verdict, classify
from traction_analysis.extract.segment import HeadFinding, Segment, assemble, block_items, find_heads
from traction_analysis.extract.tables import title_cell
from traction_analysis.extract.text import Sentence, paragraphs, sentences, split_sentences

AGENDA_TITLE = re.compile(r"\bagenda\b(?!\s+item)|\bnotice of (?:the )?meeting\b|\bsummons\b", re.IGNORECASE)
# A record says so: "Minutes", "Record of decisions", or a report of what the meeting did ("The City Council
# took the following action on items listed in the attached agenda").
MINUTES_WORD = re.compile(
    r"\bminutes\b|\brecord of (?:decisions|proceedings)\b|\bdisposition\b|\bproceedings\b"
    r"|\b(?:took|taken)\s+the\s+following\s+actions?\b",
    re.IGNORECASE,
)
OPENING_LINES = 15
# A YAML key opening a block value ("agenda: |-"): a field name of front matter, not the document's title.
YAML_BLOCK_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*:\s*[|>][-+]?\s*$")
DATE_SAMPLE_LINES = 400
_DEFAULT = object()


@dataclass(slots=True)
class Reading:
    """What the rules make of a document before any item is read: lines, candidate heads, settings."""

    document: Document
    prepared: list[Line]
    lines: list[Line]
    found: HeadFinding
    settings: _Settings


def read_document(document: Document) -> Reading:
    prepared = prepare_lines(document)
    lines = remove_running_lines(prepared)
    found = find_heads(lines)
    rule_parts = block_items(found.lines) if found.structured else assemble(found.lines, found.heads)
    preamble = _preamble(lines, rule_parts)
    month_first = writes_month_first(" ".join(line.text for line in lines[:DATE_SAMPLE_LINES]))
    when = meeting_date(preamble, document.meta, month_first=month_first)
    settings = _Settings(
        agenda=is_agenda(preamble),
        explicit_only=action_finder.document_marks_actions(lines),
        meeting_date=when,
        month_first=month_first,
        next_meeting=next_meeting_date(lines, when, month_first=month_first),
        people=action_finder.known_people(lines),
        preamble=preamble,
    )
    return Reading(document, prepared, lines, found, settings)


# Told of each item as it is found, with the page its text reaches (None where pages are unknown).
OnItem = Callable[[ExtractedItem, int | None], None]


def extract(
    document: Document, engine: Engine | None | object = _DEFAULT, *, on_item: OnItem | None = None
) -> MeetingExtract:
    """Everything Traction proposes about one meeting record; a person reviews it before it is trusted.

    ``engine`` is the trained engine to apply (default: the one shipped in the package; ``None``: the
    rules alone). ``on_item``, where given, is called with each item as it is found, in document order,
    and the page its text reaches (a caller showing progress).
    """
    model = default_engine() if engine is _DEFAULT else engine
    assert model is None or isinstance(model, Engine)
    with collection_paused():
        return _extract(document, model, on_item)


def _extract(document: Document, model: Engine | None, on_item: OnItem | None) -> MeetingExtract:
    reading = read_document(document)
    found = reading.found
    head_confidence: dict[int, float] = {}
    certainty = None
    if found.structured:
        parts = block_items(found.lines)
    elif model is not None:
        choice = model.choose_heads(found)
        parts = assemble(found.lines, choice.heads)
        head_confidence = choice.confidence
        certainty = choice.certainty
    else:
        parts = assemble(found.lines, found.heads)
    index_of = {id(line): index for index, line in enumerate(found.lines)}
    items = []
    said: list[list[Sentence]] = []
    for part in parts:
        evidence = item_evidence(part, reading.settings)
        said.append(evidence.sentences)
        item = _item(part, evidence, reading.settings, model)
        if head_confidence:
            item.confidence = item.confidence * head_confidence.get(index_of.get(id(part.head), -1), 1.0)
        if model is not None:
            item.confidence = round(model.item_confidence(item.confidence), 4)
        items.append(item)
        if on_item is not None:
            on_item(item, _last_page(part))
    file_logged_actions(
        items,
        parts,
        said,
        reading.settings.preamble,
        lambda step, owner: new_action(step, owner, _log_context(reading.settings)),
    )
    return MeetingExtract(
        document=document.name,
        body=body_name(reading.prepared, document.meta),
        meeting_date=reading.settings.meeting_date,
        pages=document.pages,
        attendees=attendees(reading.settings.preamble),
        items=items,
        engine=model.version if model is not None else "rules",
        segmentation_confidence=certainty,
    )


def _log_context(settings: _Settings) -> action_finder.ActionContext:
    """The meeting's context for the rows of an action log that stands outside any item."""
    return action_finder.ActionContext(
        title="Actions",
        resolution=[],
        explicit_only=settings.explicit_only,
        meeting_date=settings.meeting_date,
        month_first=settings.month_first,
        next_meeting=settings.next_meeting,
        people=settings.people,
    )


def _last_page(part: Segment) -> int | None:
    pages = [line.page for line in (part.head, *part.body) if line.page is not None]
    return max(pages) if pages else None


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
    opening = " ".join(line.text for line in lines[:OPENING_LINES] if not YAML_BLOCK_KEY.match(line.text))
    return bool(AGENDA_TITLE.search(opening)) and not MINUTES_WORD.search(opening)


class _Settings:
    """What holds for the whole document while its items are read."""

    __slots__ = (
        "agenda",
        "explicit_only",
        "meeting_date",
        "month_first",
        "next_meeting",
        "people",
        "preamble",
    )

    def __init__(
        self,
        *,
        agenda: bool,
        explicit_only: bool,
        meeting_date: date | None,
        month_first: bool,
        next_meeting: date | None,
        people: frozenset[str] = frozenset(),
        preamble: list[Line] | None = None,
    ) -> None:
        self.agenda = agenda
        self.explicit_only = explicit_only
        self.meeting_date = meeting_date
        self.month_first = month_first
        self.next_meeting = next_meeting
        self.people = people
        self.preamble = preamble or []


@dataclass(slots=True)
class ItemEvidence:
    """The rules' reading of one item: its sentences, outcome verdict and the actions they find."""

    sentences: list[Sentence]
    verdict: Verdict
    actions: list[ExtractedAction]


# An item withdrawn, or taken in closed session (an amendment withdrawn leaves the item standing).
UNCLEAR_NO_ACTIONS = re.compile(
    r"\b(?:[Ii]tem|[Rr]eport|[Mm]otion|[Mm]atter|[Aa]pplication|[Pp]etition)\s+(?:was\s+|has been\s+|is\s+)?"
    rf"withdrawn\b|^\s*[Ww]ithdrawn\b|\bWITHDRAWN\b|(?i:{CLOSED_SESSION.pattern})"
)


def item_evidence(part: Segment, settings: _Settings) -> ItemEvidence:
    body_paragraphs = paragraphs(part.body)  # shared by the sentences and the resolution block
    body_sentences = sentences(part.body, body_paragraphs)
    verdict = classify(
        part, agenda=settings.agenda, body_sentences=body_sentences, body_paragraphs=body_paragraphs
    )
    found: list[ExtractedAction] = []
    # A withdrawn item, a closed session and an agenda's undecided item assign nothing; an item whose
    # result is otherwise unknown may still record a follow-up.
    if verdict.outcome != "unclear" or not (
        settings.agenda or UNCLEAR_NO_ACTIONS.search(verdict.evidence or "")
    ):
        found = action_finder.find_actions(part.body, action_context(part, verdict, settings), body_sentences)
    return ItemEvidence(body_sentences, verdict, found)


def action_context(part: Segment, verdict: Verdict, settings: _Settings) -> action_finder.ActionContext:
    return action_finder.ActionContext(
        title=part.title,
        resolution=_resolution_sentences(part, verdict),
        explicit_only=settings.explicit_only,
        meeting_date=settings.meeting_date,
        month_first=settings.month_first,
        next_meeting=settings.next_meeting,
        people=settings.people,
    )


def _item(part: Segment, evidence: ItemEvidence, settings: _Settings, model: Engine | None) -> ExtractedItem:
    verdict = evidence.verdict
    outcome, confidence, found = verdict.outcome, verdict.confidence, evidence.actions
    if model is not None:
        outcome, confidence = model.outcome(part, evidence, agenda=settings.agenda)
        found = model.actions(part, evidence, outcome=outcome, settings=settings)
    return ExtractedItem(
        number=part.number,
        title=part.title,
        outcome=outcome,
        confidence=confidence,
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
