"""The trained engine: models that decide item starts, outcomes and actions, with the rules as features.

``engine.json`` beside this module is written by ``make train`` (``python -m
traction_analysis.extract.learn.train``) from the labelled corpus; it holds three logistic-regression
models (see ``linear``) and the thresholds and temperatures fitted on leave-one-publisher-out
predictions. It loads with no network and no scikit-learn. Its ``version`` names the feature set and a
hash of the weights, and is reported as ``engine`` in ``traction extract --json``.
"""

from __future__ import annotations

import hashlib
import json
import math
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

from traction_analysis.extract.actions.build import dedupe
from traction_analysis.extract.actions.voice import active_voice
from traction_analysis.extract.learn.features import (
    PATTERN_CUES,
    LineFeatures,
    could_assign,
    cues_stay_below,
    generic_head,
    outcome_features,
    sentence_features,
)
from traction_analysis.extract.learn.linear import LinearModel
from traction_analysis.extract.learn.resolve import action_text, due_date, owner_of
from traction_analysis.extract.model import ExtractedAction, Outcome
from traction_analysis.extract.segment import Head, HeadFinding, Segment
from traction_analysis.scoring import STOP

if TYPE_CHECKING:
    from traction_analysis.extract.engine import ItemEvidence

FEATURES = "f2"  # the feature set: bump when a feature changes meaning (f2: a line's look beside the heads)
MIN_RULE_HEADS = (
    3  # below this many rule heads, the model's segmentation is never overruled by the rules' count
)
ENGINE_FILE = "engine.json"
# Rule heads the model only adds to, never drops: a template's labels, "Title:" paragraphs, and headings
# over numbered lists (see ``sections``).
LABELLED_KINDS = frozenset({"label", "colon", "section"})


@dataclass(frozen=True, slots=True)
class HeadChoice:
    heads: list[Head]
    confidence: dict[int, float]  # line index of a chosen head -> P(an item starts there)
    certainty: float  # the document's segmentation: 1 − expected wrong decisions ÷ items (floor 0)


