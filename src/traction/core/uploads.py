"""Uploads: a cheap check in the request, one read in the background, a safe download.

Uploads are untrusted. Django does not cap a file's size, so we do, with
``settings.TRACTION_MAX_UPLOAD_BYTES``; only a few document types are accepted, and each must look
like what its name says. The request only *sniffs* a file (size, signature, fingerprint: nothing is
parsed, so no parser runs while a request holds a lock); the background worker *reads* it, once, with
``read_stored``: in a separate process that is killed past ``settings.TRACTION_READ_SECONDS``, with
the minutes engine's limits on pages, archive entries and unpacked size.
"""

from __future__ import annotations

import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path, PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

from traction.core.policy import NOT_FOUND
from traction_analysis import ingest
from traction_analysis.document import Document
from traction_analysis.errors import EncryptedDocument, IngestError, TooLarge
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
FILE_MISSING = "The stored file is missing, so it could not be read. Upload it again."

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# What the content of a file with each extension must look like.
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
class Sniffed:
    """What the request learns of an upload: its checked extension, fingerprint and size."""

    extension: str
    sha256: str
    size: int


def extension_of(name: str) -> str:
    return PurePath(name or "").suffix.lower()


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def limits() -> Limits:
    return Limits(
        max_bytes=settings.TRACTION_MAX_UPLOAD_BYTES,
        seconds_per_document=float(settings.TRACTION_READ_SECONDS),
    )


def _data(upload: UploadedFile) -> bytes:
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


def sniff_upload(upload: UploadedFile | None) -> Sniffed:
    """Size, type and fingerprint of an upload, or a ValidationError with a clear message. Parses nothing."""
    if upload is None:
        raise ValidationError(FILE_REQUIRED, code="required")
    extension = extension_of(upload.name or "")
    if extension not in CONTENT_TYPES:
        raise ValidationError(FILE_TYPE, code="type")
    data = _data(upload)
    unreadable = ValidationError(
        FILE_UNREADABLE.format(kind=extension.lstrip(".").upper()), code="unreadable"
    )
    try:
        sniffed = ingest.sniff(data, name=upload.name or "", limits=limits())
    except SPECIFIC_ERRORS as exc:
        raise ValidationError(str(exc), code="unreadable") from exc
    except IngestError as exc:
        raise unreadable from exc
    if sniffed.format not in EXPECTED_FORMATS[extension]:
        raise unreadable
    return Sniffed(extension, sniffed.sha256, sniffed.size)


_readers: dict[Limits, ingest.Reader] = {}
_readers_lock = threading.Lock()


def _reader() -> ingest.Reader:
    """The process's reader for the current limits: its worker process is kept between documents."""
    wanted = limits()
    with _readers_lock:
        if wanted not in _readers:
            _readers[wanted] = ingest.Reader(limits=wanted)
        return _readers[wanted]


def read_stored(file: FieldFile, *, name: str) -> Document:
    """Read a stored upload once, in a killable worker process with a deadline; ``IngestError`` if it
    cannot be read. Call it outside any transaction: it may take as long as the deadline."""
    try:
        path = Path(file.path)
    except NotImplementedError:  # a storage without local paths: the worker reads a temporary copy
        return _read_copy(file, name=name)
    if not path.exists():
        raise IngestError(FILE_MISSING)
    return _named(_reader().read(path), name)


def read_data(data: bytes, *, name: str, suffix: str) -> Document:
    """Read bytes that are not stored (a ModernGov answer) through the same killable reader and limits."""
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        copy.write(data)
        copy.flush()
        return _named(_reader().read(copy.name), name)


def _read_copy(file: FieldFile, *, name: str) -> Document:
    try:
        with file.open("rb") as handle:
            data = handle.read(settings.TRACTION_MAX_UPLOAD_BYTES + 1)
    except OSError as exc:
        raise IngestError(FILE_MISSING) from exc
    return read_data(data, name=name, suffix=extension_of(name))


def _named(document: Document, name: str) -> Document:
    document.name = name  # the reader knows the stored name; the user knows the uploaded one
    return document


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
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type="application/octet-stream" if content_type == "text/html" else content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    return response
