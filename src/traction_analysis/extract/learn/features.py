"""Features the learned models weigh: the rules' own verdicts plus what a reader sees of each line.

Three views, one module: a *line* (is an item starting here?), an *item* (what was its outcome?) and a
*sentence* (does it assign a follow-up?). Each returns a sparse dict of name → value; the names are the
model's vocabulary, so renaming one is a change of model (``ENGINE`` in ``learn/__init__`` moves on).
Everything here is cheap per line: a few precompiled patterns and look-ups, because it runs on every
candidate line of every document read.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from traction_analysis.document import Style
from traction_analysis.extract.lines import Line
from traction_analysis.extract.numbering import FINITE_VERB, SENTENCE_VERB, parse_number, title_like
from traction_analysis.extract.segment import Head, HeadFinding

# --- lines ------------------------------------------------------------------------------------------

NUMBER_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "FGB 99/2122", "BM 41/2122 a": a body's initials before its year-scoped minute number
    ("prefixed_ref", re.compile(r"^[A-Z]{2,5}\s?\d{1,4}/\d{2,4}\b")),
    # "16-391", "(*16-395)", "99-464", "R2025-034", "22-0075": a clerk's file or resolution number
    ("file_ref", re.compile(r"^\(?\*?[A-Z]{0,3}\d{2,4}-\d{2,4}[A-Z]?\)?(?:\s|$)")),
    # "6-A", "7-B": a lettered entry under a numbered heading
    ("num_dash_letter", re.compile(r"^\d{1,3}-[A-Z]\b")),
    ("minute_ref", re.compile(r"^\d{1,4}/\d{2,4}[a-z]?\b")),
    ("dotted_sub", re.compile(r"^\d{1,3}\.\d{1,2}(?:\.\d{1,2})?\.?\s")),
    ("num_dot", re.compile(r"^\*?\d{1,3}\.\s*\S")),
    ("num_paren", re.compile(r"^\d{1,3}\)\s")),
    ("paren_num", re.compile(r"^\(\d{1,3}\)\s")),
    ("num_letter", re.compile(r"^\d{1,3}\s?\(?[a-z]\)[.:]?\s")),
    ("num_space", re.compile(r"^\d{1,3}[a-z]?\s+[A-Z]")),
    ("num_alone", re.compile(r"^\*?\d{1,4}[a-z]?[.)]?$")),
    ("letter", re.compile(r"^\(?[a-z][.)]\s")),
    ("upper_letter", re.compile(r"^\(?[A-H][.)]\s")),
    ("roman", re.compile(r"^\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)[.)]\s", re.IGNORECASE)),
    ("code", re.compile(r"^[A-Z]{1,2}-?\d{1,3}[.:)]?\s")),
    ("keyword", re.compile(r"^(?:agenda\s+)?(?:item|minute|min\.)\s*(?:no\.?\s*)?\d", re.IGNORECASE)),
    ("year_ref", re.compile(r"^\d{4}[-/]\d{2,4}\s*\(")),
)
# The first of NUMBER_SHAPES a line matches, in one pass: an alternation tries its branches in order.
NUMBER_SHAPE = re.compile(
    "|".join(
        f"(?P<{name}>{'(?i:' if pattern.flags & re.IGNORECASE else '(?:'}{pattern.pattern}))"
        for name, pattern in NUMBER_SHAPES
    )
)
TRAILING_CODE = re.compile(r"\((?:[A-Z]{1,2}(?:-\d{1,2})?|\d{1,2}[a-z]?|[Ii]tem\s+\d{1,3}[a-z]?)\)\.?$")
LEADING_NUMBER = re.compile(
    r"^[\s*(]*(?:(?:[Aa]genda\s+|AGENDA\s+)?(?:[Ii]tem|ITEM|[Mm]inute|MINUTE)(?![A-Za-z])\s*"
    r"(?:[Nn]o\.?\s*)?)?"
    r"(?P<num>[A-Z]{2,5}\s?\d{1,4}/\d{2,4}(?:\s[a-z]\b)?|[A-Z]{0,3}\d{2,4}-\d{2,4}[A-Z]?|"
    r"\d{1,3}-[A-Z]|"
    r"\d{1,4}(?:/\d{2,4})?(?:\.\d{1,2})*[a-z]?|[a-z]|[A-H]|[ivx]{1,4}|[A-Z]{1,2}-?\d{1,3})"
    r"[.):\s]\)?\s*(?P<rest>.*)$"
)
# "2024", "2023/24", "2023-2024": a year or a financial year opening a line is its subject, not its number
# ("2024 Annual Comprehensive Financial Report").
YEAR_NUMBER = re.compile(r"(?:19|20)\d\d(?:[/-](?:\d\d|(?:19|20)\d\d))?$")
WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
# "Youth – Trustee Albrecht stated …", "Assessor: See attached report": a short heading run into its text.
RUN_IN_PREFIX = re.compile(
    r"^(?P<title>[A-Z0-9(][^.:;–—]{1,70}?)(?:\s+[-–—]\s+|:\s+|\s*[–—]\s*)(?P<rest>\S.*)$"
)
MAX_PREFIX_WORDS = 9
MAX_CANDIDATE_CHARS = 220
MAX_CANDIDATE_WORDS = 24
LETTERED = re.compile(r"^\(?(?:[a-z]|i{1,3}|iv|vi{0,3}|ix|x)[.)]\s+\S")
PREFIXED_NUMBER = re.compile(r"^[A-Z]{1,5}\s?\d{1,4}(?:/\d{2,4}|-\d{2,4})\b")
MAX_NUMBERED_CHARS = 110
SHORT_PREVIOUS = 50
PRINTED_OFTEN = 3
SIGNATURE_BLANK = re.compile(r"_{4}|…{3}|\.{6}")  # "CHAIR ______", "Date……………": a space to sign in


# The words SENTENCE_VERB looks for, between ``\b``s: it matches only a whole word spelt as one of them.
_VERB_SOURCE = SENTENCE_VERB.pattern
_SENTENCE_VERBS = frozenset(_VERB_SOURCE[_VERB_SOURCE.rindex("(?:") + 3 : -len(")\\b")].split("|"))
assert _VERB_SOURCE.endswith(")\\b") and all(verb.isalpha() and verb.islower() for verb in _SENTENCE_VERBS)


def _may_have_verb(text: str, words: list[str]) -> bool:
    """False only where FINITE_VERB cannot match ``text`` (``words`` its WORD matches): none of them is a
    verb and no "-", "'" or "’" joins pieces that could be ("didn't", "re-elected"). A set test, far
    cheaper than the search it spares."""
    return not _SENTENCE_VERBS.isdisjoint(words) or "-" in text or "'" in text or "’" in text


def _signature_blank(text: str) -> bool:
    """``SIGNATURE_BLANK.search(text)``, as three substring tests (this runs on every line)."""
    return "____" in text or "………" in text or "......" in text


@dataclass(frozen=True, slots=True)
class DocumentLayout:
    """The document's ordinary line: font size, left edge and line spacing (PDF), for relative features."""

    size: float | None
    indent: float | None
    gap: float | None
    numbered: float  # share of the rules' heads that carry a number
    sequence: str = "none"  # how the rules' numbered heads run: "clean" (each one more), "gappy", "none"
    accepted: int = 0  # how many heads the rules accepted

    @classmethod
    def of(cls, found: HeadFinding) -> DocumentLayout:
        sizes, indents, gaps = [], [], []
        for line in found.lines:
            style = line.style
            if style is None or len(line.text) < 40:
                continue
            if style.size:
                sizes.append(style.size)
            if style.indent is not None and style.size:
                indents.append(style.indent)
            if style.gap is not None and 0 < style.gap < 60:
                gaps.append(style.gap)
        heads = found.heads
        numbered = sum(1 for head in heads if head.number is not None) / len(heads) if heads else 0.0
        values = [
            head.number.value for head in heads if head.number is not None and head.number.value is not None
        ]
        # A step is clean when the number goes up by one, repeats (sub-items) or restarts at 1 (a new
        # section).
        steps = [b - a in (0, 1) or b == 1 for a, b in itertools.pairwise(values)]
        sequence = "none"
        if steps:
            sequence = "clean" if sum(steps) >= 0.8 * len(steps) else "gappy"
        return cls(
            size=statistics.median(sizes) if sizes else None,
            indent=statistics.mode(indents) if indents else None,
            gap=statistics.median(gaps) if gaps else None,
            numbered=numbered,
            sequence=sequence,
            accepted=len(heads),
        )


