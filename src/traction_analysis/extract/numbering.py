"""How clerks print item numbers, and how to tell an item heading from a numbered paragraph.

Styles seen in UK, Irish, US and Canadian minutes:
``76. Apologies`` · ``Item 5: Title`` · ``Minute 45/23`` · ``Item 2025-26 (34)`` (NHS year-scoped
references) · ``1.`` alone on a line with the title on the next (HTML/Word lists) · ``a.`` sub-items
· ``*42 Accept a grant…`` run into one long line by a text dump · a title followed by ``(Item 4)``.
Numbered *paragraphs* inside an item use the same digits, so a bare number is only a candidate: it
must read like a title (see :func:`title_like`) and fit the running sequence (see segment.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# NHS and some councils scope item numbers by financial year: "2025-26 (34)", "2025/26 (54 a, b and c)".
YEAR_REF = r"\d{4}[-/]\d{2,4}\s*\(\s*\d{1,3}[a-z]?(?:\s*,?\s*(?:and\s+|&\s*)?[a-z](?![a-z]))*\s*\)"
PLAIN_NUMBER = r"\d{1,4}(?:/\d{2,4})?[a-z]?"

KEYWORD = re.compile(
    rf"^(?:agenda\s+)?(?:item|minute|min\.)\s*(?:no\.?\s*)?(?P<num>{YEAR_REF}|{PLAIN_NUMBER})"
    r"(?![\w/-])\s*[:.)\-–—]?\s*(?P<title>.*)$",
    re.IGNORECASE,
)
YEAR_REF_LINE = re.compile(rf"^(?P<num>{YEAR_REF})\s*[:.\-–—]?\s*(?P<title>.*)$")
YEAR_ONLY = re.compile(r"^\d{4}[-/]\d{2,4}$")
DOTTED = re.compile(r"^(?P<num>\*?(?:[A-Z]-)?\d{1,4})(?P<punct>[.)])\s+(?P<title>\S.*)$")
ALONE = re.compile(r"^(?P<num>\*?\d{1,4}[a-z]?)[.)]?$")
LETTER_ALONE = re.compile(r"^\(?(?P<letter>[a-z])[.)]$")
ITEM_REF = re.compile(r"^\(\s*(?:agenda\s+)?item\s+(?P<num>\d{1,3}[a-z]?)\s*\)\.?$", re.IGNORECASE)
RUN_IN = re.compile(r"(?:(?<=\s)|^)(?P<num>\*?(?:[A-Z]-)?(?P<value>\d{1,4}))\s+(?=[A-Z][a-z])")
LABEL = re.compile(r"^[A-Z][A-Za-z()’' /&-]{1,40}:\s*(?P<rest>.*)$")
GENERIC_LABEL = re.compile(r"^(?:discussion points?|discussion|subject|title|topic)\s*(?::\s*|$)", re.IGNORECASE)
TRAILING_ITEM_REF = re.compile(r"\s*\(\s*(?:agenda\s+)?item\s+\d{1,3}[a-z]?\s*\)\s*$", re.IGNORECASE)

# Finite verbs and modals that make a line a sentence, not a title. Lower case only: titles
# capitalise their words ("Items Referred from Cabinet"), narrative does not.
SENTENCE_VERB = re.compile(
    r"\b(?:announced|opened|closed|was|were|had|has|have|is|are|be|been|said|stated|explained|introduced|presented|reported|"
    r"asked|thanked|confirmed|advised|informed|agreed|resolved|welcomed|highlighted|queried|"
    r"commented|moved|seconded|proposed|suggested|requested|provided|outlined|noted|would|could|"
    r"should|will|shall|did|does|gave|made|led|discussed|received|questioned|added|expressed|"
    r"acknowledged|shared|mentioned|praised|emphasised|emphasized|clarified|replied|responded)\b"
)
SENTENCE_START = re.compile(r"^(?:RESOLVED|Resolved|It |There |This |That |These |Those |In response|"
                            r"Following|Further to|Members |A Member|The following)")
FUNCTION_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "per", "than", "that", "the", "to", "with"]
)
SHORT_TITLE_WORDS = 8
WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")


@dataclass(slots=True)
class Number:
    """A printed item number: the text to report and, where it has one, its integer for sequencing."""

    text: str
    value: int | None


def parse_number(text: str) -> Number:
    """'*42' -> 42, 'S-56' -> 56, '2025-26 (34)' -> 34, '45/23' -> 45, '2a' -> 2."""
    cleaned = text.strip().rstrip(".:")
    if cleaned.endswith(")") and cleaned.count("(") < cleaned.count(")"):
        cleaned = cleaned[:-1]
    cleaned = re.sub(r"\s+", " ", cleaned)
    cleaned = re.sub(r",?\s+and\s+", ", ", cleaned)  # "(54 a, b, and c)" reads as "(54 a, b, c)"
    year = re.match(r"^\d{4}[-/]\d{2,4}\s*\(\s*(\d+)", cleaned)
    digits = year.group(1) if year else (re.search(r"\d+", cleaned) or [None])[0]
    return Number(cleaned, int(digits) if digits else None)


def title_like(title: str) -> bool:
    """Whether ``title`` reads as an item heading rather than the first line of a paragraph."""
    title = title.strip()
    if not title or len(title) > 160 or title.endswith((",", ";")):
        return False
    if SENTENCE_START.match(title) or SENTENCE_VERB.search(title):
        return False
    words = WORD.findall(title)
    if not words or len(words) > 22:
        return False
    if title.split()[-1].lower() in FUNCTION_WORDS and len(words) > 3:
        return False  # a wrapped sentence ends mid-phrase; a title does not
    # Sentence-case titles are common ("Minutes of the previous meeting"); short lines pass on their
    # own, longer ones need the capitals of a headline.
    return capital_ratio(words) >= 0.5 or len(words) <= SHORT_TITLE_WORDS


def capital_ratio(words: list[str]) -> float:
    """Share of content words (4+ letters) that start with a capital."""
    content = [word for word in words if len(word) >= 4]
    if not content:
        return 1.0
    return sum(1 for word in content if word[0].isupper()) / len(content)


def is_label(text: str) -> bool:
    """'Discussion points:' or 'Present:' — a field label, not a title."""
    return bool(LABEL.match(text)) and not LABEL.match(text).group("rest")  # type: ignore[union-attr]


def strip_label(text: str) -> str:
    """'Discussion points: Annual report' -> 'Annual report' for the few labels that precede titles."""
    return GENERIC_LABEL.sub("", text).strip()


def all_caps(text: str) -> bool:
    return len(text) >= 4 and text.isupper()
