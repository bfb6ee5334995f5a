"""Rejoin wrapped lines into paragraphs and split them into sentences, keeping where each came from.

PDF text arrives one visual line at a time; a resolution or an action is a sentence that may run
over several. A new paragraph starts at a list marker, a bullet, a label ("Outcome:", "Action:"),
an emphasised line, a table row, or after a line ending with a colon or semicolon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from traction_analysis.extract.lines import Line

LIST_MARKER = re.compile(
    r"^(?:\(?\d{1,2}[.)]|\d{1,3}(?:\.\d{1,2})+\.?|\(?[a-z][.)]|\((?:[ivx]{1,4}|\d{1,2}|[a-z])\)|[ivx]{1,4}\.)\s+"
)
LABEL_START = re.compile(r"^[A-Z][A-Za-z ’'()/&-]{1,30}:")
# A sentence ends at ". " before a capital, also when the clerk put an inline dash or bullet between
# points of one paragraph ("… the dog bin. - Cllr Reed advised …", "… the fence. • Potholes …").
# A lettered point run into the paragraph ("… the contractor. d) A parishioner …") also starts a sentence.
SENTENCE_END = re.compile(r"(?<=[.!?])(?P<quote>[”\"')]?)\s+(?:[-–•]\s+|\(?[a-z]\)\s+)?(?=[A-Z“\"(])")
# SENTENCE_END with its punctuation consumed instead of looked behind at: the same matches, one character
# earlier, found far faster (the engine can skip to a ".", "!" or "?" instead of trying every position).
# A match ends in whitespace, so a "." right at the end of one cannot start the next.
SENTENCE_STOP = re.compile(r"[.!?]" + SENTENCE_END.pattern[len("(?<=[.!?])") :])
# SENTENCE_STOP for text without a "!" or "?", where each of its matches opens with a "." anyway: a
# literal first character lets the engine jump from "." to "." instead of testing a set at each one.
PERIOD_STOP = re.compile(r"\." + SENTENCE_END.pattern[len("(?<=[.!?])") :])
# Lower-case letters that open no list marker unless "." or ")" follows them (roman numerals aside).
PROSE_LETTERS = frozenset("abcdefghjklmnopqrstuwyz")
ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Cllr|No|Nos|St|Prof|Rev|Co|Inc|Ltd|Jr|Sr|vs|etc|approx|Cttee|"
    r"Cl|Ref|para|paras|e\.g|i\.e|[A-Z]))\.$"
)


@dataclass(slots=True)
class Sentence:
    text: str
    line: Line
    list_item: bool = False  # the paragraph began with a list marker or bullet


@dataclass(slots=True)
class Paragraph:
    text: str
    start: int  # index of its first line in the list it came from
    end: int  # index after its last line
    listed: bool  # begins with a list marker or bullet


def paragraphs(lines: list[Line]) -> list[Paragraph]:
    out: list[Paragraph] = []
    buffer: list[str] = []
    start = -1
    listed = False
    previous = ""  # the last line of the paragraph so far
    for index, line in enumerate(lines):
        text = line.text
        if line.kind == "rule" or not text:
            continue
        # Where a paragraph starts, tested inline: this runs on every line of every item.
        if (
            start < 0
            or (
                line.bullet > 0
                or line.strong
                or line.kind in ("heading", "table_row")
                or previous.endswith((":", ";"))
                or previous.endswith(".")
                and text[:1].isupper()
                and len(previous) < 60
                # A list marker never opens with a capital, a label always does: one test says which to try.
                # Each is tried only where it can match: a label needs its colon, and a marker opening with a
                # letter is "a." / "b)" or a roman numeral.
                or (
                    ":" in text and LABEL_START.match(text)
                    if text[0].isupper()
                    else (text[0] not in PROSE_LETTERS or text[1:2] in ".)") and LIST_MARKER.match(text)
                )
            )
        ):
            if start >= 0:
                out.append(Paragraph(" ".join(buffer), start, index, listed))
            buffer, start = [], index
            listed = bool(line.bullet or (not text[0].isupper() and LIST_MARKER.match(text)))
        buffer.append(text)
        previous = text
    if start >= 0:
        out.append(Paragraph(" ".join(buffer), start, len(lines), listed))
    return out


LEADING_NUMBER = re.compile(
    r"^(?:\(?\d{1,3}[.)]|\d{1,3}(?:\.\d{1,2})+\.?|\(?[a-z][.)]|\((?:[ivx]{1,4}|\d{1,2})\))\s+"
)


def sentences(lines: list[Line], found: list[Paragraph] | None = None) -> list[Sentence]:
    """Sentences with paragraph numbers ("3.2", "(a)") taken off, so a sentence starts with its subject.

    ``found`` is ``paragraphs(lines)`` when the caller already has it."""
    out: list[Sentence] = []
    for paragraph in paragraphs(lines) if found is None else found:
        first = lines[paragraph.start]
        for piece in split_sentences(LEADING_NUMBER.sub("", paragraph.text)):
            out.append(Sentence(piece, first, paragraph.listed))
    return out


def split_sentences(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    stops = SENTENCE_STOP if "!" in text or "?" in text else PERIOD_STOP
    for match in stops.finditer(text):
        end = match.start() + 1  # where SENTENCE_END's match starts
        candidate = text[start:end].rstrip()
        # ABBREVIATION matches at most 7 characters, ending at the candidate's end
        if ABBREVIATION.search(candidate, max(0, len(candidate) - 12)):
            continue
        pieces.append((text[start:end] + match.group("quote")).strip().rstrip(" -–•"))
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces
