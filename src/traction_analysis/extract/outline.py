"""Outline numbering: items headed by Roman numerals or capital letters, in order.

US transit, school and county boards print their agendas as an outline and keep it in the minutes::

    I.                      A. Call to Order
    Call to Order           B. Public Comment
    II.                     C. Information from External Entities
    Pledge of Allegiance

The numeral may stand alone with the title on the next line (a PDF's text layer splits the columns), or
run into the title. A single "I." or "A." is a pronoun, an initial or a list point; only a run of three or
more that counts up from I or A without skipping is read as the document's item numbering.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from traction_analysis.extract.lines import Line
from traction_analysis.extract.numbering import title_like

ROMAN = re.compile(r"^(?P<num>[IVX]{1,5})\.(?:\s+(?P<title>[A-Z].*))?$")
LETTER = re.compile(r"^(?P<num>[A-Z])\.(?:\s+(?P<title>[A-Z][A-Za-z].*))?$")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# The characters a ROMAN or LETTER match can start with; both then need a full stop within six characters.
ROMAN_START = frozenset("IVX")
LETTER_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
MIN_RUN = 3
MAX_SKIP = 2  # an item withdrawn from the agenda leaves its numeral out
MAX_TITLE = 120


@dataclass(frozen=True, slots=True)
class OutlineHead:
    index: int
    number: str
    value: int
    title: str
    consumed: int  # 1 when the title is the next line
    letter: str | None = None  # a capital-letter entry under a Roman-numeral section


def outline_heads(lines: list[Line]) -> list[OutlineHead]:
    """The document's Roman-numeral headings if they run I, II, III …, with the lettered entries under
    them (A, B … restarting in each section: "VII. NEW BUSINESS" / "A. SDIS Property Insurance"), else
    its capital-letter headings."""
    # A cheap test before the patterns, in one pass for both: a capital first (every Roman numeral's
    # letters are capitals too) and a full stop within six characters.
    candidates = [
        index for index, line in enumerate(lines) if line.text[:1] in LETTER_START and "." in line.text[1:6]
    ]
    roman = _run(lines, candidates, ROMAN, ROMAN_START, _roman_value)
    if not roman:
        return _run(lines, candidates, LETTER, LETTER_START, _letter_value)
    heads: list[OutlineHead] = []
    for position, head in enumerate(roman):
        end = roman[position + 1].index if position + 1 < len(roman) else len(lines)
        heads.append(head)
        heads += _entries(lines, head.index + head.consumed + 1, end)
    return heads


def _entries(lines: list[Line], start: int, end: int) -> list[OutlineHead]:
    entries: list[OutlineHead] = []
    for index in range(start, end):
        line = lines[index]
        match = LETTER.match(line.text) if line.kind in ("text", "heading") else None
        if match is None or not match.group("title") or _letter_value(match.group("num")) != len(entries) + 1:
            continue
        head = _head(lines, index, match, len(entries) + 1)
        if head is not None:
            entries.append(OutlineHead(index, head.number, head.value, head.title, 0, letter=head.number))
    return entries


def _run(
    lines: list[Line],
    candidates: list[int],
    pattern: re.Pattern[str],
    starts: frozenset[str],
    value_of: Callable[[str], int],
) -> list[OutlineHead]:
    """The run of ``pattern`` headings among the ``candidates`` lines (the others cannot match it)."""
    heads: list[OutlineHead] = []
    for index in candidates:
        line = lines[index]
        text = line.text
        if text[:1] not in starts:
            continue
        if line.kind not in ("text", "heading") or len(text) > MAX_TITLE:
            continue
        match = pattern.match(text)
        if match is None:
            continue
        value = value_of(match.group("num"))
        if not (heads[-1].value < value <= heads[-1].value + MAX_SKIP if heads else value == 1):
            continue
        head = _head(lines, index, match, value)
        if head is not None:
            heads.append(head)
    return heads if len(heads) >= MIN_RUN else []


def _head(lines: list[Line], index: int, match: re.Match[str], value: int) -> OutlineHead | None:
    title = match.group("title")
    if title:
        return OutlineHead(index, match.group("num"), value, title, 0) if title_like(title) else None
    following = lines[index + 1] if index + 1 < len(lines) else None
    if following is None or following.kind not in ("text", "heading") or not following.text[:1].isupper():
        return None
    return OutlineHead(index, match.group("num"), value, following.text, 1)


def _roman_value(numeral: str) -> int:
    total = 0
    for position, char in enumerate(numeral):
        value = ROMAN_VALUES[char]
        following = ROMAN_VALUES[numeral[position + 1]] if position + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _letter_value(letter: str) -> int:
    return ord(letter) - ord("A") + 1
