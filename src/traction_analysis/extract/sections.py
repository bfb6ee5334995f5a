"""Unnumbered minutes sectioned by emphasised headings.

Clerks' habits the numbering rules cannot see:

* Headings over numbered lists ("Actions" / "1. Circulate …"): the list counts entries, not items.
* ALL-CAPS headings ("APOLOGIES", "PLANNING", "CORRESPONDENCE") over mixed-case sub-headings ("Bus Shelter
  Repair"): the capitals are the items, the rest are points within them. Where the only numbers in such a
  document head a list printed straight under a heading (the letters received, "1. | GRCC – Maternity
  Leave"), those numbers count letters, not items.
* ALL-CAPS section headings beside numbered entries ("CONSENT AGENDA" / "1. Minutes …" / "2. Financials",
  then "PLANNING COMMISSION REPORT" / "The Commission met …"): a section that holds numbered entries only
  groups them, one with none is an item of its own.
* Bold headings over bulleted points ("**Introductions and House-Keeping**" / "- Janice started the
  meeting …"): the headings are the items and the bullets their content, unlike minutes whose every
  top-level bullet is an item.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from traction_analysis.extract.lines import Line
from traction_analysis.extract.numbering import WORD, all_caps, is_label, title_like

if TYPE_CHECKING:
    from traction_analysis.extract.segment import Head

MAX_HEADING_WORDS = 12
MIN_CAPS_HEADS = 3
MIN_PROSE_WORDS = 6
MIN_EMPHASISED_HEADS = 2
LIST_ENTRY = re.compile(r"^\d{1,2}[.)]\s+\S")
# The record's own fields and title block, not business: "PRESENT", "MINUTES OF THE MEETING", "HELD IN …".
# A heading that reads "Attendance" and nothing else is the standing item that records who came.
NOT_AN_ITEM = re.compile(
    r"^(?:present|attendance(?!$)|in attendance|also present|absent|officers|members present|observers|"
    r"members of the public|signed|chair(?:man|person)?|date)\b|"
    r"^minutes of (?:the |an? )?(?:\w+ )?meeting of\b|^held\b|^on\s",
    re.IGNORECASE,
)


def emphasised(line: Line, bold: bool = True) -> bool:
    """Set apart as a heading: a heading block, a wholly emphasised line, or (``bold``) a bold one."""
    return line.kind == "heading" or line.strong or bool(bold and line.style is not None and line.style.bold)


def bold_sets_apart(lines: list[Line]) -> bool:
    """Whether bold marks headings here: not where most of the text is bold (a PDF set in a bold face)."""
    styles = [line.style for line in lines if line.kind == "text" and line.style is not None]
    return len([style for style in styles if style.bold]) * 2 < len(styles)


def _heading_text(text: str) -> bool:
    return (
        len(text.split()) <= MAX_HEADING_WORDS
        and title_like(text)
        and not is_label(text)
        and not text.endswith((".", ":", ","))
        and not NOT_AN_ITEM.search(text)
    )


def _prose(line: Line | None) -> bool:
    return (
        line is not None
        and line.kind == "text"
        and not all_caps(line.text)
        and len(WORD.findall(line.text)) >= MIN_PROSE_WORDS
    )


def caps_heads(lines: list[Line], bold: bool | None = None) -> list[int]:
    """ALL-CAPS heading lines standing alone (not one of a block of capitals, like the title block);
    ``bold``: ``bold_sets_apart(lines)`` where the caller has it."""
    if bold is None:
        bold = bold_sets_apart(lines)
    found: list[int] = []
    for index, line in enumerate(lines):
        text = line.text
        if line.kind not in ("text", "heading") or line.bullet:
            continue
        # A line not in capitals is none without its aside either, unless it ends with one: most lines.
        if not (text.isupper() or text.endswith((")", ")\n"))) or not all_caps(_without_aside(text)):
            continue
        if not _heading_text(line.text):
            continue
        before = lines[index - 1] if index else None
        after = lines[index + 1] if index + 1 < len(lines) else None
        if after is None or (before is not None and before.kind != "table_row" and _caps_block(before)):
            continue
        if after.kind in ("text", "heading") and _caps_block(after):
            continue
        found.append(index)
    # Where the document marks its headings (bold, heading blocks), an unmarked line in capitals is a
    # reference or a verdict ("CT.0006/3/G", "NO OBJECTION"), not a heading.
    if any(emphasised(lines[index], bold) for index in found):
        found = [index for index in found if emphasised(lines[index], bold)]
    return found


def headings_over_lists(lines: list[Line], heads: list[Head]) -> list[Head] | None:
    """The headings as items (the ALL-CAPS ones where three or more introduce text, else every emphasised
    heading), where the rules' only numbered heads are lists printed under headings ("Actions" / "1. Circulate
    the updated pathway").

    Each numbered head must be a bare list entry: the line after it is another entry or a heading, never
    the item's own text, and its run of entries opens straight under a heading line.
    """
    from traction_analysis.extract.segment import Head

    bold = bold_sets_apart(lines)
    numbered = [head for head in heads if head.number is not None]
    if not numbered:
        return None
    caps = caps_heads(lines, bold)
    if sum(1 for index in caps if _prose(lines[index + 1])) >= MIN_CAPS_HEADS:
        sections = [Head(index, None, lines[index].text, "section") for index in caps]
    else:
        sections = [replace(head, kind="section") for head in emphasised_heads(lines, bold)]
        if len(sections) < MIN_CAPS_HEADS:
            return None
    indexes = {head.index for head in numbered}
    for head in numbered:
        nxt = head.index + 1 + head.consumed
        if nxt < len(lines) and nxt not in indexes and not emphasised(lines[nxt], bold):
            return None
        if head.index - 1 not in indexes and not (head.index and emphasised(lines[head.index - 1], bold)):
            return None
    return sections


MIN_CONTAINERS = 2
CAPS_WORD = re.compile(r"^[A-Z][A-Z’']{2}")  # a heading opens with a word, not a time ("5:31 PM") or a code
VERDICT = re.compile(
    r"^(?:carried|defeated|lost|approved|adopted|passed|no items?|none|nil)\b", re.IGNORECASE
)


# A heading's closing aside in mixed case: the chair of a committee section, "PLANNING (J. Fusco, Chairman)".
CLOSING_ASIDE = re.compile(r"\s*\([^()]{1,60}\)$")


def _without_aside(text: str) -> str:
    # The aside closes the line (``$`` also before a final newline): only then is the pattern tried, as it
    # would try every "(" of a long line in vain.
    return CLOSING_ASIDE.sub("", text) if text.endswith((")", ")\n")) else text


def _caps_block(line: Line) -> bool:
    """A line in capitals that could belong to a block of capitals (a title block), unlike the placeholder a
    section with nothing in it prints ("NO ITEMS", "NONE")."""
    return all_caps(line.text) and not VERDICT.match(line.text)


def sections_beside_entries(lines: list[Line], heads: list[Head]) -> list[Head]:
    """The ALL-CAPS section headings that hold no numbered head, as items, where two or more such headings
    group numbered heads (a US council's "UNFINISHED BUSINESS" / "1. Review of …", beside "NEW BUSINESS" /
    "None." and "ADJOURNMENT" / "The meeting adjourned …"). Only headings after the record's first sentence
    count: capitals above it are its title block."""
    from traction_analysis.extract.segment import Head

    taken = {head.index for head in heads}
    numbered = sorted(head.index for head in heads if head.number is not None and head.kind != "letter")
    opening = next((index for index, line in enumerate(lines) if _prose(line)), len(lines))
    caps = [
        index
        for index in caps_heads(lines)
        if index > opening and index not in taken and _section_title(lines, index)
    ]
    if len(numbered) < MIN_CONTAINERS or len(caps) < MIN_CONTAINERS:
        return []
    containers = 0
    items: list[Head] = []
    for position, index in enumerate(caps):
        end = caps[position + 1] if position + 1 < len(caps) else len(lines)
        if bisect_left(numbered, end) > bisect_right(numbered, index):
            containers += 1
        elif lines[index + 1].kind == "text":
            items.append(Head(index, None, lines[index].text, "section"))
    return items if containers >= MIN_CONTAINERS else []


def _section_title(lines: list[Line], index: int) -> bool:
    """A section's own heading: words (no code, time or reference number), not a verdict ("CARRIED") or a
    placeholder ("NO ITEMS"), nor the rest of a word set after a drop capital ("M" / "ONDAY, …")."""
    text = lines[index].text
    return (
        CAPS_WORD.match(text) is not None
        and not any(character.isdigit() for character in text)
        and not VERDICT.match(text)
        and len(lines[index - 1].text) > 1
    )


def bullets_are_points(lines: list[Line]) -> bool:
    """Whether the document's bullets are points under headings rather than items: two or more emphasised
    headings introduce text, and most runs of top-level bullets open under a heading or a sentence."""
    bold = bold_sets_apart(lines)
    runs = under = 0
    for index, line in enumerate(lines):
        if line.bullet != 1 or (index and lines[index - 1].bullet):
            continue
        runs += 1
        before = lines[index - 1] if index else None
        if before is not None and (emphasised(before, bold) or before.text.rstrip().endswith((".", ":"))):
            under += 1
    return runs > 0 and 2 * under >= runs and len(emphasised_heads(lines, bold)) >= MIN_EMPHASISED_HEADS


def emphasised_heads(lines: list[Line], bold: bool | None = None) -> list[Head]:
    """Emphasised (bold or heading) lines that read as a title and introduce plain text: a sentence, a bullet
    or a list entry (a title block's lines introduce one another); ``bold`` as for ``caps_heads``."""
    if bold is None:
        bold = bold_sets_apart(lines)
    from traction_analysis.extract.segment import Head

    heads: list[Head] = []
    for index, line in enumerate(lines):
        if line.kind not in ("text", "heading") or line.bullet or not emphasised(line, bold):
            continue
        after = lines[index + 1] if index + 1 < len(lines) else None
        if (
            after is None
            or after.kind != "text"
            or emphasised(after, bold)
            or not (after.bullet or _prose(after) or LIST_ENTRY.match(after.text))
            or is_label(after.text)
        ):
            continue
        if _heading_text(line.text):
            heads.append(Head(index, None, line.text, "heading"))
    return heads


NUMBERED_PARAGRAPH = re.compile(r"^(?P<num>\d{1,3})\.\s+(?P<text>[A-Z].*)$")
MIN_PARAGRAPH_HEADS = 3


def headings_over_paragraphs(lines: list[Line]) -> list[Head] | None:
    """Minutes whose paragraphs are numbered straight through the record (a civil-service habit: "3. This
    benefits case is finalised …", "4. There has been …") under unnumbered headings ("Cadastral Polygons"):
    the headings are the items, the numbers count paragraphs. Believed where three or more headings each open
    onto a numbered sentence and the document's numbered lines are sentences, not titles."""
    from traction_analysis.extract.segment import Head

    bold = bold_sets_apart(lines)
    paragraphs = titles = 0
    heads: list[Head] = []
    # NUMBERED_PARAGRAPH opens with a digit: a cheap test before the pattern, in a comprehension (faster
    # than a loop).
    for index in [index for index, line in enumerate(lines) if line.text[:1].isdigit()]:
        line = lines[index]
        if line.kind != "text":
            continue
        match = NUMBERED_PARAGRAPH.match(line.text)
        if match is None:
            continue
        if title_like(match.group("text")):
            titles += 1
            continue
        paragraphs += 1
        if index and _opens_onto(lines, index - 1, bold):
            heads.append(Head(index - 1, None, lines[index - 1].text, "section"))
    if len(heads) < MIN_PARAGRAPH_HEADS or titles >= paragraphs:
        return None
    return heads


def _opens_onto(lines: list[Line], index: int, bold: bool) -> bool:
    """A heading line just above a numbered paragraph: a short title standing on its own line."""
    line = lines[index]
    if line.kind not in ("text", "heading") or line.bullet or not line.text[:1].isupper():
        return False
    if NUMBERED_PARAGRAPH.match(line.text) or not _heading_text(line.text):
        return False
    previous = lines[index - 1] if index else None
    return (
        emphasised(line, bold)
        or previous is None
        or previous.kind != "text"
        or previous.text.rstrip().endswith((".", ":", ";", "!", "?"))
    )
