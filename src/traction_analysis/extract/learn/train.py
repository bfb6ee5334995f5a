"""Train the engine from labelled minutes (needs scikit-learn: ``uv sync`` installs it with the dev tools).

    python -m traction_analysis.extract.learn.train [FOLDER ...] [--corrections FOLDER ...] [--out FILE]

Default folders: ``shared/corpus`` and ``bench/heldout`` of the repository, and ``../shared/data/minutes``
when it is there (``make train`` runs this). Training is deterministic: documents in a fixed order,
lbfgs logistic regression with fixed settings, no random state involved; the same corpus gives the same
file, byte for byte. ``--corrections`` adds label files exported by ``traction eval --write`` (a
partnership's own reviewed documents, with the documents beside them), so its review work teaches the
engine; off unless asked for.

What is learned from each labelled document:
- lines: every candidate line (see ``features.is_candidate``) labelled 1 where a gold item starts (gold
  items aligned to lines in order: same number with some title overlap, or title overlap ≥ 0.5);
- items: with the gold segmentation, the rules' outcome evidence → the gold outcome;
- sentences: each sentence of each gold item → whether it states one of the item's gold actions.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from traction_analysis.extract.learn import ENGINE_FILE, Engine, _overlaps, choose_head, version_of
from traction_analysis.extract.learn.corpus import LabelledDocument, load_corpus
from traction_analysis.extract.learn.features import (
    LineFeatures,
    could_assign,
    outcome_features,
    sentence_features,
)
from traction_analysis.extract.learn.linear import LinearModel
from traction_analysis.extract.learn.resolve import action_text
from traction_analysis.extract.model import OUTCOMES
from traction_analysis.extract.segment import Head, assemble, block_items
from traction_analysis.scoring import jaccard, match_items, norm_number, words

ROOT = Path(__file__).resolve().parents[4]
DEFAULT_FOLDERS = (
    ROOT / "shared" / "corpus",
    ROOT / "bench" / "heldout",
    ROOT.parent / "shared" / "data" / "minutes",
)
PUBLISHERS = ROOT / "bench" / "publishers.json"
OUT = Path(__file__).with_name(ENGINE_FILE)
C_LINES, C_OUTCOMES, C_SENTENCES = 0.5, 0.05, 0.5
# Decision thresholds, chosen once on leave-one-publisher-out predictions (bench/bench_lopo.py --sweep).
HEAD_THRESHOLD, ACTION_THRESHOLD, VETO_THRESHOLD, RULE_FLOOR, RULE_SHARE = 0.2, 0.5, 0.0, 0.55, 0.3
ADD_THRESHOLD, OUTCOME_THRESHOLD = 0.7, 0.4
Example = tuple[dict[str, float], Any]


@dataclass(slots=True)
class DocumentExamples:
    """What one labelled document teaches, computed once (features do not depend on any model)."""

    document: LabelledDocument
    lines: list[Example] = field(default_factory=list)
    outcomes: list[Example] = field(default_factory=list)
    sentences: list[Example] = field(default_factory=list)
    gold_items: int = 0
    reachable_items: int = 0  # gold items whose heading line is a candidate the model can choose
    missed_sentences: int = 0  # sentences stating a gold action that fail the cheap could_assign test
    error: str | None = None


def examples_for(document: LabelledDocument) -> DocumentExamples:
    from traction_analysis.extract.engine import item_evidence, read_document
    from traction_analysis.ingest import read

    out = DocumentExamples(document)
    gold = document.labels.get("items") or []
    out.gold_items = len(gold)
    try:
        reading = read_document(read(str(document.path)))
    except Exception as error:  # noqa: BLE001 - an unreadable document is reported, not fatal
        out.error = f"{type(error).__name__}: {error}"
        return out
    found = reading.found
    if found.structured:
        segments = block_items(found.lines)
        pairs = match_items(gold, [{"number": s.number, "title": s.title} for s in segments])
        matched = {si: gold[gi] for gi, si in pairs}
        out.reachable_items = len(pairs)
        aligned_segments = [(segments[si], matched[si]) for si in sorted(matched)]
    else:
        featurizer = LineFeatures(found)
        candidates = featurizer.candidates
        views = {i: choose_head(found, i) for i in candidates}
        alignment = align(gold, candidates, views, found)
        out.reachable_items = len(alignment)
        starts = set(alignment)
        for index in candidates:
            out.lines.append((featurizer.of(index), int(index in starts)))
        heads = [views[i] for i in sorted(alignment)]
        segments = assemble(found.lines, heads)
        by_line = {id(found.lines[h.index]): gold[alignment[h.index]] for h in heads}
        aligned_segments = [(s, by_line[id(s.head)]) for s in segments if id(s.head) in by_line]
    agenda = reading.settings.agenda
    for segment, item in aligned_segments:
        evidence = item_evidence(segment, reading.settings)
        verdict = evidence.verdict
        body = " ".join(s.text for s in evidence.sentences)
        outcome = item.get("outcome")
        if outcome in OUTCOMES:
            out.outcomes.append(
                (
                    outcome_features(
                        segment.title,
                        body,
                        verdict.outcome,
                        verdict.confidence,
                        agenda=agenda,
                        resolution=verdict.resolution,
                    ),
                    outcome,
                )
            )
        if outcome == "unclear":
            continue
        actions = item.get("actions") or []
        total = max(1, len(evidence.sentences))
        for position, sentence in enumerate(evidence.sentences):
            label = int(any(states(sentence.text, a.get("text")) for a in actions))
            if not could_assign(sentence.text, sentence.line.kind):
                out.missed_sentences += label
                continue
            rule = any(_overlaps(action.text, sentence.text) for action in evidence.actions)
            features = sentence_features(
                sentence.text,
                rule_action=rule,
                in_table=sentence.line.kind == "table_row",
                list_item=sentence.list_item,
                outcome=str(outcome),
                explicit_only=reading.settings.explicit_only,
                position=position / total,
                role=sentence.line.role,
            )
            out.sentences.append((features, label))
    return out


def states(sentence: str, gold_action: str | None) -> bool:
    """Whether a sentence states a gold action: the scorer's overlap, or most of the action's words."""
    if not gold_action:
        return False
    if jaccard(action_text(sentence), gold_action) >= 0.3:
        return True
    wanted = words(gold_action)
    return len(wanted) >= 3 and len(wanted & words(sentence)) / len(wanted) >= 0.7


def align(
    gold: list[dict[str, Any]], candidates: list[int], views: dict[int, Head], found: Any
) -> dict[int, int]:
    """Line index → gold item index, in document order, maximising the summed match score (dynamic
    programme)."""
    lines = found.lines
    n, m = len(gold), len(candidates)
    if not n or not m:
        return {}

    def score(g: dict[str, Any], index: int) -> float:
        view = views[index]
        title = view.title or lines[index].text
        overlap = max(jaccard(g.get("title"), title), jaccard(g.get("title"), lines[index].text))
        if index + 1 < len(lines):
            overlap = max(overlap, jaccard(g.get("title"), f"{lines[index].text} {lines[index + 1].text}"))
        number = norm_number(g.get("number"))
        same = bool(number) and view.number is not None and norm_number(view.number.text) == number
        if same and (overlap >= 0.2 or index in found.candidates):
            return 1.0 + overlap
        return overlap if overlap >= 0.5 else 0.0

    # best[i][j]: best total using gold[:i] and candidates[:j]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    take = [[False] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, above = best[i], best[i - 1]
        for j in range(1, m + 1):
            skip = max(above[j], row[j - 1])
            s = score(gold[i - 1], candidates[j - 1])
            with_pair = above[j - 1] + s if s > 0 else -1.0
            if with_pair > skip:
                row[j], take[i][j] = with_pair, True
            else:
                row[j] = skip
    out: dict[int, int] = {}
    i, j = n, m
    while i and j:
        if take[i][j]:
            out[candidates[j - 1]] = i - 1
            i, j = i - 1, j - 1
        elif best[i - 1][j] >= best[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return out


# --- fitting --------------------------------------------------------------------------------------


def fit_linear(examples: Sequence[Example], *, c: float, binary: bool) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    features = [f for f, _ in examples]
    targets = [t for _, t in examples]
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(features)
    classes = sorted(set(targets))
    if len(classes) == 1:  # nothing to tell apart: a constant model
        label = classes[0]
        if binary:
            return LinearModel(("0", "1"), ({},), (8.0 if label == 1 else -8.0,))
        return LinearModel((str(label),), ({},), (0.0,))
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs", class_weight=None)
    model.fit(matrix, targets)
    names = vectorizer.get_feature_names_out()
    if binary:
        weights = ({str(n): float(w) for n, w in zip(names, model.coef_[0], strict=True) if w},)
        return LinearModel(("0", "1"), weights, (float(model.intercept_[0]),))
    rows = tuple({str(n): float(w) for n, w in zip(names, row, strict=True) if w} for row in model.coef_)
    return LinearModel(tuple(str(c) for c in model.classes_), rows, tuple(float(b) for b in model.intercept_))


def fit_engine(
    examples: Iterable[DocumentExamples],
    *,
    meta: dict[str, Any] | None = None,
    temperatures: dict[str, float] | None = None,
    thresholds: dict[str, float] | None = None,
    item_calibration: Sequence[float] | None = None,
) -> Engine:
    examples = list(examples)
    lines = [e for doc in examples for e in doc.lines]
    outcomes = [e for doc in examples for e in doc.outcomes]
    sentences = [e for doc in examples for e in doc.sentences]
    t = temperatures or {}
    heads = _with_temperature(fit_linear(lines, c=C_LINES, binary=True), t.get("heads", 1.0))
    outcome_model = _with_temperature(
        fit_linear(outcomes, c=C_OUTCOMES, binary=False), t.get("outcomes", 1.0)
    )
    sentence_model = _with_temperature(
        fit_linear(sentences, c=C_SENTENCES, binary=True), t.get("sentences", 1.0)
    )
    th = thresholds or {}
    data: dict[str, Any] = {
        "heads": heads.to_json(),
        "outcomes": outcome_model.to_json(),
        "sentences": sentence_model.to_json(),
        "head_threshold": th.get("heads", HEAD_THRESHOLD),
        "action_threshold": th.get("actions", ACTION_THRESHOLD),
        "veto_threshold": th.get("veto", VETO_THRESHOLD),
        "rule_outcome_floor": th.get("rule_outcome", RULE_FLOOR),
        "rule_share": th.get("rule_share", RULE_SHARE),
        "add_threshold": th.get("add", ADD_THRESHOLD),
        "outcome_threshold": th.get("outcome", OUTCOME_THRESHOLD),
    }
    slope, intercept = item_calibration or (1.0, 0.0)
    if (slope, intercept) != (1.0, 0.0):
        data["item_calibration"] = [float(slope), float(intercept)]
    return Engine(
        version=version_of(data),
        heads=heads,
        outcomes=outcome_model,
        sentences=sentence_model,
        head_threshold=data["head_threshold"],
        action_threshold=data["action_threshold"],
        veto_threshold=data["veto_threshold"],
        rule_outcome_floor=data["rule_outcome_floor"],
        rule_share=data["rule_share"],
        add_threshold=data["add_threshold"],
        outcome_threshold=data["outcome_threshold"],
        item_calibration=(float(slope), float(intercept)),
        meta=meta or {},
    )


def _with_temperature(model: LinearModel, temperature: float) -> LinearModel:
    return LinearModel(model.classes, model.weights, model.bias, temperature)


def collect(folders: Sequence[Path], *, quiet: bool = False) -> list[DocumentExamples]:
    manifest = json.loads(PUBLISHERS.read_text(encoding="utf-8")) if PUBLISHERS.exists() else {}
    documents = load_corpus(folders, manifest)
    out = []
    for document in documents:
        examples = examples_for(document)
        if not quiet:
            status = examples.error or (
                f"{examples.reachable_items}/{examples.gold_items} items aligned, "
                f"{len(examples.lines)} lines, {len(examples.sentences)} sentences"
            )
            print(f"  {document.publisher:40} {document.name[:60]:60} {status}", file=sys.stderr)
        out.append(examples)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folders", nargs="*", type=Path, help="folders of labelled minutes")
    parser.add_argument(
        "--corrections",
        nargs="*",
        type=Path,
        default=[],
        help="folders of label files exported by `traction eval --write`, with their documents",
    )
    parser.add_argument("--out", type=Path, default=OUT, help=f"engine file to write (default {OUT})")
    parser.add_argument(
        "--calibration",
        type=Path,
        default=ROOT / "bench" / "calibration.json",
        help="temperatures and thresholds fitted by bench/bench_lopo.py (used when present)",
    )
    args = parser.parse_args(argv)
    folders = [f for f in (args.folders or list(DEFAULT_FOLDERS)) + list(args.corrections) if f.is_dir()]
    started = time.perf_counter()
    examples = collect(folders)
    usable = [e for e in examples if e.error is None]
    calibration = (
        json.loads(args.calibration.read_text(encoding="utf-8")) if args.calibration.exists() else {}
    )
    publishers = Counter(e.document.publisher for e in usable)
    meta = {
        "documents": len(usable),
        "publishers": len(publishers),
        "families": dict(sorted(Counter(e.document.family for e in usable).items())),
        "line_examples": sum(len(e.lines) for e in usable),
        "outcome_examples": sum(len(e.outcomes) for e in usable),
        "sentence_examples": sum(len(e.sentences) for e in usable),
    }
    engine = fit_engine(
        usable,
        meta=meta,
        temperatures=calibration.get("temperatures"),
        thresholds=calibration.get("thresholds"),
        item_calibration=calibration.get("items"),
    )
    args.out.write_text(json.dumps(engine.to_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"engine {engine.version}: {meta['documents']} documents from {meta['publishers']} publishers, "
        f"{meta['line_examples']} lines, {meta['outcome_examples']} items, {meta['sentence_examples']} "
        f"sentences; "
        f"written to {args.out} in {time.perf_counter() - started:.1f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
