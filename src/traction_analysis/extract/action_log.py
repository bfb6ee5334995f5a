"""An action log at the foot of the minutes restates the steps the items assigned: file each under its item.

Clerks often close the minutes with a list or table of the meeting's actions ("ACTION LOG:", "Summary of
actions", a "No | Action | Owner" table) after the last item, so it reads as part of that item ("AOB",
"Date of next meeting"). Each of its steps belongs to the item that discussed it: where an earlier item's
text states the same step, the log's copy is filed under that item, or dropped where that item already
holds it. A step no earlier item speaks of stays where it is (the log may be the only record of it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from traction_analysis.extract.model import ExtractedAction, ExtractedItem
from traction_analysis.extract.segment import Segment
from traction_analysis.extract.text import Sentence

# "ACTION LOG:", "Actions:", "Summary of actions", "Action points arising", "Agreed actions"; or the
# header of an action table ("No Action Owner Update", "Action | By whom | Date").
LOG_HEADING = re.compile(
    r"^(?:summary\s+of\s+(?:agreed\s+)?actions?|(?:agreed\s+|new\s+)?actions?"
    r"(?:\s+(?:log|points?|summary|list|table|arising|agreed|tracker))*)\s*:?\s*$"
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


def file_logged_actions(
    items: list[ExtractedItem], parts: Sequence[Segment], said: Sequence[Sequence[Sentence]]
) -> None:
    """Move each action of an action log to the earlier item whose text states the same step.

    ``parts`` and ``said`` (each part's body sentences) run parallel to ``items``; items change in place.
    """
    worded: list[list[set[str]]] = []  # each item's sentences as words, worked out once when first needed
    for index in range(1, len(items)):
        log = _log_entries(parts[index])
        if not log:
            continue
        worded += [[_words(sentence.text) for sentence in found] for found in said[len(worded) : index]]
        kept: list[ExtractedAction] = []
        for action in items[index].actions:
            entry = _entry_of(action, log)
            home = _home(entry, worded[:index]) if entry else None
            if home is None:
                kept.append(action)
                continue
            held = items[home].actions
            if not any(_overlap(_words(action.text), _words(other.text)) >= ALREADY_HELD for other in held):
                held.append(action)
        items[index].actions = kept


def _log_entries(part: Segment) -> list[set[str]]:
    """The words of each line after an action log's heading in the part's body (none: no log)."""
    for position, line in enumerate(part.body):
        if len(line.text) <= 60 and LOG_HEADING.match(line.text):
            entries = [_words(later.text) for later in part.body[position + 1 :]]
            return [entry for entry in entries if entry]
    return []


def _entry_of(action: ExtractedAction, log: list[set[str]]) -> set[str] | None:
    """The log line (joined with the next, for an entry that wraps) the action was read from."""
    words = _words(action.text)
    if not words:
        return None
    for span in (1, 2):  # the line itself, else the line and the next (an entry that wraps)
        for position in range(len(log) - span + 1):
            entry = set().union(*log[position : position + span])
            if len(words & entry) >= 0.8 * len(words):
                return entry
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
