"""An action table whose cells a PDF gave back as plain lines: a line of column names ("Action items
Person responsible Deadline", "Who What Status") and then one line per row ("Watson - Website - Training",
"Susan will write a cheque for the sound system", "Nina"). Each row is an action; its owner is a name
that opens the row ("Watson - …", the rows after it too), the subject of its sentence, or a line that
names only people, given in turn to the rows above that have none."""

from __future__ import annotations

import re

from traction_analysis.extract.actions.build import new_action
from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.decide import sentence_actions
from traction_analysis.extract.actions.owners import is_person
from traction_analysis.extract.actions.reporter import no_reporter
from traction_analysis.extract.actions.vocabulary import PERSON
from traction_analysis.extract.lines import Line
from traction_analysis.extract.model import ExtractedAction

ACTION_COLUMN = r"(?:actions?(?:\s+(?:items?|points?|required|agreed))?|what|tasks?)"
OWNER_COLUMN = r"(?:who|owners?|lead|by\s+whom|(?:person\s+)?responsible|responsibility|action(?:ed)?\s+by)"
OTHER_COLUMN = (
    r"(?:deadline|due(?:\s+date)?|by\s+when|when|status|timescale|target\s+date|date|ref|no\.?|progress|"
    r"updates?|comments?|notes?)"
)
COLUMN = rf"(?:{OWNER_COLUMN}|{ACTION_COLUMN}|{OTHER_COLUMN})"
HEADER = re.compile(rf"^\W*{COLUMN}(?:\s*[|/,]?\s*{COLUMN}){{1,5}}\W*$", re.IGNORECASE)
HAS_ACTION = re.compile(rf"\b{ACTION_COLUMN}\b", re.IGNORECASE)
HAS_OWNER = re.compile(rf"\b{OWNER_COLUMN}\b", re.IGNORECASE)


MAX_ROWS = 20


# The line that ends the table: a heading of the minutes' own ("Discussion:", "Agenda item: …").
TABLE_END = re.compile(
    r"^(?:[A-Z][\w ]{0,40}:|agenda\s+item\b|\[?end of\b|\d{1,2}[.)]?\s+[A-Z])", re.IGNORECASE
)


# "Watson - Website - Training": someone present, named at the opening of a row and set off by a dash.
LEADING_OWNER = re.compile(
    rf"^(?P<owner>{PERSON}(?:\s*(?:,|/|&|and)\s*{PERSON}){{0,3}})\s+[-–]\s+(?P<text>.+)$"
)


OWNERS_ONLY = re.compile(rf"^(?:[Aa]ll\s+)?{PERSON}(?:\s*(?:,|/|&|and)\s*{PERSON}){{0,4}}\W*$")


# A due-date cell on its own line, the template's placeholder included ("Susan Enter deadline here").
DUE_CELL = re.compile(
    rf"^(?:{PERSON}\s+)?(?:(?:enter|insert|add)\s+(?:a\s+)?(?:deadline|date)\b.*|tbc|tba|asap|ongoing|"
    r"on-?going|complete[d]?|closed|open|n/?a|next meeting|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?)\W*$",
    re.IGNORECASE,
)

# A status or date cell is short; a longer line is not tried (the pattern's person prefix is quadratic in
# a long run of letters).
MAX_DUE_CELL = 200


FIRST_WORDS = frozenset(
    "action actions who what task tasks owner owners lead person responsible no no. ref date deadline "
    "status by".split()
)


def is_header(text: str) -> bool:
    """A line of an action table's column names, with an action column and an owner column."""
    return (
        len(text) < 80
        and text.lstrip(" |•-").split(" ", 1)[0].lower() in FIRST_WORDS
        and HEADER.match(text) is not None
        and HAS_ACTION.search(text) is not None
        and HAS_OWNER.search(text) is not None
    )


# Under the last meeting's minutes or matters arising, such a table reviews the actions set before.
REVIEW_TITLE = re.compile(
    r"\b(?:previous|last)\s+(?:meeting|minutes)|minutes\s+of\s+the\s+(?:last|previous)|matters\s+arising",
    re.IGNORECASE,
)


def flat_table_actions(body: list[Line], index: int, context: ActionContext) -> list[ExtractedAction]:
    """The rows under the column names at ``index``, up to the next heading (none where the item reviews
    the actions of an earlier meeting)."""
    if REVIEW_TITLE.search(context.title or ""):
        return []
    rows: list[tuple[str, str | None]] = []
    carried: str | None = None
    for line in body[index + 1 : index + 1 + MAX_ROWS]:
        text = line.text.strip()
        if line.kind in ("heading", "table_row") or is_header(text) or TABLE_END.match(text):
            break
        if len(text) <= MAX_DUE_CELL and DUE_CELL.match(text):
            continue
        if OWNERS_ONLY.match(text):
            _give_owner(rows, text.strip(" .;,"))
            continue
        if rows and text[:1].islower() and not rows[-1][0].endswith((".", ";")):
            rows[-1] = (f"{rows[-1][0]} {text}", rows[-1][1])  # the row's text wrapped onto this line
            continue
        leading = LEADING_OWNER.match(text)
        if leading and is_person(leading.group("owner"), context):
            carried = leading.group("owner")
            text = leading.group("text")
        rows.append((text, carried))
    out = []
    for text, owner in rows:
        found = sentence_actions(text, no_reporter, context)
        if found and found[0].owner:
            out.append(found[0])  # "Dorian to send the letter …" names its own owner
        else:
            out.append(new_action(found[0].text if found else text, owner, context))
    return out


def _give_owner(rows: list[tuple[str, str | None]], owner: str) -> None:
    """A line naming only people owns the first row above without an owner."""
    for position, (text, held) in enumerate(rows):
        if held is None:
            rows[position] = (text, owner)
            return
