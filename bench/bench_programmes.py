"""Programme pages at scale: one cohort of 200 people with 30 sessions, in a programme of 8 cohorts.

    uv run python bench/bench_programmes.py                 # SQLite
    uv run python bench/bench_programmes.py --db postgres   # PostgreSQL (traction_bench_programmes)

A fresh database gets one partnership with a programme of 8 cohorts: the first has 200 people enrolled and
30 sessions (28 held, every register taken but for 3 sessions and a few missing marks), the others 25 people
and 4 sessions each. The programme page, the big cohort's page (its register grid of 200 × 30), its printable
register and one session's register form are fetched through Django's test client as a signed-in
secretary, after one warm-up request, ``--repeat`` times each.

Target: each under 300 ms. Figures go to bench/out/programmes-<db>.json and docs/benchmarks.md.
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
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_bench_programmes")
TARGET_MS = 300


def build(people: int, sessions: int) -> dict[str, int]:
    """The partnership, written straight to the ORM in bulk (the pages, not the writes, are measured)."""
    import random

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from traction.core.models import Membership, Partnership, Role
    from traction.governance.models import Person
    from traction.programmes.models.programmes import AttendanceRecord, Cohort, Enrolment, Programme, Session

    rng = random.Random(7)
    today = timezone.localdate()
    partnership = Partnership.objects.create(name="Bench partnership", slug="bench")
    user = get_user_model().objects.create_user("secretary", password="not-used")
    Membership.objects.create(user=user, partnership=partnership, role=Role.SECRETARY)
    programme = Programme.objects.create(partnership=partnership, title="Leadership programme")
    cohorts = Cohort.objects.bulk_create(
        Cohort(partnership=partnership, programme=programme, name=f"Cohort {c + 1}") for c in range(8)
    )
    sizes = [(people, sessions)] + [(25, 4)] * 7
    everyone = Person.objects.bulk_create(
        Person(partnership=partnership, name=f"Person {n:04d}") for n in range(sum(p for p, _ in sizes))
    )
    enrolments, all_sessions, records = [], [], []
    start = 0
    for cohort, (n_people, n_sessions) in zip(cohorts, sizes, strict=True):
        members = everyone[start : start + n_people]
        start += n_people
        enrolments += [Enrolment(partnership=partnership, cohort=cohort, person=p) for p in members]
        own = Session.objects.bulk_create(
            Session(
                partnership=partnership,
                cohort=cohort,
                title=f"Day {d + 1}",
                date=today - datetime.timedelta(days=7 * (n_sessions - d - 2)),
                starts_at=datetime.time(9, 30),
                ends_at=datetime.time(16, 30),
                place="Civic Centre",
            )
            for d in range(n_sessions)
        )
        all_sessions += own
        for d, session in enumerate(own):
            if session.date > today or d % 10 == 3:
                continue
            for person in members:
                roll = rng.random()
                if roll < 0.02:
                    continue
                status = "attended" if roll < 0.86 else "apologies" if roll < 0.96 else "absent"
                records.append(
                    AttendanceRecord(partnership=partnership, session=session, person=person, status=status)
                )
    Enrolment.objects.bulk_create(enrolments, batch_size=2000)
    AttendanceRecord.objects.bulk_create(records, batch_size=2000)
    return {"people": len(everyone), "sessions": len(all_sessions), "attendance records": len(records)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="traction-bench-programmes-"))
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
    sizes = build(args.people, args.sessions)
    print(f"built {sizes} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    from django.contrib.auth import get_user_model
    from django.db import connection

    from traction.programmes.models.programmes import Cohort, Programme, Session

    with connection.cursor() as cursor:  # statistics, as autovacuum would have gathered them by now
        cursor.execute("ANALYZE")

    client = Client()
    client.force_login(get_user_model().objects.get(username="secretary"))
    programme = Programme.objects.get()
    cohort = Cohort.objects.get(name="Cohort 1")
    session = Session.objects.filter(cohort=cohort).order_by("date").first()
    assert session is not None

    def u(name: str, **kwargs: object) -> str:
        return reverse(f"programmes:{name}", kwargs={"slug": "bench", **kwargs})

    pages = {
        "programme page (8 cohorts)": u("programme-detail", pk=programme.pk),
        "cohort page, register 200 × 30": u("cohort-detail", pk=cohort.pk),
        "printable register 200 × 30": u("cohort-print", pk=cohort.pk),
        "session register form (200 people)": u("session-register", pk=session.pk),
        "programme calendar feed (58 sessions)": u("programme-calendar", pk=programme.pk),
    }
    results = {name: timed(client, path, args.repeat) for name, path in pages.items()}
    # A calendar application fetching a person's subscription address: no session, read as its owner may see.
    from traction.programmes.services import calendars

    person = cohort.enrolments.select_related("person").first().person  # type: ignore[union-attr]
    feed = calendars.subscribe(
        actor=get_user_model().objects.get(username="secretary"),
        partnership=programme.partnership,
        person=person,
    )
    address = reverse("calendar-feed", kwargs={"token": calendars.address_token(feed)})
    results["subscribed person feed (no session)"] = timed(Client(), address, args.repeat)
    report = {"db": args.db, **sizes, "repeat": args.repeat, "pages": results}
    OUT.mkdir(exist_ok=True)
    (OUT / f"programmes-{args.db}.json").write_text(json.dumps(report, indent=2))
    for name, figures in results.items():
        mark = "" if figures["median_ms"] < TARGET_MS else "  (over the 300 ms target)"
        print(f"{name:40} median {figures['median_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms{mark}")


if __name__ == "__main__":
    main()
