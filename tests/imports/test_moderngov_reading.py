"""Minutes from ModernGov are read like uploads: once, by the killable reader, before the meeting's
transaction."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from fakeserver import FakeModernGov
from test_moderngov_import import SINCE, run, source_for

from factories import World
from traction.imports.models import RunStatus
from traction.intake.models import Review
from traction_analysis.ingest import batch, reader


@pytest.mark.django_db(transaction=True)
def test_imported_minutes_are_read_by_the_killable_reader_with_no_transaction_open(
    moderngov: FakeModernGov, world_a: World, secretary: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[bool] = []
    parses: list[str] = []
    real_read, real_parse = batch.Reader.read, reader.read

    def counted_read(self: batch.Reader, path: Any) -> Any:
        reads.append(connection.in_atomic_block)
        return real_read(self, path)

    def counted_parse(*args: Any, **kwargs: Any) -> Any:
        parses.append("in process")
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(batch.Reader, "read", counted_read)
    monkeypatch.setattr(reader, "read", counted_parse)
    source = source_for(moderngov, world_a.partnership, secretary)
    result = run(source, secretary)
    assert result.status == RunStatus.SUCCEEDED, result.failures
    submitted = Review.objects.filter(partnership=world_a.partnership).count()
    assert submitted and reads == [False] * submitted and parses == []

    reads.clear()  # a second run: the minutes are unchanged, so nothing is read again
    assert run(source, secretary, since=SINCE).status == RunStatus.SUCCEEDED
    assert reads == []
