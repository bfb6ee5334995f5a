"""A first, deterministic topic key for extracted agenda items, so one subject can be followed across
meetings and bodies (deferral loops, recurring topics, pass the parcel).

Method
------
1. **Normalise the title.** Lower-case it, drop a minute or item number at the start ("80.",
   "Minute 12/25:", "CAB/24/012 -", "5(a)"), then split into words. Words with a digit (years,
   dates, "q3", "2025/26"), month names, stop words ("the", "of", "and") and *noise words* that say
   what kind of paper it is rather than what it is about ("update", "report", "quarter", "draft",
   "verbal", "progress"…) are dropped. A plural is reduced to its singular by a crude rule
   ("strategies" → "strategy", "plans" → "plan"). What is left is the item's set of *content words*.
2. **Procedural items get no topic**: items whose outcome is procedural, and titles that are plainly
   procedural (apologies, declarations of interest, minutes of the last meeting, date of the next
   meeting, any other business). So do titles with no content word left.
3. **Group by similarity of word sets.** Two items are similar when the Jaccard index of their
   content words (shared ÷ all) is at least ``threshold`` (default 0.6: "Winter pressures" and
   "Winter pressures plan" are similar at 0.67; "Housing strategy" and "Health strategy" at 0.33
   are not, nor are "Adult social care charging policy" and "Adult social care workforce" at 0.5).
   Items are linked *single-link*: first within each body, then across bodies with
   ``cross_body_threshold`` (default 0.7, stricter, because different bodies share generic words).
   Identical word sets are always linked.
4. **The key** of a group is the normalised title (content words in title order) of its first item
   in the order given, so the same input always gives the same keys.

Limits
------
- Titles only: the resolution text, referenced report titles and explicit references ("deferred
  from the meeting of…", "referred by the Cabinet") are not used yet.
- Single-link can chain: A~B and B~C puts A and C together even when they share little. Generic
  titles ("Performance", "Finance") group every performance or finance item of a body, which is
  right for a standing item and wrong when the subjects differ.
- Short titles are all or nothing: "Budget" and "Budget monitoring" (0.5) are apart.
- No synonyms or stemming beyond plurals: "Children's services budget" and "Budget for children"
  match, "CAMHS" and "children's mental health" do not.
- English only.
A later step measures precision and recall on a labelled set; a person can confirm, split or merge
topics in the web app and the signals follow the correction.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


DEFAULT_THRESHOLD = 0.6
DEFAULT_CROSS_BODY_THRESHOLD = 0.7

STOP_WORDS = _words("""
a an and are as at be by for from in into is it its of on or our re the their this to with within
including regarding about against between under over per via vs any all other
""")
NOISE_WORDS = _words("""
update updates report reports reporting quarter quarterly annual q1 q2 q3 q4 month monthly year yearly
draft final verbal written progress item items paper papers presentation briefing note summary
minute minutes agenda discussion consideration review reviews new revised interim
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
    """What grouping needs of an item: any hashable id, its body, its title, and whether it is procedural."""

    id: Hashable
    body: Hashable
    title: str
    procedural: bool = False


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


def assign_topics(items: Sequence[TopicInput], *, threshold: float = DEFAULT_THRESHOLD,
                  cross_body_threshold: float = DEFAULT_CROSS_BODY_THRESHOLD) -> dict[Hashable, str | None]:
    """Each item's topic key, or ``None`` for procedural items and titles with no content word."""
    words = [frozenset() if item.procedural or is_procedural_title(item.title)
             else frozenset(content_words(item.title)) for item in items]
    groups = _Groups(len(items))
    for a, b in _candidate_pairs(words):
        same_body = items[a].body == items[b].body
        if jaccard(words[a], words[b]) >= (threshold if same_body else cross_body_threshold):
            groups.join(a, b)
    return {item.id: (normalise_title(items[groups.find(at)].title) if words[at] else None)
            for at, item in enumerate(items)}


def _candidate_pairs(words: Sequence[frozenset[str]]) -> Iterable[tuple[int, int]]:
    """Pairs that share at least one content word, each once, in a fixed order (an inverted index,
    so a region's items are not compared all against all)."""
    holders: dict[str, list[int]] = defaultdict(list)
    for at, found in enumerate(words):
        for word in found:
            holders[word].append(at)
    pairs: set[tuple[int, int]] = set()
    for positions in holders.values():
        pairs.update((a, b) for i, a in enumerate(positions) for b in positions[i + 1:])
    return sorted(pairs)
