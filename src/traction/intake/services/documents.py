"""Uploading source documents: a cheap check in the request (nothing is parsed), then a read in the
background."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import SAME_PARTNERSHIP, Partnership
from traction.core.uploads import Sniffed, sniff_upload
from traction.governance.models import Body, Meeting
from traction.governance.papers import existing_paper
from traction.intake.models import DocumentKind, DocumentStatus, SourceDocument

FILES_REQUIRED = "Choose at least one file to upload."
TOO_MANY_FILES = "Upload at most {limit} files at once."
MEETING_OF_ANOTHER_BODY = "Choose a meeting of this body."
ALREADY_A_PAPER = "{name} is already in the record as the paper “{title}”. Nothing was uploaded."
DUPLICATE = "{name} is the same file as “{earlier}”, uploaded on {when}{by}. Nothing was uploaded."
DUPLICATE_IN_BATCH = "{name} is the same file as {other}, chosen twice. Nothing was uploaded."
NAMED = "{name}: {message} Nothing was uploaded."
ALREADY_READ = "This document has already been read."
MAX_FILES = 20


def _name(upload: UploadedFile) -> str:
    return f"“{(upload.name or 'the file')[-120:]}”"


def _duplicate_message(upload: UploadedFile, earlier: SourceDocument) -> str:
    when = date_format(timezone.localtime(earlier.uploaded_at), "j F Y")
    by = f" by {earlier.uploaded_by.get_username()}" if earlier.uploaded_by else ""
    return DUPLICATE.format(name=_name(upload), earlier=earlier.original_filename, when=when, by=by)


def _sniff_all(partnership: Partnership, uploads: Sequence[UploadedFile], kind: str) -> list[Sniffed]:
    """Every file checked (size, type, signature, duplicates); all problems at once, or what was learnt.

    Nothing is parsed here: the request holds the database's write lock while it stores the files, and
    a parser (C code a hostile file can make loop) runs only in the background worker's killable reader.
    """
    errors: list[str] = []
    measured: list[Sniffed] = []
    seen: dict[str, UploadedFile] = {}
    for upload in uploads:
        try:
            result = sniff_upload(upload)
        except ValidationError as exc:
            errors.extend(NAMED.format(name=_name(upload), message=message) for message in exc.messages)
            continue
        earlier = SourceDocument.objects.filter(partnership=partnership, sha256=result.sha256).first()
        if earlier is not None and not _replaceable(earlier):
            errors.append(_duplicate_message(upload, earlier))
        elif result.sha256 in seen:
            errors.append(DUPLICATE_IN_BATCH.format(name=_name(upload), other=_name(seen[result.sha256])))
        elif (
            kind == DocumentKind.PAPER
            and (paper := existing_paper(partnership=partnership, sha256=result.sha256)) is not None
        ):
            errors.append(ALREADY_A_PAPER.format(name=_name(upload), title=paper.title))
        seen.setdefault(result.sha256, upload)
        measured.append(result)
    if errors:
        raise ValidationError(errors)
    return measured


def _replaceable(earlier: SourceDocument) -> bool:
    """A document that could not be read, and gave nothing to the record, gives way to the same file
    uploaded again (say as a paper after it failed as minutes): refusing it as a duplicate would leave
    the file impossible to upload."""
    return earlier.status == DocumentStatus.FAILED and not earlier.reviews.exists()


def _replace_failed(*, user: Any, partnership: Partnership, sha256: str) -> None:
    earlier = (
        SourceDocument.objects.select_for_update().filter(partnership=partnership, sha256=sha256).first()
    )
    if earlier is None:
        return
    if not _replaceable(earlier):  # read meanwhile by a worker: the unique constraint refuses the upload
        return
    audit_record(
        actor=user,
        partnership=partnership,
        verb="replaced failed upload",
        instance=earlier,
        changes={"file": [earlier.original_filename, None], "error": [earlier.error, None]},
    )
    stored = earlier.file.name
    earlier.delete()
    # The file goes only once the replacement is committed; a rolled-back upload keeps it.
    transaction.on_commit(lambda: earlier.file.storage.delete(stored) if stored else None)


def _check_scope(partnership: Partnership, body: Body, meeting: Meeting | None) -> None:
    if body.partnership_id != partnership.pk or (
        meeting is not None and meeting.partnership_id != partnership.pk
    ):
        raise ValidationError(SAME_PARTNERSHIP)
    if meeting is not None and meeting.body_id != body.pk:
        raise ValidationError(MEETING_OF_ANOTHER_BODY)


def _store(
    *,
    user: Any,
    partnership: Partnership,
    body: Body,
    meeting: Meeting | None,
    kind: str,
    upload: UploadedFile,
    measured: Sniffed,
) -> SourceDocument:
    document = SourceDocument(
        partnership=partnership,
        body=body,
        meeting=meeting,
        kind=kind,
        original_filename=(upload.name or "document")[-255:],
        sha256=measured.sha256,
        size=measured.size,
        uploaded_by=user if user.is_authenticated else None,
    )
    # Never a user-chosen name on disk: the fingerprint and the checked extension.
    document.file.save(f"{measured.sha256[:32]}{measured.extension}", upload, save=False)
    document.full_clean(exclude=["file"])
    document.save()
    audit_record(
        actor=user,
        partnership=partnership,
        verb="uploaded",
        instance=document,
        changes={
            "file": [None, document.original_filename],
            "kind": [None, kind],
            "sha256": [None, document.sha256],
        },
    )
    return document


@transaction.atomic
def documents_upload(
    *,
    user: Any,
    partnership: Partnership,
    body: Body,
    meeting: Meeting | None,
    kind: str,
    uploads: Sequence[UploadedFile],
) -> list[SourceDocument]:
    """Store the files and queue each for reading; all of them or, with every problem named, none.

    The extraction task is queued in the same transaction as its document (the database task backend
    stores it as a row), so a document is never stored without its task, nor a task without its document.
    """
    from traction.intake.tasks import extract_document

    policy.require(user=user, partnership=partnership, action="add", object_type="sourcedocument")
    _check_scope(partnership, body, meeting)
    if not uploads:
        raise ValidationError(FILES_REQUIRED)
    if len(uploads) > MAX_FILES:
        raise ValidationError(TOO_MANY_FILES.format(limit=MAX_FILES))
    measured = _sniff_all(partnership, uploads, kind)
    stored: list[SourceDocument] = []
    try:
        for upload, measurement in zip(uploads, measured, strict=True):
            _replace_failed(user=user, partnership=partnership, sha256=measurement.sha256)
            document = _store(
                user=user,
                partnership=partnership,
                body=body,
                meeting=meeting,
                kind=kind,
                upload=upload,
                measured=measurement,
            )
            stored.append(document)
            extract_document.enqueue(document.pk)
    except IntegrityError as exc:  # the same file uploaded at the same moment by someone else
        _remove_files(stored)
        raise ValidationError(
            DUPLICATE.format(name=_name(upload), earlier="another upload", when="the same moment", by="")
        ) from exc
    except BaseException:
        _remove_files(stored)
        raise
    return stored


def _remove_files(documents: Sequence[SourceDocument]) -> None:
    for document in documents:
        document.file.delete(save=False)


@transaction.atomic
def document_retry(*, user: Any, document: SourceDocument) -> SourceDocument:
    """Queue again a document that could not be read, or whose worker stopped while reading it."""
    from traction.intake.tasks import extract_document

    policy.require(user=user, partnership=document.partnership, action="change", object_type="sourcedocument")
    if document.status == DocumentStatus.READY:
        raise ValidationError(ALREADY_READ)
    document.status, document.error = DocumentStatus.QUEUED, ""
    document.save(update_fields=["status", "error"])
    extract_document.enqueue(document.pk)
    audit_record(actor=user, partnership=document.partnership, verb="queued again", instance=document)
    return document