@dataclass(frozen=True, slots=True)
class Engine:
    version: str
    heads: LinearModel
    outcomes: LinearModel
    sentences: LinearModel
    head_threshold: float = 0.5
    action_threshold: float = 0.5  # a sentence no rule read as an action becomes one at this probability
    veto_threshold: float = 0.05  # a rule's action is dropped when its sentence scores below this
    # A rule verdict drawn from a stated resolution or disposition (confidence at or above this) stands;
    # the outcome model decides the items the rules could only read from narrative.
    rule_outcome_floor: float = 0.5
    # Below that floor the model's outcome replaces the rules' only at this probability.
    outcome_threshold: float = 0.0
    # Where the rules' numbered heads run in a clean sequence (each one more than the last), they all
    # stand and the model only adds heads; elsewhere the model decides every candidate.
    keep_clean_sequences: bool = True
    # The model's segmentation is believed only when it keeps at least this share of the rules' heads.
    rule_share: float = 0.3
    # A line no rule read as a head becomes one at this probability (at least ``head_threshold``): a head
    # the model adds splits a rule's item, and the item's actions and outcome go with the split.
    add_threshold: float = 0.0
    # An item's confidence, P(head) × P(outcome), mapped to P(the item and its outcome are right) by
    # Platt scaling on the logit, (slope, intercept) fitted on leave-one-publisher-out predictions.
    item_calibration: tuple[float, float] = (1.0, 0.0)
    meta: dict[str, Any] | None = None
    # Which decisions the models take; the rest stay with the rules (for ablation in the benchmark).
    decides: frozenset[str] = frozenset({"heads", "outcomes", "actions"})

    # --- items ------------------------------------------------------------------------------------
    def head_probabilities(
        self, found: HeadFinding, features: LineFeatures | None = None
    ) -> dict[int, float]:
        features = features or LineFeatures(found)
        weights, model = self.heads.weights[0], self.heads
        return {
            index: model.probability_of_terms(features.terms(index, weights)) for index in features.candidates
        }

    def choose_heads(self, found: HeadFinding) -> HeadChoice:
        if "heads" not in self.decides:
            return HeadChoice(list(found.heads), {}, 1.0)
        features = LineFeatures(found)
        probabilities = self.head_probabilities(found, features)
        layout_sequence = features.layout.sequence if self.keep_clean_sequences else "none"
        kept = {head.index for head in found.heads} if layout_sequence == "clean" else set()
        # A template's own field names its items ("Agenda item: Playground"): those heads stand too.
        kept |= {head.index for head in found.heads if head.kind in LABELLED_KINDS}
        chosen: list[Head] = []
        covered = -1
        parent: Head | None = None
        accepted = {head.index for head in found.heads}
        adding = max(self.head_threshold, self.add_threshold)
        for index in sorted(probabilities.keys() | kept):
            needed = self.head_threshold if index in accepted else adding
            if index not in kept and probabilities.get(index, 0.0) < needed:
                continue
            if index <= covered and index not in accepted:
                continue  # a line the previous heading took as the rest of its title
            head = choose_head(found, index)
            if (
                head.kind == "letter"
                and parent is not None
                and (not chosen or chosen[-1].index < parent.index)
            ):
                chosen.append(parent)  # a lettered entry is numbered from its heading ("1" + "a")
            if head.kind != "letter" and head.number is not None:
                parent = head
            chosen.append(head)
            covered = index + head.consumed
        if len(found.heads) >= MIN_RULE_HEADS and len(chosen) < self.rule_share * len(found.heads):
            # The model keeps too few of what the rules found (bullet minutes, styled headings the corpus
            # rarely shows): never silently thin, the rules stand and the document is marked unsure.
            return HeadChoice(list(found.heads), {}, 0.0)
        if not chosen and found.heads:
            return HeadChoice(list(found.heads), {}, 0.0)
        # A chosen line is an item with probability p; every decision, chosen or not, is wrong with
        # probability p or 1 − p: their sum is the number of wrong decisions to expect.
        taken = {head.index for head in chosen}
        confidence = {index: p for index, p in probabilities.items() if index in taken}
        doubt = sum((1.0 - p) if index in taken else p for index, p in probabilities.items())
        certainty = max(0.0, 1.0 - doubt / max(1, len(chosen)))
        return HeadChoice(chosen, confidence, round(certainty, 3))

    # --- outcomes ---------------------------------------------------------------------------------
    def outcome(self, part: Segment, evidence: ItemEvidence, *, agenda: bool) -> tuple[Outcome, float]:
        verdict = evidence.verdict
        if "outcomes" not in self.decides:
            return verdict.outcome, verdict.confidence
        features = outcome_features(
            part.title,
            " ".join(s.text for s in evidence.sentences),
            verdict.outcome,
            verdict.confidence,
            agenda=agenda,
            resolution=verdict.resolution,
        )
        probabilities = self.outcomes.probabilities(features)
        best = max(probabilities, key=probabilities.__getitem__)
        if verdict.confidence >= self.rule_outcome_floor or probabilities[best] < self.outcome_threshold:
            best = verdict.outcome
        return best, round(probabilities.get(best, 0.0), 4)  # type: ignore[return-value]

    # --- actions ----------------------------------------------------------------------------------
    def actions(
        self, part: Segment, evidence: ItemEvidence, *, outcome: str, settings: Any
    ) -> list[ExtractedAction]:
        if outcome == "unclear" and (settings.agenda or not evidence.actions):
            return []  # an agenda's item assigns nothing, nor one the rules find no follow-up in
        rule = evidence.actions
        if "actions" not in self.decides:
            return rule
        if len(rule) * len(evidence.sentences) > MAX_OVERLAP_PAIRS:
            # Each sentence is matched against each rule action: past this many pairs (an item of
            # thousands of sentences) the model is not asked and the rules' actions stand.
            return dedupe(rule)
        claimed: set[int] = set()
        out: list[ExtractedAction] = []
        total = max(1, len(evidence.sentences))
        # Without a rule action there is nothing for a sentence to overlap: its words are not needed.
        matcher = _RuleMatcher([action.text for action in rule]) if rule else None
        touched: set[int] = set()  # the rule actions some sentence states
        rising = self._rising_cues()
        stated = (
            matcher.stated([_Text(sentence.text) for sentence in evidence.sentences])
            if matcher is not None
            else [[] for _ in evidence.sentences]
        )
        for position, (sentence, overlapping) in enumerate(zip(evidence.sentences, stated, strict=True)):
            touched.update(overlapping)
            if (overlapping and self.veto_threshold <= 0.0) or not could_assign(
                sentence.text, sentence.line.kind
            ):
                # A probability is never below 0, so with no veto threshold the model cannot overrule the
                # rule actions a sentence states; and with no wording the model knows to assign work it has
                # nothing to add. Either way it is not asked, and a rule's action stands.
                fresh = [i for i in overlapping if i not in claimed]
                out.extend(rule[i] for i in fresh)
                claimed.update(fresh)
                continue
            threshold = self.veto_threshold if overlapping else self.action_threshold
            read = partial(
                sentence_features,
                sentence.text,
                rule_action=bool(overlapping),
                in_table=sentence.line.kind == "table_row",
                list_item=sentence.list_item,
                outcome=outcome,
                explicit_only=settings.explicit_only,
                position=position / total,
                role=sentence.line.role,
            )
            # Most sentences stay below the threshold whatever cue patterns they match: the patterns that
            # could raise the score are not searched, only their gate words (the same decision, cheaper).
            room = self.sentences.room_below(read(cues=False), threshold)
            if (room is not None and cues_stay_below(sentence.text, rising, room)) or (
                self.sentences.probability(read()) < threshold
            ):
                claimed.update(overlapping)  # the model overrules these rule actions
                continue
            fresh = [i for i in overlapping if i not in claimed]
            if fresh:
                out.extend(rule[i] for i in fresh)
                claimed.update(fresh)
            elif not overlapping:
                step, by = active_voice(action_text(sentence.text))
                out.append(
                    ExtractedAction(
                        step,
                        owner_of(sentence.text, settings.people) or by,
                        due_date(
                            sentence.text, settings.meeting_date, settings.month_first, settings.next_meeting
                        ),
                    )
                )
        # Actions the rules found outside any sentence (a table's cells, a resolution clause) stand.
        out.extend(action for i, action in enumerate(rule) if i not in claimed and i not in touched)
        return dedupe(out)

    def _rising_cues(self) -> list[tuple[str, float]]:
        """The pattern cues the sentence model weighs positively, with their weights, the largest first."""
        weights = self.sentences.weights[0]
        rising = [(name, w) for name in PATTERN_CUES if (w := weights.get(f"cue:{name}", 0.0)) > 0.0]
        return sorted(rising, key=lambda pair: -pair[1])

    def item_confidence(self, raw: float) -> float:
        """``raw`` (P(head) × P(outcome)) as the calibrated chance that the item and its outcome are right."""
        slope, intercept = self.item_calibration
        if (slope, intercept) == (1.0, 0.0):
            return raw
        return calibrated(raw, slope, intercept)

    # --- files ------------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "features": FEATURES,
            "head_threshold": self.head_threshold,
            "action_threshold": self.action_threshold,
            "veto_threshold": self.veto_threshold,
            "rule_outcome_floor": self.rule_outcome_floor,
            "keep_clean_sequences": self.keep_clean_sequences,
            "rule_share": self.rule_share,
            "add_threshold": self.add_threshold,
            "outcome_threshold": self.outcome_threshold,
            "item_calibration": list(self.item_calibration),
            "heads": self.heads.to_json(),
            "outcomes": self.outcomes.to_json(),
            "sentences": self.sentences.to_json(),
            "meta": self.meta or {},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Engine:
        if data.get("features") != FEATURES:
            raise ValueError(
                f"engine file made for features {data.get('features')!r}, this code has {FEATURES!r}"
            )
        return cls(
            version=data["version"],
            heads=LinearModel.from_json(data["heads"]),
            outcomes=LinearModel.from_json(data["outcomes"]),
            sentences=LinearModel.from_json(data["sentences"]),
            head_threshold=float(data.get("head_threshold", 0.5)),
            action_threshold=float(data.get("action_threshold", 0.5)),
            veto_threshold=float(data.get("veto_threshold", 0.05)),
            rule_outcome_floor=float(data.get("rule_outcome_floor", 0.5)),
            keep_clean_sequences=bool(data.get("keep_clean_sequences", True)),
            rule_share=float(data.get("rule_share", 0.3)),
            add_threshold=float(data.get("add_threshold", 0.0)),
            outcome_threshold=float(data.get("outcome_threshold", 0.0)),
            item_calibration=_pair(data.get("item_calibration", (1.0, 0.0))),
            meta=data.get("meta") or {},
        )

    @classmethod
    def load(cls, path: str | Path) -> Engine:
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


