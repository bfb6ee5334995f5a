"""The governance pages that many people read at once, one request at a time: the action log, the decision
register and the meeting page with the most agenda items, as the demo secretary.

    uv run python bench/bench_governance_pages.py                  # SQLite
    uv run python bench/bench_governance_pages.py --db postgres    # PostgreSQL (traction_bench_governance)
    uv run python bench/bench_governance_pages.py --profile meeting  # cProfile of one page, top 30

A fresh database gets the demo (``load_demo``). Each page is fetched through Django's test client after
one warm-up request, ``--repeat`` times (``pagebench.timed``); besides the times, the queries of one warm
request and the size of the page. With ``--cold`` the cache is cleared before every request: the figures
of the first request after a change to the record. Figures go to bench/out/governance-<db>.json and
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from pagebench import ColdClient, demo_client, timed  # noqa: E402  (beside this script)

OUT = HERE / "out"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_bench_governance")
PAGES = ("actions", "decisions", "meeting")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cold", action="store_true", help="clear the cache before every request")
    parser.add_argument("--profile", choices=PAGES, help="print a cProfile of this page instead")
    args = parser.parse_args()

    client = demo_client(args.db, PG_URL, "traction-bench-governance-")
    from django.db import connection
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from traction.governance.models import Meeting

    meeting = (
        Meeting.objects.filter(partnership__slug="riverside")
        .annotate(n=Count("items"))
        .order_by("-n", "pk")
        .first()
    )
    assert meeting is not None
    paths = {
        "actions": reverse("governance:action-list", kwargs={"slug": "riverside"}),
        "decisions": reverse("governance:decision-list", kwargs={"slug": "riverside"}),
        "meeting": reverse("governance:meeting-detail", kwargs={"slug": "riverside", "pk": meeting.pk}),
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
    report = {"db": args.db, "cold": args.cold, "repeat": args.repeat, "pages": results}
    OUT.mkdir(exist_ok=True)
    (OUT / f"governance-{args.db}{'-cold' if args.cold else ''}.json").write_text(
        json.dumps(report, indent=2)
    )
    for name, f in results.items():
        print(
            f"{name:10} median {f['median_ms']:7.1f} ms  p95 {f['p95_ms']:7.1f} ms  "
            f"{f['queries']:3} queries  {f['kilobytes']:4} KB"
        )


if __name__ == "__main__":
    main()
