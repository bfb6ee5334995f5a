"""``read``: one document, any supported format, in this process."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from traction_analysis.collection import collection_paused
from traction_analysis.document import Document, Format
from traction_analysis.errors import CorruptDocument, IngestError, TooLarge
from traction_analysis.ingest.detect import detect_format
from traction_analysis.ingest.docx import read_docx
from traction_analysis.ingest.html import read_html
from traction_analysis.ingest.moderngov import read_moderngov
from traction_analysis.ingest.pdf import read_pdf
from traction_analysis.ingest.source import Source, load_source
from traction_analysis.ingest.text import read_markdown, read_text
from traction_analysis.limits import DEFAULT_LIMITS, Limits

OUT_OF_MEMORY = "The document is too large to read in the memory available."

Reader = Callable[..., Document]
READERS: dict[Format, Reader] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "html": read_html,
    "text": read_text,
    "markdown": read_markdown,
    "moderngov": read_moderngov,
}


def read(source: Source, *, name: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a document from a path (``str`` or path-like) or from its bytes.

    The format comes from the content; ``name`` (default: the file name) is what the document is
    called and breaks ties only (``.md``). Raises only ``IngestError`` subclasses for anything
    wrong with the document; a parser failure we did not foresee becomes ``CorruptDocument``.
    Runs in-process without a time limit: use ``read_many`` for files that may hang a parser.
    """
    loaded = load_source(source, name=name, limits=limits)
    try:
        format = detect_format(loaded.data, loaded.name)
        with collection_paused():
            document = READERS[format](loaded.data, name=loaded.name, limits=limits)
    except IngestError:
        raise
    except MemoryError as error:
        raise TooLarge(OUT_OF_MEMORY) from error
    except Exception as error:  # a parser bug on a hostile file must not reach the caller raw
        raise CorruptDocument() from error
    document.sha256 = hashlib.sha256(loaded.data).hexdigest()
    return document
