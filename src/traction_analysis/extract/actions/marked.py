"""Marked actions: "ACTION: …" lines with their owner and due lines, "Action: X" markers, points
listed under an "Actions:" heading, and the rows of an action-log table."""

from __future__ import annotations

import re

from traction_analysis.extract import tables
from traction_analysis.extract.actions.build import new_action
from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.actions.decide import sentence_actions
from traction_analysis.extract.actions.flat_table import flat_table_actions, is_header
from traction_analysis.extract.actions.owners import owner_name
from traction_analysis.extract.actions.reporter import no_reporter
from traction_analysis.extract.actions.shorthand import leading_owner_points
from traction_analysis.extract.actions.vocabulary import PERSON
from traction_analysis.extract.actions.voice import active_voice
from traction_analysis.extract.lines import Line
from traction_analysis.extract.model import ExtractedAction
from traction_analysis.extract.text import paragraphs, split_sentences

# "ACTION: …", "Action point – …", "Action 7: …" (a numbered action log written into the minutes).
MARKER = re.compile(
    r"^(?:agreed\s+)?actions?(?:\s+points?)?(?:\s*(?:no\.?\s*)?\d{1,3}[a-z]?)?\s*(?:\([^)]*\))?\s*[:\-–]\s*"
    r"(?P<text>.+)$",
    re.IGNORECASE,
)


TRAILING_MARKER = re.compile(
    r"^(?P<text>.+?)\s*[\(\[]?\b(?:ACTION|Action)(?:ed)?(?:\s+(?:by|BY|owner|lead))?\s*[:\-–]\s*(?P<owner>[^()\[\]]{1,60})[\)\]]?$"
)


OWNER_LINE = re.compile(
    r"^(?:responsible\s+officers?|lead(?:\s+officer)?|owners?|by whom|action(?:ed)? by|"
    r"responsibility)\s*[:\-–]\s*(?P<owner>.+)$",
    re.IGNORECASE,
)


DUE_LINE = re.compile(
    r"^(?:by when|deadline|due(?: date)?|target date|timescale)\s*[:\-–]\s*(?P<due>.+)$", re.IGNORECASE
)


ACTION_HEADER = re.compile(
    r"^(?:agreed\s+)?actions?(?:\s+(?:points?|agreed|arising|required))?\s*:?\s*$", re.IGNORECASE
)


# "- Clerk to …", "-NB to contact …" (a dash run into the point), "• …", "o …", "(a) …", "2. …".
LIST_POINT = re.compile(r"^(?:[-–•*](?:\s+|(?=[A-Za-z]))|o\s+|\(?[a-z0-9]{1,2}[.)]\s+)")


MAX_LISTED_ACTIONS = 15


# "Action 7: Secretariat to contact Rightmove …": in a line the clerk marked, a capitalised phrase before
# "to <verb>" is the owner even when the minutes do not list that person as present.
MARKED_OWNER = re.compile(
    r"^(?P<owner>(?:[Tt]he\s+)?[A-Z][\w’'.&/-]*(?:\s+(?:[A-Z][\w’'.&/-]*|of|for|and|&|members?|team|"
    r"officers?|group)){0,5})\s+to\s+(?!be\b)(?P<text>[a-z][a-z-]+\b.*)$"
)


NO_ACTION = re.compile(r"^(?:none|nil|n/?a|no action|-+)\W*$", re.IGNORECASE)


# "ACTION: Clerk", "Action: JS / PW": a marker that names only who acts.
OWNER_ONLY = re.compile(
    rf"^(?!(?:None|Nil|N/?A|Note|Noted|TBC|Ongoing|Complete|Completed|Closed)\b)(?:[Aa]ll\s+)?{PERSON}(?:\s*(?:,|/|&|and)\s*{PERSON}){{0,4}}\W*$"
)


def document_marks_actions(lines: list[Line]) -> bool:
    # MARKER only matches text starting with "a" or "A"
    """Whether the document marks its actions ("ACTION: …" lines or an action-log table, its cells read
    as lines or not), in which case its narrative is not mined."""
    return any(
        line.text[:1] in "Aa"
        and MARKER.match(line.text)
        or line.role == "action"
        or line.kind != "table_row"
        and is_header(line.text)
        for line in lines
    )


def marked_actions(body: list[Line], context: ActionContext) -> list[ExtractedAction]:
    """The actions an item's lines mark: "ACTION: …" lines, "Actions:" lists and trailing "Action: X"."""
    out: list[ExtractedAction] = []
    if context.title[:1] in "Aa" and ACTION_HEADER.match(context.title.strip()):
        out += _listed_under_header(body, -1, context)  # an item headed "Actions" lists them
    for index, line in enumerate(body):
        first_a = line.text[:1] in "Aa"  # MARKER and ACTION_HEADER only match text starting with "a" or "A"
        match = MARKER.match(line.text) if first_a else None
        if match:
            out += _marker_line(body, index, match, context)
        elif first_a and ACTION_HEADER.match(line.text):
            out += _listed_under_header(body, index, context)
        elif line.kind != "table_row" and is_header(line.text):
            out += flat_table_actions(body, index, context)
        elif "Action" in line.text or "ACTION" in line.text:
            out += _trailing_marker(body, index, context)
    return out


