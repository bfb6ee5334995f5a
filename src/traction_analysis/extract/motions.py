"""Lettered motions under a numbered heading: each one a separately decided item.

US village and library boards group their votes under one heading and letter them::

    7) Motions/Resolutions for Consideration/Vote
    a) Motion made by Trustee Baskin, seconded by Trustee Raymond, that Daryl St. Louis be appointed …
    Ayes All
    b) Motion made by Trustee Price-Bush, seconded by …

Each lettered entry records its own motion and vote, so each is an item ("7a", "7b"; the heading only
groups them). A consent agenda's lettered entries are approved together by one motion after the last of
them, and a lettered list inside a sentence ("… which would: a) increase …") follows a colon: neither is
split. So entries become items only where two or more run in order (a, b, c …) from the heading and most
of them carry a motion or vote of their own.

Canadian boards number the entries from the heading instead ("8. REPORTS" / "8.1 Management Report …" /
"MOVED BY: …"): short titled entries that count up from ``.1`` are items on the same terms, and a
heading with one such entry is split too ("7. FINANCES" / "7.1 Accounts Paid"). Californian boards
letter them after a hyphen ("7. REGULAR AGENDA ITEMS:" / "7-A. 2015-1467" / "Public Workshop on …"), a
numbering that is never a paragraph's, so those entries are items whatever their votes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from traction_analysis.extract.lines import Line
from traction_analysis.extract.numbering import title_like

ENTRY = re.compile(r"^\(?(?P<letter>[a-z])[.)]\s+(?P<title>[A-Z].*)$")
MOTION = re.compile(
    r"\b(?:moved|seconded|second(?:ed)? by|motion|carried|ayes?|nays?)\b",
    re.IGNORECASE,
)
# "Passed" alone is not a vote: "the Internal Auditor had inspected and passed all the accounts".
SUB_ENTRY = re.compile(r"^(?P<parent>\d{1,3})\.(?P<sub>\d{1,2})\.?\s+(?P<title>[A-Z].*)$")
DASHED_ENTRY = re.compile(r"^(?P<parent>\d{1,3})-(?P<letter>[A-Z])[.:]?\s*(?P<rest>.*)$")
FILE_NUMBER = re.compile(r"^[\d\s/-]*$")  # "2015-1463": the file number, the title is on the next line
MAX_SUB_TITLE = 100
MIN_ENTRIES = 2
VOTED_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Entry:
    index: int
    letter: str
    title: str


def lettered_motions(lines: list[Line], start: int, end: int) -> list[Entry]:
    """The lettered motions between a heading at ``start`` and the next heading at ``end``, or none."""
    entries: list[Entry] = []
    for index in range(start + 1, end):
        line = lines[index]
        if line.kind not in ("text", "heading"):
            continue
        match = ENTRY.match(line.text)
        if match is None:
            continue
        letter = match.group("letter")
        expected = chr(ord(entries[-1].letter) + 1) if entries else "a"
        if letter != expected:
            if entries:
                break
            continue
        if not entries and _inside_sentence(lines, start, index):
            return []
        entries.append(Entry(index, letter, match.group("title")))
    if len(entries) < MIN_ENTRIES:
        return []
    voted = _voted(lines, entries, end)
    return entries if voted >= max(MIN_ENTRIES, VOTED_SHARE * len(entries)) else []


def _inside_sentence(lines: list[Line], start: int, index: int) -> bool:
    """A list that a sentence introduces ("… which would:") rather than one the heading opens."""
    previous = lines[index - 1].text if index - 1 > start else ""
    return previous.rstrip().endswith(":")


def numbered_motions(lines: list[Line], start: int, end: int, parent: str) -> list[Entry]:
    """The motions numbered from the heading ``parent`` ("8.1", "8.2" …) before ``end``, or none."""
    entries: list[Entry] = []
    for index in range(start + 1, end):
        line = lines[index]
        match = SUB_ENTRY.match(line.text) if line.kind in ("text", "heading") else None
        if match is None or match.group("parent") != parent or int(match.group("sub")) != len(entries) + 1:
            continue
        title = match.group("title")
        if len(title) > MAX_SUB_TITLE or not title_like(title):
            return []  # a numbered paragraph, not an entry's heading
        entries.append(Entry(index, f".{match.group('sub')}", title))
    return entries if entries and _voted(lines, entries, end) >= VOTED_SHARE * len(entries) else []


def _voted(lines: list[Line], entries: list[Entry], end: int) -> int:
    ends = [entry.index for entry in entries[1:]] + [end]
    return sum(
        1
        for entry, stop in zip(entries, ends, strict=True)
        if any(MOTION.search(lines[i].text) for i in range(entry.index, stop))
    )


def dashed_entries(lines: list[Line], start: int, end: int, parent: str) -> list[Entry]:
    """The entries lettered from the heading ``parent`` ("7-A", "7-B" …) before ``end``."""
    entries: list[Entry] = []
    for index in range(start + 1, end):
        line = lines[index]
        match = DASHED_ENTRY.match(line.text) if line.kind in ("text", "heading") else None
        if match is None or match.group("parent") != parent:
            continue
        if ord(match.group("letter")) - ord("A") != len(entries):
            continue
        title = match.group("rest").strip()
        if FILE_NUMBER.match(title) and index + 1 < end:
            title = lines[index + 1].text
        entries.append(Entry(index, f"-{match.group('letter')}", title))
    return entries
