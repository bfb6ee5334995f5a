"""An upload is parsed once, by the background worker's killable reader, never inside a transaction.

The request only sniffs (size, signature, fingerprint); the worker claims the document, reads it once
through ``core.uploads.read_stored`` and extracts it with no transaction open, then stores the result
in one short transaction. These tests count the parser calls on every path and record, at the moment
of each parse and extraction, whether the database connection was inside a transaction (a transaction
that has written holds SQLite's one write lock, and a PostgreSQL row lock, for as long as it lasts).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from intakekit import minutes_text, run_worker, upload

from factories import World
from traction.governance.models import Paper
from traction.intake.models import DocumentStatus, Review, SourceDocument
from traction.intake.services import extraction
from traction_analysis import ingest
from traction_analysis.ingest import batch, reader


@dataclass
class Calls:
    """Each parse or extraction, with whether a transaction was open at that moment."""

    reads: list[bool] = field(default_factory=list)  # the killable reader, one per document read
    in_process_parses: int = 0  # the parser run in this process (the request must never do it)
    extracts: list[bool] = field(default_factory=list)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Calls]:
    seen = Calls()
    real_read, real_parse, real_extract = batch.Reader.read, reader.read, extraction.extract

    def counted_read(self: batch.Reader, path: Any) -> Any:
        seen.reads.append(connection.in_atomic_block)
        return real_read(self, path)

    def counted_parse(*args: Any, **kwargs: Any) -> Any:
        seen.in_process_parses += 1
        return real_parse(*args, **kwargs)

    def counted_extract(*args: Any, **kwargs: Any) -> Any:
        seen.extracts.append(connection.in_atomic_block)
        return real_extract(*args, **kwargs)

    monkeypatch.setattr(batch.Reader, "read", counted_read)
    monkeypatch.setattr(reader, "read", counted_parse)
    monkeypatch.setattr(ingest, "read", counted_parse)
    monkeypatch.setattr(extraction, "extract", counted_extract)
    yield seen


def _post(client: Client, world: World, *files: Any, kind: str = "minutes") -> Any:
    url = reverse(
        "intake:document-upload-meeting", kwargs={"slug": world.partnership.slug, "pk": world.meeting.pk}
    )
    return client.post(url, {"kind": kind, "files": list(files)})


@pytest.mark.django_db(transaction=True)
def test_an_upload_is_parsed_once_by_the_worker_and_never_inside_a_transaction(
    secretary_client: Client, world_a: World, calls: Calls
) -> None:
    response = _post(
        secretary_client,
        world_a,
        upload("minutes.txt", minutes_text()),
        upload("second.txt", minutes_text("7. Any other business\nNone.\n")),
    )
    assert response.status_code == 302
    assert calls == Calls(), "the request parsed a file"

    run_worker()
    assert calls.reads == [False, False], "each document is read once, with no transaction open"
    assert calls.extracts == [False, False], "each set of minutes is extracted once, with no transaction open"
    assert calls.in_process_parses == 0  # the parse ran in the reader's own process
    assert set(SourceDocument.objects.values_list("status", flat=True)) == {DocumentStatus.READY}
    assert Review.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_paper_on_a_meeting_page_is_parsed_once_in_the_background(
    secretary_client: Client, world_a: World, calls: Calls
) -> None:
    url = reverse(
        "governance:paper-create", kwargs={"slug": world_a.partnership.slug, "pk": world_a.meeting.pk}
    )
    response = secretary_client.post(
        url, {"title": "Budget", "file": upload("budget.txt", b"Budget report.")}
    )
    assert response.status_code == 302
    assert calls == Calls(), "the request parsed the paper"
    paper = Paper.objects.get(title="Budget")
    assert paper.words is None  # counted once it is read

    run_worker()
    assert calls.reads == [False] and calls.in_process_parses == 0 and calls.extracts == []
    paper.refresh_from_db()
    assert (paper.words, paper.read_error) == (2, "")


@pytest.mark.django_db(transaction=True)
def test_reading_is_killed_past_its_deadline_and_the_document_says_why(
    secretary_client: Client, world_a: World, settings: Any
) -> None:
    settings.TRACTION_READ_SECONDS = 1
    assert _post(secretary_client, world_a, upload("minutes.txt", minutes_text())).status_code == 302
    document = SourceDocument.objects.get()
    path = document.file.path
    os.remove(path)
    os.mkfifo(path)  # opening a pipe with no writer blocks the reader for ever
    try:
        run_worker()
    finally:
        os.remove(path)
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert document.error == batch.TIMED_OUT.format(seconds=1.0)
    assert not Review.objects.exists()
