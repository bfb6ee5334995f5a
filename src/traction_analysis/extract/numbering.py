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
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress

# NHS and some councils scope item numbers by financial year: "2025-26 (34)", "2025/26 (54 a, b and c)".
YEAR_REF = r"\d{4}[-/]\d{2,4}\s*\(\s*\d{1,3}[a-z]?(?:\s*(?:,\s*)?(?:and\s+|&\s*)?[a-z](?![a-z]))*\s*\)"
PLAIN_NUMBER = r"\d{1,4}(?:/\d{2,4})?[a-z]?"
# "Item No. R002": a report's code (Corporate Reports R001, R002 … in Canadian councils)
CODED_NUMBER = r"[A-Z]{1,2}\d{2,4}(?=\s|$)"

KEYWORD = re.compile(
    rf"^(?:agenda\s+)?(?:item|minute|min\.)\s*(?:no\.?\s*)?(?P<num>{YEAR_REF}|{CODED_NUMBER}|{PLAIN_NUMBER})"
    r"(?![\w/-])\s*[:.)\-–—]?\s*(?P<title>.*)$",
    re.IGNORECASE,
)
YEAR_REF_LINE = re.compile(rf"^(?P<num>{YEAR_REF})\s*[:.\-–—]?\s*(?P<title>.*)$")
YEAR_ONLY = re.compile(r"^\d{4}[-/]\d{2,4}$")
# "2.Declarations of Interest" (no space) is a typing slip clerks make; "2.5 million" is not a heading.
DOTTED = re.compile(r"^(?P<num>\*?(?:[A-Z]-)?\d{1,4})(?P<punct>[.)])(?:\s+|(?=[A-Z][a-z]))(?P<title>\S.*)$")
# English parish and town councils number minutes by year: "135/19 Apologies for Absence. …".
# School governors and some committees put the body's initials first: "FGB 99/2122", "BM 41/2122".
MINUTE_REF = re.compile(
    r"^(?:[A-Z]{2,5}\s?)?(?P<num>\d{1,3}/(?P<year>\d{2,4})[a-z]?)(?![\w/])\s*[.:\-–—]?\s*(?P<title>.*)$"
)
ALONE = re.compile(r"^(?P<num>\*?\d{1,4}[a-z]?)[.)]?$")
LETTER_ALONE = re.compile(r"^\(?(?P<letter>[a-z])[.)]$")
ITEM_REF = re.compile(r"^\(\s*(?:agenda\s+)?item\s+(?P<num>\d{1,3}[a-z]?)\s*\)\.?$", re.IGNORECASE)
RUN_IN = re.compile(r"(?:(?<=\s)|^)(?P<num>\*?(?:[A-Z]-)?(?P<value>\d{1,4}))\s+(?=[A-Z][a-z])")
LABEL = re.compile(r"^[A-Z][A-Za-z()’' /&-]{1,40}:\s*(?P<rest>.*)$")
GENERIC_LABEL = re.compile(
    r"^(?:discussion points?|discussion|subject|title|topic)\s*(?::\s*|$)", re.IGNORECASE
)
TRAILING_ITEM_REF = re.compile(r"\s*\(\s*(?:agenda\s+)?item\s+\d{1,3}[a-z]?\s*\)\s*$", re.IGNORECASE)

# Finite verbs and modals that make a line a sentence, not a title. Lower case only: titles
# capitalise their words ("Items Referred from Cabinet"), narrative does not. A participle after an
# article is an adjective, not a verb: "Hearing for a proposed ordinance", "the closed session". The word
# boundary comes before the look-behinds (all hold at one place), so they are tried only where a word starts.
SENTENCE_VERB = re.compile(
    r"\b(?<!to )(?<!to be )(?<!\b[Aa] )(?<!\b[Aa]n )(?<!\b[Tt]he )"
    r"(?:announced|opened|closed|was|were|had|has|have|is|are|be|been|said|stated|"
    r"explained|introduced|presented|reported|"
    r"asked|thanked|confirmed|advised|informed|agreed|resolved|welcomed|highlighted|queried|"
    r"commented|moved|seconded|proposed|suggested|requested|provided|outlined|noted|would|could|"
    r"should|will|shall|did|does|gave|made|led|discussed|received|questioned|added|expressed|"
    r"acknowledged|shared|mentioned|praised|emphasised|emphasized|clarified|replied|responded)\b"
)


