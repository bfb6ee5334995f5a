"""Soak: minutes of mixed uploads, edits and page loads against the app as deployed, then a check that nothing
was lost.

    uv run python bench/soak.py --minutes 30              # PostgreSQL (database traction_soak), 30 minutes
    uv run python bench/soak.py --minutes 2 --clients 2   # a short run
    uv run python bench/soak.py --minutes 10 --hostile    # logins while a 190 MB Word file is read
    uv run python bench/soak.py --minutes 10 --hostile --db sqlite --workers 1

The app runs as in production: gunicorn (as docs/deployment.md says) with
``TRACTION_DEBUG=0`` behind an emulated TLS proxy (``X-Forwarded-Proto: https``), two background workers
(``manage.py db_worker``) and PostgreSQL, on the demo partnership. ``--clients`` threads, each signed in as
its own secretary, loop over a mix: page loads (dashboard, action log, meetings, decisions, the apps' pages),
uploads of real published minutes (each made unique by a byte appended, so each is a new document), action
updates, and new actions (through the create form and its one-time token).

With ``--hostile``, one more client keeps uploading a Word file of about 1 MB that unpacks to 190 MB (inside
both the 25 MB upload and the 200 MB unpacked limits), a new one each time the workers have finished with the
last, while the other clients also sign in afresh now and then: the figure to watch is the p95 of logins and
page loads while the workers read it.

At the end the script waits for the workers to empty the queue and checks:
- no response was a server error (5xx) or a dropped connection;
- every accepted upload is a stored document whose file's SHA-256 equals what was sent, and every document was
  read or refused with a reason (none left waiting or "being read");
- every accepted update and new action is in the database exactly once, and the audit trail has an event for
  each.
The figures go to bench/out/soak.json; docs/benchmarks.md records them.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))
from pagebench import prepare_database  # noqa: E402

PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_soak")
PORT = 8731
PASSWORD = "soak-run-password-1"
MINUTES = ROOT.parent / "shared" / "data" / "minutes"
ACCEPTED = {".pdf", ".docx", ".html", ".txt", ".md"}
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([0-9a-f]{32})"')


@dataclass
class Tally:
    """What every client did, and what the server answered."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    uploads: dict[str, str] = field(default_factory=dict)  # sha256 → file name sent
    notes: set[str] = field(default_factory=set)  # action updates accepted
    actions: set[str] = field(default_factory=set)  # new actions accepted

    def note(self, kind: str, status: int, elapsed: float) -> None:
        with self.lock:
            self.statuses[f"{kind} {status}"] += 1
            self.seconds.setdefault(kind, []).append(elapsed)
            if status >= 500:
                self.errors.append(f"{kind}: {status}")


