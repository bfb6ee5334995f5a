"""A deterministic topic key for agenda items, so one subject can be followed across meetings and
bodies (deferral loops, recurring topics, pass the parcel).

Method
------
1. **Normalise the title.** Lower-case it, drop a minute or item number at the start ("80.",
   "Minute 12/25:", "CAB/24/012 -", "5(a)") and any reference phrase ("(deferred from 3 March)",
   see :mod:`.references`), then split into words. Words with a digit (years, dates, "q3",
   "2025/26"), month names, stop words ("the", "of", "and") and *noise words* that say what kind of
   paper it is rather than what it is about ("update", "report", "quarter", "draft", "verbal",
   "progress"…) are dropped. A plural is reduced to its singular by a crude rule ("strategies" →
   "strategy", "plans" → "plan"). What is left is the item's set of *content words*.
2. **Procedural items get no topic**: items whose outcome is procedural, and titles that are plainly
   procedural (apologies, declarations of interest, minutes of the last meeting, date of the next
   meeting, any other business). So do titles with no content word left.
3. **Group by similarity of word sets.** Two items are similar when the Jaccard index of their
   content words (shared ÷ all) is at least ``threshold`` (default 0.6: "Winter pressures" and
   "Winter pressures plan" are similar at 0.67; "Housing strategy" and "Health strategy" at 0.33
   are not, nor are "Adult social care charging policy" and "Adult social care workforce" at 0.5).
   Items are linked *single-link*: within a body with ``threshold``, across bodies with
   ``cross_body_threshold`` (default 0.7, stricter, because different bodies share generic words).
   A title made only of standing-item words ("Work programme", "Performance report", "Cabinet
   member updates") is linked within its body only: each body's work programme is its own.
4. **Papers.** The titles of an item's papers (``TopicInput.papers``) and of the reports its
   resolution or title names ("the report of the Director of Public Health on the Pharmaceutical
   Needs Assessment", a quoted title) join the title's words when two items are compared, and an item
   that names a paper is linked to an item whose title is that paper's title (at ``threshold``).
5. **Resolution words** (without the clerk's wording: "resolved", "noted", "approved", the body's
   name…) confirm a link between items whose titles already share at least
   ``RESOLUTION_TITLE_FLOOR`` (0.3) of their words: the words of title, papers and resolution
   together must reach the threshold.
6. **Explicit references** (:mod:`.references`) need the meeting date (and the body's name, the
   outcome and the number where they help). "Deferred from the last meeting" / "from the meeting of
   3 March" / "minute 45 of …" look at that meeting of the same body; "referred by the Cabinet" /
   "recommendation from the Health Scrutiny Committee" / "as reported to the Board in June" at the
   named body's meetings in the year before (in that month when one is given); "deferred to the
   next meeting" / "to the March meeting" and "referred to the Scrutiny Committee" at the later
   meetings (a year at most). An item deferred with no such phrase looks at its body's next
   meeting. There the item is linked to the closest item (a minute number names it outright) when
   they are at least ``reference_threshold`` (0.2) alike: title and paper words, plus resolution
   words when the reference points back or the later item says it was referred by this body. A
   referral prefers the item the body referred, a deferral the item it deferred.
7. **The key** of a group is the normalised title (content words in title order) of its first item
   in the order given, so the same input always gives the same keys. Two groups with the same key
   (two bodies' standing items) are told apart by the body's name.

``title_only=True`` keeps the first version's method (steps 1 to 3 on titles, without the
standing-item rule) so that the two can be compared (``bench/bench_topics.py``).

Limits
------
- Single-link can chain: A~B and B~C puts A and C together even when they share little. Generic
  titles ("Performance", "Finance") group every performance or finance item of a body, which is
  right for a standing item and wrong when the subjects differ; items about different sites on one
  street ("Rezoning – 780 Ravelston Avenue", "Rezoning – 1290 Ravelston Avenue") are one topic.
- Short titles are all or nothing: "Budget" and "Budget monitoring" (0.5) are apart.
- No synonyms or stemming beyond plurals: "CAMHS" and "children's mental health" are linked only
  when a reference says so; a by-law whose wording shares little with the report it enacts ("To fix
  and impose taxes…" and "Mill rates for the education levy") is not linked.
- A reference that names a body ambiguously ("the Committee" when there are several) is not
  followed; references to "item 2 of the report of 18 March" are not read; a reference whose target
  meeting is not in the input is ignored.
- Reference phrases and clerk's wording are English (UK and US forms).
A person can confirm, rename, merge and split topics in the web app (``traction.governance.topics``),
and the signals follow the correction.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from traction_analysis.diagnosis.references import (
    Reference,
    find_references,
    referenced_titles,
    resolve_month,
    resolve_next_month,
    strip_references,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DEFAULT_THRESHOLD = 0.6
DEFAULT_CROSS_BODY_THRESHOLD = 0.7
DEFAULT_REFERENCE_THRESHOLD = 0.2
# Resolution words confirm a link only between items whose titles already share this much.
RESOLUTION_TITLE_FLOOR = 0.3
# How far a referral is followed from one body to another, either way.
REFERRAL_WINDOW = timedelta(days=366)

STOP_WORDS = _words("""
a an and are as at be by for from in into is it its of on or our re the their this to with within
including regarding about against between under over per via vs any all other
""")
NOISE_WORDS = _words("""
update updates report reports reporting quarter quarterly annual q1 q2 q3 q4 month monthly year yearly
draft final verbal written progress item items paper papers presentation briefing note summary
minute minutes agenda discussion consideration review reviews new revised interim
""")
# The clerk's wording of resolutions, which says what the body did rather than what the item is about.
RESOLUTION_WORDS = _words("""
resolved resolve noted note notes noting received receive receives approved approve approves approval agreed
agree agrees agreement endorsed endorse endorses considered consider considers consideration recommended
recommend recommends recommendation recommendations deferred defer deferral referred refer referral board
committee cabinet council group panel meeting members member chair chairman chairs vice officer officers
director presentation presented thanked thank contents content asked ask progress discussed discussion
position current set out section subject comments comment made delegated delegate authority consultation minor
amendment publication proposed approach matter options option develop brought back come next raised point
included include questions question that be which would there was were has had been not circulated clear
working days advance request requested further information action risk highlighted partner organisation
adoption accordingly following thanks took place taken given timing stage involved pace change data quality
capacity before decision any allow also he she they it we members' body meet met should could will may can
must his her them those these such
""")
# Titles made only of these words are a body's standing items: its own work programme, performance
# report or chair's announcements are not the same subject as another body's.
STANDING_WORDS = _words("""
work programme forward workplan performance risk register monitoring dashboard chair chairman announcement
member cabinet leader portfolio holder executive chief officer assurance committee board
""")
MONTHS = _words("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""")

