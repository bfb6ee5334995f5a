"""What the page benchmarks share: a fresh database to build in, the demo in it with its secretary signed
in, and a page's timings through the test client."""

from __future__ import annotations

import math
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any


def prepare_database(db: str, workdir: Path, pg_url: str) -> str:
    """A DATABASE_URL for a fresh database: SQLite in ``workdir``, or ``pg_url`` dropped and created again."""
    if db == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    import psycopg

    name = pg_url.rsplit("/", 1)[1]
    with psycopg.connect(pg_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return pg_url


def timed(client: Any, url: str, repeat: int) -> dict[str, float]:
    """Median, 95th percentile and slowest of ``repeat`` GETs of ``url``, after a warm-up that must be 200."""
    first = client.get(url)
    if first.status_code != 200:
        raise SystemExit(f"{url} answered {first.status_code}")
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        seconds.append(time.perf_counter() - started)
    ordered = sorted(seconds)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[math.ceil(len(ordered) * 0.95) - 1] * 1000, 1),  # nearest rank
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def demo_client(db: str, pg_url: str, prefix: str, scale: int = 1) -> Any:
    """Django set up on a fresh database (SQLite in a temporary folder, or ``pg_url``) holding the demo (at
    ``scale``: ``load_demo --scale``, five years), with fresh planner statistics; a test client signed in as
    the demo's secretary."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.update(
        {
            "DATABASE_URL": prepare_database(db, workdir, pg_url),
            "TRACTION_ALLOWED_HOSTS": "testserver",
            "DJANGO_SETTINGS_MODULE": "traction.config.settings",
        }
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from traction.governance.demo import load_demo

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    load_demo(scale=scale)
    if scale > 1:
        print(f"loaded the demo at scale {scale} in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:  # statistics, as autovacuum would have gathered them by now
        cursor.execute("ANALYZE")
    client = Client()
    client.force_login(get_user_model().objects.get(username="secretary"))
    return client


class ColdClient:
    """A test client that clears the cache before each GET: every request computes its page afresh."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def get(self, url: str) -> Any:
        from django.core.cache import cache

        cache.clear()
        return self.client.get(url)


def search_queries(partnership: Any) -> list[str]:
    """Words people would search the record for, drawn from it: the longest word of the most frequent
    substantive agenda item title, and the last two words of the tenth most frequent."""
    from django.db.models import Count

    from traction.governance.models import AgendaItem

    titles = list(
        AgendaItem.objects.filter(partnership=partnership)
        .exclude(outcome="procedural")
        .values_list("title")
        .annotate(n=Count("id"))
        .order_by("-n", "title")[:10]
    )
    if len(titles) < 10:
        raise SystemExit("the record has too few agenda items to search")
    first = max(titles[0][0].split(), key=len).strip(":,.")
    second = " ".join(titles[9][0].split()[-2:]).strip(":,.")
    return [first, second]