def _marker_line(
    body: list[Line], index: int, match: re.Match[str], context: ActionContext
) -> list[ExtractedAction]:
    """ "ACTION: …" with its owner and due date from the lines after it or a trailing "– JS"; a marker
    that names only the owner ("ACTION: Clerk") owns the paragraph above."""
    text = match.group("text")
    if NO_ACTION.match(text):
        return []
    if OWNER_ONLY.match(text):
        before = paragraphs([line for line in body[:index] if not MARKER.match(line.text)])
        return owned_step(split_sentences(before[-1].text)[-1], text, context) if before else []
    owner, due_text = _owner_and_due_lines(body[index + 1 : index + 4])
    trailing = TRAILING_MARKER.match(body[index].text)
    if owner is None and trailing and not MARKER.match(trailing.group("text")):
        owner = trailing.group("owner")
    if owner is None:
        found = leading_owner_points(text, context, extra_due=due_text)
        if not found and (marked := MARKED_OWNER.match(text)):
            found = [new_action(marked.group("text"), marked.group("owner"), context, extra_due=due_text)]
        return found or [new_action(text, None, context)]
    return [new_action(text, owner, context, extra_due=due_text)]


def _owner_and_due_lines(followers: list[Line]) -> tuple[str | None, str]:
    """ "Responsible Officer: …" and "Deadline: …" lines after a marker, up to the next marker."""
    owner, due_text = None, ""
    for follower in followers:
        if owner_line := OWNER_LINE.match(follower.text):
            owner = owner_line.group("owner")
        elif due_line := DUE_LINE.match(follower.text):
            due_text = due_line.group("due")
        elif MARKER.match(follower.text):
            break
    return owner, due_text


def _trailing_marker(body: list[Line], index: int, context: ActionContext) -> list[ExtractedAction]:
    """ "The Director would circulate the revised plan. Action: JB" or "… (ACTION: Clerk)" at a line's end."""
    trailing = TRAILING_MARKER.match(body[index].text)
    if (
        not trailing
        or not OWNER_ONLY.match(trailing.group("owner"))
        or NO_ACTION.match(trailing.group("owner"))
    ):
        return []
    before = paragraphs(body[: index + 1])
    text = before[-1].text if before else body[index].text
    text = text[: text.rfind(trailing.group("text")[-20:]) + len(trailing.group("text")[-20:])]
    return owned_step(split_sentences(text.strip(" ([–-"))[-1], trailing.group("owner"), context)


def _listed_under_header(body: list[Line], index: int, context: ActionContext) -> list[ExtractedAction]:
    """The points listed under an "Actions:" or "Agreed actions" heading are actions, whoever the minutes
    name."""
    out: list[ExtractedAction] = []
    for line in body[index + 1 : index + 1 + MAX_LISTED_ACTIONS]:
        if not (line.bullet or LIST_POINT.match(line.text)) or MARKER.match(line.text):
            break
        point = LIST_POINT.sub("", line.text)
        found = sentence_actions(point, no_reporter, context)
        if not found and (marked := MARKED_OWNER.match(point)):
            found = [new_action(marked.group("text"), marked.group("owner"), context)]
        out += found[:1] or [new_action(point, None, context)]
    return out


def owned_step(sentence: str, owner: str, context: ActionContext) -> list[ExtractedAction]:
    """The step a sentence sets, owned by the person an "Action: X" marker names."""
    found = sentence_actions(sentence, no_reporter, context)
    if found:
        return [ExtractedAction(found[0].text, owner_name(owner, None), found[0].due)]
    return [new_action(active_voice(sentence, owned=True)[0], owner, context)]


def table_actions(body: list[Line], context: ActionContext) -> list[ExtractedAction]:
    """The rows of an action-log table: action, owner and due columns."""
    out: list[ExtractedAction] = []
    for line in body:
        if line.role != "action":
            continue
        cells, header = line.cells, line.header
        text = _cell(cells, tables.column(header, tables.ACTION_COLUMN))
        owner = _cell(cells, tables.column(header, tables.OWNER_COLUMN))
        due = _cell(cells, tables.column(header, tables.DUE_COLUMN))
        if text:
            out.append(new_action(text, owner or None, context, extra_due=due))
    return out


def _cell(cells: tuple[str, ...], position: int | None) -> str:
    """The cell at ``position``, or empty when the row has no such column."""
    return cells[position] if position is not None and position < len(cells) else ""
