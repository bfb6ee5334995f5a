"""Shared direction pages at scale: 200 indicators × 10 years of quarterly values.

    uv run python bench/bench_direction.py                 # SQLite
    uv run python bench/bench_direction.py --db postgres   # PostgreSQL (database traction_bench_direction)

A fresh database gets one partnership with 20 agreed outcomes under 4 goals, 200 indicators (10 per
outcome, half population, half service) and, for each, 40 quarterly values for its own area and 40 for
its benchmark area (16,000 values), each with a 95% confidence interval. The pages are fetched through
Django's test client as a signed-in viewer, after one warm-up request, ``--repeat`` times each:

  - the outcomes page (all 20 outcomes), an outcome's page (10 indicators with their summaries);
  - the partnership on a page (every outcome and indicator, latest value, direction and comparison);
  - an indicator's page with its turn-the-curve chart; the indicator list (all 200).

Target: the outcomes page and an indicator's chart each under 300 ms. Figures go to
bench/out/direction-<db>.json and docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from pagebench import prepare_database, timed  # noqa: E402  (beside this script)

OUT = HERE / "out"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_bench_direction")
TARGET_MS = 300


def build(n_indicators: int, quarters: int) -> dict[str, int]:
    """The partnership, written straight to the ORM in bulk (the pages, not the writes, are measured)."""
    import random

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from traction.core.models import Membership, Partnership, Role
    from traction.direction.models import Goal, Indicator, IndicatorValue, SharedOutcome, Status
    from traction.governance.models import AgendaItem, Body, Meeting

    rng = random.Random(11)
    partnership = Partnership.objects.create(name="Bench partnership", slug="bench")
    user = get_user_model().objects.create_user("viewer", password="not-used")
    Membership.objects.create(user=user, partnership=partnership, role=Role.VIEWER)
    body = Body.objects.create(partnership=partnership, name="Health and Wellbeing Board")
    meeting = Meeting.objects.create(partnership=partnership, body=body, start=timezone.now())
    item = AgendaItem.objects.create(
        partnership=partnership,
        meeting=meeting,
        title="Shared outcomes",
        outcome="decided",
        resolution="Agreed.",
    )
    agreed = {"status": Status.AGREED, "agreed_item": item}
    goals = [
        Goal.objects.create(partnership=partnership, title=f"Goal {g}", order=g, **agreed) for g in range(4)
    ]
    outcomes = [
        SharedOutcome.objects.create(
            partnership=partnership, title=f"Outcome {o}", order=o, goal=goals[o % 4], **agreed
        )
        for o in range(20)
    ]
    indicators = Indicator.objects.bulk_create(
        Indicator(
            partnership=partnership,
            title=f"Indicator {i}",
            level="population" if i % 2 == 0 else "service",
            question="" if i % 2 == 0 else "how_well",
            polarity=("high", "low", "none")[i % 3],
            unit="per 100,000",
            area_code="E06000014",
            area_name="York",
            benchmark_code="E92000001",
            benchmark_name="England",
            baseline_period="2016 Q1",
            target=100.0,
            target_period="2027 Q4",
        )
        for i in range(n_indicators)
    )
    links = Indicator.outcomes.through
    links.objects.bulk_create(
        links(indicator_id=indicator.pk, sharedoutcome_id=outcomes[n % len(outcomes)].pk)
        for n, indicator in enumerate(indicators)
    )
    values = []
    for indicator in indicators:
        for area in ("E06000014", "E92000001"):
            level = rng.uniform(50, 150)
            for q in range(quarters):
                year, quarter = 2016 + q // 4, q % 4 + 1
                level += rng.uniform(-4, 4)
                values.append(
                    IndicatorValue(
                        partnership=partnership,
                        indicator=indicator,
                        area_code=area,
                        period=f"{year} Q{quarter}",
                        period_order=year * 100 + quarter,
                        value=round(level, 1),
                        lower_ci=round(level - 3, 1),
                        upper_ci=round(level + 3, 1),
                    )
                )
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    return {"indicators": len(indicators), "values": len(values), "outcomes": len(outcomes)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--indicators", type=int, default=200)
    parser.add_argument("--quarters", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="traction-bench-direction-"))
    os.environ.update(
        {
            "DATABASE_URL": prepare_database(args.db, workdir, PG_URL),
            "TRACTION_ALLOWED_HOSTS": "testserver",
            "DJANGO_SETTINGS_MODULE": "traction.config.settings",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from traction.direction.models import Indicator, SharedOutcome

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    sizes = build(args.indicators, args.quarters)
    print(f"built {sizes} in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="viewer"))

    def url(name: str, **kwargs: int) -> str:
        return reverse(f"direction:{name}", kwargs={"slug": "bench", **kwargs})

    outcome = SharedOutcome.objects.order_by("pk").first()
    indicator = Indicator.objects.order_by("pk").last()
    assert outcome is not None and indicator is not None
    pages = {
        "outcomes page": url("outcome-list"),
        "an outcome's page": url("outcome-detail", pk=outcome.pk),
        "partnership on a page": url("direction-page"),
        "an indicator's chart": url("indicator-detail", pk=indicator.pk),
        "indicator list": url("indicator-list"),
    }
    results = {name: timed(client, path, args.repeat) for name, path in pages.items()}
    report = {"db": args.db, **sizes, "quarters": args.quarters, "repeat": args.repeat, "pages": results}
    OUT.mkdir(exist_ok=True)
    (OUT / f"direction-{args.db}.json").write_text(json.dumps(report, indent=2))
    for name, figures in results.items():
        mark = "" if figures["median_ms"] < TARGET_MS else "  (over the 300 ms target)"
        print(f"{name:24} median {figures['median_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms{mark}")


if __name__ == "__main__":
    main()
