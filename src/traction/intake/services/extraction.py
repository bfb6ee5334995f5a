"""Reading an uploaded document in the background: blocks for the review screen, proposals for minutes.

One read, outside any transaction: the document is claimed in a short transaction, read once through
the killable, time-limited reader (``core.uploads.read_stored``) and, for minutes, extracted with no
transaction open (so no lock is held while a parser or the engine works); the result is then stored in
one short transaction that checks nobody stored it meanwhile.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from traction.core.audit import audit_record
from traction.core.uploads import count_words, read_stored
from traction.governance.papers import paper_store
from traction.intake.models import DocumentKind, DocumentStatus, SourceDocument
from traction.intake.services.submit import review_submit
from traction_analysis.document import Document
from traction_analysis.errors import IngestError, NoTextLayer
from traction_analysis.extract import extract
from traction_analysis.extract.model import ExtractedItem, MeetingExtract

logger = logging.getLogger(__name__)

UNEXPECTED = (
    "Something went wrong while reading this document; nothing was taken from it. "
    "Try again, or tell your administrator (the worker's log has the details)."
)
NO_ITEMS = "No agenda items were found in this document. Check it is a set of minutes."
NO_TEXT_MINUTES = (
    "The PDF has no text layer (it looks scanned), so its minutes cannot be read. "
    "Run it through OCR first, or upload it as a paper."
)
WORKER_LOST = "the worker reading it stopped before it finished"
UPLOADER_GONE = (
    "The account that uploaded this document no longer exists, so nothing can be proposed in its "
    "name. Upload the document again."
)


def upload_origin(document: SourceDocument) -> dict[str, Any]:
    """What a review of an upload is keyed by: the file's fingerprint, so the same file is one review."""
    return {"kind": "upload", "sha256": document.sha256}


def _blocks(document: Document) -> list[list[Any]]:
    return [[block.page, block.line, block.kind, block.text] for block in document.blocks]


def _claim(document_id: int) -> SourceDocument | None:
    """The document, marked as being read, unless it is gone or already read."""
    with transaction.atomic():
        document = SourceDocument.objects.select_for_update().filter(pk=document_id).first()
        if document is None or document.status == DocumentStatus.READY:
            return None
        document.status, document.error, document.claimed_at = DocumentStatus.EXTRACTING, "", timezone.now()
        document.progress = {}
        document.save(update_fields=["status", "error", "claimed_at", "progress"])
    return document


def documents_recover(*, now: datetime.datetime | None = None) -> list[int]:
    """Queue again every document "Being read" whose worker stopped (its lease ran out): a worker killed
    mid-read leaves the document claimed and its task marked running, and no worker would take it up.
    Reading is idempotent, so a slow worker that was only late stores nothing twice (``AlreadyRead``).
    Returns the ids queued again; each is audited. Runs before every read and from
    ``manage.py recover_documents``."""
    from traction.intake.tasks import extract_document

    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=settings.TRACTION_READ_LEASE_SECONDS)
    stale = SourceDocument.objects.filter(status=DocumentStatus.EXTRACTING).filter(
        models.Q(claimed_at__lt=cutoff) | models.Q(claimed_at__isnull=True)
    )
    recovered = []
    for document_id in stale.values_list("pk", flat=True):
        with transaction.atomic():
            document = stale.select_for_update().filter(pk=document_id).first()
            if document is None:
                continue  # finished, or recovered by another worker, meanwhile
            document.status, document.claimed_at = DocumentStatus.QUEUED, None
            document.save(update_fields=["status", "claimed_at"])
            audit_record(
                actor=None,
                partnership=document.partnership,
                verb="queued again",
                instance=document,
                changes={
                    "status": [DocumentStatus.EXTRACTING, DocumentStatus.QUEUED],
                    "why": [None, WORKER_LOST],
                },
            )
            extract_document.enqueue(document.pk)
        recovered.append(document_id)
    if recovered:
        logger.warning("Queued again %d document(s) whose worker stopped while reading", len(recovered))
    return recovered


@dataclass(frozen=True)
class Read:
    """What one read of a document gave: the document (None for a scanned paper) and, for minutes, the
    extract."""

    document: Document | None
    pages: int | None
    extract: MeetingExtract | None = None