def is_candidate(line: Line, index: int, found: HeadFinding) -> bool:
    """Lines worth asking the model about: anything a rule proposes, and short lines that look like
    headings."""
    if index in found.candidates:
        return True
    if line.kind not in ("text", "heading", "table_row") or index in found.grouping:
        return False
    text = line.text
    if not text or len(text) > MAX_CANDIDATE_CHARS:
        return False
    first = text[0]
    if first.islower():  # a lettered heading, or (mostly) a wrapped paragraph's line: no other test passes
        return (
            LETTERED.match(text) is not None
            and len(text) <= MAX_NUMBERED_CHARS
            and not _signature_blank(text)
        )
    if _signature_blank(text):
        return False
    if first == "(" and LETTERED.match(text):  # "a) Ethics Board", "ii) Motion to …"
        return len(text) <= MAX_NUMBERED_CHARS
    if not (first.isupper() or first.isdigit() or first in "(*"):
        return False
    if first.isupper() and PREFIXED_NUMBER.match(text):  # "FGB 102/2122 To discuss …", "R2025-034 …"
        return len(text) <= MAX_NUMBERED_CHARS
    style = line.style
    if line.kind == "heading" or line.strong or line.bullet == 1:
        return True
    if style is not None and (style.bold or style.level or style.marker):
        return True
    if run_in_prefix(text) is not None:
        return True
    words = text.count(" ") + 1
    if words > MAX_CANDIDATE_WORDS:
        return False
    if first.isdigit() or first == "(":
        return len(text) <= MAX_NUMBERED_CHARS  # a numbered paragraph runs on; a numbered heading is short
    if text.endswith((".", ",", ";")) or words > 12:
        return False
    # A short line that carries on the previous line's sentence (a PDF's wrapped paragraph) is no heading.
    previous = found.lines[index - 1] if index else None
    return (
        previous is None
        or previous.kind != "text"
        or not previous.text
        or previous.text.endswith((".", ":", "?", "!", ")"))
        or len(previous.text) < SHORT_PREVIOUS
        or (
            style is not None
            and style.gap is not None
            and previous.style is not None
            and previous.style.size is not None
            and style.gap > 1.6 * previous.style.size
        )
    )


