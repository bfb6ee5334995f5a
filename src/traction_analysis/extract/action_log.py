"""An action log restates the steps the items assigned: file each under the item it belongs to.

Clerks often close the minutes with a list or table of the meeting's actions ("ACTION LOG:", "Summary of
actions", a "No | Action | Owner" table) after the last item, so it reads as part of that item ("AOB",
"Date of next meeting"); others open the minutes with one ("ACTIONS TO BE TAKEN", "Item | By whom | By
when") before the first item. Each step belongs to the item that discussed it: the item its row names
("110a/2122 Circulate the meeting dates…"), else the item whose text states the same step. The log's copy is
filed under that item, or dropped where that item already holds it. A step at the foot that no item speaks
of stays where it is (the log may be the only record of it); one in the opening log with no item is left out,
as the opening was before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from traction_analysis.extract.lines import Line
from traction_analysis.extract.model import ExtractedAction, ExtractedItem
from traction_analysis.extract.segment import Segment
from traction_analysis.extract.text import Sentence

# Makes an action of a log row's step and owner (the rules' action builder with the meeting's context).
MakeAction = Callable[[str, str | None], ExtractedAction]

# "ACTION LOG:", "Actions:", "Summary of actions", "Action points arising", "Agreed actions"; or the
# header of an action table ("No Action Owner Update", "Action | By whom | Date").
LOG_HEADING = re.compile(
    r"^(?:summary\s+of\s+(?:agreed\s+)?actions?|(?:agreed\s+|new\s+)?actions?"
    r"(?:\s+(?:log|points?|summary|list|table|arising|agreed|tracker))*|actions?\s+to\s+be\s+taken)\s*:?\s*$"
    r"|^(?:(?:no\.?|ref\.?|item)\s+)?actions?\s*(?:\|\s*)?(?:owner|by\s+whom|lead|who|responsible)\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[a-z0-9]+")
STOP = frozenset(
    "the of and to a an in for on be that with by at is are was were it this as from or will would "
    "should can could has have had been being not no all any its their there these those which who".split()
)
# How much of a log entry's wording an earlier item's sentence must share to be the same step.
SAME_STEP = 0.5
# An action already in the item that shares this much with the log's copy is that step.
ALREADY_HELD = 0.5
# A log is a page or two: past this many steps the rest stay where they are (bounded work on any upload).
MAX_LOGGED = 100


def file_logged_actions(
    items: list[ExtractedItem],
    parts: Sequence[Segment],
    said: Sequence[Sequence[Sentence]],
    preamble: Sequence[Line] = (),
    make: MakeAction | None = None,
) -> None:
    """Move each action of an action log to the item it belongs to.

    ``parts`` and ``said`` (each part's body sentences) run parallel to ``items``; items change in place.
    ``preamble`` is the text before the first item, where an opening log's rows are made actions by ``make``.
    """
    numbers = [_reference(item.number or "") for item in items]
    if make is not None and items:
        for reference, row in _opening_rows(preamble):
            if reference in numbers:
                step, owner = _step_and_owner(row)
                if step:
                    _file(make(step, owner), items[numbers.index(reference)])
    if len(items) < 2:
        return
    last = len(items) - 1  # a log at the foot of the minutes reads as part of the last item
    lines = _log_lines(parts[last])
    if not lines:
        return
    log = [_words(line.text) for line in lines]
    worded = [[_words(sentence.text) for sentence in found] for found in said[:last]]
    kept: list[ExtractedAction] = []
    for position, action in enumerate(items[last].actions):
        home = _home_of(action, lines, log, numbers[:last], worded) if position < MAX_LOGGED else None
        if home is None:
            kept.append(action)
        else:
            _file(action, items[home])
    items[last].actions = kept


def _file(action: ExtractedAction, item: ExtractedItem) -> None:
    """Add the log's step to the item, unless the item already holds it."""
    words = _words(action.text)
    if not any(_overlap(words, _words(other.text)) >= ALREADY_HELD for other in item.actions):
        item.actions.append(action)


def _home_of(
    action: ExtractedAction,
    lines: Sequence[Line],
    log: list[set[str]],
    numbers: Sequence[tuple[str, str] | None],
    worded: Sequence[Sequence[set[str]]],
) -> int | None:
    """The item a log's action belongs to: the one its row names, else the one stating the same step."""
    found = _entry_of(action, log)
    if found is None:
        return None
    position, span = found
    reference = _reference(lines[position].text)
    if reference is not None and reference in numbers:
        return numbers.index(reference)
    return _home(set().union(*log[position : position + span]), worded)


# An item reference opening a log row: "110a/2122", "FGB 98/2122", "12.", "3(b)": its number and letter.
REFERENCE = re.compile(
    r"^(?:[A-Z]{1,4}\s?)?(?P<number>\d{1,4})(?P<letter>[a-z])?(?:/\d{2,4}(?P<late>[a-z])?)?"
    r"(?:\s?\(?(?P<sub>[a-z])\)|\.(?!\d))?(?=\s)"
)


def _reference(text: str) -> tuple[str, str] | None:
    """ "110a/2122 Circulate…" -> ("110", "a"); "110/2122a" -> ("110", "a"); "7 Finance" -> ("7", "")."""
    match = REFERENCE.match(text.strip() + " ")
    if not match:
        return None
    letter = match.group("letter") or match.group("late") or match.group("sub") or ""
    return match.group("number"), letter


# When a row's step is due, at the end of its last line: "asap", "01/03/2022", "next meeting", "ongoing".
# The spaces before it start where a run of spaces starts ("(?<!\s)"), so a long run is scanned once.
WHEN = re.compile(
    r"(?<!\s)\s*\b(?:asap|a\.s\.a\.p\.?|ongoing|immediately|(?:by\s+)?(?:the\s+)?next\s+meeting|"
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4})\.?$",
    re.IGNORECASE,
)
MAX_ROW_LINES = 8


