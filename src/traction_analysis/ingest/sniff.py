"""``sniff``: what a file is, cheaply, without parsing it — for a web request that must not read.

A request that accepts an upload only needs to know the file is of a kind Traction reads, not too
large, not a zip bomb, and what its fingerprint is. Reading it (PDFium, python-docx, lxml: C code that a
hostile file can make loop or crash) is the background worker's job, in a process it can kill
(``ingest.batch.Reader``). Sniffing costs a hash and a look at the first bytes and, for a ``.docx``, at
the ZIP's central directory; nothing is decompressed or parsed.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from traction_analysis.document import Format
from traction_analysis.errors import CorruptDocument, TooLarge
from traction_analysis.ingest.detect import detect_format
from traction_analysis.ingest.docx import check_declared_count, check_directory
from traction_analysis.ingest.pdf import check_complete
from traction_analysis.limits import DEFAULT_LIMITS, Limits

TOO_BIG = "The file is {size:,} bytes; Traction reads files of up to {limit:,} bytes."


@dataclass(frozen=True, slots=True)
class Sniffed:
    format: Format
    sha256: str
    size: int


def sniff(data: bytes, *, name: str, limits: Limits = DEFAULT_LIMITS) -> Sniffed:
    """The format the content shows, its SHA-256 and size; an ``IngestError`` when it cannot be read.

    Checks only what is cheap: size, the format's signature, a PDF's end marker (a truncated
    download), a DOCX's entry count and declared unpacked size. A file that passes may still fail
    when it is read (a damaged page tree, a scan without text): the reader says so then.
    """
    if len(data) > limits.max_bytes:
        raise TooLarge(TOO_BIG.format(size=len(data), limit=limits.max_bytes))
    format = detect_format(data, name)
    if format == "pdf":
        check_complete(data)
    elif format == "docx":
        _check_zip(data, limits)
    return Sniffed(format=format, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def _check_zip(data: bytes, limits: Limits) -> None:
    check_declared_count(data, limits)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_directory(archive.infolist(), limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise CorruptDocument() from error
