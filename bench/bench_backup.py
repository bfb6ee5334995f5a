"""Backup and restore of the demo, timed end to end as the commands run (process start included).

    uv run python bench/bench_backup.py                 # SQLite
    uv run python bench/bench_backup.py --db postgres   # PostgreSQL (databases traction_bench_backup_*)

A fresh database gets the demo (``manage.py load_demo``: two partnerships, 7 accounts). Then, each
timed ``--repeat`` times (median kept):

  - ``traction backup`` of the demo partnership ``riverside``, and of the whole instance;
  - ``traction restore`` of each archive into a new, empty, migrated database.

Figures go to bench/out/backup-<db>.json and docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from pagebench import prepare_database  # noqa: E402  (beside this script)

ROOT = HERE.parent
OUT = HERE / "out"
PG_BASE = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_bench_backup")


def run(url: str, media: Path, *argv: str) -> float:
    env = {**os.environ, "DATABASE_URL": url, "TRACTION_MEDIA_ROOT": str(media)}
    started = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def fresh(db: str, folder: Path, name: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    url = prepare_database(db, folder, f"{PG_BASE}_{name}")
    run(url, folder / "media", sys.executable, "manage.py", "migrate", "--noinput", "-v0")
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    traction = [sys.executable, "-m", "traction.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = fresh(args.db, work / "source", "source")
        run(source, work / "source" / "media", sys.executable, "manage.py", "load_demo")
        figures: dict[str, object] = {"db": args.db}
        for label, extra in (("partnership", ["--partnership", "riverside"]), ("instance", [])):
            backups, restores = [], []
            for attempt in range(args.repeat):
                archive = work / f"{label}-{attempt}.zip"
                backups.append(
                    run(source, work / "source" / "media", *traction, "backup", str(archive), *extra)
                )
                target = fresh(args.db, work / f"target-{label}-{attempt}", "target")
                restores.append(
                    run(
                        target,
                        work / f"target-{label}-{attempt}" / "media",
                        *traction,
                        "restore",
                        str(archive),
                    )
                )
            figures[label] = {
                "backup_s": round(statistics.median(backups), 2),
                "restore_s": round(statistics.median(restores), 2),
                "archive_kb": round(archive.stat().st_size / 1024),
            }
    OUT.mkdir(exist_ok=True)
    (OUT / f"backup-{args.db}.json").write_text(json.dumps(figures, indent=1) + "\n")
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
