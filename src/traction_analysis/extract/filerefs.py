"""Items headed by the clerk's file or resolution number, which counts up through the meeting.

US city councils and Canadian townships number each decision from a register that runs across the year,
and print that number at the head of the item, often before the agenda number or the movers::

    99-465 2. APPROVING AGENDA, AS PRESENTED AND/OR, AS AMENDED:
    99-466 3. APPROVING CONSENT AGENDA - items 3 through 47:
    R2024-233 S. Foote, J. Scott:

The register number is the item's number. A single "16-391" may be a case or permit number in the text;
a run of three or more with one prefix that go up a step at a time is the document's numbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from traction_analysis.extract.lines import Line

FILE_REF = re.compile(
    r"^\(?\*?(?P<num>(?P<prefix>[A-Z]{0,3}\d{2,4})-(?P<seq>\d{2,4})[A-Z]?)\)?"
    r"(?:\s+(?:\d{1,3}[.)]|\([A-Za-z]\)))?\s+(?P<title>\S.*)$"
)
MIN_RUN = 3
MAX_STEP = 5  # withdrawn items leave small gaps in the register
MAX_LINE = 200


@dataclass(frozen=True, slots=True)
class FileRefHead:
    index: int
    number: str
    value: int
    title: str


def file_ref_heads(lines: list[Line]) -> list[FileRefHead]:
    """The longest run of register numbers with one prefix that go up a step at a time, if three or more."""
    runs: dict[str, list[FileRefHead]] = {}
    # A register number's dash stands at the third to tenth character: a cheap test before the pattern, in
    # a comprehension, which walks the lines faster than the loop below.
    candidates = [index for index, line in enumerate(lines) if "-" in line.text[2:10]]
    for index in candidates:
        line = lines[index]
        if line.kind not in ("text", "heading") or len(line.text) > MAX_LINE:
            continue
        match = FILE_REF.match(line.text)
        if match is None or not match.group("title")[:1].isupper():
            continue
        value = int(match.group("seq"))
        run = runs.setdefault(match.group("prefix"), [])
        if run and not 0 <= value - run[-1].value <= MAX_STEP:
            continue
        run.append(FileRefHead(index, match.group("num"), value, match.group("title").strip()))
    best = max(runs.values(), key=len, default=[])
    return best if len(best) >= MIN_RUN else []