def choose_head(found: HeadFinding, index: int) -> Head:
    """The head a rule proposed at ``index``; where that rule saw no number but the line prints one
    ("(16-395) Ordinance No. 3161 …"), the line's own reading."""
    head = found.candidates.get(index)
    if head is None:
        return generic_head(found.lines, index)
    if head.number is None and head.kind not in ("letter", "table"):
        generic = generic_head(found.lines, index)
        if generic.number is not None:
            return generic
    return head


def calibrated(p: float, slope: float, intercept: float) -> float:
    """Platt scaling of a probability on its logit: sigmoid(slope × logit(p) + intercept)."""
    p = min(max(p, 1e-4), 1 - 1e-4)
    z = slope * math.log(p / (1 - p)) + intercept
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def _pair(value: Any) -> tuple[float, float]:
    slope, intercept = value
    return float(slope), float(intercept)


def version_of(data: dict[str, Any]) -> str:
    """``<features>-<first 10 hex of the weights' hash>``: two files with the same weights share a version."""
    payload = json.dumps(
        {
            k: data[k]
            for k in (
                "heads",
                "outcomes",
                "sentences",
                "head_threshold",
                "action_threshold",
                "veto_threshold",
                "rule_outcome_floor",
                "keep_clean_sequences",
                "rule_share",
                "add_threshold",
                "outcome_threshold",
                "item_calibration",
            )
            if k in data
        },
        sort_keys=True,
    )
    return f"{FEATURES}-{hashlib.sha256(payload.encode()).hexdigest()[:10]}"