def _alternation(words: Iterable[str]) -> str:
    """The words as one regex alternation factored by their common beginnings ("ha(?:d|s|ve)"): the regex
    engine then tries one branch per letter instead of every word at every position."""
    branches: dict[str, list[str]] = {}
    ends_here = False
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
        else:
            ends_here = True
    parts = [re.escape(first) + _alternation(rests) for first, rests in sorted(branches.items())]
    if not parts:
        return ""
    if len(parts) == 1 and not ends_here:
        return parts[0]
    return "(?:" + "|".join(parts) + ")" + ("?" if ends_here else "")


def _factored(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` (lookbehinds, then ``(?:word|word|…)\\b``) with its words factored and a look-ahead for
    their first letters: it finds a match in exactly the texts ``pattern`` does, about three times
    faster. ``pattern`` itself where it is not of that shape."""
    source = pattern.pattern
    start = source.find("(?:")
    words = source[start + 3 : -len(")\\b")].split("|")
    if start < 0 or not source.endswith(")\\b") or not all(w.isalpha() and w.islower() for w in words):
        return pattern
    initials = "".join(sorted({word[0] for word in words}))
    return re.compile(f"(?=[{initials}])" + source[:start] + _alternation(words) + "\\b", pattern.flags)


# SENTENCE_VERB, rewritten for speed: where only whether a text has a verb matters (every line the rules and
# the line model read is searched for one).
FINITE_VERB = _factored(SENTENCE_VERB)


SENTENCE_START = re.compile(
    r"^(?:RESOLVED|Resolved|It |There |This |That |These |Those |In response|"
    r"Following|Further to|Members |A Member|The following)"
)
# Words that open a clause glued to a run-in title: "Election of Chairman It was proposed …".
OPENERS = frozenset(
    [
        "The",
        "It",
        "There",
        "This",
        "That",
        "These",
        "Those",
        "A",
        "An",
        "No",
        "All",
        "He",
        "She",
        "They",
        "We",
        "Cllr",
        "Cllrs",
        "Councillor",
        "Councillors",
        "Members",
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Apologies",
        "Following",
        "None",
    ]
)
# Where a run-in title visibly stops (only where a break starts is read): a space before a bullet, a spaced
# dash or a sub-number ("10.1", " 1. "), or a sentence end. Every break opens with one of ``[\s.;]``, which
# leads the pattern so that the regex engine skips to those characters instead of trying each branch at
# every position; the look-behinds then tell which it opened with.
TITLE_BREAK = re.compile(
    r"[\s.;](?:(?<=\s)(?:\s*[•●▪]|[-–—]\s|(?=\d{1,3}(?:\.\d{1,2})+[a-z]?\s|\d{1,2}\.\s+[A-Z]))"
    r"|(?<=[a-z0-9)’'][.;])\s+(?=[A-Z“\"']))"
)
RUN_IN_VERB_WINDOW = 14
MAX_TRUSTED_TITLE = 200
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "per",
        "than",
        "that",
        "the",
        "to",
        "with",
    ]
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


def title_like(title: str, *, words: list[str] | None = None, verb: bool | None = None) -> bool:
    """Whether ``title`` reads as an item heading rather than the first line of a paragraph.

    A caller that has them already passes the stripped title's ``WORD`` matches and whether
    ``SENTENCE_VERB`` finds a verb in it.
    """
    title = title.strip()
    if not title or len(title) > 160 or title.endswith((",", ";")):
        return False
    if SENTENCE_START.match(title):
        return False
    if verb if verb is not None else FINITE_VERB.search(title):
        return False
    if words is None:
        words = WORD.findall(title)
    if not words or len(words) > 22:
        return False
    if len(words) > 3 and title.rsplit(None, 1)[-1].lower() in FUNCTION_WORDS:
        return False  # a wrapped sentence ends mid-phrase; a title does not
    # Sentence-case titles are common ("Minutes of the previous meeting"); short lines pass on their
    # own, longer ones need the capitals of a headline.
    return len(words) <= SHORT_TITLE_WORDS or capital_ratio(words) >= 0.5


def capital_ratio(words: list[str]) -> float:
    """Share of content words (4+ letters) that start with a capital."""
    content = [word for word in words if len(word) >= 4]
    if not content:
        return 1.0
    return len([word for word in content if word[0].isupper()]) / len(content)


def is_label(text: str) -> bool:
    """'Discussion points:' or 'Present:' — a field label, not a title."""
    match = LABEL.match(text)
    return match is not None and not match.group("rest")


def strip_label(text: str) -> str:
    """'Discussion points: Annual report' -> 'Annual report' for the few labels that precede titles."""
    return GENERIC_LABEL.sub("", text).strip()


def all_caps(text: str) -> bool:
    return len(text) >= 4 and text.isupper()


def run_in_title(text: str, *, trusted: bool = False) -> str | None:
    """The title at the start of ``text`` when the clerk ran the first sentence into it.

    "Election of Chairman It was proposed …" -> "Election of Chairman"; "Apologies for Absence.
    Apologies were …" -> "Apologies for Absence"; "Accounts were presented …" -> "Accounts". The
    earliest visible break (bullet, sentence end, dash, sub-number) or clause opener followed by a
    finite verb ends the title; failing those, the first finite verb, then a colon. ``trusted``
    (the number itself is already believed) also lets the title start with an opener word ("The
    Minutes of the meeting held on 2 March were agreed" -> "The Minutes of the meeting held on 2 March").
    """
    words = text.split()
    if not words or not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return None
    cuts: list[int] = []
    visible = TITLE_BREAK.search(text)
    if visible is not None:
        cuts.append(visible.start())
    verbs = _finite_verbs(words)
    if verbs:  # an opener counts only before a verb; without one, neither cut below is made
        offsets = _word_offsets(text, words[: verbs[-1] + 1])  # no cut lies beyond the last verb
        for i in range(1, verbs[-1]):
            if (
                words[i] in OPENERS
                and words[i - 1].lower() not in FUNCTION_WORDS
                and any(i < v <= i + RUN_IN_VERB_WINDOW for v in verbs)
            ):
                cuts.append(offsets[i])
                break
        if trusted or words[0] not in OPENERS:
            cuts.append(offsets[verbs[0]])
    for cut in sorted(set(cuts)):
        title = text[:cut].strip(" .:;–—-")
        if title and (title_like(title) or trusted and _plain_heading(title)):
            return title
    if trusted and cuts and min(cuts) <= MAX_TRUSTED_TITLE:
        return text[: min(cuts)].strip(" .:;–—-") or None  # a long heading (an address), but a heading
    # Lowest in trust: "Apologies for absence received from: Mr A Smith" (a title may end in "from").
    colon = text.find(": ")
    if colon > 0:
        title = text[:colon].strip()
        bare = title.split()
        while bare and bare[-1].lower() in FUNCTION_WORDS:
            bare.pop()
        if bare and title_like(" ".join(bare)):
            return title
    return None


def _plain_heading(title: str) -> bool:
    """A sentence-case heading of any length: no finite verb, not stopping mid-phrase."""
    words = title.split()
    return len(words) <= 40 and not FINITE_VERB.search(title) and words[-1].lower() not in FUNCTION_WORDS


class _VerbWords(dict[str, bool]):
    """SENTENCE_VERB.search of one word, by word: the same words recur on many lines (at most
    ``_VERB_WORDS_MAX`` kept)."""

    def __missing__(self, word: str) -> bool:
        if len(self) >= _VERB_WORDS_MAX:
            self.clear()
        verb = self[word] = FINITE_VERB.search(word) is not None
        return verb


_VERB_WORDS = _VerbWords()
_VERB_WORDS_MAX = 20000
ARTICLES = frozenset({"a", "an", "the"})


def _finite_verbs(words: list[str]) -> list[int]:
    """The indexes (from 1) of the finite verbs among ``words``: the verb words (picked out by ``compress``,
    in C: most words are none), less infinitives ("to be discussed", "to receive")."""
    return [
        i
        for i in compress(range(1, len(words)), map(_VERB_WORDS.__getitem__, words[1:]))
        if _finite_verb(words, i)
    ]


def _finite_verb(words: list[str], i: int) -> bool:
    """Whether the verb word at ``words[i]`` is finite: no infinitive, no participle used as an adjective."""
    before = words[i - 1].lower()
    if before in ARTICLES:
        return False  # "a proposed ordinance": a participle used as an adjective
    return before != "to" and not (before == "be" and i >= 2 and words[i - 2].lower() == "to")


def _word_offsets(text: str, words: list[str]) -> list[int]:
    offsets, position = [], 0
    for word in words:
        position = text.index(word, position)
        offsets.append(position)
        position += len(word)
    return offsets