class LineFeatures:
    """The line features of one document, each line's own cues worked out once (they also serve as its
    neighbours' context)."""

    def __init__(self, found: HeadFinding) -> None:
        self.found = found
        self.lines = found.lines
        self.layout = DocumentLayout.of(found)
        self.accepted = {head.index: head for head in found.heads}
        # The lines the model is asked about, decided once (the look counts and the caller both need them).
        self.candidates = [
            index for index, line in enumerate(found.lines) if is_candidate(line, index, found)
        ]
        self._own: dict[int, dict[str, float]] = {}
        self._context: dict[tuple[int, str], dict[str, float]] = {}
        self._neighbour: dict[int, dict[str, float]] = {}
        # A PDF's lines that look alike share one Style: its features are worked out once per view.
        self._looks: dict[tuple[int, bool], dict[str, float]] = {}
        layout = self.layout
        many = _bucket(layout.accepted, (1, 4, 10))
        self._document = {f"doc_seq={layout.sequence}": 1.0, "bias_line": 1.0}
        if layout.numbered >= 0.5:
            self._document["doc_numbered"] = 1.0
        self._accepted = f"acc&heads={many}"
        self._not_accepted = (f"not_acc&seq={layout.sequence}", f"not_acc&heads={many}")
        self._styles: tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], int]] | None = None
        self._signatures: dict[int, tuple[str, ...]] = {}
        # By view (see _line_terms), then line: a dict per view spares a key tuple per look-up.
        self._terms: tuple[dict[int, list[float]], ...] = ({}, {}, {})
        self._rest_cache: dict[tuple[str | None, bool, int, int, bool], list[float]] = {}
        self._neighbour_weights: tuple[_SeenWeights, _SeenWeights] | None = None
        self._terms_of: Mapping[str, float] | None = None
        # A form's field or a section's sub-heading is printed again and again ("(c) Declarations of
        # interest:" on every decision notice, "Matters Arising" under each committee); an item's title once,
        # or twice where an agenda is printed before the minutes.
        self._printed: dict[str, int] = {}
        self._printed_as = {index: printed_as(found.lines[index].text) for index in self.candidates}
        for key in self._printed_as.values():
            self._printed[key] = self._printed.get(key, 0) + 1

    def printed_often(self, index: int) -> bool:
        key = self._printed_as.get(index)
        if key is None:
            key = printed_as(self.lines[index].text)
        return self._printed.get(key, 0) >= PRINTED_OFTEN

    def signature(self, index: int) -> tuple[str, ...]:
        """How a line looks (kind, weight, size, indent, number shape, case): headings of one document share
        it."""
        cached = self._signatures.get(index)
        if cached is None:
            cached = self._signatures[index] = tuple(
                sorted(filter(_IN_SIGNATURE.__getitem__, self.own(index)))
            )
        return cached

    def styles(self) -> tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], int]]:
        """How often each look occurs among the rules' heads, and among all candidate lines."""
        if self._styles is None:
            heads: dict[tuple[str, ...], int] = {}
            for index in self.accepted:
                key = self.signature(index)
                heads[key] = heads.get(key, 0) + 1
            lines: dict[tuple[str, ...], int] = {}
            for index in self.candidates:
                key = self.signature(index)
                lines[key] = lines.get(key, 0) + 1
            self._styles = (heads, lines)
        return self._styles

    def own(self, index: int) -> dict[str, float]:
        cached = self._own.get(index)
        if cached is None:
            line = self.lines[index]
            cached = self._own[index] = _own(line, index, self.found, self.layout, looks=self._looks)
        return cached

    def _seen(self, index: int) -> dict[str, float]:
        """What a neighbour sees of a line: its whole features where they are worked out already, else the
        part NEIGHBOUR_KEEP takes (the same names, in the same order, once filtered)."""
        cached = self._own.get(index)
        if cached is None:
            cached = self._neighbour.get(index)
            if cached is None:
                line = self.lines[index]
                cached = self._neighbour[index] = _own(
                    line, index, self.found, self.layout, whole=False, looks=self._looks
                )
        return cached

    def context(self, index: int, prefix: str) -> dict[str, float]:
        """A line's cues as its neighbour sees them (``p:`` before it, ``n:`` after it)."""
        key = (index, prefix)
        cached = self._context.get(key)
        if cached is None:
            if 0 <= index < len(self.lines):
                seen = self._seen(index)
                cached = {prefix + k: v for k, v in seen.items() if k.startswith(NEIGHBOUR_KEEP)}
            else:
                cached = {prefix + "none": 1.0}
            self._context[key] = cached
        return cached

    def of(self, index: int) -> dict[str, float]:
        features = dict(self.own(index))
        features.update(self.context(index - 1, "p:"))
        features.update(self.context(index + 1, "n:"))
        features.update(dict.fromkeys(self._rest(index), 1.0))
        return features

    def terms(self, index: int, weights: Mapping[str, float]) -> list[float]:
        """The weights of the features ``of(index)`` names that ``weights`` holds, in the same order.

        Every feature is an indicator, so their sum in this order is exactly the sum a linear model takes
        over ``of(index)``; each line's part is looked up once, where ``of`` builds a dict per candidate.
        One LineFeatures serves one model: ``weights`` must be the same mapping on every call.
        """
        if self._terms_of is None:
            self._terms_of = weights
            self._neighbour_weights = (_SeenWeights(weights, "p:"), _SeenWeights(weights, "n:"))
        assert weights is self._terms_of, "one LineFeatures scores for one model"
        return (
            self._line_terms(index, 0)
            + self._line_terms(index - 1, 1)
            + self._line_terms(index + 1, 2)
            + self._rest_terms(index)
        )

    def _line_terms(self, index: int, view: int) -> list[float]:
        """The weights of a line's own features (``view`` 0), or of those its next line sees (1, ``p:``)
        or its previous line sees (2, ``n:``)."""
        known = self._terms[view]
        cached = known.get(index)
        if cached is not None:
            return cached
        weights = self._terms_of
        assert weights is not None
        if not 0 <= index < len(self.lines):
            cached = _present(weights, ("", "p:none", "n:none")[view])
        elif view == 0:
            cached = list(filter(None, map(weights.get, self.own(index))))  # the non-zero weights, in order
        else:
            assert self._neighbour_weights is not None
            seen_as = self._neighbour_weights[view - 1]
            cached = list(filter(None, map(seen_as.__getitem__, self._seen(index))))
        known[index] = cached
        return cached

    def _rest_terms(self, index: int) -> list[float]:
        """The weights of ``_rest(index)``, which depends only on the line's rule head kind, whether it has
        a number shape and how common its look is: worked out once per such combination."""
        head = self.accepted.get(index)
        heads, lines = self._styles or self.styles()
        signature = self._signatures.get(index)
        if signature is None:
            signature = self.signature(index)
        own = self._own.get(index)
        key = (
            head.kind if head is not None else None,
            "shape" in (own if own is not None else self.own(index)),
            heads.get(signature, 0),
            lines.get(signature, 0),
            self.printed_often(index),
        )
        cached = self._rest_cache.get(key)
        if cached is None:
            weights = self._terms_of
            assert weights is not None
            cached = self._rest_cache[key] = [w for name in self._rest(index) if (w := weights.get(name))]
        return cached

    def _rest(self, index: int) -> list[str]:
        """The names ``of(index)`` adds after the line's and its neighbours' own: the document's, whether a
        rule accepted the line, and how its look compares with the heads'."""
        names = list(self._document)
        layout = self.layout
        head = self.accepted.get(index)
        if head is not None:
            names += ("rule_accepted", f"acc={head.kind}", f"acc={head.kind}&seq={layout.sequence}")
            names.append(self._accepted)
            if layout.numbered >= 0.5:
                names.append("accepted&numbered_doc")
        else:
            names += self._not_accepted
        if layout.numbered >= 0.5 and "shape" not in self.own(index):
            names.append("unnumbered_in_numbered_doc")
        if self.printed_often(index):
            names.append("printed_often")
        # Headings of one document look alike: does this line look like the heads the rules found, and is
        # its look rare in the document (a heading style) or common (body text)?
        heads, lines = self.styles()
        signature = self.signature(index)
        if self.accepted:
            share = heads.get(signature, 0) / len(self.accepted)
            names.append(f"looks_like_heads={_bucket(share, (0.0, 0.2, 0.5))}")
        names.append(_LOOK_COUNT(lines.get(signature, 0)))
        return names