def _opening_rows(preamble: Sequence[Line]) -> list[tuple[tuple[str, str], list[str]]]:
    """The rows of an action log before the first item that name the item they belong to.

    A row opens with an item reference ("41b/2122 Amend the plan…"), may wrap over a few lines, and ends
    with its due column ("Clerk asap"); the log ends at the first line after a finished row that opens none,
    or after ``MAX_LOGGED`` rows.
    """
    headings = (
        at for at, line in enumerate(preamble) if len(line.text) <= 60 and LOG_HEADING.match(line.text)
    )
    start = next(headings, None)
    if start is None:
        return []
    rows: list[tuple[tuple[str, str], list[str]]] = []
    finished = True
    for line in preamble[start + 1 :]:
        reference = _reference(line.text)
        if reference is not None and len(rows) >= MAX_LOGGED:
            break  # a log is a page or two: past that, bounded work on any upload
        if reference is not None:
            rows.append((reference, [line.text]))
        elif rows and not finished and len(rows[-1][1]) < MAX_ROW_LINES:
            rows[-1][1].append(line.text)
        elif rows:
            break
        finished = bool(WHEN.search(line.text))
    return rows


def _step_and_owner(lines: list[str]) -> tuple[str, str | None]:
    """A row's step and, where the owner column wraps onto lines of its own, the owner.

    "103b/2122 Agree the increase … is available." / "Ann Lee/" / "Tom Hart/" / "asap": the short lines of
    capitalised names after the finished step are its owner ("Ann Lee/ Tom Hart"). A step that wraps onto a
    line of capitals ("Write to the" / "Highways Agency") is not finished, so that line is the step's.
    """
    lines = [*lines[:-1], WHEN.sub("", lines[-1])]
    first = lines[0].split(None, 1)
    lines[0] = first[1] if len(first) > 1 else ""
    lines = [line for line in lines if line.strip()]
    names: list[str] = []
    while len(lines) > 1 and len(names) < 4 and NAME_LINE.match(lines[-1]) and _finished(lines[-2]):
        names.insert(0, lines.pop())
    owner = " ".join(" ".join(names).split()).strip(" ./") or None
    return " ".join(" ".join(lines).split()), owner


# A step's line that stops on a word that cannot end it ("Write to the", "… and") runs on to the next line.
RUNS_ON = re.compile(
    r"\b(?:the|a|an|to|of|for|with|and|or|on|in|at|by|from|about|into|onto|their|its|his|her|our|this|that)\s*$",
    re.IGNORECASE,
)


def _finished(line: str) -> bool:
    """The line can end a step: it does not stop on an article, a preposition or a conjunction."""
    return not RUNS_ON.search(line[-12:])


# A line of the owner column: capitalised names or a role, joined by "/", "&" or ",".
# A full stop right after a name is the name's ("J. Smith."): the trailing separators open with no full
# stop, so a name and the dots after it split one way only (a row of leader dots is read in linear time).
NAME_LINE = re.compile(r"^\s*[A-Z][\w’'.-]*(?:[\s/,&]+[A-Z][\w’'.-]*){0,3}(?:[\s/,&][\s/,.&]*)?$")


def _log_lines(part: Segment) -> list[Line]:
    """The lines after an action log's heading in the part's body (none: no log)."""
    for position, line in enumerate(part.body):
        if len(line.text) <= 60 and LOG_HEADING.match(line.text):
            return part.body[position + 1 :]
    return []


def _entry_of(action: ExtractedAction, log: list[set[str]]) -> tuple[int, int] | None:
    """Where in the log the action was read from: (first line, lines), one or two (an entry that wraps)."""
    words = _words(action.text)
    if not words:
        return None
    for span in (1, 2):
        for position in range(len(log) - span + 1):
            entry = set().union(*log[position : position + span])
            if len(words & entry) >= 0.8 * len(words):
                return position, span
    return None


def _home(entry: set[str], earlier: Sequence[Sequence[set[str]]]) -> int | None:
    """The earlier item one of whose sentences shares most of the entry's words, if one does."""
    best, best_share = None, SAME_STEP
    for index, sentences in enumerate(earlier):
        for sentence in sentences:
            share = _overlap(entry, sentence)
            if share >= best_share:  # the later of two equals: the nearer item
                best, best_share = index, share
    return best


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _words(text: str) -> set[str]:
    return {word for word in WORD.findall(text.lower()) if word not in STOP}
