"""Word .docx through python-docx: paragraphs and tables in document order.

``page`` is None (Word decides pages only when it lays the document out) and ``line`` is the
block's position in reading order, 1-based. Paragraphs in a ``Heading n`` or ``Title`` style give
``kind="heading"``. A table row with two or more non-empty cells gives one ``kind="table_row"``
block, cells joined by `` | `` (empty cells dropped; a merged cell counts once). A row with a
single non-empty cell is a layout box (cover sheets, framed headings) and gives one block per
paragraph in it. Automatic list numbers are written in front of their paragraph, since minutes
number their items that way. Tracked insertions count as text and tracked deletions do not.
Headers, footers, footnotes and comments are left out.

The ZIP container is checked before python-docx sees it: entry count and declared sizes from
the central directory, then every entry unpacked with a byte budget, because declared sizes can
lie.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from lxml import etree

from traction_analysis.document import BlockKind, Document, Style
from traction_analysis.errors import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    TooLarge,
    UnsupportedFormat,
)
from traction_analysis.ingest.blocks import BlockList, clean_text
from traction_analysis.ingest.docx_numbering import Numbering
from traction_analysis.limits import Limits

NOT_WORD = "This ZIP file is not a Word document; Traction reads Word .docx, not other Office files."
TOO_MANY_ENTRIES = "The Word file holds {entries:,} parts; Traction accepts up to {limit:,}."
NO_BODY = "The Word file's main part holds no document body; the file is damaged."
TOO_MUCH_UNPACKED = "The Word file unpacks to more than {limit:,} bytes; Traction refuses it as unsafe."
CELL_SEPARATOR = " | "

_MAIN_PART = "word/document.xml"
_CHUNK = 1 << 16
_EOCD = b"PK\x05\x06"
_EOCD_SEARCH = 22 + 0xFFFF  # the record plus the longest possible archive comment
_ZIP64_COUNT = 0xFFFF
_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
# Runs in reading order; Word stores each text box twice (modern + VML fallback), keep one copy.
_RUNS = etree.XPath(".//w:r[not(ancestor::mc:Fallback)]", namespaces=_NS)
_CELL_PARAGRAPHS = etree.XPath(
    ".//w:p[not(ancestor::w:txbxContent) and not(ancestor::mc:Fallback)]", namespaces=_NS
)
_W_P, _W_TBL, _W_TR, _W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_CONTAINERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}


def read_docx(data: bytes, *, name: str, limits: Limits) -> Document:
    _check_container(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors, …
        raise CorruptDocument() from error
    # python-docx gives <w:document> an element class with ``body`` (None when there is no <w:body>); a
    # main part with another root element is a plain lxml element without it.
    body = getattr(document.element, "body", None)
    if body is None:
        raise CorruptDocument(NO_BODY)
    blocks = _DocxWalker(document, body).walk()
    if not blocks.blocks:
        raise EmptyDocument()
    return Document(name=name, format="docx", blocks=blocks.blocks)


# --- the container ------------------------------------------------------------------------


def _check_container(data: bytes, limits: Limits) -> None:
    check_declared_count(data, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
    ) as error:
        # NotImplementedError: a damaged directory naming a zip version or feature zipfile lacks
        raise CorruptDocument() from error
    with archive:
        entries = archive.infolist()
        check_directory(entries, limits)
        _unpack_within_budget(archive, entries, limits)


def check_declared_count(data: bytes, limits: Limits) -> None:
    """Refuse a huge entry count from the end record, before zipfile builds an object per entry."""
    at = data.rfind(_EOCD, max(0, len(data) - _EOCD_SEARCH))
    if at >= 0 and len(data) >= at + 12:
        count = int.from_bytes(data[at + 10 : at + 12], "little")
        if count != _ZIP64_COUNT and count > limits.max_zip_entries:
            raise TooLarge(TOO_MANY_ENTRIES.format(entries=count, limit=limits.max_zip_entries))


def check_directory(entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(entries) > limits.max_zip_entries:
        raise TooLarge(TOO_MANY_ENTRIES.format(entries=len(entries), limit=limits.max_zip_entries))
    if sum(entry.file_size for entry in entries) > limits.max_unpacked_bytes:
        raise TooLarge(TOO_MUCH_UNPACKED.format(limit=limits.max_unpacked_bytes))
    if not any(entry.filename == _MAIN_PART for entry in entries):
        raise UnsupportedFormat(NOT_WORD)
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise EncryptedDocument()


def _unpack_within_budget(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    budget = limits.max_unpacked_bytes
    try:
        for entry in entries:
            with archive.open(entry) as stream:
                while chunk := stream.read(_CHUNK):
                    budget -= len(chunk)
                    if budget < 0:
                        raise TooLarge(TOO_MUCH_UNPACKED.format(limit=limits.max_unpacked_bytes))
    except TooLarge:
        raise
    except Exception as error:  # bad CRC, truncated stream, unknown compression method
        raise CorruptDocument() from error


# --- the content --------------------------------------------------------------------------


def paragraph_text(paragraph: etree._Element) -> str:
    # python-docx's Paragraph.text skips tracked insertions (<w:ins>) and smart tags.
    return "".join(run.text for run in _RUNS(paragraph))


class _DocxWalker:
    def __init__(self, document: DocxDocument, body: etree._Element) -> None:
        self.body = body
        self.blocks = BlockList()
        self.numbering = Numbering(_numbering_element(document))
        self.styles = _paragraph_styles(document)

    def walk(self) -> BlockList:
        for element in _body_elements(self.body):
            if element.tag == _W_P:
                self._paragraph(element)
            else:
                for row in element.iterchildren(_W_TR):
                    self._row(row)
        return self.blocks

    def _paragraph(self, paragraph: etree._Element) -> None:
        text, style = self._styled_text(paragraph)
        self.blocks.add(text, self._kind(paragraph), style=style)

    def _row(self, row: etree._Element) -> None:
        cells = []
        for cell in row.iterchildren(_W_TC):
            # Each paragraph's text is taken once: taking it advances the list counters.
            paragraphs = [(p, *self._styled_text(p)) for p in _CELL_PARAGRAPHS(cell)]
            if any(not text.isspace() and text for _, text, _ in paragraphs):
                cells.append(paragraphs)
        if len(cells) == 1:
            for paragraph, text, style in cells[0]:
                self.blocks.add(text, self._kind(paragraph), style=style)
        elif cells:
            texts = (clean_text(" ".join(text for _, text, _ in cell)) for cell in cells)
            self.blocks.add(CELL_SEPARATOR.join(texts), "table_row")

    def _styled_text(self, paragraph: etree._Element) -> tuple[str, Style]:
        """The paragraph's text with its automatic list number in front, and what Word shows of it."""
        text = paragraph_text(paragraph)
        num_id, ilvl = self._list_position(paragraph)
        label = self.numbering.label(num_id, ilvl) if num_id else None
        style = Style(
            bold=_all_bold(paragraph),
            italic=False,
            indent=float(ilvl) if label else None,
            level=self._level(paragraph),
            marker=label,
        )
        return (f"{label} {text}" if label and text.strip() else text), style

    def _level(self, paragraph: etree._Element) -> int | None:
        """A heading style's number ("Heading 2" → 2), or the paragraph's outline level (0-based) + 1."""
        outline = paragraph.find("w:pPr/w:outlineLvl", _NS)
        if outline is not None and (value := _attr(outline)) is not None and int(value) < 9:
            return int(value) + 1
        name = self.styles.get(_style_id(paragraph), ("", None))[0]
        if name.startswith("heading ") and name[8:].isdigit():
            return int(name[8:])
        return 1 if name == "title" else None

    def _list_position(self, paragraph: etree._Element) -> tuple[str | None, int]:
        num_pr = paragraph.find("w:pPr/w:numPr", _NS)
        if num_pr is None:
            num_pr = self.styles.get(_style_id(paragraph), ("", None))[1]
        if num_pr is None:
            return None, 0
        return _attr(num_pr.find("w:numId", _NS)), int(_attr(num_pr.find("w:ilvl", _NS)) or "0")

    def _kind(self, paragraph: etree._Element) -> BlockKind:
        style_id = _style_id(paragraph)
        name = self.styles.get(style_id, (style_id.lower(), None))[0]
        return "heading" if name.startswith("heading") or name == "title" else "text"


