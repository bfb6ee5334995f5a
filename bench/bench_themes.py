"""Suggested themes at the size a facilitator reaches: 500 fragments on one core.

    uv run python bench/bench_themes.py              # 500 fragments, median of 5 runs
    uv run python bench/bench_themes.py --fragments 2000 --runs 3

The fragments are synthetic but shaped like listening notes: 30 participants, sentences drawn from eight
underlying concerns (each with its own words) mixed with everyday filler, so the clustering has real
structure to find. The figure is wall time of ``suggest_themes`` (tokenising, TF-IDF, clustering and
labelling), the median of ``--runs`` runs after one warm-up; the target is under 2 s for 500 fragments.
The bench also checks that two runs give identical suggestions. Run on an idle machine, pinned to one core
where possible (``taskset -c 0``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from traction_analysis.themes import Fragment, suggest_themes

TARGET_S = 2.0
CONCERNS = [
    ("papers", "agenda", "reports", "pages", "late", "reading", "pack"),
    ("trust", "honest", "blame", "defensive", "safe", "challenge", "candour"),
    ("funding", "budget", "money", "cuts", "savings", "contracts", "grant"),
    ("housing", "homes", "tenants", "repairs", "temporary", "accommodation", "landlords"),
    ("discharge", "hospital", "beds", "delays", "wards", "care", "packages"),
    ("voluntary", "sector", "charities", "community", "grassroots", "volunteers", "groups"),
    ("decisions", "decide", "deferred", "again", "postponed", "loop", "nothing"),
    ("data", "dashboard", "figures", "evidence", "metrics", "numbers", "intelligence"),
]
FILLER = (
    "people",
    "partnership",
    "board",
    "meeting",
    "council",
    "colleagues",
    "months",
    "week",
    "often",
    "together",
    "system",
    "leaders",
    "staff",
    "time",
    "work",
)
FRAMES = (
    "I think the {a} and the {b} are the real issue, because {c} keeps coming up with {f}.",
    "Honestly the {a} is a problem; {b} and {c} never get discussed at the {f}.",
    "What worries me is {a}: the {b}, the {c}, and how the {f} responds.",
    "We keep talking about {a} but the {b} and {c} stay the same for the {f}.",
)


def fragments(n: int, seed: int = 7) -> list[Fragment]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        words = CONCERNS[rng.randrange(len(CONCERNS))]
        a, b, c = rng.sample(words, 3)
        text = rng.choice(FRAMES).format(a=a, b=b, c=c, f=rng.choice(FILLER))
        out.append(
            Fragment(
                source=f"note-{i // 8}:facts",
                participant=f"p{i % 30}",
                start=(i % 8) * 200,
                end=(i % 8) * 200 + len(text),
                text=text,
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fragments", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    data = fragments(args.fragments)
    first = suggest_themes(data)  # warm-up, and the reference for determinism
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        result = suggest_themes(list(reversed(data)))
        times.append(time.perf_counter() - started)
        assert result == first, "suggestions differ between runs"
    median = statistics.median(times)
    print(
        f"suggest_themes on {args.fragments} fragments: median {median:.3f} s "
        f"(min {min(times):.3f}, max {max(times):.3f}, {args.runs} runs); target < {TARGET_S} s "
        f"-> {'met' if median < TARGET_S else 'NOT met'}"
    )
    print(f"{len(first.items)} suggestions; {first.message}")
    for s in first.items:
        print(f"  {s.label:45} {len(s.fragments):4} fragments  {s.participants:3} participants")
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
