"""Cutting notes into fragments (sentences, with their spans) and fragments into comparable words."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# A fragment ends at a full stop, question or exclamation mark, or a line break.
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
MIN_WORDS = 2

STOPWORDS = frozenset(
    """
a about above after again against all almost also although always am among an and another any anyone anything
are aren around as at back be became because been before being below between both but by can cannot could
couldn did didn do does doesn doing don done down during each either else enough even ever every everyone
everything few for from further get gets getting got had hadn has hasn have haven having he her here hers
herself him himself his how however i if in into is isn it its itself just know least less let like lot lots
made make makes many may me might mine more most much must my myself need needs never no nor not nothing now
of off often on once one only onto or other others our ours ourselves out over own per perhaps quite rather
really said same say says see seem seemed seems shall she should shouldn since so some someone something
sometimes still such than that the their theirs them themselves then there these they thing things think this
those though through thus to too towards under until up upon us very was wasn way we well went were weren what
whatever when where whether which while who whom whose why will with within without won would wouldn yes yet
you your yours yourself yourselves org felt feel feels feeling told tell going goes go want wanted bit kind
actually maybe ve ll re isn’t don’t it’s i’m we’re they’re can’t won’t
""".split()
)


@dataclass(frozen=True)
class Fragment:
    """A piece of a note: ``source`` names the note and field (opaque to this package), ``participant`` who
    spoke (so that distinct participants can be counted), ``start``/``end`` the span in that field."""

    source: str
    participant: str
    start: int
    end: int
    text: str

    @property
    def ref(self) -> str:
        return f"{self.source}:{self.start}:{self.end}"


def split_fragments(text: str, *, source: str, participant: str) -> list[Fragment]:
    """The sentences of ``text`` with at least ``MIN_WORDS`` content words, spans trimmed of spaces."""
    fragments = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if len(content_words(text[start:end])) >= MIN_WORDS:
            fragments.append(Fragment(source, participant, start, end, text[start:end]))
    return fragments


def content_words(text: str) -> list[str]:
    words = (w.strip("'’-") for w in _WORD.findall(text.lower()))
    return [w for w in words if len(w) > 2 and w not in STOPWORDS]


def stem(word: str) -> str:
    """A light, predictable stemmer: plurals and the commonest endings, enough to join
    'meeting'/'meetings'."""
    for suffix, keep in (
        ("’s", ""),
        ("'s", ""),
        ("ies", "y"),
        ("sses", "ss"),
        ("ings", ""),
        ("ing", ""),
        ("edly", ""),
        ("ed", ""),
        ("ness", ""),
        ("ly", ""),
        ("s", ""),
    ):
        if (
            word.endswith(suffix)
            and len(word) - len(suffix) >= 4
            and not (suffix == "s" and word.endswith("ss"))
        ):
            return word[: len(word) - len(suffix)] + keep
    return word


def terms(text: str, surfaces: dict[str, Counter[str]]) -> Counter[str]:
    """Stemmed term counts of ``text``; records each stem's surface words in ``surfaces`` for labels."""
    counts: Counter[str] = Counter()
    for word in content_words(text):
        key = stem(word)
        counts[key] += 1
        surfaces.setdefault(key, Counter())[word] += 1
    return counts
