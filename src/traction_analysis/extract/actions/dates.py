"""An action's due date: the last full date in its text not before the meeting, or the next meeting."""

from __future__ import annotations

import re
from datetime import date

from traction_analysis.extract.actions.context import ActionContext
from traction_analysis.extract.dates import RELATIVE_NEXT_MEETING, find_dates

# (The lookahead holds the first letter of each word of a deadline: it fails at most characters, where each
# word would be tried.)
DEADLINE = re.compile(
    r"(?=[bnou])\b(?:by|on or before|before|no later than|not later than|until)\s+(?:noon\s+|midday\s+)?"
    r"(?:on\s+)?(?:the\s+)?\d",
    re.IGNORECASE,
)


FUTURE = re.compile(r"\b(?:would|will|to be|for (?:publication|submission|circulation))\b", re.IGNORECASE)


def due_date(text: str, context: ActionContext) -> date | None:
    """The last full date in the text that is not before the meeting (a due date cannot be in the past).

    Only full dates count ("by March" or "by the 14th" give none). "By the next meeting" counts
    when the minutes themselves state when the next meeting is.
    """
    dates = [value for value, _, _ in find_dates(text, month_first=context.month_first)]
    if context.meeting_date:
        dates = [value for value in dates if value >= context.meeting_date]
    if dates:
        return dates[-1]
    if context.next_meeting and RELATIVE_NEXT_MEETING.search(text):
        return context.next_meeting
    return None
