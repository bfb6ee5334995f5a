"""Diagnosis at region scale: the database path against a per-object ORM loop, on SQLite and PostgreSQL.

    uv run python bench/bench_diagnose.py                  # scale 1: 300 bodies, ~430k items, both databases
    uv run python bench/bench_diagnose.py --scale 0.1      # 30 bodies, for quick iteration
    uv run python bench/bench_diagnose.py --db sqlite      # one database only

For each database a worker process (``DATABASE_URL`` set to a dedicated database: the SQLite file
bench/out/region-<scale>.sqlite3, the PostgreSQL database ``traction_bench`` by default, created if
missing) migrates, loads the synthetic region of ``bench/region.py`` if it is not there yet, and times:

  (a) the partnership overview: ``signals_for_partnership`` for 2025;
  (b) one body's profile: ``signals_for_body`` for 2025, and separately with its 3 previous years (4 calls);
  (c) all signals for the whole region for an earlier year (2020), every body, as of the same date.

Each figure is the median of ``--runs`` runs after one warm-up. The baseline computes the same
figures with a per-object loop over the ORM (bodies → meetings → papers / items → actions, attribute
access, no prefetch, no aggregates) feeding ``compute_signals``; for the region it walks a sample of
bodies and extrapolates (labelled "extrap."). The bench checks that the database path equals the pure
path (``records_for`` + the pure computation) for every body of both years, and that the
per-object loop equals it for its sample, so it times correct code. Results: bench/out/diagnose-*.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_bench")
TARGET_PROFILE_MS = 300
TARGET_REGION_S = 2.0
TARGET_RATIO = 20


def sqlite_url(scale: float) -> str:
    return f"sqlite:///{OUT / f'region-{scale:g}.sqlite3'}"


def timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    """Seconds of each of ``runs`` calls after one warm-up call, and the last result."""
    result = fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return times, result


# ---------------------------------------------------------------------------------------------------
# The baseline: a per-object loop over the ORM.


def walk_body(body: Any, records: tuple[dict, dict, dict, dict]) -> int:
    """Every meeting, paper, item and action of ``body`` as pure records, one ORM object at a time;
    returns the number of objects visited."""
    from django.utils import timezone

    from traction_analysis.signals import ActionRecord, ItemRecord, MeetingRecord, PaperRecord

    meetings, items, papers, actions = records
    seen = 0

    def add_action(action: Any) -> None:
        created = timezone.localdate(action.created_at)
        actions[action.id] = ActionRecord(
            id=action.id,
            body=action.body.id,
            item_id=action.agenda_item_id,
            lead=action.lead.name if action.lead is not None else None,
            due=action.due_date,
            completed_on=action.completed_on,
            status=action.status,
            created=created,
            lead_organisation=action.lead_organisation.name if action.lead_organisation is not None else None,
        )

    for meeting in body.meetings.all():
        meetings[meeting.id] = MeetingRecord(
            id=meeting.id,
            body=meeting.body.id,
            start=timezone.localtime(meeting.start),
            scheduled_minutes=meeting.duration_minutes,
            status=meeting.status,
        )
        seen += 1
        for paper in meeting.papers.all():
            papers[paper.id] = PaperRecord(id=paper.id, meeting_id=paper.meeting.id, pages=paper.pages)
            seen += 1
        for item in meeting.items.all():
            items[item.id] = ItemRecord(
                id=item.id,
                meeting_id=item.meeting.id,
                body=item.meeting.body.id,
                topic=item.topic,
                outcome=item.outcome,
                title=item.title,
            )
            seen += 1
            for action in item.actions.all():
                add_action(action)
                seen += 1
    for action in body.actions.all():
        if action.agenda_item_id is None:
            add_action(action)
            seen += 1
    return seen


def naive_body(partnership: Any, body_id: int, periods: list[Any], as_of: datetime.date) -> list[Any]:
    """One body's signals by the per-object loop: its own tree, then every item of the partnership on the
    topics it referred in the periods (and those items' meetings), which pass the parcel needs."""
    from django.utils import timezone

    from traction.governance.models import AgendaItem, Body
    from traction_analysis.signals import ItemRecord, MeetingRecord, compute_signals

    records: tuple[dict, dict, dict, dict] = ({}, {}, {}, {})
    body = Body.objects.get(partnership=partnership, pk=body_id)
    walk_body(body, records)
    meetings, items, papers, actions = records
    referred = {
        item.topic.strip()
        for item in items.values()
        if item.outcome == "referred"
        and item.topic.strip()
        and any(meetings[item.meeting_id].day in period for period in periods)
    }
    for topic in sorted(referred):
        for item in AgendaItem.objects.filter(partnership=partnership, topic=topic):
            if item.id in items:
                continue
            meeting = item.meeting
            meetings.setdefault(
                meeting.id,
                MeetingRecord(
                    id=meeting.id,
                    body=meeting.body.id,
                    start=timezone.localtime(meeting.start),
                    scheduled_minutes=meeting.duration_minutes,
                    status=meeting.status,
                ),
            )
            items[item.id] = ItemRecord(
                id=item.id,
                meeting_id=meeting.id,
                body=meeting.body.id,
                topic=item.topic,
                outcome=item.outcome,
                title=item.title,
            )
    return [
        compute_signals(
            meetings=meetings.values(),
            items=items.values(),
            papers=papers.values(),
            actions=actions.values(),
            body=body_id,
            period=period,
            as_of=as_of,
        )
        for period in periods
    ]


# ---------------------------------------------------------------------------------------------------
# The worker: one database.


def worker(scale: float, seed: int, runs: int, sample: int) -> dict[str, Any]:
    sys.path.insert(0, str(HERE))
    import region

    region.setup_django()
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from traction.core.models import Partnership
    from traction.diagnosis.records import records_for
    from traction.diagnosis.referrals import referral_map_for
    from traction.diagnosis.selectors import signals_for_body, signals_for_partnership
    from traction.governance.models import Body
    from traction_analysis.signals import Period, body_signals, build_index
    from traction_analysis.signals.compute import DEFAULT_PARAMS

    vendor = connection.vendor
    print(f"[{vendor}] loading scale {scale:g} (seed {seed}) if absent…", flush=True)
    started = time.perf_counter()
    counts = region.load(scale, seed)
    load_s = time.perf_counter() - started
    print(f"[{vendor}] {counts} ({load_s:.0f}s)", flush=True)
    partnership = Partnership.objects.get(slug=region.slug_for(scale, seed))
    user = get_user_model().objects.get(username=region.USERNAME)
    as_of = region.AS_OF
    year = Period(datetime.date(2025, 1, 1), datetime.date(2026, 1, 1))
    early = Period(datetime.date(2020, 1, 1), datetime.date(2021, 1, 1))
    profile_periods = [
        Period(datetime.date(y, 1, 1), datetime.date(y + 1, 1, 1)) for y in (2025, 2024, 2023, 2022)
    ]
    body_ids = list(Body.objects.filter(partnership=partnership).order_by("pk").values_list("pk", flat=True))
    profile_body = body_ids[len(body_ids) // 2]
    result: dict[str, Any] = {
        "vendor": vendor,
        "scale": scale,
        "seed": seed,
        "counts": counts,
        "runs": runs,
        "load_s": load_s,
        "profile_body": profile_body,
        "loadavg": os.getloadavg(),
    }

    def overview() -> Any:
        return signals_for_partnership(user=user, partnership=partnership, period=year, as_of=as_of)

    def region_year() -> Any:
        return signals_for_partnership(user=user, partnership=partnership, period=early, as_of=as_of)

    def profile() -> Any:
        return signals_for_body(
            user=user, partnership=partnership, body=profile_body, period=year, as_of=as_of
        )

    def profile_trend() -> Any:
        return [
            signals_for_body(user=user, partnership=partnership, body=profile_body, period=p, as_of=as_of)
            for p in profile_periods
        ]

    def referral_map() -> Any:
        # Shown on the overview page beside the signals; timed on its own (no per-object baseline).
        return referral_map_for(
            user=user, partnership=partnership, period=year, as_of=as_of, params=DEFAULT_PARAMS
        )

    figures: dict[str, Any] = {}
    for name, fn, n in (
        ("overview", overview, runs),
        ("profile", profile, runs),
        ("profile_4_periods", profile_trend, runs),
        ("region", region_year, runs),
        ("referral_map", referral_map, runs),
    ):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            fn()
        times, value = timed(fn, n)
        seconds = statistics.median(times)
        figures[name] = {"db_s": seconds, "db_min_s": min(times), "queries": len(queries)}
        figures[name]["_value"] = value
        print(
            f"[{vendor}] {name}: median {seconds * 1000:.0f} ms over {n} runs, {len(queries)} queries",
            flush=True,
        )
    reset_queries()

    # Correctness: the database path equals the pure path (records_for + the pure computation) for every body.
    started = time.perf_counter()
    meetings, items, papers, actions = records_for(partnership)
    records_s = time.perf_counter() - started
    started = time.perf_counter()
    index = build_index(meetings=meetings, items=items, papers=papers, actions=actions, as_of=as_of)
    pure_year = {
        b: body_signals(index, body=b, period=year, params=DEFAULT_PARAMS) for b in sorted(index.bodies)
    }
    pure_compute_s = time.perf_counter() - started
    pure_early = {
        b: body_signals(index, body=b, period=early, params=DEFAULT_PARAMS) for b in sorted(index.bodies)
    }
    checks = {
        "overview == pure (every body, 2025)": figures["overview"]["_value"] == pure_year,
        "region == pure (every body, 2020)": figures["region"]["_value"] == pure_early,
        "profile == pure": figures["profile"]["_value"] == pure_year[profile_body],
        "profile, 4 periods == pure": figures["profile_4_periods"]["_value"]
        == [body_signals(index, body=profile_body, period=p, params=DEFAULT_PARAMS) for p in profile_periods],
    }
    result["pure"] = {"records_for_s": records_s, "build_index_and_compute_2025_s": pure_compute_s}
    print(
        f"[{vendor}] pure path: records_for {records_s:.1f}s, index + all bodies {pure_compute_s:.1f}s",
        flush=True,
    )

    # The baseline: a per-object ORM loop.
    started = time.perf_counter()
    naive_profile = naive_body(partnership, profile_body, [year], as_of)[0]
    naive_profile_s = time.perf_counter() - started
    started = time.perf_counter()
    naive_trend = naive_body(partnership, profile_body, profile_periods, as_of)
    naive_trend_s = time.perf_counter() - started
    checks["per-object loop == db (profile)"] = naive_profile == figures["profile"]["_value"]
    checks["per-object loop == db (profile, 4 periods)"] = (
        naive_trend == figures["profile_4_periods"]["_value"]
    )
    # Region: walk a sample of bodies spread over the ids, extrapolate the walk to every body, and add the
    # pure computation over the whole record (the loop's figures come from the same code).
    step = max(1, len(body_ids) // sample)
    sampled = body_ids[::step][:sample]
    walked: tuple[dict, dict, dict, dict] = ({}, {}, {}, {})
    objects = 0
    started = time.perf_counter()
    for body in Body.objects.filter(pk__in=sampled):
        objects += walk_body(body, walked)
    walk_s = time.perf_counter() - started
    per_body = walk_s / len(sampled)
    full = len(sampled) == len(body_ids)
    naive_region_s = (walk_s if full else per_body * len(body_ids)) + pure_compute_s
    if full:
        checks["per-object loop == db (region, 2020)"] = {
            b: body_signals(
                build_index(
                    meetings=walked[0].values(),
                    items=walked[1].values(),
                    papers=walked[2].values(),
                    actions=walked[3].values(),
                    as_of=as_of,
                ),
                body=b,
                period=early,
                params=DEFAULT_PARAMS,
            )
            for b in sorted(pure_early)
        } == pure_early
    result["naive"] = {
        "profile_s": naive_profile_s,
        "profile_4_periods_s": naive_trend_s,
        "region_s": naive_region_s,
        "region_extrapolated": not full,
        "region_sample_bodies": len(sampled),
        "region_walk_s_per_body": per_body,
        "region_objects_per_body": objects / len(sampled),
    }
    # The overview is the region's computation for another year: the same walk.
    result["naive"]["overview_s"] = naive_region_s
    result["naive"]["overview_extrapolated"] = not full
    for figure in figures.values():
        figure.pop("_value")
    result["figures"] = figures
    result["checks"] = checks
    print(
        f"[{vendor}] per-object loop: profile {naive_profile_s:.1f}s, 4 periods {naive_trend_s:.1f}s, "
        f"region {'~' if not full else ''}{naive_region_s:.0f}s ({len(sampled)} bodies walked, "
        f"{per_body:.2f}s each)",
        flush=True,
    )
    for name, ok in checks.items():
        print(f"[{vendor}] check {name}: {'ok' if ok else 'FAILED'}", flush=True)
    return result


# ---------------------------------------------------------------------------------------------------
# The parent: one worker per database, then the table.


def ensure_pg_database(url: str) -> None:
    from urllib.parse import urlparse

    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')


def run_worker(label: str, url: str, args: argparse.Namespace) -> dict[str, Any] | None:
    out = OUT / f"diagnose-{label}-{args.scale:g}.json"
    env = dict(os.environ, DATABASE_URL=url, TRACTION_DB_CONN_MAX_AGE="0")
    command = [
        sys.executable,
        __file__,
        "--worker",
        "--scale",
        str(args.scale),
        "--seed",
        str(args.seed),
        "--runs",
        str(args.runs),
        "--sample",
        str(args.sample),
        "--out",
        str(out),
    ]
    if subprocess.run(command, env=env, check=False).returncode != 0:
        print(f"{label}: the worker failed", file=sys.stderr)
        return None
    return json.loads(out.read_text())


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def table(results: list[dict[str, Any]]) -> str:
    rows = [
        ("overview", "(a) partnership overview, 2025", "overview_s"),
        ("profile", "(b) body profile, 2025", "profile_s"),
        ("profile_4_periods", "(b') body profile + 3 previous years", "profile_4_periods_s"),
        ("region", "(c) whole region, 2020", "region_s"),
    ]
    lines = [
        "| database | figure | DB path: median (min) | queries | per-object loop | speed-up | target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        naive = r["naive"]
        for key, label, naive_key in rows:
            db_s = r["figures"][key]["db_s"]
            extrap = naive.get(naive_key.replace("_s", "_extrapolated"), False)
            target = {
                "profile": f"< {TARGET_PROFILE_MS} ms",
                "region": f"< {TARGET_REGION_S:g} s",
                "overview": f"< {TARGET_REGION_S:g} s",
            }.get(key, "")
            met = {
                "profile": db_s < TARGET_PROFILE_MS / 1000,
                "region": db_s < TARGET_REGION_S,
                "overview": db_s < TARGET_REGION_S,
            }.get(key)
            ratio = naive[naive_key] / db_s
            # (b'): the loop walks the body once for its four periods, so no 20× target there.
            mark = "" if key == "profile_4_periods" else (" ✓" if ratio >= TARGET_RATIO else " ✗")
            lines.append(
                f"| {r['vendor']} | {label} | {ms(db_s)} ({ms(r['figures'][key]['db_min_s'])}) | "
                f"{r['figures'][key]['queries']} | "
                f"{'~' if extrap else ''}{ms(naive[naive_key])}{' (extrap.)' if extrap else ''} | "
                f"{ratio:,.0f}×{mark} | "
                f"{target}{'' if met is None else (' ✓' if met else ' ✗')} |"
            )
    for r in results:
        figure = r["figures"].get("referral_map")
        if figure:
            lines.append(
                f"| {r['vendor']} | (d) referral map, 2025 (on the overview page) | "
                f"{ms(figure['db_s'])} ({ms(figure['db_min_s'])}) | {figure['queries']} | — | — | |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="bodies = 300 × scale (default 1)")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--runs", type=int, default=5, help="timed runs per figure, after a warm-up (default 5)"
    )
    parser.add_argument(
        "--sample",
        type=int,
        default=10,
        help="bodies the per-object loop walks for the region figure (default 10; extrapolated)",
    )
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import region

    if args.seed is None:
        args.seed = region.SEED
    OUT.mkdir(exist_ok=True)
    if args.worker:
        result = worker(args.scale, args.seed, args.runs, args.sample)
        Path(args.out).write_text(json.dumps(result, indent=2, default=str))
        return
    results = []
    if args.db in ("sqlite", "both"):
        results.append(run_worker("sqlite", sqlite_url(args.scale), args))
    if args.db in ("postgresql", "both"):
        ensure_pg_database(PG_URL)
        results.append(run_worker("postgresql", PG_URL, args))
    done = [r for r in results if r is not None]
    if done:
        counts = done[0]["counts"]
        print(
            f"\nRegion: scale {args.scale:g}, seed {args.seed}: "
            + ", ".join(f"{v:,} {k}" for k, v in counts.items())
            + f"; as of {region.AS_OF}; {args.runs} timed runs after a warm-up.\n"
        )
        print(
            "Load average when each worker started (other work on the machine skews timings; compare the "
            "min column): " + ", ".join(f"{r['vendor']} {r['loadavg'][0]:.1f}" for r in done) + "\n"
        )
        print(table(done))
        failed = [f"{r['vendor']}: {name}" for r in done for name, ok in r["checks"].items() if not ok]
        print(
            "\nChecks: "
            + (
                "all passed (the DB path equals the pure path for every body; the per-object loop "
                "equals the DB path on its sample)"
                if not failed
                else "FAILED " + "; ".join(failed)
            )
        )
    if len(done) != len(results) or any(not ok for r in done for ok in r["checks"].values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