class Browser:
    """One signed-in person over HTTP/1.1, with cookies kept by hand (they are Secure: the emulated proxy
    speaks TLS to the browser) and the Referer and Origin a browser sends with a form."""

    def __init__(self, username: str) -> None:
        self.cookies: dict[str, str] = {}
        self.origin = f"https://127.0.0.1:{PORT}"
        self.username = username

    def request(
        self, method: str, path: str, body: bytes = b"", content_type: str = ""
    ) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
        headers = {
            "Host": f"127.0.0.1:{PORT}",
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if method == "POST":
            headers |= {"Referer": self.origin + path, "Origin": self.origin, "Content-Type": content_type}
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
        return response.status, response.getheader("Location") or "", text

    def get(self, path: str) -> tuple[int, str, str]:
        return self.request("GET", path)

    def post(
        self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None
    ) -> int:
        page_status, _, page = self.get(path)
        if page_status != 200:
            return page_status
        fields = {"csrfmiddlewaretoken": CSRF_INPUT.search(page)[1], **fields}  # type: ignore[index]
        if token := FORM_TOKEN.search(page):
            fields["form_token"] = token[1]
        body, content_type = multipart(fields, files or {})
        status, _, _ = self.request("POST", path, body, content_type)
        return status

    def log_in(self) -> None:
        self.post("/login/", {"username": self.username, "password": PASSWORD})
        if "sessionid" not in self.cookies:
            raise SystemExit(f"{self.username} could not sign in")


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def seed(clients: int) -> dict[str, Any]:
    """The demo partnership, one secretary per client, and the paths the clients use."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.urls import reverse

    from traction.core.models import Membership, Partnership, Role
    from traction.governance.models import Action, Body, Meeting

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    partnership = Partnership.objects.get(slug="riverside")
    users = []
    for n in range(clients):
        user = get_user_model().objects.create_user(f"soak{n}", password=PASSWORD)
        Membership.objects.create(user=user, partnership=partnership, role=Role.SECRETARY)
        users.append(user.username)
    slug = partnership.slug
    bodies = list(Body.objects.filter(partnership=partnership).values_list("pk", flat=True)[:6])
    meetings = list(Meeting.objects.filter(partnership=partnership).values_list("pk", flat=True)[:20])
    actions = list(Action.objects.filter(partnership=partnership).values_list("pk", flat=True)[:40])
    pages = [
        reverse("governance:dashboard", kwargs={"slug": slug}),
        reverse("governance:action-list", kwargs={"slug": slug}),
        reverse("governance:decision-list", kwargs={"slug": slug}),
        reverse("diagnosis:overview", kwargs={"slug": slug}),
        reverse("intake:document-list", kwargs={"slug": slug}),
        reverse("programmes:programmes-home", kwargs={"slug": slug}),
        reverse("stakeholders:stakeholders-home", kwargs={"slug": slug}),
        *[reverse("governance:meeting-detail", kwargs={"slug": slug, "pk": pk}) for pk in meetings],
        *[reverse("governance:action-detail", kwargs={"slug": slug, "pk": pk}) for pk in actions[:10]],
    ]
    return {
        "users": users,
        "pages": pages,
        "uploads": [reverse("intake:document-upload-body", kwargs={"slug": slug, "pk": pk}) for pk in bodies],
        "updates": [
            reverse("governance:action-add-update", kwargs={"slug": slug, "pk": pk}) for pk in actions
        ],
        "create": reverse("governance:action-create", kwargs={"slug": slug}),
        "body": bodies[0],
    }


def client_loop(
    username: str, plan: dict[str, Any], files: list[Path], until: float, tally: Tally, rng: random.Random
) -> None:
    browser = Browser(username)
    browser.log_in()
    while time.monotonic() < until:
        roll = rng.random()
        started = time.perf_counter()
        try:
            if roll < 0.05:
                kind = "login"
                fresh = Browser(username)
                fresh.log_in()
                status = 200
            elif roll < 0.6:
                kind = "page"
                status, _, _ = browser.get(rng.choice(plan["pages"]))
            elif roll < 0.75:
                kind = "upload"
                source = rng.choice(files)
                data = source.read_bytes() + f"\n<!-- soak {uuid.uuid4().hex} -->\n".encode()
                if source.suffix.lower() in {".pdf", ".docx"}:
                    data = source.read_bytes() + uuid.uuid4().bytes  # bytes after the end: still readable
                status = browser.post(
                    rng.choice(plan["uploads"]), {"kind": "minutes"}, {"files": (source.name, data)}
                )
                if status == 302:
                    with tally.lock:
                        tally.uploads[hashlib.sha256(data).hexdigest()] = source.name
            elif roll < 0.95:
                kind = "update"
                note = f"Soak update {uuid.uuid4().hex[:12]}"
                status = browser.post(rng.choice(plan["updates"]), {"note": note, "on": ""})
                if status == 302:
                    with tally.lock:
                        tally.notes.add(note)
            else:
                kind = "create"
                text = f"Soak action {uuid.uuid4().hex[:12]}"
                status = browser.post(
                    plan["create"],
                    {
                        "body": str(plan["body"]),
                        "minute_reference": "",
                        "text": text,
                        "lead": "",
                        "lead_organisation": "",
                        "due_date": "2027-03-31",
                    },
                )
                if status == 302:
                    with tally.lock:
                        tally.actions.add(text)
        except (OSError, http.client.HTTPException) as exc:
            with tally.lock:
                tally.errors.append(f"{kind}: {type(exc).__name__}: {exc}")
            continue
        tally.note(kind, status, time.perf_counter() - started)


UNPACKED_PARAGRAPH = (
    b"<w:p><w:r><w:t>The board noted the report on delayed transfers of care and asked for an update.</w:t>"
    b"</w:r></w:p>"
)


def hostile_docx(unpacked_mb: int = 190) -> bytes:
    """A valid Word file of about a megabyte whose document part unpacks to ``unpacked_mb`` MB."""
    import io
    import zipfile

    head = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    )
    tail = b"</w:body></w:document>"
    repeat = (unpacked_mb * 1024 * 1024 - len(head) - len(tail)) // len(UNPACKED_PARAGRAPH)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
            '"/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        with archive.open("word/document.xml", "w") as part:
            part.write(head)
            for _ in range(repeat // 1000):
                part.write(UNPACKED_PARAGRAPH * 1000)
            part.write(UNPACKED_PARAGRAPH * (repeat % 1000) + tail)
    return buffer.getvalue()


def hostile_loop(username: str, plan: dict[str, Any], until: float, tally: Tally) -> None:
    """Upload the 190 MB-unpacked Word file, wait until the workers are done with it, and again."""
    from traction.intake.models import DocumentStatus, SourceDocument

    browser = Browser(username)
    browser.log_in()
    base = hostile_docx()
    while time.monotonic() < until:
        data = base + uuid.uuid4().bytes  # bytes after the archive's end: a new file, still a valid zip
        started = time.perf_counter()
        status = browser.post(plan["uploads"][0], {"kind": "minutes"}, {"files": ("board-pack.docx", data)})
        tally.note("hostile upload", status, time.perf_counter() - started)
        if status != 302:
            time.sleep(5)
            continue
        sha = hashlib.sha256(data).hexdigest()
        with tally.lock:
            tally.uploads[sha] = "board-pack.docx"
        busy = [DocumentStatus.QUEUED, DocumentStatus.EXTRACTING]
        while (
            time.monotonic() < until and SourceDocument.objects.filter(sha256=sha, status__in=busy).exists()
        ):
            time.sleep(2)


def check(tally: Tally, drain_seconds: int) -> dict[str, Any]:
    """Wait for the queue to empty, then compare the database with what the clients were told was saved."""
    from traction.core.models import AuditEvent
    from traction.governance.models import Action, ActionUpdate
    from traction.intake.models import DocumentStatus, SourceDocument

    deadline = time.monotonic() + drain_seconds
    waiting = SourceDocument.objects.filter(status__in=[DocumentStatus.QUEUED, DocumentStatus.EXTRACTING])
    while waiting.exists() and time.monotonic() < deadline:
        time.sleep(2)
    stored = {d.sha256: d for d in SourceDocument.objects.filter(sha256__in=tally.uploads)}
    bad_hash = [
        sha for sha, doc in stored.items() if hashlib.sha256(doc.file.open("rb").read()).hexdigest() != sha
    ]
    statuses = Counter(d.status for d in stored.values())
    failed_without_reason = [
        d.pk for d in stored.values() if d.status == DocumentStatus.FAILED and not (d.error or "").strip()
    ]
    updates = Counter(ActionUpdate.objects.filter(note__in=tally.notes).values_list("note", flat=True))
    created = Counter(Action.objects.filter(text__in=tally.actions).values_list("text", flat=True))
    return {
        "uploads accepted": len(tally.uploads),
        "documents stored": len(stored),
        "documents whose file hash differs": len(bad_hash),
        "documents by status": dict(statuses),
        "documents left waiting or being read": waiting.count(),
        "documents refused without a reason": len(failed_without_reason),
        "updates accepted": len(tally.notes),
        "updates stored once": sum(1 for n in tally.notes if updates[n] == 1),
        "actions accepted": len(tally.actions),
        "actions stored once": sum(1 for t in tally.actions if created[t] == 1),
        "audit events for new actions": AuditEvent.objects.filter(
            object_type="action", verb="created", object_repr__in=[t[:200] for t in tally.actions]
        ).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--gunicorn-workers", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--hostile", action="store_true", help="keep a 190 MB-unpacked Word file being read")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="traction-soak-"))
    env = {
        **os.environ,
        "DATABASE_URL": prepare_database(args.db, workdir, PG_URL),
        "DJANGO_SETTINGS_MODULE": "traction.config.settings",
        "TRACTION_DEBUG": "0",
        "TRACTION_SECRET_KEY": "soak-" + uuid.uuid4().hex * 2,
        "TRACTION_LISTENING_KEY": "xkHXwrVZEHtdsvDkBUfOu3xqHnpjPhwx4f5tCgnw4X8=",
        "TRACTION_ALLOWED_HOSTS": "127.0.0.1",
        "TRACTION_BEHIND_PROXY": "1",
        "TRACTION_SSL_REDIRECT": "0",
        "TRACTION_MEDIA_ROOT": str(workdir / "media"),
        "TRACTION_STATIC_ROOT": str(workdir / "static"),
    }
    os.environ.update(env)
    started = time.perf_counter()
    plan = seed(args.clients + (1 if args.hostile else 0))
    print(
        f"seeded the demo and {args.clients} secretaries in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    files = sorted(
        p for p in MINUTES.rglob("*") if p.suffix.lower() in ACCEPTED and p.stat().st_size < 2_000_000
    )
    if not files:
        raise SystemExit(f"no minutes to upload under {MINUTES}")
    logs = (workdir / "server.log").open("w")
    server = subprocess.Popen(
        [
            "uv",
            "run",
            "gunicorn",
            "traction.config.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            str(args.gunicorn_workers),
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        stdout=logs,
        stderr=subprocess.STDOUT,
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--worker-id", f"soak-{n}"],
            cwd=ROOT,
            env=env,
            stdout=logs,
            stderr=subprocess.STDOUT,
        )
        for n in range(args.workers)
    ]
    try:
        for _ in range(120):
            try:
                Browser("probe").get("/health/")
                break
            except OSError:
                time.sleep(0.5)
        tally = Tally()
        until = time.monotonic() + args.minutes * 60
        rng = random.Random(args.seed)
        threads = [
            threading.Thread(
                target=client_loop, args=(u, plan, files, until, tally, random.Random(rng.random()))
            )
            for u in plan["users"][: args.clients]
        ]
        if args.hostile:
            threads.append(
                threading.Thread(target=hostile_loop, args=(plan["users"][-1], plan, until, tally))
            )
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        found = check(tally, drain_seconds=900)
        crashed = [w.args[-1] for w in workers if w.poll() is not None]
    finally:
        for process in (server, *workers):
            process.terminate()
        for process in (server, *workers):
            process.wait(timeout=60)
    load = os.getloadavg()
    report = {
        "db": args.db,
        "hostile": args.hostile,
        "minutes": args.minutes,
        "clients": args.clients,
        "workers": args.workers,
        "requests": sum(tally.statuses.values()),
        "statuses": dict(tally.statuses),
        "server errors and dropped connections": tally.errors,
        "workers that died": crashed,
        "latency_ms": {
            kind: {
                "n": len(s),
                "median": round(statistics.median(s) * 1000, 1),
                "p95": round(sorted(s)[max(0, int(len(s) * 0.95) - 1)] * 1000, 1),
            }
            for kind, s in tally.seconds.items()
        },
        "load average (1, 5, 15 min) at the end": [round(x, 2) for x in load],
        **found,
    }
    OUT.mkdir(exist_ok=True)
    name = f"soak-{args.db}{'-hostile' if args.hostile else ''}.json"
    (OUT / name).write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    lost = (
        found["documents stored"] != found["uploads accepted"]
        or found["documents whose file hash differs"]
        or found["documents left waiting or being read"]
        or found["updates stored once"] != found["updates accepted"]
        or found["actions stored once"] != found["actions accepted"]
    )
    sys.exit(1 if tally.errors or crashed or lost else 0)


if __name__ == "__main__":
    main()
