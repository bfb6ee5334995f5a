"""Leave-one-publisher-out: for each publisher, train on every other publisher's documents, score on its own.

    uv run python bench/bench_lopo.py [FOLDER ...] [--write-calibration] [--json bench/out/lopo.json]

Default folders are the training corpus (``shared/corpus``, ``bench/heldout`` and, when present,
``../shared/data/minutes``). Each held-out document is extracted by the whole pipeline with the fold's
engine (``extract(document, engine)``) and by the rules alone, and scored with the evaluation scorer's
rules (``traction_analysis.scoring``). Printed: overall, per format, per publisher family and per
publisher, rules vs learned, and the calibration of the learned probabilities (expected calibration
error of line decisions, outcomes and items, before and after the temperature fitted here).
The held-out predictions go to ``bench/out/lopo-predictions.jsonl`` (engine) and
``bench/out/lopo-rules-predictions.jsonl`` (rules alone). ``--write-calibration`` writes those
temperatures to ``bench/calibration.json``, which ``make train`` uses.
Targets: item F1 ≥ 0.92, outcome accuracy ≥ 0.90, action F1 ≥ 0.65.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from traction_analysis.extract.engine import extract  # noqa: E402
from traction_analysis.extract.learn import calibrated  # noqa: E402
from traction_analysis.extract.learn.linear import LinearModel, expected_calibration_error  # noqa: E402
from traction_analysis.extract.learn.train import DEFAULT_FOLDERS, collect, fit_engine  # noqa: E402
from traction_analysis.ingest import read  # noqa: E402
from traction_analysis.scoring import match_items, score  # noqa: E402

OUT = ROOT / "bench" / "out"
CALIBRATION = ROOT / "bench" / "calibration.json"
TEMPERATURES = [0.5 + 0.05 * i for i in range(51)]  # 0.5 … 3.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--write-calibration", action="store_true")
    parser.add_argument("--json", type=Path, default=OUT / "lopo.json")
    parser.add_argument(
        "--sweep",
        default="",
        help="comma-separated HEAD[/ACTION[/VETO[/RULE_OUTCOME_FLOOR[/RULE_SHARE[/ADD[/OUTCOME]]]]]] "
        "thresholds to compare (overall only)",
    )
    parser.add_argument(
        "--decides",
        default="heads,outcomes,actions",
        help="which decisions the models take (ablation); the rest stay with the rules",
    )
    args = parser.parse_args(argv)
    folders = [f for f in (args.folders or list(DEFAULT_FOLDERS)) if f.is_dir()]
    started = time.perf_counter()
    examples = [e for e in collect(folders, quiet=True) if e.error is None]
    by_publisher: dict[str, list] = defaultdict(list)
    for example in examples:
        by_publisher[example.document.publisher].append(example)
    documents = {e.document.name: read(str(e.document.path)) for e in examples}
    gold = {e.document.name: e.document.labels for e in examples}
    learned, rules = {}, {}
    sweep = [tuple(float(x) for x in t.split("/")) for t in args.sweep.split(",") if t]
    swept: dict[float, dict] = {t: {} for t in sweep}
    heads_p, outcomes_p, sentences_p, items_p = [], [], [], []
    for publisher, held in sorted(by_publisher.items()):
        engine = fit_engine([e for e in examples if e.document.publisher != publisher])
        engine = dataclasses.replace(engine, decides=frozenset(args.decides.split(",")))
        for example in held:
            name = example.document.name
            learned[name] = extract(documents[name], engine).to_dict()
            rules[name] = extract(documents[name], None).to_dict()
            for threshold in sweep:
                values = dict(
                    zip(
                        (
                            "head_threshold",
                            "action_threshold",
                            "veto_threshold",
                            "rule_outcome_floor",
                            "rule_share",
                            "add_threshold",
                            "outcome_threshold",
                        ),
                        threshold,
                        strict=False,
                    )
                )
                swept[threshold][name] = extract(
                    documents[name], dataclasses.replace(engine, **values)
                ).to_dict()
            heads_p += [(engine.heads.scores(f)[0], y) for f, y in example.lines]
            sentences_p += [(engine.sentences.scores(f)[0], y) for f, y in example.sentences]
            outcomes_p += [
                (engine.outcomes.scores(f), engine.outcomes.classes, y) for f, y in example.outcomes
            ]
            items_p += _item_confidences(gold[name], learned[name])
    elapsed = time.perf_counter() - started

    families = {e.document.name: e.document.family for e in examples}
    formats = {e.document.name: e.document.format for e in examples}
    publishers = {e.document.name: e.document.publisher for e in examples}
    report: dict = {"documents": len(examples), "publishers": len(by_publisher), "seconds": round(elapsed, 1)}
    print(
        f"== leave-one-publisher-out: {len(examples)} documents, {len(by_publisher)} publishers, "
        f"{elapsed:.0f}s"
    )
    report["overall"] = _table("overall", {"all": list(gold)}, gold, rules, learned)
    for threshold, predictions in swept.items():
        _table(f"thresholds (heads, actions) {threshold}", {"all": list(gold)}, gold, rules, predictions)
    report["format"] = _table("format", _group(formats), gold, rules, learned)
    report["family"] = _table("family", _group(families), gold, rules, learned)
    report["publisher"] = _table("publisher", _group(publishers), gold, rules, learned)

    calibration = {
        "heads": _binary_calibration(heads_p),
        "sentences": _binary_calibration(sentences_p),
        "outcomes": _multiclass_calibration(outcomes_p),
        "items_ece": round(expected_calibration_error([p for p, _ in items_p], [ok for _, ok in items_p]), 3),
        "item_platt": _item_calibration(items_p),
        "items": len(items_p),
    }
    report["calibration"] = calibration
    print("\n== calibration (expected calibration error, 10 bins; temperature fitted on these predictions)")
    for name in ("heads", "sentences", "outcomes"):
        c = calibration[name]
        print(
            f"   {name:10} ECE {c['ece_before']:.3f} -> {c['ece_after']:.3f}"
            f" at temperature {c['temperature']:.2f}"
            f" ({c['n']} decisions)"
        )
    print(
        f"   item confidence (engine as trained in each fold) ECE {calibration['items_ece']:.3f} "
        f"-> {calibration['item_platt']['ece_after']:.3f} after Platt scaling (slope "
        f"{calibration['item_platt']['slope']:.2f}, intercept {calibration['item_platt']['intercept']:.2f})"
        f" over {calibration['items']} predicted items"
    )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "lopo-predictions.jsonl").write_text(
        "".join(json.dumps(p) + "\n" for p in learned.values()), encoding="utf-8"
    )
    (OUT / "lopo-rules-predictions.jsonl").write_text(
        "".join(json.dumps(p) + "\n" for p in rules.values()), encoding="utf-8"
    )
    args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    if args.write_calibration:
        CALIBRATION.write_text(
            json.dumps(
                {
                    "temperatures": {
                        n: calibration[n]["temperature"] for n in ("heads", "sentences", "outcomes")
                    },
                    "items": [calibration["item_platt"]["slope"], calibration["item_platt"]["intercept"]],
                },
                indent=1,
            )
            + "\n"
        )
        print(f"   temperatures and item scaling written to {CALIBRATION.relative_to(ROOT)}")
    return 0


def _group(mapping: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for name, key in mapping.items():
        out[key].append(name)
    return dict(sorted(out.items()))


def _table(title: str, groups: dict[str, list[str]], gold: dict, rules: dict, learned: dict) -> dict:
    print(
        f"\n{title:40} docs | rules: item F1  outcome  action F1 |"
        " learned: item P/R/F1          outcome  action P/R/F1"
    )
    out = {}
    for key, names in groups.items():
        g = {n: gold[n] for n in names}
        r, _ = score(g, {n: rules[n] for n in names})
        s, _ = score(g, {n: learned[n] for n in names})
        out[key] = {"rules": r, "learned": s}
        print(
            f"{key[:40]:40} {len(names):4} |  {r['item_f1']:.3f}   {r['outcome_accuracy']:.3f}"
            f"   {r['action_f1']:.3f}   |"
            f"  {s['item_precision']:.2f}/{s['item_recall']:.2f}/{s['item_f1']:.3f}"
            f"   {s['outcome_accuracy']:.3f}"
            f"   {s['action_precision']:.2f}/{s['action_recall']:.2f}/{s['action_f1']:.3f}"
        )
    return out


def _item_confidences(gold: dict, predicted: dict) -> list[tuple[float, bool]]:
    gitems, pitems = gold.get("items") or [], predicted.get("items") or []
    pairs = {pi: gi for gi, pi in match_items(gitems, pitems)}
    out = []
    for index, item in enumerate(pitems):
        right = index in pairs and (item.get("outcome") == gitems[pairs[index]].get("outcome"))
        if gold.get("partial") and index not in pairs:
            continue
        out.append((float(item.get("confidence") or 0.0), right))
    return out


SLOPES = [0.1 * i for i in range(1, 41)]  # 0.1 … 4.0
INTERCEPTS = [-3.0 + 0.1 * i for i in range(61)]  # −3.0 … 3.0


def _item_calibration(scored: list[tuple[float, bool]]) -> dict:
    """Platt scaling of the items' confidence (slope and intercept on its logit, by grid search on the
    negative log-likelihood of "the item and its outcome are right"), with the ECE before and after."""

    def nll(slope: float, intercept: float) -> float:
        total = 0.0
        for p, right in scored:
            q = calibrated(p, slope, intercept)
            total -= math.log(max(1e-12, q if right else 1 - q))
        return total

    best = (
        min(((a, b) for a in SLOPES for b in INTERCEPTS), key=lambda ab: nll(*ab)) if scored else (1.0, 0.0)
    )
    slope, intercept = round(best[0], 2), round(best[1], 2)
    after = [calibrated(p, slope, intercept) for p, _ in scored]
    return {
        "slope": slope,
        "intercept": intercept,
        "ece_after": round(expected_calibration_error(after, [ok for _, ok in scored]), 3),
    }


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def _binary_calibration(scored: list[tuple[float, int]]) -> dict:
    def probabilities(t: float) -> list[float]:
        return [_sigmoid(s / t) for s, _ in scored]

    def nll(t: float) -> float:
        pairs = zip(probabilities(t), scored, strict=True)
        return -sum(math.log(max(1e-12, p if y else 1 - p)) for p, (_, y) in pairs)

    best = min(TEMPERATURES, key=nll) if scored else 1.0

    # ECE of the decision's confidence (max(p, 1-p)) against whether the decision was right
    def ece(t: float) -> float:
        ps = probabilities(t)
        conf = [max(p, 1 - p) for p in ps]
        right = [(p >= 0.5) == bool(y) for p, (_, y) in zip(ps, scored, strict=True)]
        return expected_calibration_error(conf, right)

    return {
        "n": len(scored),
        "temperature": round(best, 2),
        "ece_before": round(ece(1.0), 3),
        "ece_after": round(ece(best), 3),
    }


def _multiclass_calibration(scored: list) -> dict:
    def probabilities(t: float) -> list[tuple[float, bool]]:
        out = []
        for scores, classes, y in scored:
            model = LinearModel(tuple(classes), ({},) * len(classes), tuple(scores), t)
            p = model.probabilities({})
            best = max(p, key=p.__getitem__)
            out.append((p, best == y, y))
        return out

    def nll(t: float) -> float:
        return -sum(math.log(max(1e-12, p.get(y, 0.0))) for p, _, y in probabilities(t))

    best = min(TEMPERATURES, key=nll) if scored else 1.0

    def ece(t: float) -> float:
        rows = probabilities(t)
        return expected_calibration_error([max(p.values()) for p, _, _ in rows], [ok for _, ok, _ in rows])

    return {
        "n": len(scored),
        "temperature": round(best, 2),
        "ece_before": round(ece(1.0), 3),
        "ece_after": round(ece(best), 3),
    }


if __name__ == "__main__":
    raise SystemExit(main())
