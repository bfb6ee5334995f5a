"""Upload → review: request latency, worker throughput, and uploads while the worker reads.

    uv run python bench/bench_upload.py                    # SQLite, the labelled corpus (shared/corpus)
    uv run python bench/bench_upload.py --db postgres      # PostgreSQL (database traction_bench_upload)
    uv run python bench/bench_upload.py --limit 20         # fewer documents, for quick iteration

Real published minutes (``shared/corpus``, every file the upload accepts: PDF, DOCX, HTML, TXT, MD) are
uploaded as minutes through the web app's upload page (Django's test client, a signed-in secretary) and
read by the real background worker (``manage.py db_worker``), on a fresh database. Three phases:

  (a) upload the first half, one request per file, with no worker running: request latency;
  (b) run the worker until the queue is empty: documents read and extracted per minute;
  (c) queue the second half, start the worker on it in another process and, while it reads, upload the
      first half again (each file with a byte appended, so it is new), one request per file: request
      latency while the worker reads — what a secretary feels when colleagues' uploads are being read;
  (d) a board pack of ``--pack-pages`` pages (900 by default: the corpus's PDFs' pages, repeated): its
      upload's latency, then a small upload made as soon as the worker has claimed the pack (while it
      reads it), and how long the worker takes with the pack.

The figures go to bench/out/upload-<db>.json; docs/benchmarks.md records them before and after the
read-once redesign (the same script run on both trees).
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
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT / "shared" / "corpus"
OUT = HERE / "out"
ACCEPTED = {".pdf", ".docx", ".html", ".htm", ".txt", ".md"}
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_bench_upload")


def corpus(limit: int | None) -> list[Path]:
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in ACCEPTED and p.is_file())
    return files[:limit] if limit else files


def summary(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        "total_s": round(sum(ordered), 2),
    }


def board_pack(files: list[Path], pages: int) -> bytes:
    """A PDF of ``pages`` pages made of the corpus's PDF pages, repeated: a long pack of real minutes."""
    import io

    import pypdfium2 as pdfium

    pack = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(p.read_bytes()) for p in files if p.suffix.lower() == ".pdf"]
    while len(pack) < pages:
        for source in sources:
            take = min(len(source), pages - len(pack))
            if take <= 0:
                break
            pack.import_pages(source, list(range(take)))
    buffer = io.BytesIO()
    pack.save(buffer)
    return buffer.getvalue()


def prepare_database(db: str, workdir: Path) -> str:
    if db == "sqlite":
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    import psycopg

    name = PG_URL.rsplit("/", 1)[1]
    with psycopg.connect(PG_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return PG_URL


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N corpus documents")
    parser.add_argument("--pack-pages", type=int, default=900, help="pages of the large board pack in (d)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="traction-bench-upload-"))
    os.environ.update(
        {
            "DATABASE_URL": prepare_database(args.db, workdir),
            "TRACTION_DEBUG": "1",
            "TRACTION_ALLOWED_HOSTS": "testserver",
            "TRACTION_MEDIA_ROOT": str(workdir / "media"),
            "TRACTION_MAX_UPLOAD_MB": "50",
            "DJANGO_SETTINGS_MODULE": "traction.config.settings",
        }
    )
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from traction.core.models import Membership, Partnership, Role
    from traction.governance.models import Body
    from traction.intake.models import DocumentStatus, Review, SourceDocument

    call_command("migrate", verbosity=0)
    partnership = Partnership.objects.create(name="Bench partnership", slug="bench")
    user = get_user_model().objects.create_user("secretary", password="not-used")
    Membership.objects.create(user=user, partnership=partnership, role=Role.SECRETARY)
    body = Body.objects.create(partnership=partnership, name="Board")
    client = Client()
    client.force_login(user)
    url = reverse("intake:document-upload-body", kwargs={"slug": partnership.slug, "pk": body.pk})

    def upload(path: Path, data: bytes, name: str) -> float:
        started = time.perf_counter()
        response = client.post(url, {"kind": "minutes", "files": [SimpleUploadedFile(name, data)]})
        elapsed = time.perf_counter() - started
        if response.status_code != 302:
            print(f"  refused {path.name}: {response.status_code}", file=sys.stderr)
        return elapsed

    files = corpus(args.limit)
    half = len(files) // 2
    first, second = files[:half], files[half:]
    manage = [
        sys.executable,
        str(ROOT / "manage.py"),
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        "--interval",
        "0",
        "--verbosity",
        "0",
    ]

    # (a) uploads with no worker running
    quiet = [upload(p, p.read_bytes(), p.name) for p in first]
    # (b) the worker alone
    started = time.perf_counter()
    subprocess.run(manage, check=True, env=os.environ.copy())
    worker_s = time.perf_counter() - started
    read_a = SourceDocument.objects.filter(status=DocumentStatus.READY).count()
    # (c) uploads while the worker reads the second half
    for p in second:
        upload(p, p.read_bytes(), p.name)
    worker = subprocess.Popen(manage, env=os.environ.copy())
    time.sleep(1.0)  # the worker has started and claimed its first document
    busy = [upload(p, p.read_bytes() + b"\n", f"again-{p.name}") for p in first if worker.poll() is None]
    worker.wait()
    subprocess.run(manage, check=True, env=os.environ.copy())  # what was uploaded in (c)

    # (d) one large pack, and a small upload while the worker reads it
    pack = board_pack(files, args.pack_pages)
    pack_upload = upload(Path("pack.pdf"), pack, "board-pack.pdf")
    worker = subprocess.Popen(manage, env=os.environ.copy())
    started = time.perf_counter()
    pack_doc = SourceDocument.objects.get(original_filename="board-pack.pdf")
    beside: list[float] = []  # small uploads, one every 0.1 s, until the worker has stored the pack
    small_file = next(p for p in files if p.suffix.lower() in {".txt", ".md"})  # a byte more is still text
    small = small_file.read_bytes()
    while worker.poll() is None and time.perf_counter() - started < 120:
        status = SourceDocument.objects.filter(pk=pack_doc.pk).values_list("status", flat=True).first()
        if status in (DocumentStatus.READY, DocumentStatus.FAILED):
            break
        if status == DocumentStatus.EXTRACTING:
            name = f"beside-{len(beside)}{small_file.suffix}"
            beside.append(upload(small_file, small + f"\n{len(beside)}".encode(), name))
        time.sleep(0.1)
    worker.wait()
    pack_s = time.perf_counter() - started

    statuses = {s: SourceDocument.objects.filter(status=s).count() for s in DocumentStatus.values}
    result: dict[str, Any] = {
        "db": args.db,
        "documents": len(files),
        "bytes": sum(p.stat().st_size for p in files),
        "upload_quiet": summary(quiet),
        "worker": {
            "documents": len(first),
            "read": read_a,
            "seconds": round(worker_s, 2),
            "documents_per_minute": round(len(first) / worker_s * 60, 1),
        },
        "upload_while_worker_reads": summary(busy) if busy else None,
        "pack": {
            "pages": args.pack_pages,
            "bytes": len(pack),
            "upload_ms": round(pack_upload * 1000, 1),
            "small_uploads_while_pack_read": summary(beside) if beside else None,
            "worker_seconds_with_startup": round(pack_s, 2),
            "status": SourceDocument.objects.get(original_filename="board-pack.pdf").status,
        },
        "statuses": statuses,
        "reviews": Review.objects.count(),
        "upload_to_review_docs_per_minute": round(len(first) / (sum(quiet) + worker_s) * 60, 1),
    }
    OUT.mkdir(exist_ok=True)
    (OUT / f"upload-{args.db}.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
