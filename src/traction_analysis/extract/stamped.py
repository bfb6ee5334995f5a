"""Minute numbers stamped with the meeting's month and year: "09.25.01 Apologies for absence",
"09.25.02 Declarations of Interests" (September 2025, minutes 1, 2, …).

The stamp is what makes the number a minute's: the same month and year open three or more lines, and the
minute counts under it rise. A run of dates ("21.04.25 Portincaple", "19.05.25") shares no such stamp.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from traction_analysis.extract.lines import Line
from traction_analysis.extract.numbering import Number

if TYPE_CHECKING:
    from traction_analysis.extract.segment import Head

STAMPED = re.compile(r"^(?P<stamp>\d{2}\.\d{2})\.(?P<count>\d{1,3})(?P<suffix>[a-z]?)\s+(?P<title>[A-Z].*)$")
MIN_STAMPED = 3


def stamped_heads(lines: list[Line]) -> list[Head]:
    """The lines opening with the document's month-and-year minute stamp, numbered by the count after it."""
    from traction_analysis.extract.segment import Head

    found: list[tuple[int, re.Match[str]]] = []
    stamps: dict[str, int] = {}
    # A stamp opens with a digit: a cheap test before the pattern, in a comprehension (faster than a loop).
    for index in [index for index, line in enumerate(lines) if line.text[:1].isdigit()]:
        line = lines[index]
        if line.kind not in ("text", "heading"):
            continue
        match = STAMPED.match(line.text)
        if match is not None:
            found.append((index, match))
            stamps[match.group("stamp")] = stamps.get(match.group("stamp"), 0) + 1
    if not stamps:
        return []
    stamp, count = max(stamps.items(), key=lambda pair: pair[1])
    if count < MIN_STAMPED:
        return []
    heads: list[Head] = []
    for index, match in found:
        if match.group("stamp") != stamp:
            continue
        value = int(match.group("count"))
        if heads and heads[-1].number is not None and (heads[-1].number.value or 0) > value:
            continue  # a minute referred to further on ("as minuted at 09.25.03"), not a new one
        number = Number(f"{stamp}.{match.group('count')}{match.group('suffix')}", value)
        heads.append(Head(index, number, match.group("title").strip(), "ref"))
    return heads if len(heads) >= MIN_STAMPED else []
