"""One paper store: the same bytes are one paper and one file, whichever path they come by.

A paper reaches the record from a meeting's page, from an upload read in the background, or from a
ModernGov import; all three go through ``governance.papers.paper_store``, and the database refuses a
second paper of a partnership with the same SHA-256.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from intakekit import media_files, run_worker

from dbstate import assert_db_unchanged
from factories import World
from traction.governance.forms import DUPLICATE_PAPER
from traction.governance.models import Paper
from traction.governance.papers import paper_store
from traction.intake.models import DocumentKind, DocumentStatus, SourceDocument
from traction.intake.services.documents import ALREADY_A_PAPER, documents_upload

# The real worker commits (and closes its connection), as a deployment's does.
pytestmark = pytest.mark.django_db(transaction=True)

PACK = b"Board pack: the joint strategy, the budget and the risk register."


def _file(name: str = "pack.txt", data: bytes = PACK) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/plain")


def _on_meeting_page(client: Client, world: World, name: str = "pack.txt", title: str = "Board pack") -> Any:
    url = reverse("governance:paper-create", kwargs={"slug": world.partnership.slug, "pk": world.meeting.pk})
    return client.post(url, {"title": title, "author_organisation": "", "file": _file(name)})


def _through_intake(client: Client, world: World, name: str = "pack.txt") -> Any:
    url = reverse(
        "intake:document-upload-meeting", kwargs={"slug": world.partnership.slug, "pk": world.meeting.pk}
    )
    return client.post(url, {"kind": DocumentKind.PAPER, "files": [_file(name)]})


def _papers(world: World) -> list[Paper]:
    return list(Paper.objects.filter(partnership=world.partnership, sha256=hashlib.sha256(PACK).hexdigest()))


def test_a_paper_from_the_meeting_page_is_not_uploaded_again_through_intake(
    secretary_client: Client, world_a: World
) -> None:
    assert _on_meeting_page(secretary_client, world_a).status_code == 302
    files = media_files()
    with assert_db_unchanged():
        response = _through_intake(secretary_client, world_a, name="renamed.txt")
    assert response.status_code == 200
    assert ALREADY_A_PAPER.format(name="“renamed.txt”", title="Board pack") in response.content.decode()
    assert len(_papers(world_a)) == 1 and media_files() == files


def test_a_paper_read_through_intake_is_not_added_again_on_the_meeting_page(
    secretary_client: Client, world_a: World
) -> None:
    assert _through_intake(secretary_client, world_a).status_code == 302
    run_worker()
    [paper] = _papers(world_a)
    assert paper.file.name == SourceDocument.objects.get().file.name  # one file: the upload's
    with assert_db_unchanged():
        response = _on_meeting_page(secretary_client, world_a, name="again.txt", title="Again")
    assert DUPLICATE_PAPER.format(title=paper.title) in response.content.decode()
    assert len(media_files()) == 1


def test_the_same_bytes_stored_twice_by_the_service_are_one_paper_and_one_file(
    world_a: World, secretary: Any
) -> None:
    first = paper_store(
        actor=secretary,
        partnership=world_a.partnership,
        meeting=world_a.meeting,
        title="Board pack",
        upload=_file(),
    )
    second = paper_store(
        actor=secretary, partnership=world_a.partnership, meeting=None, title="Copy", upload=_file("copy.txt")
    )
    assert first.created and not second.created and second.paper == first.paper
    assert len(_papers(world_a)) == 1
    assert [f for f in media_files() if f.startswith("papers/")] == [first.paper.file.name]


def test_a_paper_added_while_the_same_upload_waited_is_not_stored_twice(
    secretary_client: Client, world_a: World, secretary: Any
) -> None:
    """The upload was queued before the meeting page added the same bytes: the worker finds the paper."""
    documents_upload(
        user=secretary,
        partnership=world_a.partnership,
        body=world_a.body,
        meeting=world_a.meeting,
        kind=DocumentKind.PAPER,
        uploads=[_file("queued.txt")],
    )
    assert _on_meeting_page(secretary_client, world_a).status_code == 302
    run_worker()
    assert SourceDocument.objects.get().status == DocumentStatus.READY
    [paper] = _papers(world_a)
    assert paper.title == "Board pack"


def test_the_database_refuses_a_second_paper_with_the_same_bytes(world_a: World, world_b: World) -> None:
    digest = hashlib.sha256(PACK).hexdigest()
    Paper.objects.create(partnership=world_a.partnership, title="One", sha256=digest)
    Paper.objects.create(partnership=world_b.partnership, title="Another partnership's", sha256=digest)
    Paper.objects.create(partnership=world_a.partnership, title="A link", sha256="")
    Paper.objects.create(
        partnership=world_a.partnership, title="Another link", sha256=""
    )  # no bytes: no clash
    with pytest.raises(IntegrityError), transaction.atomic():
        Paper.objects.create(partnership=world_a.partnership, title="Two", sha256=digest)


def test_a_refused_paper_leaves_no_file_behind(
    world_a: World, secretary: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise IntegrityError("a paper with these bytes was stored at the same moment")

    monkeypatch.setattr(Paper, "save", refuse)
    with pytest.raises(IntegrityError):
        paper_store(
            actor=secretary,
            partnership=world_a.partnership,
            meeting=world_a.meeting,
            title="Board pack",
            upload=_file(),
        )
    assert not [f for f in Path(settings.MEDIA_ROOT).rglob("*") if f.is_file()]


@pytest.mark.django_db(transaction=True)
def test_the_migration_merges_papers_stored_twice_before_into_the_oldest(world_a: World) -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("governance", "0004_topicconfirmation")]
    executor = MigrationExecutor(connection)
    after = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        OldPaper, OldItem = old.get_model("governance", "Paper"), old.get_model("governance", "AgendaItem")
        digest = hashlib.sha256(PACK).hexdigest()
        first = OldPaper.objects.create(partnership_id=world_a.partnership.pk, title="Pack", sha256=digest)
        second = OldPaper.objects.create(
            partnership_id=world_a.partnership.pk,
            title="Pack again",
            sha256=digest,
            meeting_id=world_a.meeting.pk,
            pages=4,
        )
        OldItem.objects.get(pk=world_a.item.pk).papers.add(second)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
    [kept] = Paper.objects.filter(sha256=digest)
    assert (kept.pk, kept.meeting, kept.pages) == (first.pk, world_a.meeting, 4)
    assert list(world_a.item.papers.filter(sha256=digest)) == [kept]


def test_a_paper_that_cannot_be_read_is_kept_and_says_why(secretary_client: Client, world_a: World) -> None:
    """A damaged file passes the request's cheap check; the paper is kept, and the reader's reason shown."""
    url = reverse(
        "governance:paper-create", kwargs={"slug": world_a.partnership.slug, "pk": world_a.meeting.pk}
    )
    damaged = SimpleUploadedFile("pack.pdf", b"%PDF-1.7\n1 0 obj <</Type /Catalog>>\n%%EOF garbage" * 20)
    assert secretary_client.post(url, {"title": "Damaged pack", "file": damaged}).status_code == 302
    page = secretary_client.get(
        reverse(
            "governance:meeting-detail", kwargs={"slug": world_a.partnership.slug, "pk": world_a.meeting.pk}
        )
    )
    assert "Being read" in page.content.decode()
    run_worker()
    paper = Paper.objects.get(title="Damaged pack")
    assert paper.file and (paper.pages, paper.words) == (None, None) and "damaged" in paper.read_error
    page = secretary_client.get(
        reverse(
            "governance:meeting-detail", kwargs={"slug": world_a.partnership.slug, "pk": world_a.meeting.pk}
        )
    )
    assert "could not be read" in page.content.decode()
