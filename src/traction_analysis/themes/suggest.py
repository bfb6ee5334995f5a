"""Suggested themes: similar fragments grouped, each group labelled with its own words.

Suggestions are prompts for the facilitator, never themes: nothing is stored here, and the web app turns a
suggestion into a theme only when the facilitator accepts it. The same fragments always give the same
suggestions, whatever order they come in.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from traction_analysis.themes.cluster import choose_k, kmeans, tfidf
from traction_analysis.themes.text import Fragment, terms

# Fewer distinct participants than this and the whole set of suggestions is flagged as thin evidence.
THIN_BELOW = 6
LABEL_WORDS = 3

NOTHING_TO_GROUP = (
    "Nothing to group yet: no sentence in the notes that may be counted towards a theme has "
    "two or more meaningful words."
)
THIN = (
    "The evidence is thin: {fragments} fragment{fs} from {participants} participant{ps}. Treat these "
    "groups as prompts to check, not as findings."
)
ENOUGH = "{groups} group{gs} from {fragments} fragments of {participants} participants."


@dataclass(frozen=True)
class Suggestion:
    key: str  # stable for the same fragments: accepting names the suggestion by it
    label: str
    words: tuple[str, ...]
    fragments: tuple[Fragment, ...]
    participants: int

    @property
    def thin(self) -> bool:
        """Heard from one participant only."""
        return self.participants < 2


@dataclass(frozen=True)
class Suggestions:
    items: tuple[Suggestion, ...]
    fragments: int
    participants: int
    message: str

    @property
    def thin(self) -> bool:
        return self.participants < THIN_BELOW


def suggest_themes(fragments: Sequence[Fragment], *, limit: int = 12) -> Suggestions:
    ordered = sorted(set(fragments), key=lambda f: (f.source, f.start, f.end, f.participant, f.text))
    surfaces: dict[str, Counter[str]] = {}
    counted = [(f, terms(f.text, surfaces)) for f in ordered]
    usable = [(f, c) for f, c in counted if c]
    participants = len({f.participant for f, _ in usable})
    if not usable:
        return Suggestions((), 0, 0, NOTHING_TO_GROUP)
    vectors = tfidf([c for _, c in usable])
    groups = kmeans(vectors, choose_k(len(usable)))
    items = [
        _suggestion([usable[i][0] for i in members], [vectors[i] for i in members], surfaces)
        for members in groups
    ]
    items.sort(key=lambda s: (-s.participants, -len(s.fragments), s.label, s.key))
    return Suggestions(
        tuple(items[:limit]),
        len(usable),
        participants,
        _message(len(items[:limit]), len(usable), participants),
    )


def _suggestion(
    fragments: list[Fragment], vectors: list[dict[str, float]], surfaces: dict[str, Counter[str]]
) -> Suggestion:
    weight: dict[str, float] = {}
    for vector in vectors:
        for term, w in vector.items():
            weight[term] = weight.get(term, 0.0) + w
    top = sorted(weight, key=lambda t: (-round(weight[t], 9), t))[:LABEL_WORDS]
    words = tuple(_surface(surfaces[t]) for t in top)
    label = ", ".join(words).capitalize()
    key = hashlib.sha256("|".join(sorted(f.ref for f in fragments)).encode()).hexdigest()[:16]
    return Suggestion(key, label, words, tuple(fragments), len({f.participant for f in fragments}))


def _surface(forms: Counter[str]) -> str:
    return min(forms, key=lambda w: (-forms[w], len(w), w))


def _message(groups: int, fragments: int, participants: int) -> str:
    if participants < THIN_BELOW:
        return THIN.format(
            fragments=fragments,
            fs="" if fragments == 1 else "s",
            participants=participants,
            ps="" if participants == 1 else "s",
        )
    return ENOUGH.format(
        groups=groups, gs="" if groups == 1 else "s", fragments=fragments, participants=participants
    )
