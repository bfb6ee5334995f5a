"""A worker killed while reading leaves its document "Being read": once the lease runs out the document is
queued again (before the next read, or by ``manage.py recover_documents``) and read by the next worker."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from intakekit import minutes_text, run_worker, upload

from factories import World
from traction.core.models import AuditEvent, Role
from traction.intake.models import DocumentStatus, SourceDocument
from traction.intake.services.documents import documents_upload
from traction.intake.services.extraction import WORKER_LOST, _claim, documents_recover

pytestmark = pytest.mark.django_db
LEASE = 600


def _uploaded(users: dict[str, Any], world: World, name: str) -> SourceDocument:
    [document] = documents_upload(
        user=users[Role.SECRETARY],
        partnership=world.partnership,
        body=world.body,
        meeting=world.meeting,
        kind="minutes",
        uploads=[upload(name, minutes_text(extra=f"\n7. {name}\nRESOLVED that {name} be noted.\n"))],
    )
    return document


def _abandoned(users: dict[str, Any], world: World, name: str, *, seconds_ago: float) -> SourceDocument:
    """A document a worker claimed ``seconds_ago`` and never finished (it was killed): its task is running."""
    document = _uploaded(users, world, name)
    DBTaskResult.objects.filter(args_kwargs__args=[document.pk]).update(status="RUNNING")
    claimed = _claim(document.pk)
    assert claimed is not None
    SourceDocument.objects.filter(pk=document.pk).update(
        claimed_at=timezone.now() - datetime.timedelta(seconds=seconds_ago)
    )
    return claimed


@override_settings(TRACTION_READ_LEASE_SECONDS=LEASE)
def test_a_document_past_its_lease_is_queued_again_and_audited(users: dict[str, Any], world_a: World) -> None:
    lost = _abandoned(users, world_a, "lost.txt", seconds_ago=LEASE + 5)
    assert documents_recover() == [lost.pk]
    lost.refresh_from_db()
    assert (lost.status, lost.claimed_at) == (DocumentStatus.QUEUED, None)
    assert DBTaskResult.objects.filter(args_kwargs__args=[lost.pk], status="READY").count() == 1
    event = AuditEvent.objects.get(object_type="sourcedocument", object_id=str(lost.pk), verb="queued again")
    assert event.actor is None and event.changes["why"] == [None, WORKER_LOST]


@override_settings(TRACTION_READ_LEASE_SECONDS=LEASE)
def test_a_document_still_within_its_lease_is_left_to_its_worker(
    users: dict[str, Any], world_a: World
) -> None:
    reading = _abandoned(users, world_a, "reading.txt", seconds_ago=LEASE - 60)
    assert documents_recover() == []
    reading.refresh_from_db()
    assert reading.status == DocumentStatus.EXTRACTING
    assert not AuditEvent.objects.filter(verb="queued again").exists()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when it stops
@override_settings(TRACTION_READ_LEASE_SECONDS=LEASE)
def test_the_next_worker_reads_a_lost_document_to_the_end(users: dict[str, Any], world_a: World) -> None:
    lost = _abandoned(users, world_a, "lost.txt", seconds_ago=LEASE * 2)
    _uploaded(users, world_a, "next.txt")  # the next upload's task recovers the lost one first
    run_worker()
    run_worker()  # the requeued task, queued while the first batch ran
    assert set(SourceDocument.objects.values_list("status", flat=True)) == {DocumentStatus.READY}
    lost.refresh_from_db()
    assert lost.blocks and lost.claimed_at is not None


@override_settings(TRACTION_READ_LEASE_SECONDS=LEASE)
def test_the_management_command_recovers_and_says_how_many(users: dict[str, Any], world_a: World) -> None:
    _abandoned(users, world_a, "lost.txt", seconds_ago=LEASE + 1)
    out = StringIO()
    call_command("recover_documents", stdout=out)
    assert out.getvalue().strip() == "Queued again 1 document(s)."
    assert SourceDocument.objects.get().status == DocumentStatus.QUEUED
