"""Reading an uploaded document in the background: blocks for the review screen, proposals for minutes."""
from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from traction.core.audit import audit_record
from traction.core.services import record_create
from traction.governance.models import Paper
from traction.intake.models import DocumentKind, DocumentStatus, SourceDocument
from traction.intake.services.submit import review_submit
from traction_analysis import ingest
from traction_analysis.document import Document
from traction_analysis.errors import IngestError
from traction_analysis.extract import extract
from traction_analysis.limits import Limits

logger = logging.getLogger(__name__)

UNEXPECTED = "Something went wrong while reading this document; nothing was taken from it. " \
             "Try again, or tell your administrator (the worker's log has the details)."
FILE_MISSING = "The stored file is missing, so it could not be read. Upload it again."
NO_ITEMS = "No agenda items were found in this document. Check it is a set of minutes."
UPLOADER_GONE = "The account that uploaded this document no longer exists, so nothing can be proposed in its " \
                "name. Upload the document again."


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
        document.status, document.error = DocumentStatus.EXTRACTING, ""
        document.save(update_fields=["status", "error"])
    return document


def _read(document: SourceDocument) -> Document:
    try:
        with document.file.open("rb") as handle:
            data = handle.read(settings.TRACTION_MAX_UPLOAD_BYTES + 1)
    except (FileNotFoundError, OSError) as exc:
        raise IngestError(FILE_MISSING) from exc
    return ingest.read(data, name=document.original_filename,
                       limits=Limits(max_bytes=settings.TRACTION_MAX_UPLOAD_BYTES))


class AlreadyRead(Exception):
    """Another worker stored this document's result first (it was queued again while being read)."""


@transaction.atomic
def _store_result(document: SourceDocument, read: Document) -> None:
    # The row locked until this result is stored: a second worker reading the same document waits, then
    # finds it read and stores nothing (no second paper, no second set of proposals).
    current = SourceDocument.objects.select_for_update().filter(pk=document.pk).values_list("status", flat=True)
    if current.first() == DocumentStatus.READY:
        raise AlreadyRead()
    if document.uploaded_by is None:
        raise ValidationError(UPLOADER_GONE)
    if document.kind == DocumentKind.MINUTES:
        result = extract(read)
        if not result.items:
            raise ValidationError(NO_ITEMS)
        review_submit(user=document.uploaded_by, partnership=document.partnership, meeting=document.meeting,
                      document_title=document.original_filename, extract=result,
                      origin=upload_origin(document), source_document=document)
        document.meta_date = result.meeting_date
    else:
        _paper_create(document, read)
    document.status, document.error = DocumentStatus.READY, ""
    document.format, document.pages, document.blocks = read.format, read.pages, _blocks(read)
    document.save(update_fields=["status", "error", "format", "pages", "blocks", "meta_date"])
    audit_record(actor=document.uploaded_by, partnership=document.partnership, verb="read", instance=document,
                 changes={"status": [DocumentStatus.EXTRACTING, DocumentStatus.READY]})


def _paper_create(document: SourceDocument, read: Document) -> None:
    """A paper joins the record at once (it is the document itself, not something read from it)."""
    from pathlib import PurePath

    record_create(actor=document.uploaded_by, partnership=document.partnership, model=Paper, data={
        "meeting": document.meeting, "title": PurePath(document.original_filename).stem[:300] or "Paper",
        "file": document.file.name, "original_filename": document.original_filename, "sha256": document.sha256,
        "pages": read.pages, "words": document.words})


def _fail(document: SourceDocument, message: str) -> None:
    with transaction.atomic():
        document.status, document.error = DocumentStatus.FAILED, message
        document.save(update_fields=["status", "error"])
        audit_record(actor=document.uploaded_by, partnership=document.partnership, verb="could not read",
                     instance=document, changes={"error": [None, message]})


def document_extract(*, document_id: int) -> str:
    """Read one uploaded document and propose what it records; the document's status says how it went.

    Either everything is stored (blocks, proposals) or, with a message saying why, nothing is: the
    proposals and the "read" status are written in one transaction.
    """
    document = _claim(document_id)
    if document is None:
        return "skipped"
    try:
        _store_result(document, _read(document))
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
