"""The governance pages that many people read at once, one request at a time: the action log, the decision
register, the meeting page with the most agenda items and search (two queries drawn from the record), as
the demo secretary.

    uv run python bench/bench_governance_pages.py                  # SQLite
    uv run python bench/bench_governance_pages.py --db postgres    # PostgreSQL (traction_bench_governance)
    uv run python bench/bench_governance_pages.py --profile meeting  # cProfile of one page, top 30
    uv run python bench/bench_governance_pages.py --scale 20 --db postgres  # a large partnership

A fresh database gets the demo (``load_demo``). Each page is fetched through Django's test client after
one warm-up request, ``--repeat`` times (``pagebench.timed``); besides the times, the queries of one warm
request and the size of the page. With ``--cold`` the cache is cleared before every request: the figures
of the first request after a change to the record. Figures go to bench/out/governance-<db>[-scale<N>].json and
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from pagebench import ColdClient, demo_client, search_queries, timed  # noqa: E402  (beside this script)

OUT = HERE / "out"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_bench_governance")
PAGES = ("actions", "decisions", "meeting", "search", "search2")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cold", action="store_true", help="clear the cache before every request")
    parser.add_argument("--profile", choices=PAGES, help="print a cProfile of this page instead")
    parser.add_argument(
        "--scale", type=int, default=1, help="the demo at this scale (load_demo --scale; 1: as it is)"
    )
    args = parser.parse_args()

    client = demo_client(args.db, PG_URL, "traction-bench-governance-", args.scale)
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from traction.core.models import Partnership
    from traction.governance.models import Meeting

    meeting = (
        Meeting.objects.filter(partnership__slug="riverside")
        .annotate(n=Count("items"))
        .order_by("-n", "pk")
        .first()
    )
    assert meeting is not None
    search = reverse("governance:search-results", kwargs={"slug": "riverside"})
    words = search_queries(Partnership.objects.get(slug="riverside"))
    paths = {
        "actions": reverse("governance:action-list", kwargs={"slug": "riverside"}),
        "decisions": reverse("governance:decision-list", kwargs={"slug": "riverside"}),
        "meeting": reverse("governance:meeting-detail", kwargs={"slug": "riverside", "pk": meeting.pk}),
        "search": f"{search}?{urlencode({'q': words[0]})}",
        "search2": f"{search}?{urlencode({'q': words[1]})}",
    }
    if args.profile:
        path = paths[args.profile]
        client.get(path)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(5):
            client.get(path)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
        return
    getter: Any = ColdClient(client) if args.cold else client
    results = {}
    for name, path in paths.items():
        figures: dict[str, Any] = timed(getter, path, args.repeat)
        if args.cold:
            getter.get(path)  # the cache cleared, as the timed requests had it
        with CaptureQueriesContext(connection) as queries:
            response = getter.get(path)
        figures |= {"queries": len(queries), "kilobytes": round(len(response.content) / 1024)}
        results[name] = figures
    report = {
        "db": args.db,
        "scale": args.scale,
        "cold": args.cold,
        "repeat": args.repeat,
        "paths": paths,
        "pages": results,
    }
    OUT.mkdir(exist_ok=True)
    scaled = f"-scale{args.scale}" if args.scale > 1 else ""
    (OUT / f"governance-{args.db}{scaled}{'-cold' if args.cold else ''}.json").write_text(
        json.dumps(report, indent=2)
    )
    print(f"search: {words[0]!r} (search), {words[1]!r} (search2)")
    for name, f in results.items():
        print(
            f"{name:10} median {f['median_ms']:7.1f} ms  p95 {f['p95_ms']:7.1f} ms  "
            f"{f['queries']:3} queries  {f['kilobytes']:4} KB"
        )


if __name__ == "__main__":
    main()
