"""Every limit the document readers enforce, in one place.

Uploaded papers are untrusted: a board pack can be a 2,000-page scan, a zip bomb renamed ``.docx``
or a PDF that sends a parser into a loop. Each limit here turns such a file into a typed
``IngestError`` instead of an exhausted server. Callers that need other values (tests, a bulk
importer) pass their own ``Limits``; nothing else in the package hard-codes a limit.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    # Checked against the file size before the file is read into memory.
    max_bytes: int = 50 * MB
    # Checked with the page count from the PDF's page tree, before any text is extracted.
    max_pages: int = 1000
    # A real .docx holds a few dozen parts; tens of thousands of entries is a zip bomb.
    max_zip_entries: int = 2000
    # Sum of uncompressed sizes, from the central directory and again while actually unpacking.
    max_unpacked_bytes: int = 200 * MB
    # Wall-clock budget for one document in ``read_many`` and ``Reader`` (the worker is killed after it).
    seconds_per_document: float = 60.0
    # Address space of a reader process in ``read_many`` and ``Reader`` (None: no cap). The worker's own
    # interpreter and libraries take about 0.5 GB of it; the rest is the document's.
    max_memory_bytes: int | None = 2048 * MB
    # libxml2's HTML parser checks each attribute against the element's others: an element with 100,000
    # attributes takes it tens of seconds. Real markup has a handful; Word's saved HTML a few dozen.
    max_html_attributes: int = 1000
    # A PDF with fewer non-space characters than this per page, on average, is treated as a scan:
    # scanned minutes often carry a stamped page number or reference, but never a paragraph.
    min_chars_per_page: int = 10


DEFAULT_LIMITS = Limits()
