"""ModernGov import: a year of one committee's meetings from the fake ModernGov server, on SQLite and
PostgreSQL.

    uv run python bench/bench_import.py                 # both databases, 12 meetings
    uv run python bench/bench_import.py --db sqlite --meetings 24

For each database a worker process (``DATABASE_URL`` pointing at a fresh database of its own: the SQLite file
bench/out/import.sqlite3, the PostgreSQL database ``traction_bench_import``, both recreated) migrates and
starts the fake server of tests/imports on loopback, serving ``--meetings`` monthly meetings cloned from the
fixture meeting_2001.xml (7 agenda items with minutes, one restricted, two headings, 3 papers, 4 attendees)
under fresh ids. It times, with no pause between requests (the politeness delay is the site's time, not
ours; with the default 1 s delay a run takes at least one second per request):

  (a) the first import, minutes sent to the review queue (extraction included);
  (b) the same run again: every meeting unchanged;
  (c) again after one meeting changed at the source.

The fake server sends ETag and Last-Modified and answers an unchanged meeting's conditional request with
304, so (b) and (c) save requests. Each line reports wall time, database queries, requests and how many of
them were saved (answered 304). Results: bench/out/import-<db>.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_bench_import")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--meetings", type=int, default=12)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.meetings)
    OUT.mkdir(exist_ok=True)
    for db in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        url = f"sqlite:///{OUT / 'import.sqlite3'}" if db == "sqlite" else PG_URL
        fresh(db, url)
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "traction.config.settings"}
        result = subprocess.run(
            [sys.executable, __file__, "--worker", "--meetings", str(args.meetings)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            print(result.stdout, result.stderr, file=sys.stderr)
            return result.returncode
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        (OUT / f"import-{db}.json").write_text(json.dumps(figures, indent=2) + "\n")
        for name, row in figures["runs"].items():
            print(
                f"{db:9} {name:26} {row['seconds'] * 1000:8.0f} ms  {row['queries']:6} queries  "
                f"{row['requests']:3} requests  {row['saved']:3} saved  {row['meetings']}"
            )
    return 0


def fresh(db: str, url: str) -> None:
    if db == "sqlite":
        (OUT / "import.sqlite3").unlink(missing_ok=True)
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def year_of_meetings(template: str, count: int) -> tuple[dict[str, bytes], bytes]:
    """``count`` monthly meetings in 2023 cloned from one fixture under fresh ids, and their GetMeetings
    list."""
    answers: dict[str, bytes] = {}
    listed = []
    for n in range(count):
        ident = 30000 + n
        day = datetime.date(2023, 1, 1) + datetime.timedelta(days=round(n * 365 / count) + 10)
        text = template.replace("19/01/2023", day.strftime("%d/%m/%Y")).replace(">2001<", f">{ident}<")
        text = re.sub(r"<(agendaitemid|attachmentid)>(\d+)</", lambda m, n=n: f"<{m[1]}>{n}{m[2]}</", text)
        answers[f"GetMeeting:{ident}"] = text.encode()
        listed.append(
            f"<meeting><meetingid>{ident}</meetingid><meetingdate>{day:%d/%m/%Y}</meetingdate>"
            f"<meetingstatus>Confirmed</meetingstatus><meetingtime>10.00 am</meetingtime></meeting>"
        )
    meetings = (
        '<?xml version="1.0" encoding="utf-8"?><getmeetings><committee><committeeid>101</committeeid>'
        "<committeetitle>Health and Wellbeing Board</committeetitle><committeemeetings>"
        + "".join(listed)
        + "</committeemeetings></committee></getmeetings>"
    )
    return answers, meetings.encode()


def worker(count: int) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sys.path.insert(0, str(ROOT / "tests" / "imports"))
    from fakeserver import FakeModernGov

    from traction.core.models import Membership, Partnership, Role
    from traction.governance.models import AgendaItem, Meeting
    from traction.imports.services import import_from_site

    call_command("migrate", verbosity=0)
    settings.TRACTION_IMPORT_DELAY_SECONDS = 0
    settings.TRACTION_IMPORT_BACKOFF_SECONDS = 0
    settings.TRACTION_IMPORT_ALLOW_PRIVATE_ADDRESSES = True  # the fake site is on loopback
    from django.contrib.auth import get_user_model

    partnership = Partnership.objects.create(name="Bench", slug="bench")
    user = get_user_model().objects.create(username="bench-secretary")
    Membership.objects.create(partnership=partnership, user=user, role=Role.SECRETARY)
    server = FakeModernGov().start()
    answers, listing = year_of_meetings(server.fixture("meeting_2001.xml").decode(), count)
    server.switches.overrides.update(answers)
    server.switches.overrides["GetMeetings:101"] = listing
    runs: dict[str, Any] = {}

    def timed(name: str) -> None:
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            run = import_from_site(
                partnership=partnership,
                site=server.url,
                committee_names=["Health and Wellbeing Board"],
                since=datetime.date(2023, 1, 1),
                until=datetime.date(2023, 12, 31),
                actor=user,
            )
        seconds = time.perf_counter() - started
        assert not run.failures, run.failures
        runs[name] = {
            "seconds": round(seconds, 3),
            "queries": len(queries),
            "requests": run.requests,
            "saved": run.requests_saved,
            "meetings": run.counts.get("meeting", {}),
            "sent for review": run.submitted_for_review,
        }

    try:
        timed("first import")
        timed("again, unchanged")
        first = next(iter(answers))
        server.change(first, "Declarations of interest<", "Declarations of interests<")
        timed("again, one meeting changed")
    finally:
        server.stop()
    print(
        json.dumps(
            {
                "database": connection.vendor,
                "meetings": count,
                "runs": runs,
                "items": AgendaItem.objects.count(),
                "records": Meeting.objects.count(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
