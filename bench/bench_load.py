"""Load: many signed-in people reading the governance pages at once, against the app as deployed.

    uv run python bench/bench_load.py --users 50 --seconds 60                  # PostgreSQL, 50 at once
    uv run python bench/bench_load.py --users 20 --seconds 60 --pages actions decisions
    uv run python bench/bench_load.py --users 5 --seconds 10 --db sqlite       # a quick look
    uv run python bench/bench_load.py --users 50 --seconds 90 --think 5 --ramp 0 --warmup 0  # all at t=0
    uv run python bench/bench_load.py --users 50 --seconds 60 --think 5 --scale 20  # a large partnership

The app runs as docs/deployment.md runs it: gunicorn (4 workers unless ``--gunicorn-workers`` says otherwise)
with ``TRACTION_DEBUG=0`` behind an emulated TLS proxy (``X-Forwarded-Proto: https``), on a fresh database of
its own (PostgreSQL ``traction_load``, or SQLite with ``--db sqlite``) holding the demo (``manage.py
load_demo``; with ``--scale N``, ``load_demo --scale N``: every body repeated N times, once per locality, with
five years of meetings — a large partnership). ``--users`` secretaries are created and each signs in; then as
many client threads, one per person, load the chosen pages in turn, each starting at a different one, as fast
as the server answers (or pausing ``--think`` seconds between pages), for ``--seconds``. People do not all
arrive at once: the clients start one after another, evenly over the first ``--ramp`` seconds (by default
``--think``, so that the first round of requests is spread as the later ones are; ``--ramp 0`` starts them all
at once). The pages:

- ``actions``: the action log (open actions, the default view, with a secretary's update forms);
- ``decisions``: the decision register (the last 12 months, the default);
- ``meeting``: the page of the meeting with the most agenda items;
- ``profile``: the diagnosis profile of the body with the most meetings;
- ``overview``: the diagnosis overview of the whole partnership;
- ``search``: the governance search for the longest word of the most frequent agenda item title
  (``pagebench.search_queries``).

Each page's median, 95th percentile and slowest response, its errors (anything but a 200, or a dropped
connection) and requests a second are reported twice, to
bench/out/load-<db>-<users>[-think<s>][-scale<N>].json and as Markdown tables, with the load average of the
machine before and after the run:

- ``whole run`` (``pages`` in the JSON): every request of the run, the first of each client included.
  Each server worker's first request for a page fills its caches, so these figures hold the cold start.
- ``steady state`` (``steady pages``): only the requests that started ``--warmup`` seconds (15 by
  default) or more after the first client started, once everyone has arrived and the caches are warm:
  what a person sees on an ordinary working day. Its requests a second count from the end of the warm-up.
  (A warm-up as long as the run is halved.)

``--ramp 0 --warmup 0`` gives the behaviour of the first version of this script (everyone at t=0, one
summary of everything).
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
from pagebench import prepare_database, search_queries  # noqa: E402

PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_load")
PORT = 8741
PASSWORD = "load-run-password-1"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PAGES = ("actions", "decisions", "meeting", "profile", "overview", "search")


class Browser:
    """One signed-in person over HTTP/1.1, cookies kept by hand (Secure: the emulated proxy speaks TLS)."""

    def __init__(self, username: str) -> None:
        self.cookies: dict[str, str] = {}
        self.username = username

    def request(self, method: str, path: str, body: bytes = b"") -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
        headers = {
            "Host": f"127.0.0.1:{PORT}",
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if method == "POST":
            origin = f"https://127.0.0.1:{PORT}"
            headers |= {
                "Referer": origin + path,
                "Origin": origin,
                "Content-Type": "application/x-www-form-urlencoded",
            }
        try:
            connection.request(method, path, body=body or None, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text

    def log_in(self) -> None:
        from urllib.parse import urlencode

        _, page = self.request("GET", "/login/")
        token = CSRF_INPUT.search(page)
        if token is None:
            raise SystemExit("the sign-in page has no CSRF token")
        fields = {"csrfmiddlewaretoken": token[1], "username": self.username, "password": PASSWORD}
        self.request("POST", "/login/", urlencode(fields).encode())
        if "sessionid" not in self.cookies:
            raise SystemExit(f"{self.username} could not sign in")


def seed(users: int, scale: int = 1) -> dict[str, Any]:
    """The demo partnership (at ``scale``), ``users`` secretaries, and the path of each page."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.urls import reverse

    from traction.core.models import Membership, Partnership, Role
    from traction.governance.models import Action, AgendaItem, Body, Meeting, Person

    call_command("migrate", verbosity=0)
    call_command("load_demo", scale=scale, verbosity=0, stdout=io.StringIO())
    call_command("collectstatic", "--noinput", verbosity=0)
    with connection.cursor() as cursor:  # statistics, as autovacuum would have gathered them by now
        cursor.execute("ANALYZE")
    partnership = Partnership.objects.get(slug="riverside")
    password = make_password(PASSWORD)  # hashed once: the same password for every person
    names = [f"load{n}" for n in range(users)]
    created = get_user_model().objects.bulk_create(
        get_user_model()(username=name, password=password) for name in names
    )
    Membership.objects.bulk_create(
        Membership(user=user, partnership=partnership, role=Role.SECRETARY) for user in created
    )
    slug = partnership.slug
    meeting = (
        Meeting.objects.filter(partnership=partnership)
        .annotate(n=Count("items"))
        .order_by("-n", "pk")
        .first()
    )
    body = (
        Body.objects.filter(partnership=partnership)
        .annotate(n=Count("meetings"))
        .order_by("-n", "pk")
        .first()
    )
    if meeting is None or body is None:
        raise SystemExit("the demo has no meeting or body")
    query = search_queries(partnership)[0]
    search = reverse("governance:search-results", kwargs={"slug": slug})
    return {
        "users": names,
        "paths": {
            "actions": reverse("governance:action-list", kwargs={"slug": slug}),
            "decisions": reverse("governance:decision-list", kwargs={"slug": slug}),
            "meeting": reverse("governance:meeting-detail", kwargs={"slug": slug, "pk": meeting.pk}),
            "profile": reverse("diagnosis:body-profile", kwargs={"slug": slug, "pk": body.pk}),
            "overview": reverse("diagnosis:overview", kwargs={"slug": slug}),
            "search": f"{search}?{urlencode({'q': query})}",
        },
        "data": {
            "scale": scale,
            "bodies": Body.objects.filter(partnership=partnership).count(),
            "people": Person.objects.filter(partnership=partnership).count(),
            "actions": Action.objects.filter(partnership=partnership).count(),
            "open actions": Action.objects.filter(partnership=partnership).open().count(),
            "agenda items": AgendaItem.objects.filter(partnership=partnership).count(),
            "meetings": Meeting.objects.filter(partnership=partnership).count(),
            "items on the meeting page": meeting.n,  # type: ignore[attr-defined]
            "meetings of the profiled body": body.n,  # type: ignore[attr-defined]
            "search words": query,
        },
    }


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    started: float = field(default_factory=time.monotonic)
    # (when the request started, in seconds after the run began; how long it took, or the error)
    seconds: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    errors: dict[str, list[tuple[float, str]]] = field(default_factory=dict)

    def note(self, page: str, at: float, elapsed: float, error: str = "") -> None:
        offset = at - self.started
        with self.lock:
            if error:
                self.errors.setdefault(page, []).append((offset, error))
            else:
                self.seconds.setdefault(page, []).append((offset, elapsed))


