"""The plain data every reader produces and every extractor consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Format = Literal["pdf", "docx", "html", "text", "markdown", "moderngov"]
BlockKind = Literal["text", "heading", "table_row", "item"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fact came from: 1-based page (None for unpaged formats) and 1-based line."""

    page: int | None
    line: int | None


@dataclass(frozen=True, slots=True)
class Style:
    """What a reader of the page sees about a line besides its words; ``None`` where the format cannot say.

    ``size`` is the font size in points (PDF), ``bold``/``italic`` hold for the whole line (PDF: its first
    and last characters; DOCX: every run; HTML: ``<b>``/``<strong>`` around all of it), ``indent`` is the
    left edge in points (PDF) or the list/outline depth (DOCX, HTML), ``gap`` the vertical space above the
    line in points (PDF), ``level`` a heading level (HTML ``<hN>``, DOCX heading styles and outline
    levels), and ``marker`` the list number a browser or Word would draw before the text ("3.", "b)").
    """

    size: float | None = None
    bold: bool = False
    italic: bool = False
    indent: float | None = None
    gap: float | None = None
    level: int | None = None
    marker: str | None = None


@dataclass(frozen=True, slots=True)
class TextBlock:
    """One line or paragraph of a document, with where it stands.

    ``kind`` is a hint from the reader: ``heading`` for styled headings (DOCX/HTML/Markdown),
    ``table_row`` for a row of a table (cells joined by `` | ``), ``item`` for an agenda item that a
    structured source (ModernGov XML) delimits itself, with ``number`` and ``title`` filled.
    """

    text: str
    page: int | None
    line: int
    kind: BlockKind = "text"
    number: str | None = None
    title: str | None = None
    style: Style | None = None

    @property
    def provenance(self) -> Provenance:
        return Provenance(self.page, self.line)


@dataclass(slots=True)
class Document:
    name: str
    format: Format
    blocks: list[TextBlock]
    pages: int | None = None
    sha256: str = ""
    # Metadata a structured source states outright (ModernGov: committee title, meeting date ISO).
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)
