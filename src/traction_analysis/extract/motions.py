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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from traction_analysis.extract.lines import Line

ENTRY = re.compile(r"^\(?(?P<letter>[a-z])[.)]\s+(?P<title>[A-Z].*)$")
MOTION = re.compile(
    r"\b(?:moved|seconded|second(?:ed)? by|motion|carried|ayes?|nays?)\b",
    re.IGNORECASE,
)
# "Passed" alone is not a vote: "the Internal Auditor had inspected and passed all the accounts".
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
    ends = [entry.index for entry in entries[1:]] + [end]
    voted = sum(
        1
        for entry, stop in zip(entries, ends, strict=True)
        if any(MOTION.search(lines[i].text) for i in range(entry.index, stop))
    )
    return entries if voted >= max(MIN_ENTRIES, VOTED_SHARE * len(entries)) else []


def _inside_sentence(lines: list[Line], start: int, index: int) -> bool:
    """A list that a sentence introduces ("… which would:") rather than one the heading opens."""
    previous = lines[index - 1].text if index - 1 > start else ""
    return previous.rstrip().endswith(":")