_RUN_TEXT = etree.XPath("string(w:t)", namespaces=_NS)
_OFF = {"0", "false", "off"}


def _all_bold(paragraph: etree._Element) -> bool:
    """Every run holding text is bold (direct formatting; a bold paragraph style counts through pPr/rPr)."""
    runs = [run for run in _RUNS(paragraph) if str(_RUN_TEXT(run)).strip()]
    if not runs:
        return False
    style_bold = paragraph.find("w:pPr/w:rPr/w:b", _NS)
    default = style_bold is not None and style_bold.get(qn("w:val"), "1") not in _OFF
    for run in runs:
        bold = run.find("w:rPr/w:b", _NS)
        if bold is None:
            if not default:
                return False
        elif bold.get(qn("w:val"), "1") in _OFF:
            return False
    return True


def _body_elements(parent: etree._Element) -> Iterator[etree._Element]:
    """Body paragraphs and tables in order, looking inside content controls and custom XML."""
    for child in parent.iterchildren():
        if child.tag in (_W_P, _W_TBL):
            yield child
        elif child.tag in _CONTAINERS:
            yield from _body_elements(child)


def _attr(element: etree._Element | None) -> str | None:
    value = element.get(qn("w:val")) if element is not None else None
    return value if value is None or value.isdigit() else None


def _style_id(paragraph: etree._Element) -> str:
    style = paragraph.find("w:pPr/w:pStyle", _NS)
    return style.get(qn("w:val"), "") if style is not None else ""


def _paragraph_styles(document: DocxDocument) -> dict[str, tuple[str, etree._Element | None]]:
    """style id -> (lower-case style name, the style's own list numbering or None)."""
    styles = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", None):
            name = style.find("w:name", _NS)
            label = name.get(qn("w:val"), "") if name is not None else ""
            styles[style.get(qn("w:styleId"), "")] = (label.lower(), style.find("w:pPr/w:numPr", _NS))
    return styles


def _numbering_element(document: DocxDocument) -> etree._Element | None:
    try:
        part = document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING)
    except (KeyError, AttributeError):
        return None
    return part.element if isinstance(part, XmlPart) else None
