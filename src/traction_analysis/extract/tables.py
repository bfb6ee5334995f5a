"""Tables in minutes: disposition lists whose rows are items, and action logs whose rows are actions.

Readers give a table row as one block, cells joined by `` | ``. A header row (short cells, no
digits, words like SUBJECT / DISPOSITION / ACTION / OWNER / DUE) says what the columns hold until
the next non-table line or one-cell section row.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from traction_analysis.extract.lines import Line
from traction_analysis.extract.numbering import YEAR_REF, parse_number

if TYPE_CHECKING:
    from traction_analysis.extract.segment import Head

HEADER_WORD = re.compile(
    r"\b(?:subject|title|item|motion|disposition|decision|outcome|result|action|owner|lead|due|deadline|"
    r"status|by-?law|no\.?|ref|reference|mover|seconder|yeas|nays|description|responsib\w*|who|when|"
    r"minute|date|timescale|update|progress|comments?)\b",
    re.IGNORECASE,
)
ACTION_COLUMN = re.compile(r"^(?:agreed\s+)?actions?\b", re.IGNORECASE)
OWNER_COLUMN = re.compile(r"\b(?:owner|lead|responsib\w*|who|by whom|officer)\b", re.IGNORECASE)
DUE_COLUMN = re.compile(r"\b(?:due|deadline|by when|target date|timescale|date)\b", re.IGNORECASE)
REF_COLUMN = re.compile(r"^(?:ref\w*|item|minute|no\.?|#)", re.IGNORECASE)
TITLE_COLUMN = re.compile(r"\b(?:subject|title|item|description|matter|report)\b", re.IGNORECASE)
DISPOSITION_COLUMN = re.compile(r"\b(?:disposition|decision|outcome|result|action taken)\b", re.IGNORECASE)
NUMBER_CELL = re.compile(rf"^(?:\*?\d{{1,4}}(?:/\d{{2,4}})?[a-z]?\.?|{YEAR_REF})$")
LETTER_CELL = re.compile(r"^\(?[a-z][.)]$")
PLAIN_PREFIXES = {"item", "no", "no.", "#", "ref", "minute", "number"}


def annotate(lines: list[Line]) -> None:
    """Give every table row its header and role: header | item | action | other."""
    header: tuple[str, ...] = ()
    for line in lines:
        if line.kind != "table_row":
            header = ()
            continue
        if len(line.cells) == 1:
            header, line.role = (), "section"
        elif _is_header(line.cells):
            header, line.role = line.cells, "header"
        elif header and is_action_header(header):
            line.role = "action"
        elif NUMBER_CELL.match(line.cells[0]) or LETTER_CELL.match(line.cells[0]):
            line.role = "item"
        else:
            line.role = "other"
        line.header = header


def _is_header(cells: tuple[str, ...]) -> bool:
    texts = [cell for cell in cells if cell]
    return (
        len(texts) >= 2
        and not any(re.search(r"\d", cell) for cell in texts)
        and all(len(cell.split()) <= 5 for cell in texts)
        and sum(1 for cell in texts if HEADER_WORD.search(cell)) >= max(1, len(texts) // 2)
    )


def is_action_header(header: tuple[str, ...]) -> bool:
    has_action = any(ACTION_COLUMN.match(cell) for cell in header)
    return has_action and any(OWNER_COLUMN.search(cell) or DUE_COLUMN.search(cell) for cell in header)


def item_head(line: Line, index: int) -> Head | None:
    from traction_analysis.extract.segment import Head

    if line.role != "item":
        return None
    marker = line.cells[0]
    if len(line.cells) == 2 and not line.header:
        # "1. | OPENING", "a. | PLEDGE OF ALLEGIANCE": an HTML/Word list laid out as a table. It
        # follows the list rules (sequence, lettered sub-items), not a disposition table's.
        letter = LETTER_CELL.match(marker)
        kind = "letter" if letter else "alone"
        number = None if letter else parse_number(marker)
        return Head(
            index,
            number,
            line.cells[1],
            kind,
            letter=marker.strip("().") if letter else None,
            title_in_body=True,
        )
    if LETTER_CELL.match(marker):
        return None
    number = parse_number(_prefixed(marker.rstrip("."), line.header))
    return Head(index, number, title_cell(line), "table")


def _prefixed(number: str, header: tuple[str, ...]) -> str:
    """'1' under a MOTION column is 'Motion 1'; under BY-LAW NO. it is 'By-law 9/2015'."""
    if not header:
        return number
    word = re.sub(r"\s*no\.?$", "", header[0].strip(), flags=re.IGNORECASE).strip()
    if not word or word.lower() in PLAIN_PREFIXES or len(word.split()) > 2:
        return number
    return f"{word.capitalize()} {number}"


def column(header: tuple[str, ...], pattern: re.Pattern[str]) -> int | None:
    for position, cell in enumerate(header):
        if pattern.search(cell):
            return position
    return None


def title_cell(line: Line) -> str:
    cells = line.cells
    position = column(line.header, TITLE_COLUMN) if line.header else None
    if position is not None and position < len(cells) and position > 0:
        return cells[position]
    middle = cells[1:-1] if len(cells) >= 3 else cells[1:]
    return max(middle, key=len) if middle else cells[0]


def disposition_cell(cells: tuple[str, ...], header: tuple[str, ...]) -> str | None:
    position = column(header, DISPOSITION_COLUMN) if header else None
    if position is not None and position < len(cells):
        return cells[position] or None
    return cells[-1] if len(cells) >= 3 and cells[-1] else None
