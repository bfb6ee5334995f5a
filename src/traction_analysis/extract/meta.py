"""Meeting metadata: the body that met, the meeting date, who attended.

A structured source's ``meta`` wins. Otherwise the opening of the document (before the first item)
is read: the date on the line that says the meeting was held (not a cover sheet's "Date:" of the
meeting that receives the minutes, nor "approved on …"), and the body from "meeting of the X held…",
an organisation heading, or the running head a PDF repeats on every page.
"""

from __future__ import annotations

import re
from datetime import date

from traction_analysis.extract.dates import DAY_FIRST, MONTH_FIRST, find_dates
from traction_analysis.extract.lines import Line
from traction_analysis.extract.numbering import FINITE_VERB

HEAD_LINES = 45
BODY_LINES = 12
DATE_PLUS = re.compile(r"\bheld\b|\bmeeting\b|\bminutes\b", re.IGNORECASE)
DATE_MINUS = re.compile(
    r"\bapproved\b|\badopted\b|\bpublished\b|\bsigned\b|\bnext meeting\b|\bcirculated\b|"
    r"\bprinted\b|\bissued\b",
    re.IGNORECASE,
)
BODY_PHRASE = re.compile(
    r"\b(?:meeting|minutes|proceedings)\s+of\s+(?:the\s+|a\s+)?(?:(?:special|extraordinary|regular|ordinary|"
    r"annual)\s+)?(?:meeting\s+of\s+(?:the\s+)?)?(?P<body>[A-Z][\w&’'()-]*(?:,?\s+[A-Za-z&][\w&’'()-]*){0,12}?)"
    r"(?=,?\s+(?i:held|was held|on|at|in|to)\b|\s*[.]|$)",
    re.IGNORECASE,
)
ORGANISATION = re.compile(
    r"\b(?:council|board|committee|commission|cabinet|panel|authority|trust|partnership|"
    r"assembly|service area|forum|spc)\b",
    re.IGNORECASE,
)
NOT_BODY = re.compile(
    r"\b(?:minutes|meeting held|held)\b.*$|^\s*(?:minutes|meeting)\s+(?:of\s+)?", re.IGNORECASE
)
MEETING_WORDS = re.compile(r"\b(?:minutes|meeting|held|proceedings)\b", re.IGNORECASE)
ATTENDEE_LABEL = re.compile(
    r"^(?:present|members present|commissioners present|councillors present|attendance|"
    r"present in the chair)\s*[:\-–]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
STOP_LABEL = re.compile(
    r"^(?:[A-Z][A-Za-z /&]{2,40}:|apologies|in attendance|also present|officers|absent|"
    r"others present)",
    re.IGNORECASE,
)


def meeting_date(preamble: list[Line], meta: dict[str, str], *, month_first: bool) -> date | None:
    if meta.get("meeting_date"):
        try:
            return date.fromisoformat(meta["meeting_date"][:10])
        except ValueError:
            pass
    best: tuple[int, int, date] | None = None
    previous = ""
    for position, line in enumerate(preamble[:HEAD_LINES]):
        found = find_dates(line.text, month_first=month_first)
        context = f"{previous} {line.text}"  # "MINUTES of a meeting … held in" / "… on 9 January 2025."
        previous = line.text
        if not found:
            continue
        score = (2 if DATE_PLUS.search(context) else 0) - (3 if DATE_MINUS.search(line.text) else 0)
        if best is None or (score, -position) > best[:2]:
            best = (score, -position, found[0][0])
    return best[2] if best else None


NEXT_MEETING = re.compile(
    r"\bnext meeting\b|\bdate of (?:the )?next\b|\bnext (?:board|committee|council) meeting\b", re.IGNORECASE
)


def next_meeting_date(lines: list[Line], after: date | None, *, month_first: bool) -> date | None:
    """The date of the next meeting, where the minutes state it ("Date of next meeting: 4 September 2025")."""
    for index, line in enumerate(lines):
        if "next" not in line.text.lower() or not NEXT_MEETING.search(line.text):
            continue
        for candidate in lines[index : index + 2]:
            found = [
                value
                for value, _, _ in find_dates(candidate.text, month_first=month_first)
                if after is None or value > after
            ]
            if found:
                return found[0]
    return None


def body_name(opening: list[Line], meta: dict[str, str]) -> str | None:
    """Who met. ``opening`` should be the document's first lines *before* running heads are removed."""
    for key in ("body", "committee", "committee_title"):
        if meta.get(key):
            return meta[key]
    texts = [_first_cell(line) for line in opening[:BODY_LINES] if line.kind != "rule"]
    organisation = next(
        (
            text
            for text in texts[:4]
            if ORGANISATION.search(text)
            and text.isupper()
            and len(text) < 80
            and not MEETING_WORDS.search(text)
        ),
        None,
    )
    match = next(
        (m for m in BODY_PHRASE.finditer(" ".join(texts)) if ORGANISATION.search(m.group("body"))), None
    )
    if match:
        body = _tidy(_same_case_prefix(match.group("body")))
        if (
            organisation
            and _tidy(organisation).lower() not in body.lower()
            and body.lower() not in _tidy(organisation).lower()
        ):
            return f"{_tidy(organisation)} – {body}"
        if ORGANISATION.search(body):
            return body
    if organisation:
        return _tidy(organisation)
    for text in texts:
        if ORGANISATION.search(text) and not FINITE_VERB.search(text) and len(text) < 100:
            cleaned = _tidy(NOT_BODY.sub("", _strip_dates(text)))
            if cleaned:
                return cleaned
    return None


def attendees(lines: list[Line]) -> list[str]:
    """Names after a "Present:" label, until the next label (apologies, in attendance, …)."""
    names: list[str] = []
    collecting = False
    for line in lines[: HEAD_LINES * 2]:
        match = ATTENDEE_LABEL.match(line.text)
        if match:
            collecting = True
            names += _split_names(match.group("rest"))
            continue
        if collecting:
            if STOP_LABEL.match(line.text) or line.kind not in ("text", "heading"):
                if names:
                    break
                collecting = False
                continue
            names += _split_names(line.text)
    return names[:200]


def _first_cell(line: Line) -> str:
    return line.cells[0] if line.cells else line.text


def _same_case_prefix(text: str) -> str:
    """'LIMERICK CITY AND COUNTY COUNCIL A meeting' -> the capitals only, where the phrase starts in
    capitals."""
    words = text.split()
    if not words or not words[0].isupper():
        return text
    kept = []
    for word in words:
        if not word.isupper() and any(c.isalpha() for c in word):
            break
        kept.append(word)
    return " ".join(kept)


def _strip_dates(text: str) -> str:
    text = DAY_FIRST.sub("", text)
    return MONTH_FIRST.sub("", text)


def _split_names(text: str) -> list[str]:
    parts = re.split(r",\s*(?![A-Z]{2,4}\b)|\s+and\s+|;", text)
    return [part.strip(" .") for part in parts if len(part.strip(" .")) > 2 and not part.strip().isdigit()]


def _tidy(text: str) -> str:
    text = " ".join(text.split()).strip(" ,.:;–—-")
    return text.title() if text.isupper() else text