class ReadProgress:
    """How far a worker has got with a document, written as it goes for the documents list to show: one
    UPDATE of the row per step (the text read, then each item found), outside any transaction so a poll
    sees it at once, and only while the document is still being read."""

    def __init__(self, document: SourceDocument) -> None:
        self.document_id = document.pk
        self.counts: dict[str, int] = {}

    def write(self, **counts: int) -> None:
        self.counts.update(counts)
        SourceDocument.objects.filter(pk=self.document_id, status=DocumentStatus.EXTRACTING).update(
            progress=dict(self.counts)
        )

    def text_read(self, pages: int | None, *, minutes: bool) -> None:
        """The text is out of the file: a paper is read to its last page; minutes start their first."""
        if pages:
            self.counts["pages"] = pages
        if minutes:
            self.write(page=1 if pages else 0, items=0, decisions=0, actions=0)
        else:
            self.write(page=pages or 0)

    def item_found(self, item: ExtractedItem, page: int | None) -> None:
        counts = self.counts
        self.write(
            page=max(counts.get("page", 0), page or 0),
            items=counts.get("items", 0) + 1,
            decisions=counts.get("decisions", 0) + (item.outcome == "decided"),
            actions=counts.get("actions", 0) + len(item.actions),
        )


def _read(document: SourceDocument) -> Read:
    """Read (and for minutes extract) with no transaction open; raises IngestError or ValidationError.
    How far it has got is written on the document as it goes (``ReadProgress``)."""
    progress = ReadProgress(document)
    minutes = document.kind == DocumentKind.MINUTES
    try:
        read = read_stored(document.file, name=document.original_filename)
    except NoTextLayer as exc:
        if minutes:
            raise IngestError(NO_TEXT_MINUTES) from exc
        return Read(None, exc.pages)  # a scan is still a paper, and its pages still count
    progress.text_read(read.pages, minutes=minutes)
    if not minutes:
        return Read(read, read.pages)
    result = extract(read, on_item=progress.item_found)
    if not result.items:
        raise ValidationError(NO_ITEMS)
    return Read(read, read.pages, result)


class AlreadyRead(Exception):
    """Another worker stored this document's result first (it was queued again while being read)."""


@transaction.atomic
def _store_result(document: SourceDocument, read: Read) -> None:
    # The row locked while the result is stored: a second worker that read the same document waits,
    # then finds it read and stores nothing (no second paper, no second set of proposals).
    current = (
        SourceDocument.objects.select_for_update().filter(pk=document.pk).values_list("status", flat=True)
    )
    if current.first() == DocumentStatus.READY:
        raise AlreadyRead()
    if document.uploaded_by is None:
        raise ValidationError(UPLOADER_GONE)
    words = count_words(read.document.text) if read.document is not None else None
    if read.extract is not None:
        review_submit(
            user=document.uploaded_by,
            partnership=document.partnership,
            meeting=document.meeting,
            document_title=document.original_filename,
            extract=read.extract,
            origin=upload_origin(document),
            source_document=document,
        )
        document.meta_date = read.extract.meeting_date
    else:
        paper_store(
            actor=document.uploaded_by,
            partnership=document.partnership,
            meeting=document.meeting,
            title=PurePath(document.original_filename).stem[:300] or "Paper",
            stored_file=document.file.name or "",
            original_filename=document.original_filename,
            sha256=document.sha256,
            pages=read.pages,
            words=words,
        )
    document.status, document.error = DocumentStatus.READY, ""
    document.pages, document.words = read.pages, words
    if read.document is not None:
        document.format, document.blocks = read.document.format, _blocks(read.document)
    else:
        document.format = "pdf"
    document.save(update_fields=["status", "error", "format", "pages", "words", "blocks", "meta_date"])
    audit_record(
        actor=document.uploaded_by,
        partnership=document.partnership,
        verb="read",
        instance=document,
        changes={"status": [DocumentStatus.EXTRACTING, DocumentStatus.READY]},
    )


def _fail(document: SourceDocument, message: str) -> None:
    with transaction.atomic():
        document.status, document.error = DocumentStatus.FAILED, message
        document.save(update_fields=["status", "error"])
        audit_record(
            actor=document.uploaded_by,
            partnership=document.partnership,
            verb="could not read",
            instance=document,
            changes={"error": [None, message]},
        )


def document_extract(*, document_id: int) -> str:
    """Read one uploaded document and propose what it records; the document's status says how it went.

    Either everything is stored (blocks, proposals) or, with a message saying why, nothing is: the
    proposals and the "read" status are written in one transaction.
    """
    document = _claim(document_id)
    if document is None:
        return "skipped"
    try:
        _store_result(document, _read(document))  # read outside any transaction, stored inside one
    except AlreadyRead:
        return "skipped"
    except IngestError as exc:
        _fail(document, str(exc))
    except (ValidationError, PermissionDenied) as exc:
        _fail(document, " ".join(getattr(exc, "messages", None) or [str(exc)]))
    except Exception:
        logger.exception("Reading source document %s failed", document_id)
        _fail(document, UNEXPECTED)
        raise
    document.refresh_from_db(fields=["status"])
    return str(document.status)
