"""Topic linking quality: pairwise precision and recall of topic keys against hand-labelled topics.

Each file in ``bench/topics/`` (``--data``) holds items (body, meeting date, number, title, resolution,
outcome, papers) with a gold ``topic`` (``null`` for procedural items). Two items are a *pair* when they
share a topic. Precision is the share of predicted pairs that are gold pairs; recall is the share of
gold pairs that were predicted. Three methods are compared:

- ``title only``: titles alone, explicit references off: the first version of the linking;
- ``titles + references``: titles alone, with the references a title carries ("deferred from…");
- ``full linking``: titles, resolutions, paper titles, meeting dates, outcomes and numbers.

    uv run python bench/bench_topics.py
    uv run python bench/bench_topics.py --timing 20   # also: wall time on the demo set copied 20 times

``--timing N`` copies the demo items N times (each copy 400 days earlier, spread over five copies of each
body) and prints the wall time of the title-only method and of the full linking on them.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import time
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from traction_analysis.diagnosis.topics import TopicInput, assign_topics  # noqa: E402

DATA = Path(__file__).with_name("topics")
Pair = tuple[Hashable, Hashable]


def load(path: Path) -> list[dict[str, object]]:
    return list(json.loads(path.read_text())["items"])


def full_input(item: dict[str, object]) -> TopicInput:
    return TopicInput(
        item["id"],
        item["body"],
        str(item["title"]),
        item["outcome"] == "procedural",
        resolution=str(item.get("resolution") or ""),
        papers=tuple(item.get("papers") or ()),
        meeting=datetime.date.fromisoformat(str(item["meeting_date"])),
        body_name=str(item["body"]),
        outcome=str(item["outcome"]),
        number=str(item.get("number") or ""),
    )


def title_input(item: dict[str, object]) -> TopicInput:
    return TopicInput(item["id"], item["body"], str(item["title"]), item["outcome"] == "procedural")


METHODS = {
    "title only": lambda items: assign_topics([title_input(i) for i in items], title_only=True),
    "titles + references": lambda items: assign_topics([title_input(i) for i in items]),
    "full linking": lambda items: assign_topics([full_input(i) for i in items]),
}


def pairs(labels: dict[Hashable, str | None]) -> set[Pair]:
    groups: dict[str, list[Hashable]] = defaultdict(list)
    for key, label in labels.items():
        if label is not None:
            groups[label].append(key)
    found: set[Pair] = set()
    for members in groups.values():
        found.update((a, b) if str(a) <= str(b) else (b, a) for a, b in combinations(members, 2))
    return found


def score(predicted: set[Pair], gold: set[Pair]) -> tuple[float, float, int, int, int]:
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 1.0
    recall = hits / len(gold) if gold else 1.0
    return precision, recall, hits, len(predicted), len(gold)


def measure(items: Sequence[dict[str, object]]) -> dict[str, tuple[set[Pair], set[Pair]]]:
    """Each method's predicted pairs, with the gold pairs."""
    gold = pairs({i["id"]: i["topic"] for i in items})  # type: ignore[misc]
    return {name: (pairs(method(items)), gold) for name, method in METHODS.items()}


def table(rows: Iterable[tuple[str, int, dict[str, tuple[float, float, int, int, int]]]]) -> str:
    lines = [
        "| set | items | method | precision | recall | F1 | pairs right / predicted / gold |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, count, figures in rows:
        for method, (p, r, hits, predicted, gold) in figures.items():
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            lines.append(
                f"| {name} | {count} | {method} | {p:.3f} | {r:.3f} | {f1:.3f} | "
                f"{hits} / {predicted} / {gold} |"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder of labelled JSON files")
    parser.add_argument(
        "--timing",
        type=int,
        default=0,
        metavar="N",
        help="also time both methods on the demo items copied N times",
    )
    args = parser.parse_args(argv)
    rows = []
    total: dict[str, tuple[set[Pair], set[Pair]]] = {name: (set(), set()) for name in METHODS}
    count = 0
    for path in sorted(args.data.glob("*.json")):
        items = load(path)
        found = measure(items)
        for name, (predicted, gold) in found.items():  # the sets are independent: pairs never cross them
            total[name][0].update(predicted)
            total[name][1].update(gold)
        count += len(items)
        rows.append((path.stem, len(items), {name: score(*both) for name, both in found.items()}))
    rows.append(("all", count, {name: score(*both) for name, both in total.items()}))
    print(table(rows))
    if args.timing:
        print(timing(load(args.data / "demo.json"), args.timing))
    return 0


def timing(items: Sequence[dict[str, object]], copies: int) -> str:
    big = [
        {
            **item,
            "id": f"{item['id']}~{k}",
            "body": f"{item['body']} {k % 5}",
            "meeting_date": (
                datetime.date.fromisoformat(str(item["meeting_date"])) - datetime.timedelta(days=400 * k)
            ).isoformat(),
        }
        for k in range(copies)
        for item in items
    ]
    lines = []
    for name in ("title only", "full linking"):
        started = time.perf_counter()
        METHODS[name](big)
        lines.append(f"{name}: {len(big)} items in {time.perf_counter() - started:.2f} s")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
