"""Checks and measures an uploaded paper before anything is stored.

Uploads are untrusted. Django does not cap a file's size, so we do, with
``settings.TRACTION_MAX_UPLOAD_BYTES``; only a few document types are accepted, and each must look
like what its name says (a PDF starts with ``%PDF-``, a DOCX is a small zip, text is UTF-8). Counting
words and pages is best effort: a file we cannot measure is refused rather than half-read.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

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

_MAX_ZIP_ENTRIES = 2000
_MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


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


def _measure_pdf(data: bytes) -> tuple[int, int]:
    import pypdfium2 as pdfium

    if not data.startswith(b"%PDF-"):
        raise ValueError("not a PDF")
    document = pdfium.PdfDocument(data)
    try:
        words = 0
        for index in range(len(document)):
            page = document[index]
            text_page = page.get_textpage()
            words += count_words(text_page.get_text_range())
            text_page.close()
            page.close()
        return words, len(document)
    finally:
        document.close()


def _measure_docx(data: bytes) -> int:
    import docx

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        if len(entries) > _MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > _MAX_UNZIPPED_BYTES:
            raise ValueError("zip too large when unpacked")
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return count_words("\n".join(texts))


def _measure_text(data: bytes, extension: str) -> int:
    if b"\x00" in data:
        raise ValueError("binary data")
    text = data.decode("utf-8-sig") if extension not in {".html", ".htm"} else data.decode("utf-8", "replace")
    if extension in {".html", ".htm"}:
        import lxml.html

        root = lxml.html.document_fromstring(text)
        for bad in root.xpath("//script|//style"):
            bad.drop_tree()
        text = root.text_content()
    return count_words(text)


def measure_upload(upload: UploadedFile | None) -> Measured:
    """Size, type, fingerprint and length of an upload, or a ValidationError with a clear message."""
    if upload is None:
        raise ValidationError(FILE_REQUIRED, code="required")
    extension = extension_of(upload.name or "")
    if extension not in CONTENT_TYPES:
        raise ValidationError(FILE_TYPE, code="type")
    data = _read(upload)
    sha256 = hashlib.sha256(data).hexdigest()
    kind = extension.lstrip(".").upper()
    try:
        if extension == ".pdf":
            words, pages = _measure_pdf(data)
            return Measured(extension, sha256, words, pages)
        if extension == ".docx":
            return Measured(extension, sha256, _measure_docx(data), None)
        return Measured(extension, sha256, _measure_text(data, extension), None)
    except Exception as exc:  # any parser failure on untrusted input is the same answer to the user
        raise ValidationError(FILE_UNREADABLE.format(kind=kind), code="unreadable") from exc