class _SeenWeights(dict[str, float]):
    """The weight of each of a line's own feature names as this side's neighbour sees it (``p:`` or ``n:``
    before it; 0.0 where NEIGHBOUR_KEEP leaves it out), looked up once per document rather than per line."""

    def __init__(self, weights: Mapping[str, float], prefix: str) -> None:
        super().__init__()
        self.weights, self.prefix = weights, prefix

    def __missing__(self, name: str) -> float:
        kept = name.startswith(NEIGHBOUR_KEEP)
        weight = self[name] = self.weights.get(self.prefix + name, 0.0) if kept else 0.0
        return weight


ENUMERATOR = re.compile(r"^[\s*(]*(?:\d{1,3}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})[.):]?\)?\s+")


def printed_as(text: str) -> str:
    """A line's words without its enumerator, case or closing colon: how a repeated heading is recognised."""
    return ENUMERATOR.sub("", text).rstrip(" :.").lower()


def _own(
    line: Line,
    index: int,
    found: HeadFinding,
    layout: DocumentLayout,
    *,
    whole: bool = True,
    looks: dict[tuple[int, bool], dict[str, float]] | None = None,
) -> dict[str, float]:
    """A line's own features; with ``whole`` false, only those a neighbour sees (NEIGHBOUR_KEEP), in the same
    order, leaving out the costlier title readings. ``looks`` keeps the features of each style (by identity)
    for the caller's next lines of the same document."""
    text = line.text
    f: dict[str, float] = {_KIND_NAMES[line.kind]: 1.0}
    head = found.candidates.get(index)
    if head is not None:
        f[_CANDIDATE_NAMES[head.kind]] = 1.0
    first = text[:1]
    if first and (
        first.isdigit()
        or first in "(*"
        or (len(text) > 1 and text[1] in ".) -")
        or first in "IiMmAaSs"
        or (first.isupper() and any(map(str.isdigit, text[:8])))
    ):
        shape = NUMBER_SHAPE.match(text)
        if shape is not None:
            f[_SHAPE_NAMES[shape.lastgroup]] = 1.0  # type: ignore[index]
            if whole:
                f["shape"] = 1.0
    if text.endswith(")") and TRAILING_CODE.search(text):
        f["trailing_code"] = 1.0
    run_in = run_in_prefix(text) if whole else None
    if run_in is not None:
        f["run_in"] = 1.0
        if title_like(run_in):
            f["run_in_title_like"] = 1.0
    words = WORD.findall(text)
    count = len(words)
    f[_LINE_WORDS_BY_COUNT[count] if count < len(_LINE_WORDS_BY_COUNT) else _LINE_WORDS(count)] = 1.0
    if text.isupper() and len(text) >= 4:
        f["all_caps"] = 1.0
    elif whole and words and all(w[0].isupper() or len(w) <= 3 for w in words):
        f["headline"] = 1.0
    f[_END_NAMES.get(text[-1:], "end=other")] = 1.0
    verb = count > 1 and _may_have_verb(text, words) and FINITE_VERB.search(text) is not None
    if verb:
        f["verb"] = 1.0
    elif whole and count <= 22 and len(text) <= 160:
        # What title_like would work out again, where the line has no space to strip at either end.
        known = text[:1].isspace() is False and text[-1:].isspace() is False
        if title_like(text, words=words if known else None, verb=False if known and count > 1 else None):
            f["title_like"] = 1.0
    if words:
        f[_FIRST_WORD_NAMES[words[0]]] = 1.0
    if whole:
        if line.bullet:
            f[f"bullet={line.bullet}"] = 1.0
        if line.strong:
            f["strong"] = 1.0
        if line.kind == "table_row":
            f[f"cells={min(len(line.cells), 4)}"] = 1.0
    style = line.style
    if style is not None:
        if looks is None:
            f.update(_look(style, layout, whole))
        else:
            key = (id(style), whole)
            look = looks.get(key)
            if look is None:
                look = looks[key] = _look(style, layout, whole)
            f.update(look)  # names no feature above has, so each goes at the end, in this order
    return f


def _look(style: Style, layout: DocumentLayout, whole: bool) -> dict[str, float]:
    """The features a line's style gives it, relative to the document's ordinary line (``_own``'s last)."""
    f: dict[str, float] = {}
    if style.bold:
        f["bold"] = 1.0
    if whole and style.italic:
        f["italic"] = 1.0
    if style.level:
        f[f"level={min(style.level, 4)}"] = 1.0
    if whole and style.marker:
        f["marker"] = 1.0
    if style.size and layout.size:
        f[_SIZE(style.size / layout.size)] = 1.0
    if whole and style.indent is not None:
        if layout.indent is not None and style.size:
            f[_INDENT(style.indent - layout.indent)] = 1.0
        else:
            f[f"depth={min(int(style.indent), 3)}"] = 1.0
    if style.gap is not None and layout.gap:
        f[_GAP(style.gap / layout.gap)] = 1.0
    return f


