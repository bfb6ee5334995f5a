"""Document readers: PDF, Word .docx, HTML, plain text, Markdown and ModernGov XML to ``Document``.

Public API::

    read(source, *, name=None, limits=DEFAULT_LIMITS) -> Document
    read_many(paths, *, limits=DEFAULT_LIMITS, workers=None) -> Iterator[(path, Document | IngestError)]
    Reader(limits=DEFAULT_LIMITS).read(path) -> Document     (one at a time, in a kept, killable worker)
    sniff(data, *, name, limits=DEFAULT_LIMITS) -> Sniffed    (format, sha256, size; parses nothing)

Every block carries where it came from. Conventions, per format:

============  ==============  ================================================================
format        ``page``        ``line``
============  ==============  ================================================================
pdf           1-based page    n-th non-empty line on that page (1-based)
docx          None            position of the block in reading order (1-based)
html          None            position of the block in reading order (1-based)
moderngov     None            position of the block in reading order (1-based)
text          None            line number in the file, blank lines counted (1-based)
markdown      None            line number in the file, blank lines counted (1-based)
============  ==============  ================================================================

``kind`` is ``heading`` (DOCX heading styles, ``<h1>``–``<h6>``, Markdown ``#``, ModernGov
section headers), ``table_row`` (cells joined by `` | ``), ``item`` (ModernGov agenda items, with
``number`` and ``title``) or ``text``. Each reader module documents its details.
"""

from __future__ import annotations

from traction_analysis.ingest.batch import Reader, read_many
from traction_analysis.ingest.detect import detect_format
from traction_analysis.ingest.reader import read
from traction_analysis.ingest.sniff import Sniffed, sniff

__all__ = ["Reader", "Sniffed", "detect_format", "read", "read_many", "sniff"]
