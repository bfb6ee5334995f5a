"""A file that could not be read as minutes can be uploaded again (say as a paper); a file that was read
stays a duplicate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from intakekit import minutes_text, run_worker, upload

from factories import World
from traction.core.models import AuditEvent, Role
from traction.intake.models import DocumentKind, DocumentStatus, SourceDocument
from traction.intake.services.documents import documents_upload

pytestmark = pytest.mark.django_db(transaction=True)

NOT_MINUTES = b"Thank you all for coming this evening. Refreshments are in the foyer.\n"


def _upload(user: Any, world: World, data: bytes, kind: str) -> SourceDocument:
    [document] = documents_upload(
        user=user,
        partnership=world.partnership,
        body=world.body,
        meeting=world.meeting,
        kind=kind,
        uploads=[upload("evening.txt", data)],
    )
    return document


def test_a_file_that_failed_as_minutes_can_be_uploaded_again_as_a_paper(
    users: dict[str, Any], world_a: World
) -> None:
    secretary = users[Role.SECRETARY]
    failed = _upload(secretary, world_a, NOT_MINUTES, DocumentKind.MINUTES)
    run_worker()
    failed.refresh_from_db()
    assert failed.status == DocumentStatus.FAILED
    old_file = Path(settings.MEDIA_ROOT) / failed.file.name

    again = _upload(secretary, world_a, NOT_MINUTES, DocumentKind.PAPER)
    assert list(SourceDocument.objects.values_list("pk", flat=True)) == [again.pk]
    assert AuditEvent.objects.filter(verb="replaced failed upload", object_id=str(failed.pk)).exists()
    assert not old_file.exists() and (Path(settings.MEDIA_ROOT) / again.file.name).exists()
    run_worker()
    again.refresh_from_db()
    assert again.status == DocumentStatus.READY


def test_a_file_that_was_read_is_still_a_duplicate(users: dict[str, Any], world_a: World) -> None:
    secretary = users[Role.SECRETARY]
    read = _upload(secretary, world_a, minutes_text(), DocumentKind.MINUTES)
    run_worker()
    read.refresh_from_db()
    assert read.status == DocumentStatus.READY
    with pytest.raises(ValidationError, match="is the same file as"):
        _upload(secretary, world_a, minutes_text(), DocumentKind.PAPER)
    assert list(SourceDocument.objects.values_list("pk", flat=True)) == [read.pk]
