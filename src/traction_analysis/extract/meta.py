"""Meeting metadata: the body that met, the meeting date, who attended.

A structured source's ``meta`` wins. Otherwise the opening lines are read: the date on the line that
says the meeting was held (not a cover sheet's "Date:" of the meeting receiving the minutes, nor
"approved on …"), and the body from "meeting of the X held…" or an organisation heading.
"""
from __future__ import annotations

import re
from datetime import date

from traction_analysis.extract.dates import find_dates
from traction_analysis.extract.lines import Line

HEAD_LINES = 45
DATE_PLUS = re.compile(r"\bheld\b|\bmeeting of\b|\bminutes\b|\bmeeting\b", re.IGNORECASE)
DATE_MINUS = re.compile(r"\bapproved\b|\badopted\b|\bpublished\b|\bsigned\b|\bnext meeting\b|\bcirculated\b|"
                        r"\bprinted\b|\bissued\b", re.IGNORECASE)
BODY_PHRASE = re.compile(
    r"\b(?:meeting|minutes|proceedings)\s+of\s+(?:the\s+|a\s+)?(?:(?:special|extraordinary|regular|ordinary|"
    r"annual)\s+)?(?:meeting\s+of\s+(?:the\s+)?)?(?P<body>[A-Z][\w&’',()-]*(?:\s+[A-Za-z&][\w&’'()-]*){0,12}?)"
    r"(?=,?\s+(?:held|was held|on|at|in)\b|\s*[.,]|$)",
)
ORGANISATION = re.compile(r"\b(?:council|board|committee|commission|cabinet|panel|authority|trust|partnership|"
                          r"assembly|service area|forum)\b", re.IGNORECASE)
ATTENDEE_LABEL = re.compile(r"^(?:present|members present|commissioners present|councillors present|attendance|"
                            r"present in the chair)\s*[:\-–]?\s*(?P<rest>.*)$", re.IGNORECASE)
STOP_LABEL = re.compile(r"^(?:[A-Z][A-Za-z /&]{2,40}:|apologies|in attendance|also present|officers|absent|"
                        r"others present)", re.IGNORECASE)


def meeting_date(lines: list[Line], meta: dict[str, str], *, month_first: bool) -> date | None:
    if meta.get("meeting_date"):
        try:
            return date.fromisoformat(meta["meeting_date"][:10])
        except ValueError:
            pass
    best: tuple[int, int, date] | None = None
    for position, line in enumerate(lines[:HEAD_LINES]):
        found = find_dates(line.text, month_first=month_first)
        if not found:
            continue
        score = (2 if DATE_PLUS.search(line.text) else 0) - (3 if DATE_MINUS.search(line.text) else 0)
        candidate = (score, -position, found[0][0])
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else None


def body_name(lines: list[Line], meta: dict[str, str]) -> str | None:
    for key in ("body", "committee", "committee_title"):
        if meta.get(key):
            return meta[key]
    head = [line.text for line in lines[:HEAD_LINES] if line.kind in ("text", "heading", "table_row")]
    organisation = next((text for text in head[:4] if ORGANISATION.search(text) and len(text) < 80
                         and text.isupper()), None)
    for text in head:
        match = BODY_PHRASE.search(text)
        if match and ORGANISATION.search(match.group("body")) or (match and organisation):
            body = _tidy(match.group("body"))  # type: ignore[union-attr]
            if organisation and _tidy(organisation).lower() not in body.lower():
                return f"{_tidy(organisation)} – {body}"
            return body
    if organisation:
        return _tidy(organisation)
    return next((_tidy(text) for text in head[:6] if ORGANISATION.search(text) and len(text) < 100), None)


def attendees(lines: list[Line]) -> list[str]:
    names: list[str] = []
    collecting = False
    for line in lines[:HEAD_LINES * 2]:
        match = ATTENDEE_LABEL.match(line.text)
        if match:
            collecting = True
            names += _split_names(match.group("rest"))
            continue
        if collecting:
            if STOP_LABEL.match(line.text) or line.kind != "text" or line.strong:
                if names:
                    break
                collecting = False
                continue
            names += _split_names(line.text)
    return names[:200]


def _split_names(text: str) -> list[str]:
    parts = re.split(r",\s*(?![A-Z]{2,4}\b)|\s+and\s+|;", text)
    return [part.strip(" .") for part in parts if len(part.strip(" .")) > 2 and not part.strip().isdigit()]


def _tidy(text: str) -> str:
    text = " ".join(text.split()).strip(" ,.:")
    return text.title() if text.isupper() else text