def client_loop(
    browser: Browser,
    order: list[str],
    paths: dict[str, str],
    until: float,
    tally: Tally,
    think: float,
    delay: float = 0,
) -> None:
    """Wait ``delay`` seconds (this person's arrival), then load the pages in turn until ``until``."""
    if delay:
        time.sleep(delay)
    n = 0
    while time.monotonic() < until:
        if think and n:
            time.sleep(think)
        page = order[n % len(order)]
        n += 1
        at = time.monotonic()
        started = time.perf_counter()
        try:
            status, _ = browser.request("GET", paths[page])
        except (OSError, http.client.HTTPException) as exc:
            tally.note(page, at, 0, f"{type(exc).__name__}: {exc}")
            continue
        tally.note(page, at, time.perf_counter() - started, "" if status == 200 else f"status {status}")


def percentile(ordered: list[float], share: float) -> float:
    return ordered[max(0, int(len(ordered) * share + 0.5) - 1)]


def summary(tally: Tally, pages: list[str], seconds: float, after: float = 0) -> dict[str, dict[str, Any]]:
    """Each page's figures over the requests that started ``after`` seconds or more into the run;
    ``seconds``: the span they were sent in."""
    rows = {}
    for page in pages:
        times = sorted(elapsed for at, elapsed in tally.seconds.get(page, []) if at >= after)
        errors = [error for at, error in tally.errors.get(page, []) if at >= after]
        ms: Callable[[float], float] = lambda s: round(s * 1000, 1)  # noqa: E731
        rows[page] = {
            "requests": len(times) + len(errors),
            "median_ms": ms(statistics.median(times)) if times else None,
            "p95_ms": ms(percentile(times, 0.95)) if times else None,
            "max_ms": ms(times[-1]) if times else None,
            "errors": len(errors),
            "first_errors": errors[:3],
            "per_second": round((len(times) + len(errors)) / seconds, 1) if seconds > 0 else None,
        }
    return rows


