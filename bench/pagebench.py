"""What the page benchmarks share: a fresh database to build in, and a page's timings through the test
client."""

from __future__ import annotations

import statistics
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
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }
