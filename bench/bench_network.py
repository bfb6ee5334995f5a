"""Benchmark of the relationship network's pure computation: measures and the SVG drawing of a network of
2,000 people and 20,000 ties (sampled betweenness) and of a survey-sized one of 25 people (exact).

No database: ``uv run python bench/bench_network.py [--repeat N]`` prints median and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from traction_analysis.stakeholders.network import Node, Tie, build_graph, measures, svg


def network(people: int, ties: int, organisations: int = 12, seed: int = 1) -> tuple[list[Node], list[Tie]]:
    """People in organisations, most ties inside an organisation, a few across: the shape of a partnership."""
    rng = random.Random(seed)
    nodes = [Node(i, f"Person {i}", f"Organisation {i % organisations}") for i in range(people)]
    found: dict[tuple[int, int], Tie] = {}
    while len(found) < ties:
        a = rng.randrange(people)
        if rng.random() < 0.8:
            b = rng.randrange(a % organisations, people, organisations)
        else:
            b = rng.randrange(people)
        if a != b:
            found[a, b] = Tie(a, b, rng.randint(1, 4), rng.choice((1.0, 2.0, 2.67, 3.0, 3.33, 4.0)))
    return nodes, list(found.values())


def run(people: int, ties: int, stages: dict[str, list[float]] | None = None) -> float:
    nodes, links = network(people, ties)
    start = time.perf_counter()
    graph = build_graph(nodes, links)
    built = time.perf_counter()
    found = measures(graph)
    measured = time.perf_counter()
    svg(graph, found, title="Network")
    drawn = time.perf_counter()
    if stages is not None:
        for name, (a, b) in {
            "graph": (start, built),
            "measures": (built, measured),
            "svg": (measured, drawn),
        }.items():
            stages.setdefault(name, []).append((b - a) * 1000)
    return (drawn - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    run(25, 300)  # warm-up: the first layout imports numpy and scipy
    for people, ties in ((25, 300), (2000, 20000)):
        stages: dict[str, list[float]] = {}
        times = sorted(run(people, ties, stages) for _ in range(args.repeat))
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        parts = ", ".join(f"{name} {statistics.median(v):.0f}" for name, v in stages.items())
        median = statistics.median(times)
        print(f"{people} people, {ties} ties: median {median:.0f} ms, p95 {p95:.0f} ms ({parts})")


if __name__ == "__main__":
    main()