class _Names(dict[str, str]):
    """Feature names made once per value (``prefix + transform(value)``), at most ``limit`` kept."""

    def __init__(self, prefix: str, transform: Callable[[str], str] = str, limit: int = 20000) -> None:
        super().__init__()
        self.prefix, self.transform, self.limit = prefix, transform, limit

    def __missing__(self, value: str) -> str:
        if len(self) >= self.limit:
            self.clear()
        name = self[value] = self.prefix + self.transform(value)
        return name


_KIND_NAMES = _Names("kind=")
_CANDIDATE_NAMES = _Names("cand=")
_SHAPE_NAMES = _Names("shape=")
_FIRST_WORD_NAMES = _Names("w0=", str.lower)  # "w0=" and the line's first word, lower-cased
# A line's last character, where it is one the model tells apart (else "end=other").
_END_NAMES = {mark: f"end={mark}" for mark in ".:;,?)"}


SIGNATURE = (
    "kind=",
    "bold",
    "size=",
    "indent=",
    "shape=",
    "all_caps",
    "headline",
    "level=",
    "marker",
    "strong",
    "bullet=",
    "run_in",
)


class _Prefixed(dict[str, bool]):
    """Whether a feature name starts with one of ``prefixes``, worked out once per name."""

    def __init__(self, prefixes: tuple[str, ...]) -> None:
        super().__init__()
        self.prefixes = prefixes

    def __missing__(self, name: str) -> bool:
        starts = self[name] = name.startswith(self.prefixes)
        return starts


_IN_SIGNATURE = _Prefixed(SIGNATURE)
NEIGHBOUR_KEEP = (
    "kind=",
    "cand=",
    "shape=",
    "end=",
    "bold",
    "size=",
    "gap=",
    "verb",
    "all_caps",
    "words=",
    "w0=",
    "trailing_code",
    "level=",
    "none",
)


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    """``"<=edge"`` for the first edge ``value`` does not exceed, else ``">last"`` (labels made once per edge
    set)."""
    labels = _LABELS.get(edges)
    if labels is None:
        labels = _LABELS[edges] = (*(f"<={edge}" for edge in edges), f">{edges[-1]}")
    return labels[bisect.bisect_left(edges, value)]


_LABELS: dict[tuple[float, ...], tuple[str, ...]] = {}


class _Bucketed:
    """``f"{prefix}{_bucket(value, edges)}"`` with the names made once: for the features of every line."""

    __slots__ = ("edges", "names")

    def __init__(self, prefix: str, edges: tuple[float, ...]) -> None:
        self.edges = edges
        self.names = tuple(prefix + _bucket(edge, edges) for edge in edges) + (f"{prefix}>{edges[-1]}",)

    def __call__(self, value: float) -> str:
        return self.names[bisect.bisect_left(self.edges, value)]


_LINE_WORDS = _Bucketed("words=", (1, 2, 4, 7, 12, 20))
_LINE_WORDS_BY_COUNT = tuple(_LINE_WORDS(count) for count in range(22))  # a count above 20 is ">20"
_SIZE = _Bucketed("size=", (0.92, 1.04, 1.15, 1.35))
_INDENT = _Bucketed("indent=", (-4, 4, 20, 60))
_GAP = _Bucketed("gap=", (0, 0.8, 1.3, 1.9, 3.0))
_LOOK_COUNT = _Bucketed("look_count=", (1, 3, 10, 40))
_SENTENCE_WORDS = _Bucketed("words=", (3, 6, 12, 25, 45))
_POSITION = _Bucketed("pos=", (0.25, 0.75))


def _present(weights: Mapping[str, float], name: str) -> list[float]:
    weight = weights.get(name)
    return [weight] if weight else []


def run_in_prefix(text: str) -> str | None:
    """The short heading at the start of a line that runs on into its text, if the line has one."""
    if len(text) < 12 or ("–" not in text and " - " not in text and ":" not in text and "—" not in text):
        return None
    match = RUN_IN_PREFIX.match(text)
    if match is None:
        return None
    title = match.group("title").strip()
    words = title.split()
    if not words or len(words) > MAX_PREFIX_WORDS or FINITE_VERB.search(title):
        return None
    return title


def generic_head(lines: list[Line], index: int) -> Head:
    """A head for a line no rule proposed: its leading number if any, the rest as the title."""
    text = lines[index].text
    if lines[index].kind == "table_row" and lines[index].cells:
        cells = lines[index].cells
        if len(cells) > 1 and len(cells[0]) <= 8 and any(c.isdigit() for c in cells[0]):
            return Head(index, parse_number(cells[0]), cells[1], "learned")
        text = cells[0]
    number = None
    match = LEADING_NUMBER.match(text)
    if (
        match
        and match.group("rest")
        and match.group("rest")[:1].isupper()
        and not YEAR_NUMBER.match(match.group("num"))
    ):
        number, text = parse_number(match.group("num")), match.group("rest")
    prefix = run_in_prefix(text)
    if prefix is not None and len(text) > len(prefix) + 25:
        return Head(index, number, prefix, "learned", title_in_body=True)
    return Head(index, number, text, "learned")


# --- items: the outcome ---------------------------------------------------------------------------

