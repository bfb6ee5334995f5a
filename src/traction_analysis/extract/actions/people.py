"""Who the minutes say took part: the name words and initials of those present or named with a title."""

from __future__ import annotations

import re

from traction_analysis.extract.actions.vocabulary import NAME_WORD, TITLE
from traction_analysis.extract.lines import Line

# A label, not prose: "Present: …", "PRESENT (six Councillors): -", "Apologies for absence", "members present
# were", "Directors Present: …".
PRESENT_LINE = re.compile(
    r"^\W*(?:present|in attendance|attendance|attendees|apologies(?: for absence)?|also present|"
    r"members present|councillors present|minute taker)(?:\s*\([^)]{0,40}\))?\s*(?:[:\-–—]|$|were\b)|"
    r"(?=[pmai])\b(?:present were|members present|also present|in attendance)\b|"
    r"^\W*(?:[A-Za-z]+\s+){1,2}present\s*(?:\([^)]{0,40}\))?\s*[:\-–—]",
    re.IGNORECASE,
)


# (Titles and names open with a capital, looked ahead for first.)
FULL_NAME = re.compile(
    rf"(?=[A-Z])\b(?:{TITLE}\s+)?(?P<name>{NAME_WORD}(?:\s+[A-Z]\.?)?\s+{NAME_WORD}(?:-{NAME_WORD})?)"
)


NAME_WORDS = re.compile(NAME_WORD)  # the name words of a matched name, compiled once


TITLED_NAME = re.compile(
    rf"\b(?:{TITLE}|[Cc]hair(?:man|person)?|[Cc]lerks?|[Tt]reasurer|[Ss]ecretary|"
    rf"[Ss]upervisors?|[Ii]nspector)\s+(?P<name>(?:[A-Z]\.?\s+)*{NAME_WORD}(?:\s+{NAME_WORD})?)"
)


TITLED_NAME_LINES = 80


PROSE = re.compile(r"\s(?:was|were|is|are|had|has|have|would|will)\s")


PRESENT_FOLLOW = 6  # a "Present:" list wraps over a few lines of a PDF
PRESENT_FOLLOW_ON = 2  # past a line of the list that names someone, the lines a table row may wrap over


TITLE_HINT = re.compile(
    r"Cllr|Councillor|Mr|Ms|Miss|Dr|lerk|hair|reasurer|upervisor|ecretary|nspector|Prof|Rev|Sir|"
    r"Dame|Mayor"
)


INITIALS_IN_BRACKETS = re.compile(r"\(([A-Z]{2,4})\)")


NOT_A_NAME = frozenset(
    "The This That These Those Our Their His Her Its And With Also Present Apologies Minutes Meeting "
    "Members Member "
    "Parish Town Village City County Borough District Council Councillor Councillors Committee Board "
    "Hall Community "
    "Chair Chairman Vice Clerk Clerks Treasurer Secretary Road Street Lane Close Drive Avenue Church "
    "School Centre "
    "Center Office Police Government Trust Group Working Party Service Services Public Officer "
    "Officers Director "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August "
    "September October November December Minute Taker Attendance Item Items Agenda Report Reports Board Fire "
    "Department Township Town North South East West New Old Annual General Ordinary Special Held "
    "Also In Directors Trustees Commissioners Governors Staff Others Guests Visitors Absent Excused".split()
)


def known_people(lines: list[Line]) -> frozenset[str]:
    """Name words of the people a document lists as present or names with a title ("Cllr Jim McNeill",
    "clerks Linda Britton and Carrie Landman"), so that "Esme will contact …" is known to commit a person
    while "Devolution would bring …" commits nobody."""
    names: set[str] = set()
    follow = 0
    for number, line in enumerate(lines):
        text = line.text
        follow = _present_lines_left(text, follow)
        if follow:
            follow -= 1
            listed = _listed_names(text)
            names |= listed
            if listed and follow < PRESENT_FOLLOW_ON and not PROSE.search(text):
                follow = PRESENT_FOLLOW_ON  # a members table, a name a row: the list goes on while names do
        if number < TITLED_NAME_LINES and TITLE_HINT.search(text):  # the opening names those taking part
            names |= _titled_names(text)
    names -= NOT_A_NAME
    return frozenset((names | _short_forms(names)) - NOT_A_NAME)


def _present_lines_left(text: str, follow: int) -> int:
    """How many lines (this one included) still belong to a "Present:" list after reading ``text``."""
    if _may_be_present_label(text) and PRESENT_LINE.search(text):
        return PRESENT_FOLLOW if len(text) < 300 else 1
    if follow and (len(text) > 300 or PROSE.search(text)):
        return 0  # the list has ended
    return follow


def _may_be_present_label(text: str) -> bool:
    """A cheap look for the words of a "Present:" or "Apologies" label before its pattern is tried."""
    return (
        "resent" in text
        or "ttend" in text
        or "pologies" in text
        or "PRESENT" in text
        or "ATTEND" in text
        or "APOLOGIES" in text
        or "inute taker" in text
    )


def _listed_names(text: str) -> set[str]:
    """Full names on a line of a "Present:" list, their initials, and initials in brackets."""
    names: set[str] = set()
    for match in FULL_NAME.finditer(text):
        words = NAME_WORDS.findall(match.group("name"))
        names.update(words)
        names.add("".join(word[0] for word in words))  # "Pam Walker" is "PW" in the minutes
    names.update(INITIALS_IN_BRACKETS.findall(text))
    return names


def _titled_names(text: str) -> set[str]:
    """Names after a title or role ("Cllr A Smith", "Clerk Linda Britton") and their initials."""
    names: set[str] = set()
    for match in TITLED_NAME.finditer(text):
        names.update(NAME_WORDS.findall(match.group("name")))
        initials = "".join(word[0] for word in match.group("name").split())
        if 2 <= len(initials) <= 3:
            names.add(initials)  # "Cllr A Smith" is "AS" in the minutes
    return names


def _short_forms(names: set[str]) -> set[str]:
    """ "Jan" for Janet, so that "so Jan will get Carrie and Rod together" is known too."""
    return {
        name[:size]
        for name in names
        if not name.isupper()
        for size in range(max(3, len(name) - 3), len(name))
    }
