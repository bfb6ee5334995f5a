"""The diagnosis pages on the demo partnership: a body's profile and the partnership overview.

    uv run python bench/bench_diagnosis_pages.py                 # SQLite
    uv run python bench/bench_diagnosis_pages.py --db postgres   # PostgreSQL (traction_bench_diagnosis)
    uv run python bench/bench_diagnosis_pages.py --scale 20      # a large partnership (load_demo --scale 20)

A fresh database gets the demo (``load_demo``, dates relative to today). Each page is fetched through
Django's test client as the demo secretary, after one warm-up request, ``--repeat`` times: the default
period (no query string) and an explicit quarter. With ``--cold`` the page cache is cleared before every
request, so the figures are those of the first request after a change to the record.

Target: each under 300 ms. Figures go to bench/out/diagnosis-<db>[-scale<N>].json and docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from pagebench import ColdClient, demo_client, timed  # noqa: E402  (beside this script)

OUT = HERE / "out"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_bench_diagnosis")
TARGET_MS = 300


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--cold", action="store_true", help="clear the cache before every request")
    parser.add_argument(
        "--scale", type=int, default=1, help="the demo at this scale (load_demo --scale; 1: as it is)"
    )
    args = parser.parse_args()

    client = demo_client(args.db, PG_URL, "traction-bench-diagnosis-", args.scale)
    from django.urls import reverse

    from traction.governance.models import Body

    body = Body.objects.filter(partnership__slug="riverside").order_by("pk").first()
    assert body is not None
    profile = reverse("diagnosis:body-profile", kwargs={"slug": "riverside", "pk": body.pk})
    overview = reverse("diagnosis:overview", kwargs={"slug": "riverside"})
    quarter = "?period=quarter&from=2026-01-01"
    pages = {
        f"profile of {body.name}, default period": profile,
        f"profile of {body.name}, a quarter": profile + quarter,
        "overview, default period": overview,
        "overview, a quarter": overview + quarter,
    }
    getter: Any = ColdClient(client) if args.cold else client
    results = {name: timed(getter, path, args.repeat) for name, path in pages.items()}
    report = {"db": args.db, "scale": args.scale, "cold": args.cold, "repeat": args.repeat, "pages": results}
    OUT.mkdir(exist_ok=True)
    scaled = f"-scale{args.scale}" if args.scale > 1 else ""
    (OUT / f"diagnosis-{args.db}{scaled}{'-cold' if args.cold else ''}.json").write_text(
        json.dumps(report, indent=2)
    )
    for name, figures in results.items():
        mark = "" if figures["median_ms"] < TARGET_MS else "  (over the 300 ms target)"
        print(f"{name:45} median {figures['median_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms{mark}")


if __name__ == "__main__":
    main()
