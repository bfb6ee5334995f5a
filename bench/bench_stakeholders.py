"""The stakeholder map at scale: 500 stakeholders with 10 assessments each.

    uv run python bench/bench_stakeholders.py                 # SQLite
    uv run python bench/bench_stakeholders.py --db postgres   # PostgreSQL (traction_bench_stakeholders)

A fresh database gets one partnership with 500 stakeholders, each assessed 10 times over three years (power,
interest, stance and desired stance drawn at random). The pages are fetched through Django's test client as
a signed-in viewer, after one warm-up request, ``--repeat`` times each: the map today, the map replayed at
a date in the middle of the history, the gaps, the stakeholder list, and one stakeholder's trail.

Target: the map under 300 ms. Figures go to bench/out/stakeholders-<db>.json and docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
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
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_bench_stakeholders")
TARGET_MS = 300


def build(n_stakeholders: int, assessments_each: int) -> dict[str, int]:
    """The partnership, written straight to the ORM in bulk (the pages, not the writes, are measured)."""
    import random

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from traction.core.models import Membership, Partnership, Role
    from traction.stakeholders.models.stakeholders import Assessment, Stakeholder, Stance

    rng = random.Random(7)
    today = timezone.localdate()
    partnership = Partnership.objects.create(name="Bench partnership", slug="bench")
    user = get_user_model().objects.create_user("viewer", password="not-used")
    Membership.objects.create(user=user, partnership=partnership, role=Role.VIEWER)
    stakeholders = Stakeholder.objects.bulk_create(
        Stakeholder(partnership=partnership, name=f"Stakeholder {s:03d}", kind="organisation")
        for s in range(n_stakeholders)
    )
    stances = list(Stance.values)
    rows = [
        Assessment(
            partnership=partnership,
            stakeholder=stakeholder,
            assessed_on=today - datetime.timedelta(days=1095 * (assessments_each - a) // assessments_each),
            power=rng.randint(1, 5),
            interest=rng.randint(1, 5),
            stance=rng.choice(stances),
            desired_stance=rng.choice(stances),
        )
        for stakeholder in stakeholders
        for a in range(assessments_each)
    ]
    Assessment.objects.bulk_create(rows, batch_size=2000)
    return {"stakeholders": len(stakeholders), "assessments": len(rows)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--stakeholders", type=int, default=500)
    parser.add_argument("--assessments", type=int, default=10, help="assessments per stakeholder")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="traction-bench-stakeholders-"))
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
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    sizes = build(args.stakeholders, args.assessments)
    print(f"built {sizes} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    from django.db import connection

    with connection.cursor() as cursor:  # statistics, as autovacuum would have gathered them by now
        cursor.execute("ANALYZE")

    from django.contrib.auth import get_user_model

    from traction.stakeholders.models.stakeholders import Stakeholder

    client = Client()
    client.force_login(get_user_model().objects.get(username="viewer"))

    def url(name: str, **kwargs: object) -> str:
        return reverse(f"stakeholders:{name}", kwargs={"slug": "bench", **kwargs})

    middle = (timezone.localdate() - datetime.timedelta(days=540)).isoformat()
    first = Stakeholder.objects.filter(partnership__slug="bench").order_by("pk").first()
    assert first is not None
    pages = {
        "map, today": url("stakeholder-map"),
        "map, 540 days ago": url("stakeholder-map") + f"?on={middle}",
        "gaps, today": url("stakeholder-gaps"),
        "stakeholder list": url("stakeholder-list"),
        "one stakeholder's trail": url("stakeholder-detail", pk=first.pk),
    }
    results = {name: timed(client, path, args.repeat) for name, path in pages.items()}
    report = {"db": args.db, **sizes, "repeat": args.repeat, "pages": results}
    OUT.mkdir(exist_ok=True)
    (OUT / f"stakeholders-{args.db}.json").write_text(json.dumps(report, indent=2))
    for name, figures in results.items():
        mark = "" if figures["median_ms"] < TARGET_MS else "  (over the 300 ms target)"
        print(f"{name:30} median {figures['median_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms{mark}")


if __name__ == "__main__":
    main()
