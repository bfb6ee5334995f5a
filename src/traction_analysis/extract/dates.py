"""Dates as clerks write them: "9 January 2025", "Thursday 12th October 2023", "March 25, 2015",
"12TH DAY OF JANUARY, 2011", "30/06/2025" (day first unless the document writes months first).
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
ORDINAL = r"(?:st|nd|rd|th)?"
DAY_FIRST = re.compile(
    rf"\b(?P<day>\d{{1,2}}){ORDINAL}\s+(?:day\s+)?(?:of\s+)?{MONTH},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE
)
MONTH_FIRST = re.compile(rf"\b{MONTH}\s+(?P<day>\d{{1,2}}){ORDINAL},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE)
NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4}|\d{2})\b")
ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
RELATIVE_NEXT_MEETING = re.compile(
    r"\b(?:by|before|for|to|at)\s+(?:the\s+)?next\s+(?:\w+\s+)?meeting\b", re.IGNORECASE
)


def find_dates(text: str, *, month_first: bool = False) -> list[tuple[date, int, int]]:
    """Every full date in ``text`` with its span, in order. A month alone or a day without a year is not
    one."""
    found: list[tuple[date, int, int]] = []
    for pattern in (DAY_FIRST, MONTH_FIRST, ISO):
        for match in pattern.finditer(text):
            value = _build(match.group("year"), match.group("month"), match.group("day"))
            if value:
                found.append((value, match.start(), match.end()))
    for match in NUMERIC.finditer(text):
        value = _numeric(match, month_first)
        if value and not _overlaps(found, match.start()):
            found.append((value, match.start(), match.end()))
    return sorted(found, key=lambda item: item[1])


def writes_month_first(text: str) -> bool:
    """US and Canadian clerks write "January 29, 2018"; then 11/30/17 is month first too."""
    return len(MONTH_FIRST.findall(text)) > len(DAY_FIRST.findall(text))


def _overlaps(found: list[tuple[date, int, int]], start: int) -> bool:
    return any(begin <= start < end for _, begin, end in found)


def _build(year: str, month: str, day: str) -> date | None:
    try:
        month_number = int(month) if month.isdigit() else MONTHS[month.lower()[:3]]
        return date(int(year), month_number, int(day))
    except (ValueError, KeyError):
        return None


def _numeric(match: re.Match[str], month_first: bool) -> date | None:
    first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    year = year + 2000 if year < 100 else year
    day, month = (second, first) if month_first else (first, second)
    if month > 12 and day <= 12:
        day, month = month, day
    try:
        return date(year, month, day)
    except ValueError:
        return None