OUTCOME_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (  # read on lower-cased text
        ("resolved", r"\bresolved\b|\bresolution\b"),
        ("agreed", r"\bagreed\b|\bagree\b"),
        ("approved", r"\bapprov\w*"),
        ("adopted", r"\badopt\w*"),
        ("endorsed", r"\bendors\w*"),
        ("recommend", r"\brecommend\w*"),
        ("carried", r"\bcarried\b(?! (?:out|forward|over))|\bpassed\b|\bmotion\b"),
        ("seconded", r"\bseconded\b|\bsecond(?:ed)? by\b"),
        ("vote", r"\bvote\w*|\bayes?\b|\bnays?\b|\byeas?\b|\bunanimous\w*"),
        ("noted", r"\bnoted\b|\bnote\b"),
        ("received", r"\breceived\b|\breceive\b"),
        ("information", r"\bfor information\b|\bupdate\b|\bpresentation\b"),
        (
            "deferred",
            r"\bdefer\w*|\bpostpon\w*|\blaid over\b|\bnext meeting\b|\bcome back\b|\bfirst reading\b",
        ),
        ("referred", r"\breferr\w*|\brefer\b"),
        ("withdrawn", r"\bwithdrawn\b|\bclosed session\b|\bin camera\b|\bexempt\b"),
        ("lost", r"\blost\b|\bfailed\b|\bdefeated\b"),
        ("delegated", r"\bdelegat\w*"),
        ("apologies", r"\bapolog\w*|\babsence\b|\babsent\b"),
        ("declarations", r"\bdeclar\w*|\binterests?\b"),
        ("minutes", r"\bminutes\b"),
        ("signed", r"\bsigned\b|\bcorrect record\b|\btrue record\b"),
        ("none", r"^\W*(?:none|nil|no (?:apologies|declarations|items?|matters?))\b"),
    )
)
TITLE_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (  # read on lower-cased text
        ("apologies", r"apolog|attendance|roll call|absen"),
        ("declarations", r"declar|interest|conflict"),
        ("minutes", r"minutes|previous meeting|last meeting"),
        ("matters_arising", r"matters arising|action (?:log|tracker)|actions? (?:from|arising)"),
        ("next_meeting", r"next meeting|date of|future meeting"),
        (
            "aob",
            r"any other business|\baob\b|other business|open forum|public (?:question|participation|comment)",
        ),
        (
            "welcome",
            r"welcome|call to order|opening|introductions?|pledge|prayer|chair'?s? (?:welcome|remarks)",
        ),
        ("close", r"adjourn|close of meeting|closure"),
        ("report", r"report|update|presentation|review|performance|monitoring"),
        ("plan", r"plan|strategy|budget|policy|proposal|application|contract|grant|appointment|election"),
        ("motion", r"motion|resolution|ordinance|by-?law"),
        # what the heading asks the meeting to do: "To approve the accounts", "Award of contract"
        (
            "asks_decision",
            r"^(?:to )?(?:approv|adopt|agree|ratif|authori|award|appoint|elect|co-opt)"
            r"|^(?:to )?consider (?:and|&) approv"
            r"|\b(?:approval|adoption|ratification|award|appointments?) (?:of|to)\b|\bfor approval\b",
        ),
        ("asks_note", r"^(?:to )?(?:note|receive)\b|\bto note\b|\bfor (?:information|noting)\b"),
        ("permit", r"\bpermit\b|\blicen[cs]e\b|\bvariance\b|\bzoning\b|\bplanning applications?\b"),
        ("correspondence", r"correspondence|communications?|information"),
    )
)


OUTCOME_GATES: dict[str, tuple[str, ...]] = {
    "resolved": ("resol",),
    "agreed": ("agree",),
    "approved": ("approv",),
    "adopted": ("adopt",),
    "endorsed": ("endors",),
    "recommend": ("recommend",),
    "carried": ("carried", "passed", "motion"),
    "seconded": ("second",),
    "vote": ("vote", "aye", "nay", "yea", "unanim"),
    "noted": ("note",),
    "received": ("receiv",),
    "information": ("information", "update", "presentation"),
    "deferred": ("defer", "postpon", "laid over", "next meeting", "come back", "first reading"),
    "referred": ("refer",),
    "withdrawn": ("withdrawn", "closed session", "in camera", "exempt"),
    "lost": ("lost", "failed", "defeated"),
    "delegated": ("delegat",),
    "apologies": ("apolog", "absen"),
    "declarations": ("declar", "interest"),
    "minutes": ("minutes",),
    "signed": ("signed", "correct record", "true record"),
    "none": ("none", "nil", "no "),
}


def _outcome_cues(text: str) -> list[str]:
    """The outcome cues found in lower-cased ``text`` (each regex only where one of its words is)."""
    return [
        name
        for name, pattern in OUTCOME_CUES
        if any(map(text.__contains__, OUTCOME_GATES[name])) and pattern.search(text)
    ]


_BODY_WORDS = (0, 5, 20, 60, 200)  # the edges of an item's body_words buckets
OUTCOME_TEXT = 1500  # the opening of an item's text says what was done; long debates add noise and time


def outcome_features(
    title: str,
    body_text: str,
    rule_outcome: str,
    rule_confidence: float,
    *,
    agenda: bool,
    resolution: str | None,
) -> dict[str, float]:
    f: dict[str, float] = {
        "bias_outcome": 1.0,
        f"rule={rule_outcome}": 1.0,
        f"rule={rule_outcome}&conf={_bucket(rule_confidence, (0.5, 0.7, 0.85))}": 1.0,
    }
    if agenda:
        f["agenda"] = 1.0
    if resolution:
        f["has_resolution"] = 1.0
        for name in _outcome_cues(resolution[:OUTCOME_TEXT].lower()):
            f[f"res:{name}"] = 1.0
    lowered_title = title.lower()
    for name, pattern in TITLE_CUES:
        if pattern.search(lowered_title):
            f[f"title:{name}"] = 1.0
    for name in _outcome_cues(body_text[:OUTCOME_TEXT].lower()):
        f[f"body:{name}"] = 1.0
    # At most 201 pieces: a count above 200 falls in the last bucket, however far above it is, so the rest of
    # a long item's text is not cut into words for nothing.
    words = len(body_text.split(None, _BODY_WORDS[-1]))
    f[f"body_words={_bucket(words, _BODY_WORDS)}"] = 1.0
    return f


# --- sentences: actions ---------------------------------------------------------------------------

