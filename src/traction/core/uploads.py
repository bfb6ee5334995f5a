"""Checks and measures an uploaded paper before anything is stored.

Uploads are untrusted. Django does not cap a file's size, so we do, with
``settings.TRACTION_MAX_UPLOAD_BYTES``; only a few document types are accepted, and each must look
like what its name says. Reading is the minutes engine's (``traction_analysis.ingest``, with its limits
on pages, archive entries and unpacked size); a file it cannot read is refused rather than half-read.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

from traction.core.policy import NOT_FOUND
from traction_analysis import ingest
from traction_analysis.errors import EncryptedDocument, IngestError, NoTextLayer, TooLarge
from traction_analysis.limits import Limits

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
    ".md": "text/markdown",
}
FILE_REQUIRED = "Choose a file to upload."
FILE_EMPTY = "The selected file is empty."
FILE_TOO_BIG = "The selected file must be smaller than {mb} MB."
FILE_TYPE = "The selected file must be a PDF, DOCX, HTML, TXT or MD file."
FILE_UNREADABLE = "The selected file could not be read as a {kind} file. Check it opens, then try again."

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# What the minutes engine must find inside a file with each extension.
EXPECTED_FORMATS = {
    ".pdf": {"pdf"},
    ".docx": {"docx"},
    ".html": {"html"},
    ".htm": {"html"},
    ".txt": {"text", "markdown"},
    ".md": {"markdown", "text"},
}
# The engine's own words are clearer than ours for these: a password, a zip bomb, a 2,000-page pack.
SPECIFIC_ERRORS = (EncryptedDocument, TooLarge)


@dataclass(frozen=True)
class Measured:
    extension: str
    sha256: str
    words: int | None
    pages: int | None


def extension_of(name: str) -> str:
    return PurePath(name or "").suffix.lower()


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _read(upload: UploadedFile) -> bytes:
    limit = settings.TRACTION_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(FILE_TOO_BIG.format(mb=limit // (1024 * 1024)), code="too_big")
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(FILE_TOO_BIG.format(mb=limit // (1024 * 1024)), code="too_big")
    if not data:
        raise ValidationError(FILE_EMPTY, code="empty")
    upload.seek(0)
    return data


def _scanned_pdf_pages(data: bytes) -> int:
    """Page count of a PDF without a text layer: still a paper, and its pages still count."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def _measure(data: bytes, name: str, extension: str) -> Measured:
    limits = Limits(max_bytes=settings.TRACTION_MAX_UPLOAD_BYTES)
    unreadable = ValidationError(FILE_UNREADABLE.format(kind=extension.lstrip(".").upper()), code="unreadable")
    try:
        document = ingest.read(data, name=name, limits=limits)
    except NoTextLayer:
        return Measured(extension, hashlib.sha256(data).hexdigest(), None, _scanned_pdf_pages(data))
    except SPECIFIC_ERRORS as exc:
        raise ValidationError(str(exc), code="unreadable") from exc
    except IngestError as exc:
        raise unreadable from exc
    if document.format not in EXPECTED_FORMATS[extension]:
        raise unreadable
    return Measured(extension, document.sha256, count_words(document.text), document.pages)


def measure_upload(upload: UploadedFile | None) -> Measured:
    """Size, type, fingerprint and length of an upload, or a ValidationError with a clear message."""
    if upload is None:
        raise ValidationError(FILE_REQUIRED, code="required")
    extension = extension_of(upload.name or "")
    if extension not in CONTENT_TYPES:
        raise ValidationError(FILE_TYPE, code="type")
    return _measure(_read(upload), upload.name or "", extension)


# A downloaded file is never rendered by the browser as part of this site.
DOWNLOAD_CSP = "default-src 'none'; sandbox"


def download_response(file: FieldFile, *, filename: str) -> FileResponse:
    """A stored upload as an attachment that cannot run in this site's origin: nosniff, a sandboxing CSP,
    and HTML sent as bytes. A missing or unreadable file is a 404, as a record the user may not see is."""
    if not file:
        raise Http404(NOT_FOUND)
    try:
        handle = file.open("rb")
    except (OSError, ValueError) as exc:  # FileNotFoundError is an OSError
        raise Http404(NOT_FOUND) from exc
    content_type = CONTENT_TYPES.get(extension_of(file.name or ""), "application/octet-stream")
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type="application/octet-stream" if content_type == "text/html" else content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    return response
