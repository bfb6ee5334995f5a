"""The commissioning portfolio at scale: 500 strategies with 5,000 gates.

    uv run python bench/bench_commissioning.py                 # SQLite
    uv run python bench/bench_commissioning.py --db postgres   # PostgreSQL (traction_bench_commissioning)

A fresh database gets one partnership with 10 bodies and 500 strategies spread over the four phases, each
with 10 gates: 6 decided at a meeting of its lead body with a delivery confidence, 4 pending (some of them
overdue), and 2 open and 1 done condition (actions) on each decided gate's first three. The portfolio page
is fetched through Django's test client as a signed-in viewer, after one warm-up request, ``--repeat``
times each: sorted by title (the default), sorted by days in phase, and filtered (stalled only, one phase).

Target: each under 300 ms. Figures go to bench/out/commissioning-<db>.json and docs/benchmarks.md.
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
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_bench_commissioning")
TARGET_MS = 300


def build(n_strategies: int, gates_each: int) -> dict[str, int]:
    """The partnership, written straight to the ORM in bulk (the pages, not the writes, are measured)."""
    import random

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from traction.commissioning.models import PHASE_ORDER, Gate, GateStatus, Strategy
    from traction.core.models import Membership, Partnership, Role
    from traction.governance.models import Action, AgendaItem, Body, Meeting

    rng = random.Random(7)
    today = timezone.localdate()
    partnership = Partnership.objects.create(name="Bench partnership", slug="bench")
    user = get_user_model().objects.create_user("viewer", password="not-used")
    Membership.objects.create(user=user, partnership=partnership, role=Role.VIEWER)
    bodies = [Body.objects.create(partnership=partnership, name=f"Board {b}") for b in range(10)]
    meetings, items = [], []
    for body in bodies:
        for m in range(24):
            start = timezone.now() - datetime.timedelta(days=30 * m + 1)
            meeting = Meeting.objects.create(partnership=partnership, body=body, start=start)
            meetings.append(meeting)
            items.append(
                AgendaItem.objects.create(
                    partnership=partnership,
                    meeting=meeting,
                    title="Gate",
                    outcome="decided",
                    resolution="Go.",
                )
            )
    strategies = Strategy.objects.bulk_create(
        Strategy(
            partnership=partnership,
            title=f"Strategy {s:03d}",
            lead_body=bodies[s % 10],
            phase=PHASE_ORDER[s % 4],
            iteration=1 + s % 3,
            phase_since=today - datetime.timedelta(days=rng.randint(0, 700)),
        )
        for s in range(n_strategies)
    )
    gates = []
    for strategy in strategies:
        own = [
            (mt, it) for mt, it in zip(meetings, items, strict=True) if mt.body_id == strategy.lead_body_id
        ]
        for g in range(gates_each):
            decided = g < gates_each * 6 // 10
            meeting, item = own[rng.randrange(len(own))]
            gates.append(
                Gate(
                    partnership=partnership,
                    strategy=strategy,
                    iteration=1,
                    from_phase=PHASE_ORDER[g % 4],
                    to_phase=PHASE_ORDER[(g + 1) % 4],
                    scheduled_for=today + datetime.timedelta(days=rng.randint(-120, 240)),
                    status=GateStatus.DECIDED if decided else GateStatus.PENDING,
                    decision="proceed" if decided else "",
                    confidence=rng.randint(1, 5) if decided else None,
                    body=strategy.lead_body if decided else None,
                    meeting=meeting if decided else None,
                    decided_item=item if decided else None,
                )
            )
    gates = Gate.objects.bulk_create(gates, batch_size=2000)
    actions, links = [], []
    decided_gates = [g for g in gates if g.status == GateStatus.DECIDED]
    for gate in decided_gates[: len(decided_gates) // 2]:
        for status in ("open", "open", "done"):
            actions.append(
                Action(partnership=partnership, body_id=gate.body_id, text="Condition", status=status)
            )
    actions = Action.objects.bulk_create(actions, batch_size=2000)
    through = Gate.conditions.through
    for n, action in enumerate(actions):
        links.append(through(gate_id=decided_gates[n // 3].pk, action_id=action.pk))
    through.objects.bulk_create(links, batch_size=2000)
    return {"strategies": len(strategies), "gates": len(gates), "conditions": len(actions)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--strategies", type=int, default=500)
    parser.add_argument("--gates", type=int, default=10, help="gates per strategy")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="traction-bench-commissioning-"))
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

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    sizes = build(args.strategies, args.gates)
    print(f"built {sizes} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    from django.db import connection

    with connection.cursor() as cursor:  # statistics, as autovacuum would have gathered them by now
        cursor.execute("ANALYZE")

    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="viewer"))
    page = reverse("commissioning:portfolio", kwargs={"slug": "bench"})
    pages = {
        "portfolio, by title": page,
        "portfolio, by days in phase": page + "?sort=-days",
        "portfolio, stalled in Do": page + "?stalled=on&phase=do",
        "CSV download": reverse("commissioning:portfolio-download", kwargs={"slug": "bench"}),
    }
    results = {name: timed(client, path, args.repeat) for name, path in pages.items()}
    report = {"db": args.db, **sizes, "repeat": args.repeat, "pages": results}
    OUT.mkdir(exist_ok=True)
    (OUT / f"commissioning-{args.db}.json").write_text(json.dumps(report, indent=2))
    for name, figures in results.items():
        mark = "" if figures["median_ms"] < TARGET_MS else "  (over the 300 ms target)"
        print(f"{name:30} median {figures['median_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms{mark}")


if __name__ == "__main__":
    main()
