"""Minutes built in code, the real background worker, and a database check that covers intake and the
queue."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import docx
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

import dbstate

MINUTES = """Health and Wellbeing Board
Minutes of the meeting held on 10 March 2025

Present: Alex Director, Sam Officer

1. Apologies for absence
Apologies were received from Councillor Smith.

2. Minutes of the previous meeting
RESOLVED that the minutes of the meeting held on 10 February 2025 be approved as a correct record.

5. Joint strategy
The Director presented the joint strategy for 2025 to 2030.
RESOLVED that the strategy be approved.
ACTION: The Director to circulate the delivery plan by 31 March 2025.

6. Winter pressures
The Board received a report on winter pressures.
RESOLVED that the report be noted.
"""


def minutes_text(extra: str = "") -> bytes:
    return (MINUTES + extra).encode()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def docx_bytes(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def run_worker() -> None:
    """The real database worker, as a deployment runs it, until the queue is empty."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0)


def media_files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _state() -> dict[str, Any]:
    models = [
        *apps.get_app_config("intake").get_models(include_auto_created=True),
        *apps.get_app_config("django_tasks_database").get_models(),
    ]
    state = dbstate.db_state()
    state.update({m._meta.label: list(m._default_manager.order_by("pk").values_list()) for m in models})
    state["media"] = [(name,) for name in media_files()]
    return state


@contextmanager
def assert_nothing_stored() -> Iterator[None]:
    """Every table (the record, intake, the task queue) and the stored files are as they were."""
    before = _state()
    yield
    after = _state()
    assert before == after, "something was stored:\n" + dbstate.describe_difference(before, after)