def markdown(rows: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| page | requests | median ms | p95 ms | max ms | errors | requests/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for page, r in rows.items():
        lines.append(
            f"| {page} | {r['requests']} | {r['median_ms']} | {r['p95_ms']} | {r['max_ms']} | {r['errors']} "
            f"| {r['per_second']} |"
        )
    return "\n".join(lines)


def start_server(env: dict[str, str], workers: int, logfile: Path) -> subprocess.Popen[bytes]:
    command = ["uv", "run", "gunicorn", "traction.config.wsgi"]
    command += ["-b", f"127.0.0.1:{PORT}", "-w", str(workers), "--timeout", "120"]
    logs = logfile.open("w")
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=logs, stderr=subprocess.STDOUT)
    for _ in range(240):
        try:
            if Browser("probe").request("GET", "/health/")[0] == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped; see {logfile}")
        time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer; see {logfile}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=50, help="people signed in, each a client thread")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=list(PAGES))
    parser.add_argument("--gunicorn-workers", type=int, default=4)
    parser.add_argument(
        "--scale", type=int, default=1, help="the demo at this scale (load_demo --scale; 1: as it is)"
    )
    parser.add_argument(
        "--think", type=float, default=0, help="seconds each person pauses between pages (0: none)"
    )
    parser.add_argument(
        "--ramp",
        type=float,
        default=None,
        help="seconds over which the clients start, evenly spread (default: --think; 0: all at once)",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=15,
        help="seconds at the start left out of the steady-state figures (0: none)",
    )
    args = parser.parse_args()
    ramp = args.think if args.ramp is None else args.ramp
    if args.warmup >= args.seconds:
        args.warmup = args.seconds / 2
        print(f"--warmup is as long as the run; using {args.warmup:g} s", file=sys.stderr)

    workdir = Path(tempfile.mkdtemp(prefix="traction-load-"))
    env = {
        **os.environ,
        "DATABASE_URL": prepare_database(args.db, workdir, PG_URL),
        "DJANGO_SETTINGS_MODULE": "traction.config.settings",
        "TRACTION_DEBUG": "0",
        "TRACTION_SECRET_KEY": "load-" + uuid.uuid4().hex * 2,
        "TRACTION_LISTENING_KEY": "xkHXwrVZEHtdsvDkBUfOu3xqHnpjPhwx4f5tCgnw4X8=",
        "TRACTION_ALLOWED_HOSTS": "127.0.0.1",
        "TRACTION_BEHIND_PROXY": "1",
        "TRACTION_SSL_REDIRECT": "0",
        "TRACTION_MEDIA_ROOT": str(workdir / "media"),
        "TRACTION_STATIC_ROOT": str(workdir / "static"),
    }
    os.environ.update(env)
    started = time.perf_counter()
    plan = seed(args.users, args.scale)
    seconds = time.perf_counter() - started
    print(f"seeded the demo (scale {args.scale}), {args.users} people in {seconds:.0f} s", file=sys.stderr)
    server = start_server(env, args.gunicorn_workers, workdir / "server.log")
    try:
        browsers = [Browser(name) for name in plan["users"]]
        for browser in browsers:
            browser.log_in()
        for page in args.pages:  # each page once, so that no worker's first import counts
            status, _ = browsers[0].request("GET", plan["paths"][page])
            if status != 200:
                raise SystemExit(f"{page} ({plan['paths'][page]}) answered {status}")
        load_before = os.getloadavg()
        tally = Tally()
        until = tally.started + args.seconds
        threads = [
            threading.Thread(
                target=client_loop,
                args=(
                    b,
                    args.pages[n % len(args.pages) :] + args.pages[: n % len(args.pages)],
                    plan["paths"],
                    until,
                    tally,
                    args.think,
                    ramp * n / len(browsers),
                ),
            )
            for n, b in enumerate(browsers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        load_after = os.getloadavg()
    finally:
        server.terminate()
        server.wait(timeout=60)
    rows = summary(tally, args.pages, args.seconds)
    steady = summary(tally, args.pages, args.seconds - args.warmup, after=args.warmup)
    report = {
        "db": args.db,
        "users": args.users,
        "scale": args.scale,
        "seconds": args.seconds,
        "gunicorn workers": args.gunicorn_workers,
        "think seconds": args.think,
        "ramp seconds": ramp,
        "warm-up seconds": args.warmup,
        "cpus": os.cpu_count(),
        "load average (1, 5, 15 min) before": [round(x, 2) for x in load_before],
        "load average (1, 5, 15 min) after": [round(x, 2) for x in load_after],
        "data": plan["data"],
        "pages": rows,
        "steady pages": steady,
    }
    OUT.mkdir(exist_ok=True)
    think = f"-think{args.think:g}" if args.think else ""
    scaled = f"-scale{args.scale}" if args.scale > 1 else ""
    (OUT / f"load-{args.db}-{args.users}{think}{scaled}.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    print()
    print(f"Whole run ({args.seconds:g} s, clients starting over {ramp:g} s):\n")
    print(markdown(rows))
    print()
    print(f"Steady state (requests started {args.warmup:g} s or more into the run):\n")
    print(markdown(steady))
    sys.exit(1 if any(r["errors"] or not r["requests"] for r in rows.values()) else 0)


if __name__ == "__main__":
    main()
