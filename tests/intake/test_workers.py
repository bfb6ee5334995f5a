"""Several workers on one PostgreSQL queue: every upload read exactly once (SELECT … FOR UPDATE SKIP
LOCKED)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult
from intakekit import minutes_text, upload

from factories import World
from traction.core.models import Role
from traction.intake.models import DocumentStatus, Review, SourceDocument
from traction.intake.services.documents import documents_upload

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = 8


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _worker(worker_id: str) -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": _database_url(), "TRACTION_MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0",
            "--worker-id",
            worker_id,
        ],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def test_two_workers_share_the_queue_and_read_each_document_once(
    users: dict[str, Any], world_a: World
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("several workers share a queue on PostgreSQL; on SQLite one worker runs")
    files = [
        upload(f"minutes-{n}.txt", minutes_text(extra=f"\n7. Item {n}\nRESOLVED that item {n} be noted.\n"))
        for n in range(DOCUMENTS)
    ]
    documents_upload(
        user=users[Role.SECRETARY],
        partnership=world_a.partnership,
        body=world_a.body,
        meeting=world_a.meeting,
        kind="minutes",
        uploads=files,
    )
    workers = [_worker("worker-a"), _worker("worker-b")]
    outputs = [worker.communicate(timeout=300)[0] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], outputs
    results = list(DBTaskResult.objects.all())
    assert len(results) == DOCUMENTS
    assert all(result.status == "SUCCESSFUL" and len(result.worker_ids) == 1 for result in results)
    assert set(SourceDocument.objects.values_list("status", flat=True)) == {DocumentStatus.READY}
    assert Review.objects.count() == DOCUMENTS
