"""Scoring extracted minutes against gold labels: the figures of ``eval/score_minutes.py``.

The same matching and arithmetic as the evaluation scorer, on plain dicts, so that the web app can
score the corrections its reviewers made (predictions: what the extractor proposed; gold: what a person
accepted) without the evaluation folder. Shapes::

    prediction: {"items": [{"number", "title", "outcome", "actions": [{"text", "owner", "due"}]}]}
    gold:       the same, plus ``partial`` (true when not every item was labelled)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

WORD = re.compile(r"[a-z0-9]+")
STOP = frozenset(
    {"the", "of", "and", "to", "a", "an", "in", "for", "on", "be", "that", "with", "by", "at", "is"}
)
COUNTS = (
    "gold_items",
    "pred_items",
    "matched",
    "outcome_ok",
    "gold_actions",
    "pred_actions",
    "matched_actions",
    "owner_ok",
)

Json = Mapping[str, Any]


def words(text: str | None) -> set[str]:
    return {w for w in WORD.findall((text or "").lower()) if w not in STOP}


def jaccard(a: str | None, b: str | None) -> float:
    x, y = words(a), words(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def norm_number(number: object) -> str:
    """'Item 5.' -> '5', 'Motion 12' -> '12', 'Minute 45/23' -> '4523', '(a)' -> 'a'."""
    text = str(number or "").strip().lower()
    text = re.sub(r"^(?:[a-z][a-z\-]*\.?\s+)+(?=[0-9(])", "", text)
    return re.sub(r"[^0-9a-z]", "", text)


def _greedy(pairs: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def match_items(gold: list[Json], pred: list[Json]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: same number and some title overlap, else strong title overlap."""
    pairs: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = jaccard(g.get("title"), p.get("title"))
            number = norm_number(g.get("number"))
            if number and number == norm_number(p.get("number")):
                pairs.append((1.0 + overlap, gi, pi))
            elif overlap >= 0.5:
                pairs.append((overlap, gi, pi))
    return _greedy(pairs)


def match_actions(gold: list[Json], pred: list[Json]) -> list[tuple[int, int]]:
    pairs = [
        (jaccard(g.get("text"), p.get("text")), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
    ]
    return _greedy([pair for pair in pairs if pair[0] >= 0.3])


def owner_ok(gold: str | None, pred: str | None) -> bool:
    if not gold:
        return not pred
    return bool(words(gold) & words(pred))


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentScore:
    doc: str
    found: bool
    counts: dict[str, int]


def score_document(name: str, gold: Json, prediction: Json | None) -> DocumentScore:
    gitems = list(gold.get("items") or [])
    pitems = list((prediction or {}).get("items") or [])
    pairs = match_items(gitems, pitems)
    matched_p = {pi for _, pi in pairs}
    matched_g = {gi for gi, _ in pairs}
    partial = bool(gold.get("partial"))
    d = dict.fromkeys(COUNTS, 0)
    d.update(
        gold_items=len(gitems), pred_items=len(matched_p) if partial else len(pitems), matched=len(pairs)
    )
    for gi, pi in pairs:
        g, p = gitems[gi], pitems[pi]
        d["outcome_ok"] += (p.get("outcome") or "").lower() == g.get("outcome")
        ga, pa = list(g.get("actions") or []), list(p.get("actions") or [])
        d["gold_actions"] += len(ga)
        d["pred_actions"] += len(pa)
        for a, b in match_actions(ga, pa):
            d["matched_actions"] += 1
            d["owner_ok"] += owner_ok(ga[a].get("owner"), pa[b].get("owner"))
    if not partial:
        d["pred_actions"] += sum(
            len(p.get("actions") or []) for i, p in enumerate(pitems) if i not in matched_p
        )
    d["gold_actions"] += sum(len(g.get("actions") or []) for i, g in enumerate(gitems) if i not in matched_g)
    return DocumentScore(name, prediction is not None, d)


def summarise(scores: Iterable[DocumentScore]) -> dict[str, Any]:
    """The scorer's summary: rounded rates first, then the raw counts, in its order."""
    scores = list(scores)
    t = {key: sum(s.counts[key] for s in scores) for key in COUNTS}
    ip = t["matched"] / t["pred_items"] if t["pred_items"] else 0.0
    ir = t["matched"] / t["gold_items"] if t["gold_items"] else 0.0
    ap = t["matched_actions"] / t["pred_actions"] if t["pred_actions"] else 0.0
    ar = t["matched_actions"] / t["gold_actions"] if t["gold_actions"] else 0.0
    return dict(
        documents=len(scores),
        item_precision=round(ip, 3),
        item_recall=round(ir, 3),
        item_f1=round(f1(ip, ir), 3),
        outcome_accuracy=round(t["outcome_ok"] / t["matched"], 3) if t["matched"] else 0.0,
        outcome_accuracy_all_gold=round(t["outcome_ok"] / t["gold_items"], 3) if t["gold_items"] else 0.0,
        action_precision=round(ap, 3),
        action_recall=round(ar, 3),
        action_f1=round(f1(ap, ar), 3),
        action_owner_accuracy=round(t["owner_ok"] / t["matched_actions"], 3) if t["matched_actions"] else 0.0,
        **t,
    )


def score(
    gold: Mapping[str, Json], predictions: Mapping[str, Json]
) -> tuple[dict[str, Any], list[DocumentScore]]:
    """Score every gold document (by name, sorted) against its prediction; a missing one is fully missed."""
    per_doc = [score_document(name, gold[name], predictions.get(name)) for name in sorted(gold)]
    return summarise(per_doc), per_doc


def format_summary(summary: Mapping[str, Any]) -> str:
    """The scorer's plain output: ``key: value`` lines."""
    return "\n".join(f"{key}: {value}" for key, value in summary.items())
