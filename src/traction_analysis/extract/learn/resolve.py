"""Owner, due date and wording of an action the sentence model found and no rule had phrased.

Owners are as often roles as names ("Director of Public Health to circulate…", "the Clerk will
write…", "ACTION: Head of Integrated Commissioning"), so the owner is the noun phrase that the
sentence makes responsible: before "to <verb>" / "will" / "agreed to", after "asked", or after an
"ACTION:"/"Lead:" label; the due date is a full date the sentence states after "by", "before" or
"no later than" (or the next meeting's date when it says "by the next meeting").
"""

from __future__ import annotations

import re
from datetime import date

from traction_analysis.extract.dates import find_dates

ROLE_WORDS = (
    r"Clerk|Chair(?:man|person|woman)?|Vice[- ]Chair\w*|Secretary|Treasurer|Officer|Officers|Director|"
    r"Manager|Lead|Head|Chief|Executive|Team|Committee|Group|Panel|Board|Council|Councillor|Cllr|"
    r"Members?|Mayor|Solicitor|Administrator|Coordinator|Co-ordinator|Staff|Engineer|Attorney|Planner|"
    r"Superintendent|Commissioner|Nurse|Officer|Governor|Trustee|Partnership|Service|Services"
)
NAME = (
    r"(?:(?:Cllrs?|Councillor|Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+)?(?:[A-Z]\.?\s+)*"
    r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)?"
)
PHRASE = r"(?:[Tt]he\s+)?(?:[A-Z][\w’'&/.-]*|of|for|and|&)(?:\s+(?:[A-Z][\w’'&/.-]*|of|for|and|&|the)){0,8}"
OWNER_PATTERNS = (
    re.compile(
        rf"^\W*(?:agreed\s+)?actions?\s*(?:by|owner|lead)?\s*[:\-–]\s*(?P<owner>{PHRASE}?)\s+"
        rf"(?:to|will|should)\s",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b(?:ask|asked|request|requested|instruct|instructed|invite|invited|tasked|directed)\s+"
        rf"(?P<owner>{PHRASE}|{NAME})\s+to\s"
    ),
    re.compile(
        rf"(?:^|[;:]\s*|\.\s+)(?P<owner>{PHRASE}|{NAME})\s+(?:will|would|shall|is to|are to|agreed to|"
        rf"undertook to|offered to|volunteered to|to)\s+(?!be\b)[a-z]"
    ),
    re.compile(
        rf"\b(?:action|lead|owner|responsible)\s*[:\-–]\s*(?P<owner>{PHRASE}|{NAME}|[A-Z]{{2,4}}"
        rf"(?:\s*(?:/|,|and|&)\s*[A-Z]{{2,4}})*)\W*$",
        re.IGNORECASE,
    ),
    re.compile(r"[-–(]\s*(?P<owner>[A-Z]{2,4}(?:\s*(?:/|,|and|&)\s*[A-Z]{2,4})*)\s*\)?\W*$"),
)
NOT_OWNER = re.compile(
    r"^(?:It|This|That|There|These|Those|The meeting|Members? of the public|Residents?|He|She|"
    r"They|We|I|A|An|The|Report|Reports|Item|Items|Minutes)$",
    re.IGNORECASE,
)
ROLE_OR_NAME = re.compile(rf"\b(?:{ROLE_WORDS})\b|^{NAME}$|^[A-Z]{{2,4}}\b")
LEADING_LABEL = re.compile(
    r"^\W*(?:agreed\s+)?actions?\s*(?:points?)?(?:\s*(?:no\.?\s*)?\d{1,3}[a-z]?)?\s*[:\-–]\s*", re.IGNORECASE
)
DEADLINE = re.compile(
    r"\b(?:by|before|no later than|not later than|on or before|until|deadline)\b", re.IGNORECASE
)
BY_NEXT_MEETING = re.compile(r"\b(?:by|before|for|at)\s+the\s+next\s+meeting\b", re.IGNORECASE)
MAX_TEXT = 300


def action_text(sentence: str) -> str:
    text = LEADING_LABEL.sub("", sentence.strip())
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT].rsplit(" ", 1)[0] + "…"
    return text


def owner_of(sentence: str, people: frozenset[str] = frozenset()) -> str | None:
    for pattern in OWNER_PATTERNS:
        match = pattern.search(sentence)
        if match is None:
            continue
        owner = match.group("owner").strip(" ,.;:()")
        owner = re.sub(r"^(?:that|and)\s+", "", owner)
        if not owner or NOT_OWNER.match(owner):
            continue
        if ROLE_OR_NAME.search(owner) or any(word in people for word in owner.split()):
            return owner
    return None


def due_date(
    sentence: str, meeting: date | None, month_first: bool, next_meeting: date | None
) -> date | None:
    for found, start, _end in find_dates(sentence, month_first=month_first):
        before = sentence[max(0, start - 25) : start]
        if DEADLINE.search(before) and (meeting is None or found >= meeting):
            return found
    if next_meeting is not None and BY_NEXT_MEETING.search(sentence):
        return next_meeting
    return None