@lru_cache(maxsize=1)
def default_engine() -> Engine | None:
    """The engine shipped in the package, or None (rules alone) when none has been trained."""
    try:
        text = resources.files(__package__).joinpath(ENGINE_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None
    return Engine.from_json(json.loads(text))


# The most (rule action, sentence) pairs one item's actions are matched over.
MAX_OVERLAP_PAIRS = 100_000


class _Text:
    """A text's word set (the scorer's) and its lower-cased, space-collapsed form, worked out once."""

    __slots__ = ("flat", "words")

    def __init__(self, text: str) -> None:
        lowered = text.lower()
        # ``scoring.words``, lower-casing once: what is left between the characters no word holds, blanked by
        # a byte table (a character beyond ASCII, never in a word, is first encoded as "?"), then split; twice
        # as fast as ``scoring.WORD`` finds them
        blanked = lowered.encode("ascii", "replace").translate(_NOT_IN_WORDS).decode("ascii")
        words = set(blanked.split())
        words.difference_update(STOP)  # in place: a few discards, where ``- STOP`` copies the set
        self.words = words
        # A sentence is already on one line with single spaces (the only space ``isprintable`` allows is " "):
        # its lower-cased form is its flat form.
        if lowered.isprintable() and "  " not in lowered and lowered[:1] != " " and lowered[-1:] != " ":
            self.flat = lowered
        else:
            self.flat = " ".join(lowered.split())


# A byte table that blanks each ASCII character ``scoring.WORD`` (``[a-z0-9]+``) leaves out of words.
_NOT_IN_WORDS = bytes(
    code if chr(code).isdigit() or "a" <= chr(code) <= "z" else ord(" ") for code in range(128)
) + bytes(range(128, 256))


class _RuleMatcher:
    """One item's rule actions, indexed by word, so that the actions a sentence states (``_overlaps``) are
    found from the sentence's own words rather than by trying every (action, sentence) pair."""

    __slots__ = ("by_word", "prefixes", "sizes", "vocabulary")

    def __init__(self, actions: list[str]) -> None:
        texts = [_Text(action) for action in actions]
        self.sizes = [len(text.words) for text in texts]
        self.by_word: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            for word in text.words:
                self.by_word.setdefault(word, []).append(i)
        self.vocabulary = frozenset(self.by_word)
        # ``_overlaps``' second test: the action's opening words appear in the sentence.
        self.prefixes = [(i, text.flat[:40]) for i, text in enumerate(texts) if len(text.flat) > 12]

    def overlapping(self, sentence: _Text) -> list[int]:
        """The indexes, in order, of the actions ``_overlaps`` finds stated by ``sentence``."""
        found = self._sharing_words(sentence)
        flat = sentence.flat
        found.update(i for i, prefix in self.prefixes if prefix in flat)
        return sorted(found)

    def stated(self, sentences: list[_Text]) -> list[list[int]]:
        """``overlapping`` of each sentence, the actions' opening words looked for in all the sentences at
        once: in their flat forms joined by newlines (which neither a flat form nor an opening holds, so
        each one found lies within one sentence), a search per action rather than per (action, sentence)."""
        found = [self._sharing_words(sentence) for sentence in sentences]
        joined = "\n".join(sentence.flat for sentence in sentences)
        # where each sentence's flat form starts in ``joined``, and where one past the last would
        starts = list(accumulate((len(sentence.flat) + 1 for sentence in sentences), initial=0))
        for i, prefix in self.prefixes:
            at = joined.find(prefix)
            while at >= 0:
                j = bisect_right(starts, at) - 1
                found[j].add(i)
                at = joined.find(prefix, starts[j + 1])  # on from the next sentence
        return [sorted(indexes) for indexes in found]

    def _sharing_words(self, sentence: _Text) -> set[int]:
        """The actions ``_overlaps``' first test finds stated by ``sentence``: enough words in common."""
        shared: dict[int, int] = {}
        by_word = self.by_word
        for word in sentence.words & self.vocabulary:  # the few words some action holds, found in C
            for i in by_word[word]:
                shared[i] = shared.get(i, 0) + 1
        size, sizes = len(sentence.words), self.sizes
        # The same comparisons as ``_overlaps`` (the union's size is the sizes less the words shared).
        return {
            i
            for i, n in shared.items()
            if n >= 0.3 * (sizes[i] + size - n) or (sizes[i] >= 2 and n >= 0.6 * sizes[i])
        }


def _overlaps(action: str | _Text, sentence: str | _Text) -> bool:
    """Whether a rule's action is stated by a sentence: the scorer's overlap, or its opening words appear in
    it."""
    a = action if isinstance(action, _Text) else _Text(action)
    b = sentence if isinstance(sentence, _Text) else _Text(sentence)
    if a.words and b.words:
        shared = len(a.words & b.words)
        # the scorer's overlap, or most of the action's words (a rule rewords: "Complete the lease
        # (delegated)")
        if shared >= 0.3 * len(a.words | b.words) or (len(a.words) >= 2 and shared >= 0.6 * len(a.words)):
            return True
    return len(a.flat) > 12 and a.flat[:40] in b.flat