PROCEDURAL_TITLE = re.compile(
    r"^(?:to (?:approve|confirm|agree|receive) )?(?:the )?"
    r"(apologies|declarations? of (?:interests?|pecuniary)|disclosures? of interest|"
    r"(?:confirmation of |approval of |the )?minutes of (?:the )?(?:last|previous|prior|meeting)|"
    r"previous minutes|date (?:and time )?of (?:the )?next meeting|any other (?:urgent )?business|"
    r"a\.?o\.?b\.?$|welcome and introductions?|exclusion of (?:the )?(?:press|public)|"
    r"matters arising)\b",
    re.IGNORECASE,
)
NUMBER_PREFIX = re.compile(
    r"^\s*(?:(?:agenda\s+)?item|minute|min\.?|no\.?)?\s*[a-z]{0,4}[/.\-]?\(?\d[\w/.\-()]*[.:)\-–—]?\s+",
    re.IGNORECASE,
)
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True, slots=True)
class TopicInput:
    """What grouping needs of an item: any hashable id, its body, its title, and whether it is procedural.

    The rest is optional and only makes linking better: the resolution text, the titles of its papers,
    the meeting's date, the body's name as the minutes print it (``body`` itself when it is a string),
    the outcome ("deferred", "referred"…) and the minute or item number as printed."""

    id: Hashable
    body: Hashable
    title: str
    procedural: bool = False
    resolution: str = ""
    papers: tuple[str, ...] = ()
    meeting: date | None = None
    body_name: str = ""
    outcome: str = ""
    number: str = ""


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(title: str) -> tuple[str, ...]:
    """The title's content words in order, without repeats (see the module docstring, step 1)."""
    text = NUMBER_PREFIX.sub("", title.lower().replace("’", "'"))
    words: list[str] = []
    for raw in WORD.findall(text):
        word = singular(raw.removesuffix("'s"))
        if any(ch.isdigit() for ch in word) or len(word) < 2:
            continue
        if word in STOP_WORDS or word in NOISE_WORDS or word in MONTHS or word in words:
            continue
        words.append(word)
    return tuple(words)


