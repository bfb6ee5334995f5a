"""Explicit references in an agenda item's title or resolution to another meeting, body or item.

Minutes often say where an item came from or where it goes: "deferred from the meeting of 3 March",
"deferred from the last meeting", "referred by the Cabinet", "referred from the Health Scrutiny
Committee", "as reported to the Board in June", "minute 45 of the meeting held on 12 May 2025",
"deferred to the next meeting", "referred to the Scrutiny Committee". :func:`find_references` reads
these phrases and returns plain :class:`Reference` values; it does not know which meetings or bodies
exist (:mod:`.topics` resolves them). It also reads the titles of reports and papers that a
resolution names ("the report of the Director of Public Health on the Pharmaceutical Needs
Assessment", a quoted title) so that linking can use what the paper is about.

Pure Python, English only, deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# "3 March", "3rd March 2025", "March 3, 2025", "March 2025", "March".
_DATE = (
    rf"(?:{_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    rf"|(?P<month2>{_MONTH})\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year2>(?:19|20)\d\d)"
    rf"|(?P<month3>{_MONTH})(?:\s+(?P<year3>(?:19|20)\d\d))?)"
)
_NUMERIC_DATE = r"(?P<nday>[0-3]?\d)[/.](?P<nmonth>[01]?\d)[/.](?P<nyear>(?:19|20)?\d\d)"
_WHEN = rf"(?:{_DATE}|{_NUMERIC_DATE})"
_MEETING_OF = r"(?:(?:the\s+)?(?:board|committee|cabinet|council|group|meeting|panel)(?:'s)?\s+)?"
# The named body: capitalised words after "the" ("the Health Scrutiny Committee", "the Cabinet").
_NOT_MONTH = r"(?!(?:" + "|".join(name.capitalize() for name in MONTH_NUMBERS) + r")\b)"
_CAPITAL = _NOT_MONTH + r"[A-Z][\w'’&-]*"
_BODY = rf"(?:the\s+|The\s+)?(?P<body>{_CAPITAL}(?:\s+(?:{_CAPITAL}|and|of|for|the|on|&))*)"

PREVIOUS = re.compile(
    r"\b(?:deferred|adjourned|postponed|carried (?:over|forward)|brought forward|held over|"
    r"continued)\s+(?:from|at)\s+(?:the\s+)?(?:last|previous|prior|preceding)\s+"
    rf"{_MEETING_OF}(?:meeting)?",
    re.IGNORECASE,
)
FROM_DATE = re.compile(
    r"\b(?:deferred|adjourned|postponed|carried (?:over|forward)|brought forward|held over|"
    r"continued)\s+(?:from|at)\s+(?:the\s+)?(?:meeting\s+(?:of|on|held\s+on)\s+|"
    rf"(?:{_MEETING_OF}meeting\s+(?:of|on|held\s+on)\s+))?(?:the\s+)?{_WHEN}",
    re.IGNORECASE,
)
REFERRED_BY = re.compile(
    r"\b(?i:referred|recommended|remitted|passed|forwarded|reference)\s+(?i:by|from)\s+" + _BODY
)
REFERENCE_FROM = re.compile(r"\b(?i:recommendations?|reference|referral)\s+(?i:from)\s+" + _BODY)
REPORTED_TO = re.compile(
    r"(?<!\bbe )(?<!\bbeen )\b(?i:reported|presented|considered|submitted|discussed)\s+"
    r"(?i:to|by|at)\s+"
    + _BODY
    + rf"(?:,?\s+(?i:(?:(?:on|in|at its meeting (?:on|in|of))\s+)?(?:the\s+)?{_WHEN}))?"
)
MINUTE = re.compile(
    r"\bminute\s+(?:no\.?\s*)?(?P<number>[A-Z]{0,4}[/.]?\d+[\w/.()]*?)\s+of\s+(?:the\s+)?"
    rf"(?:(?:last|previous)\s+meeting|(?:{_MEETING_OF}meeting\s+(?:of|on|held\s+on)\s+(?:the\s+)?)?"
    rf"{_WHEN})",
    re.IGNORECASE,
)
DEFERRED_TO_NEXT = re.compile(
    r"\b(?:defer(?:red)?|postponed?|adjourned|brought back|come back|return(?:ed)?|"
    r"carried (?:over|forward))\b[^.;]{0,80}?\b(?:to|at|until)\s+(?:the\s+)?"
    r"(?:next|following|subsequent)\s+meeting",
    re.IGNORECASE,
)
DEFERRED_TO_DATE = re.compile(
    r"\b(?:defer(?:red)?|postponed?|brought back|come back|return(?:ed)?)\b[^.;]{0,80}?"
    rf"\b(?:to|in|until)\s+(?:the\s+)?{_DATE}(?:\s+meeting)?",
    re.IGNORECASE,
)
REFERRED_TO = re.compile(
    r"\b(?i:referred|recommended|remitted|forwarded|passed)\s+"
    r"(?i:(?:on|the\s+(?:matter|item|report|issue|proposals?|recommendations?))\s+)?"
    r"(?i:to)\s+" + _BODY
)

_TITLE_AFTER = (
    r"(?:on|regarding|about|concerning|entitled|titled|setting out|in respect of)\s+(?:the\s+)?"
    r"(?P<subject>[^.;:()\"“”]{4,160})"
)
REPORT_OF = re.compile(
    r"\b(?:report|paper|presentation|briefing|update|submission)\s+(?:of|from|by)\s+"
    r"(?:the\s+)?[^.;:()]{2,80}?\s+" + _TITLE_AFTER,
    re.IGNORECASE,
)
REPORT_ON = re.compile(r"\b(?:report|paper|presentation|briefing)\s+" + _TITLE_AFTER, re.IGNORECASE)
QUOTED = re.compile(r"[\"“‘']([^\"“”‘’']{6,160})[\"”’']")
# Where a subject phrase ends: "… on the X and noted …", "… on the X, which …".
_SUBJECT_END = re.compile(
    r",?\s+(?:and\s+|,\s*)?(?:resolved|noted|agreed|approved|recommended|asked|welcomed|endorsed|"
    r"considered|received|decided|which|that|was|were|is|are|had|has|be|subject to|"
    r"together with|including)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Reference:
    """One explicit reference. ``kind``:

    - ``previous``: came from the body's previous meeting ("deferred from the last meeting");
    - ``from_date``: came from the body's meeting on or in ``day``/``month`` ("deferred from 3 March");
    - ``referred_by``: came from the body named ``body`` ("referred by the Cabinet");
    - ``reported_to``: was considered by the body named ``body``, in ``month`` when given;
    - ``minute``: minute ``number`` of the body's meeting on ``day``/``month`` (or the previous one);
    - ``next``: goes to the body's next meeting ("deferred to the next meeting");
    - ``to_date``: goes to the body's meeting in ``month`` ("deferred to the March meeting");
    - ``referred_to``: goes to the body named ``body``.
    """

    kind: str
    body: str = ""
    day: int | None = None
    month: int | None = None
    year: int | None = None
    number: str = ""

    @property
    def backward(self) -> bool:
        return self.kind in {"previous", "from_date", "referred_by", "reported_to", "minute"}


def _when(match: re.Match[str]) -> dict[str, int | None]:
    found = {k: v for k, v in match.groupdict().items() if v}
    if "nmonth" in found:
        year = int(found["nyear"])
        return {
            "day": int(found["nday"]),
            "month": int(found["nmonth"]),
            "year": year + 2000 if year < 100 else year,
        }
    month_text = found.get("month") or found.get("month2") or found.get("month3")
    if not month_text:
        return {}
    month = MONTH_NUMBERS[month_text.lower().rstrip(".")]
    day = found.get("day") or found.get("day2")
    year_text = found.get("year") or found.get("year2") or found.get("year3")
    return {"day": int(day) if day else None, "month": month, "year": int(year_text) if year_text else None}


def _body(match: re.Match[str]) -> str:
    name = re.sub(r"\s+(?:and|of|for|the|on|&)$", "", match["body"].strip())
    return re.sub(r"\s+(?:and|of|for|the|on|&)$", "", name)


def find_references(text: str) -> tuple[Reference, ...]:
    """Every explicit reference in ``text``, in a fixed order (backward ones first)."""
    if not text:
        return ()
    text = re.sub(r"\s+", " ", text.replace("’", "'"))
    found: list[Reference] = []
    found += [Reference("previous") for _ in PREVIOUS.finditer(text)]
    for match in FROM_DATE.finditer(text):
        when = _when(match)
        if when:
            found.append(Reference("from_date", **when))  # type: ignore[arg-type]
    for match in MINUTE.finditer(text):
        number = match["number"].strip(".").lower()
        found.append(Reference("minute", number=number, **_when(match)))  # type: ignore[arg-type]
    for pattern in (REFERRED_BY, REFERENCE_FROM):
        found += [Reference("referred_by", body=_body(m)) for m in pattern.finditer(text) if _body(m)]
    for match in REPORTED_TO.finditer(text):
        if _body(match):
            found.append(Reference("reported_to", body=_body(match), **_when(match)))  # type: ignore[arg-type]
    found += [Reference("next") for _ in DEFERRED_TO_NEXT.finditer(text)]
    for match in DEFERRED_TO_DATE.finditer(text):
        when = _when(match)
        if when.get("month") and not DEFERRED_TO_NEXT.search(match[0]):
            found.append(Reference("to_date", **when))  # type: ignore[arg-type]
    found += [Reference("referred_to", body=_body(m)) for m in REFERRED_TO.finditer(text) if _body(m)]
    unique = list(dict.fromkeys(found))
    return tuple(sorted(unique, key=lambda r: not r.backward))


def referenced_titles(text: str) -> tuple[str, ...]:
    """Titles of reports and papers that ``text`` names: "the report of the Director of Public Health on
    the Pharmaceutical Needs Assessment" gives "Pharmaceutical Needs Assessment"; a quoted title is
    taken whole."""
    if not text:
        return ()
    text = re.sub(r"\s+", " ", text.replace("’", "'"))
    titles: list[str] = []
    for pattern in (REPORT_OF, REPORT_ON):
        for match in pattern.finditer(text):
            subject = _SUBJECT_END.split(match["subject"], maxsplit=1)[0].strip(" ,")
            if subject:
                titles.append(subject)
    titles += [m[1].strip() for m in QUOTED.finditer(text)]
    return tuple(dict.fromkeys(titles))


def resolve_month(reference: Reference, before: date) -> tuple[int, int] | None:
    """The (year, month) that a reference's month means, seen from a meeting on ``before``: the year
    given, else the latest such month not after the meeting."""
    if reference.month is None:
        return None
    if reference.year is not None:
        return reference.year, reference.month
    year = before.year if reference.month <= before.month else before.year - 1
    return year, reference.month


def resolve_next_month(reference: Reference, after: date) -> tuple[int, int] | None:
    """The (year, month) of a forward reference ("to the March meeting"): the first such month after
    the meeting."""
    if reference.month is None:
        return None
    if reference.year is not None:
        return reference.year, reference.month
    year = after.year if reference.month > after.month else after.year + 1
    return year, reference.month


_STRIPPED = (
    PREVIOUS,
    FROM_DATE,
    MINUTE,
    REFERRED_BY,
    REFERENCE_FROM,
    REPORTED_TO,
    DEFERRED_TO_NEXT,
    DEFERRED_TO_DATE,
    REFERRED_TO,
)


def strip_references(text: str) -> str:
    """``text`` without its reference phrases, so that "Winter plan (deferred from 3 March)" is about the
    winter plan, not about deferring."""
    for pattern in _STRIPPED:
        text = pattern.sub(" ", text)
    return text