# Cues read on the lower-cased sentence (Python's regex engine is far faster without IGNORECASE) …
ACTION_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("marker", r"^\W*(?:agreed\s+)?actions?\b\s*(?:points?)?(?:\s*(?:no\.?\s*)?\d{1,3}[a-z]?)?\s*[:\-–]"),
        (
            "will",
            r"\b(?:will|would|shall)\s+(?:\w+\s+)?(?:write|contact|arrange|circulate|send|report|bring|"
            r"provide|prepare|look|investigate|check|ask|chase|follow|obtain|seek|speak|meet|draft|review|"
            r"update|share|organise|organize|liaise|confirm|email|order|book|invite|progress|respond|ensure)\b",
        ),
        (
            "clerk",
            r"\b(?:clerk|secretary|chair(?:man|person)?|treasurer|officers?|director|manager|lead|team|"
            r"head of|chief)\b",
        ),
        (
            "asked",
            r"\b(?:asked|requested|instructed|directed|tasked|invited)\s+(?:to|that|the|for)\b|"
            r"\b(?:agreed|undertook|offered|volunteered)\s+to\b",
        ),
        ("it_was_agreed", r"\bit was (?:agreed|resolved|decided)\b"),
        ("delegate", r"\bdelegat"),
        (
            "deadline",
            r"\b(?:by|before|no later than|deadline)\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
            r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|next|end|\d)",
        ),
        ("report_back", r"\b(?:report|bring)\w*\s+back\b|\bfuture meeting\b|\bnext meeting\b"),
        ("modal", r"\b(?:should|must|need(?:s|ed)? to)\b"),
        ("past_report", r"\b(?:had|has|have)\s+been\b|\bwas\s+(?:reported|noted|advised|informed)\b"),
        ("speech", r"\b(?:said|stated|explained|reported|advised|informed|commented|noted that|thanked)\b"),
        ("passive_future", r"\b(?:will|would)\s+be\s+\w+ed\b"),
        ("that_be", r"\bthat\s+(?:the\s+)?[\w ]{1,60}?\bbe\s+\w+ed\b"),
        ("request_that", r"\b(?:request|ask|instruct)\w*\s+that\b"),
    )
)
# Words one of which each cue needs: a substring test is far cheaper than a regex search that finds nothing.
CUE_GATES: dict[str, tuple[str, ...]] = {
    "marker": ("action",),
    "will": ("will", "would", "shall"),
    "clerk": (
        "clerk",
        "secretary",
        "chair",
        "treasurer",
        "officer",
        "director",
        "manager",
        "lead",
        "team",
        "head of",
        "chief",
    ),
    "asked": (
        "asked",
        "requested",
        "instructed",
        "directed",
        "tasked",
        "invited",
        "agreed",
        "undertook",
        "offered",
        "volunteered",
    ),
    "it_was_agreed": ("it was ",),
    "delegate": ("delegat",),
    "deadline": ("by ", "before", "no later", "deadline"),
    "report_back": ("back", "future meeting", "next meeting"),
    "modal": ("should", "must", "need"),
    "past_report": ("been", "was "),
    "speech": (
        "said",
        "stated",
        "explained",
        "reported",
        "advised",
        "informed",
        "commented",
        "noted that",
        "thanked",
    ),
    "passive_future": ("will be", "would be"),
    "that_be": ("that",),
    "request_that": ("that",),
}
# Each gate word is looked for once per sentence, however many cues share it …
_ALL_CUE_GATES = tuple(dict.fromkeys(gate for gates in CUE_GATES.values() for gate in gates))
# … and a gate that contains another ("will be" holds "will", "tasked" holds "asked") only where that one is
# there: a text without the shorter cannot hold the longer.
_INNER_GATE = {
    gate: inner
    for gate in _ALL_CUE_GATES
    for inner in _ALL_CUE_GATES
    if inner != gate and inner in gate and not any(g != inner and g in inner for g in _ALL_CUE_GATES)
}
_OUTER_GATES = tuple(gate for gate in _ALL_CUE_GATES if gate not in _INNER_GATE)
_NESTED_GATES = tuple(_INNER_GATE.items())
# Cues whose every match opens with one of their gate words, spelt as the pattern spells it: their search
# starts at the first of those words, since no match can start before it.
_OPENING_GATES: dict[str, tuple[str, ...]] = {
    "will": ("will", "would", "shall"),
    "that_be": ("that",),
    "request_that": ("request", "ask", "instruct"),
}
# Words a cue needs besides one of its gates: "that … be …ed" has " be" (a word boundary after ``[\w ]``
# is a space), "request/ask/instruct … that" has both a verb and "that".
_ALSO_NEEDED: dict[str, tuple[str, ...]] = {
    "that_be": (" be",),
    "request_that": _OPENING_GATES["request_that"],
}
_GATED_ACTION_CUES = tuple(
    (name, pattern, frozenset(CUE_GATES[name]), _OPENING_GATES.get(name, ()), _ALSO_NEEDED.get(name, ()))
    for name, pattern in ACTION_CUES
)
# … and cues that need the case the clerk wrote.
CASED_CUES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("action_caps", r"\bACTION\b"),
        ("to_verb", r"^(?:[Tt]he\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4}\s+to\s+(?!be\b)[a-z]+"),
        ("named_person", r"\b(?:Cllrs?|Councillor|Mr|Mrs|Ms|Dr|Miss)\.?\s+[A-Z]"),
        ("initials", r"\b[A-Z]{2,4}(?:\s*(?:/|and|&)\s*[A-Z]{2,4})*\s*\W?$"),
        ("request_named", r"\b(?:[Rr]equest|[Aa]sk|[Ii]nstruct)\w*\s+(?:the\s+)?[A-Z]"),
    )
)

_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _may_end_in_initials(text: str) -> bool:
    """Whether ``text`` ends as "initials" needs: capitals, then at most spaces and one mark."""
    tail = text.rstrip()
    if tail and not (tail[-1].isalnum() or tail[-1] == "_"):
        tail = tail[:-1].rstrip()
    return bool(tail) and tail[-1] in _UPPER