def normalise_title(title: str) -> str:
    return " ".join(content_words(title))


def is_procedural_title(title: str) -> bool:
    return bool(PROCEDURAL_TITLE.match(NUMBER_PREFIX.sub("", title).strip()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


class _Groups:
    """Union-find over item positions; the root of a group is its first item in the order given."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, at: int) -> int:
        while self.parent[at] != at:
            self.parent[at] = self.parent[self.parent[at]]
            at = self.parent[at]
        return at

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def assign_topics(
    items: Sequence[TopicInput],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    cross_body_threshold: float = DEFAULT_CROSS_BODY_THRESHOLD,
    reference_threshold: float = DEFAULT_REFERENCE_THRESHOLD,
    title_only: bool = False,
) -> dict[Hashable, str | None]:
    """Each item's topic key, or ``None`` for procedural items and titles with no content word.

    ``title_only=True`` is the first version's method, kept to measure against: title words alone (steps
    1 to 3), whatever else the items carry."""
    references = not title_only
    features = [_Features.of(item, references) for item in items]
    groups = _Groups(len(items))
    # Groups are connected components (a group's root is its first item), so the order of the joins does
    # not matter, and a pair already in one group needs no comparison.
    for a, b in _candidate_pairs([f.subject for f in features]):
        if groups.find(a) == groups.find(b):
            continue
        same_body = items[a].body == items[b].body
        if not same_body and references and (features[a].standing or features[b].standing):
            continue
        if _similar(features[a], features[b], threshold if same_body else cross_body_threshold):
            groups.join(a, b)
    if references:
        _join_named_papers(features, threshold, groups)
        for a, b in _Referrals(items, features, reference_threshold).links():
            groups.join(a, b)
    keys = _group_keys(items, features, groups, references)
    return {item.id: keys.get(groups.find(at)) for at, item in enumerate(items)}


def _group_keys(
    items: Sequence[TopicInput], features: Sequence[_Features], groups: _Groups, references: bool
) -> dict[int, str]:
    """Step 7: each group's key, from its first item; two groups with the same key (one body's standing
    item and another's) are told apart by the body's name, then by a number."""
    keys: dict[int, str] = {}
    taken: set[str] = set()
    for at, item in enumerate(items):
        if not features[at].title or groups.find(at) != at:
            continue
        key = normalise_title(strip_references(item.title) if references else item.title)
        if key in taken:
            key = f"{key} {normalise_title(_name(item))}".strip()
        base, n = key, 2
        while key in taken:
            key, n = f"{base} {n}", n + 1
        taken.add(key)
        keys[at] = key
    return keys


def _similar(a: _Features, b: _Features, limit: float) -> bool:
    """Step 3 (titles), 4 (paper titles) and 5 (resolutions) of the module docstring."""
    if not a.title or not b.title:
        return False
    if jaccard(a.title, b.title) >= limit or jaccard(a.subject, b.subject) >= limit:
        return True
    return (
        bool(a.resolution)
        and bool(b.resolution)
        and jaccard(a.title, b.title) >= RESOLUTION_TITLE_FLOOR
        and jaccard(a.subject | a.resolution, b.subject | b.resolution) >= limit
    )


def closeness(a: _Features, b: _Features, *, broad: bool = True) -> float:
    """How alike two items are when a reference already says they may be one topic (step 6): their
    title and paper words, and with ``broad`` all their words, resolution included."""
    narrow = jaccard(a.subject, b.subject)
    return max(narrow, jaccard(a.subject | a.resolution, b.subject | b.resolution)) if broad else narrow


def _join_named_papers(features: Sequence[_Features], threshold: float, groups: _Groups) -> None:
    """Step 4: an item that names a report or paper ("the report … on the Revenue Budget") is linked to
    an item whose title is that paper's title."""
    titles: dict[str, list[int]] = defaultdict(list)
    for at, found in enumerate(features):
        for word in found.title:
            titles[word].append(at)
    for at, found in enumerate(features):
        for paper in found.papers:
            near = sorted({other for word in paper for other in titles.get(word, ()) if other != at})
            for other in near:
                if (
                    groups.find(at) != groups.find(other)
                    and jaccard(paper, features[other].title) >= threshold
                ):
                    groups.join(at, other)


@dataclass(frozen=True, slots=True)
class _Features:
    title: frozenset[str]  # the title's content words; empty: no topic
    subject: frozenset[str]  # the title's and its papers' (named or attached) content words
    resolution: frozenset[str]  # the resolution's content words, without the clerk's wording
    references: tuple[Reference, ...]
    papers: tuple[frozenset[str], ...] = ()  # each named or attached paper's content words
    # A body's own standing item ("Work programme", "Performance report"): never linked across bodies.
    standing: bool = False

    @classmethod
    def of(cls, item: TopicInput, use_references: bool = True) -> _Features:
        if item.procedural or is_procedural_title(item.title):
            return cls(frozenset(), frozenset(), frozenset(), ())
        if not use_references:
            title = frozenset(content_words(item.title))
            return cls(title, title, frozenset(), ())
        title = frozenset(content_words(strip_references(item.title)))
        papers = [*item.papers, *referenced_titles(item.resolution), *referenced_titles(item.title)]
        named = tuple(frozenset(content_words(p)) for p in papers)
        subject = title.union(*named) if title else title
        resolution = frozenset(content_words(item.resolution)) - RESOLUTION_WORDS - _name_words(_name(item))
        references = find_references(f"{item.title}. {item.resolution}") if title else ()
        return cls(
            title,
            subject,
            resolution - subject,
            references,
            tuple(n for n in named if n),
            title <= STANDING_WORDS,
        )


def _name(item: TopicInput) -> str:
    return item.body_name or (item.body if isinstance(item.body, str) else "")


def _name_words(name: str) -> frozenset[str]:
    return frozenset(WORD.findall(name.lower())) - STOP_WORDS


def _candidate_pairs(words: Sequence[frozenset[str]]) -> Iterable[tuple[int, int]]:
    """Pairs that share at least one content word, each once, in a fixed order (an inverted index,
    so a region's items are not compared all against all; one item's partners at a time)."""
    holders: dict[str, list[int]] = defaultdict(list)
    for at, found in enumerate(words):
        for word in found:
            holders[word].append(at)
    for at, found in enumerate(words):
        later: set[int] = set()
        for word in found:
            positions = holders[word]
            later.update(positions[bisect_right(positions, at) :])
        yield from ((at, other) for other in sorted(later))


class _Referrals:
    """Step 6: follow each item's explicit references (and a deferral's implied one) to the meeting or
    body they name, and link the item to the closest item there."""

    def __init__(self, items: Sequence[TopicInput], features: Sequence[_Features], minimum: float) -> None:
        self.items, self.features, self.minimum = items, features, minimum
        self.at: dict[tuple[Hashable, date], list[int]] = defaultdict(list)
        names: dict[Hashable, str] = {}
        for at, item in enumerate(items):
            if item.meeting is not None:
                self.at[(item.body, item.meeting)].append(at)
                names.setdefault(item.body, _name(item))
        self.days: dict[Hashable, list[date]] = defaultdict(list)
        for body, day in sorted(self.at, key=lambda key: key[1]):
            self.days[body].append(day)
        self.names = {body: _name_words(name) for body, name in names.items() if name}

    def links(self) -> Iterable[tuple[int, int]]:
        for at, item in enumerate(self.items):
            if item.meeting is None or not self.features[at].title:
                continue
            wanted = list(self.features[at].references)
            if item.outcome == "deferred" and not any(r.kind in {"next", "to_date"} for r in wanted):
                wanted.append(Reference("next"))
            for reference in wanted:
                found = self.follow(at, reference)
                if found is not None:
                    yield at, found

    def follow(self, at: int, reference: Reference) -> int | None:
        item = self.items[at]
        assert item.meeting is not None
        if reference.kind in {"referred_by", "reported_to", "referred_to"}:
            return self.at_body(at, reference)
        days = self.days[item.body]
        if reference.kind == "previous" or (reference.kind == "minute" and reference.month is None):
            chosen = [d for d in days if d < item.meeting][-1:]
        elif reference.kind == "next":
            chosen = [d for d in days if d > item.meeting][:1]
        elif reference.kind == "to_date":
            month = resolve_next_month(reference, item.meeting)
            chosen = [d for d in days if d > item.meeting and (d.year, d.month) == month][:1]
        else:  # from_date, minute
            month = resolve_month(reference, item.meeting)
            chosen = [
                d
                for d in days
                if d < item.meeting and (d.year, d.month) == month and reference.day in (None, d.day)
            ][-1:]
        if not chosen:
            return None
        there = self.at[(item.body, chosen[0])]
        if reference.kind == "minute":
            numbered = [o for o in there if _number(self.items[o].number) == _number(reference.number)]
            if numbered and self.features[numbered[0]].title:
                return numbered[0]
        return self.closest(
            at,
            there,
            backward=reference.backward,
            prefer="deferred" if reference.kind in {"previous", "from_date"} else "",
        )

    def at_body(self, at: int, reference: Reference) -> int | None:
        item = self.items[at]
        assert item.meeting is not None
        body = self.body_named(reference.body, item.body, own_allowed=reference.kind == "reported_to")
        if body is None:
            return None
        days = self.days[body]
        if reference.kind == "referred_to":
            later = [d for d in days if item.meeting < d <= item.meeting + REFERRAL_WINDOW]
            for day in later:
                found = self.closest(at, self.at[(body, day)], backward=False, answering=item.body)
                if found is not None:
                    return found
            return None
        month = resolve_month(reference, item.meeting)
        earlier = [
            d
            for d in days
            if item.meeting - REFERRAL_WINDOW <= d < item.meeting
            and (month is None or (d.year, d.month) == month)
            and reference.day in (None, d.day)
        ]
        return self.closest(
            at,
            [o for d in earlier for o in self.at[(body, d)]],
            backward=True,
            prefer="referred" if reference.kind == "referred_by" else "",
        )

    def body_named(self, name: str, own: Hashable, *, own_allowed: bool) -> Hashable | None:
        """The body a reference names: every word of the name is in the body's name. An exact name wins;
        several equally good bodies are ambiguous (``None``), except that a "reported to the Board" may
        mean the item's own body."""
        words = _name_words(name)
        if not words:
            return None
        fitting = [
            body for body, have in self.names.items() if words <= have and (own_allowed or body != own)
        ]
        exact = [body for body in fitting if self.names[body] == words]
        if len(exact) == 1:
            return exact[0]
        if own_allowed and own in fitting:
            return own
        return fitting[0] if len(fitting) == 1 else None

    def closest(
        self,
        at: int,
        candidates: Iterable[int],
        *,
        backward: bool,
        prefer: str = "",
        answering: Hashable | None = None,
    ) -> int | None:
        """The candidate most like the item (at least ``minimum``), preferring one that says it was
        referred by the body ``answering``, then one with outcome ``prefer``, then the latest; ``None``
        when none is close enough. Resolution words count only when the reference points back (the later
        item says where it came from) or the candidate answers it; a forward reference ("deferred to the
        next meeting") is a promise, and the later agenda has many items, so it needs title words."""
        best: tuple[bool, bool, float, int] | None = None
        for other in candidates:
            if other == at or not self.features[other].title:
                continue
            mutual = answering is not None and self.answers(other, answering)
            score = closeness(self.features[at], self.features[other], broad=backward or mutual)
            if score >= self.minimum:
                rank = (mutual, bool(prefer) and self.items[other].outcome == prefer, score, other)
                best = rank if best is None or rank > best else best
        return None if best is None else best[3]

    def answers(self, at: int, body: Hashable) -> bool:
        """Whether the item says it was referred by ``body``."""
        own = self.items[at].body
        return any(
            r.kind == "referred_by" and self.body_named(r.body, own, own_allowed=False) == body
            for r in self.features[at].references
        )


def _number(text: str) -> str:
    return text.strip().strip(".:)").lower()