# What each cased cue needs (on the text, or on its lower-cased form) before its regex is worth running.
CASED_GATES: dict[str, Callable[[str, str], bool]] = {
    "action_caps": lambda text, lowered: "ACTION" in text,
    "to_verb": lambda text, lowered: "to" in text,
    "named_person": lambda text, lowered: any(
        map(text.__contains__, ("Cllr", "Councillor", "Mr", "Ms", "Dr", "Miss"))
    ),
    "initials": lambda text, lowered: _may_end_in_initials(text),
    "request_named": lambda text, lowered: any(map(lowered.__contains__, ("request", "ask", "instruct"))),
}

ASSIGNING = (
    " to ",
    "will",
    "would",
    "shall",
    "should",
    "must",
    "ction",
    "CTION",
    "agree",
    "AGREE",
    "ask",
    "request",
    "delegat",
    "invit",
    "undert",
    "offer",
    "volunt",
    "task",
    "instruct",
    "direct",
    "need",
    " by ",
    "follow",
    "Clerk",
    "clerk",
    "arrange",
    "circulat",
    "report back",
    "resolved",
    "RESOLVED",
    "’ll",
    "'ll",
    "Contact",
    "Email",
    "Confirm",
    "Write",
    "Update",
    "Check",
    "Award",
    "Approv",
    " – ",
    " - ",
)


def could_assign(text: str, kind: str = "text") -> bool:
    """A cheap test that a sentence can assign work: a table row (an action log's), or some wording that
    can (most sentences of minutes have none, and the model is not asked about them)."""
    # ``map`` rather than a generator: this runs on every sentence of every item.
    return kind == "table_row" or any(map(text.__contains__, ASSIGNING))


def sentence_features(
    text: str,
    *,
    rule_action: bool,
    in_table: bool,
    list_item: bool,
    outcome: str,
    explicit_only: bool,
    position: float,
    role: str = "",
    cues: bool = True,
) -> dict[str, float]:
    """A sentence's features for the action model; with ``cues`` false, all but its cue patterns' (the
    costly part: see ``cues_that_may_match``)."""
    f: dict[str, float] = {"bias_sentence": 1.0, f"outcome={outcome}": 1.0}
    if role:  # what the table reader made of the row: an action log's row, a header, an attendance list …
        f[f"role={role}"] = 1.0
    if rule_action:
        f["rule_action"] = 1.0
        if explicit_only:
            f["rule_action&explicit_doc"] = 1.0
    if explicit_only:
        f["explicit_doc"] = 1.0
    if in_table:
        f["table_row"] = 1.0
    if list_item:
        f["list_item"] = 1.0
    if cues:
        lowered = text.lower()
        for name in action_cues(lowered):
            f[f"cue:{name}"] = 1.0
        for name, pattern in CASED_CUES:
            if CASED_GATES[name](text, lowered) and pattern.search(text):
                f[f"cue:{name}"] = 1.0
    if "?" in text:
        f["cue:question"] = 1.0
    words = WORD.findall(text)
    f[_SENTENCE_WORDS(len(words))] = 1.0
    if words:
        f[f"s0={words[0].lower()}"] = 1.0
    f[_POSITION(position)] = 1.0
    return f


def gates_in(lowered: str) -> set[str]:
    """The gate words (``CUE_GATES``) found in a lower-cased sentence."""
    present = {gate for gate in _OUTER_GATES if gate in lowered}
    for gate, inner in _NESTED_GATES:
        if inner in present and gate in lowered:
            present.add(gate)
    return present


def action_cues(lowered: str) -> list[str]:
    """The names of the ``ACTION_CUES`` a lower-cased sentence matches, in their order."""
    present = gates_in(lowered)
    found = []
    for name, pattern, gates, opening, needed in _GATED_ACTION_CUES:
        if present.isdisjoint(gates):
            continue
        if needed and not any(map(lowered.__contains__, needed)):
            continue
        start = min((i for word in opening if (i := lowered.find(word)) >= 0), default=0)
        if pattern.search(lowered, start):
            found.append(name)
    return found


# The cues ``sentence_features`` looks for with patterns (its ``cues`` part), by name.
PATTERN_CUES = tuple(name for name, _ in ACTION_CUES) + tuple(name for name, _ in CASED_CUES)


def cues_that_may_match(text: str, names: Iterable[str]) -> list[str]:
    """Of the pattern cues ``names``, those whose gate words ``text`` has: only they can be among its
    features (a bound on a sentence's score that needs no pattern search)."""
    lowered = text.lower()
    return [name for name in names if _MAY_MATCH[name](text, lowered)]


def cues_stay_below(text: str, rising: Sequence[tuple[str, float]], room: float) -> bool:
    """Whether the pattern cues ``rising`` (name and positive weight, the largest first) that ``text``'s gate
    words allow add less than ``room`` to its score. The gate words are tested only until that is known."""
    left = sum(weight for _, weight in rising)  # what the cues not yet ruled out could add
    if left < room:
        return True
    lowered = text.lower()
    may_match = _MAY_MATCH
    for name, weight in rising:
        if not may_match[name](text, lowered):
            left -= weight
            if left < room:
                return True
    return False


def _has_any(words: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a text holds one of ``words``: one substring test where there is one word."""
    if len(words) == 1:
        (word,) = words
        return lambda lowered: word in lowered
    return lambda lowered: any(map(lowered.__contains__, words))


def _gate_test(gates: tuple[str, ...], needed: tuple[str, ...] | None) -> Callable[[str, str], bool]:
    """A cue's gate test, made once: one of ``gates`` and, where given, one of ``needed``, in the text."""
    has_gate = _has_any(gates)
    if needed is None:
        return lambda text, lowered: has_gate(lowered)
    has_needed = _has_any(needed)
    return lambda text, lowered: has_gate(lowered) and has_needed(lowered)


# Whether a text has the gate words each pattern cue needs: one look-up per cue, not three tables'.
_MAY_MATCH: dict[str, Callable[[str, str], bool]] = {
    **CASED_GATES,
    **{name: _gate_test(gates, _ALSO_NEEDED.get(name)) for name, gates in CUE_GATES.items()},
}
