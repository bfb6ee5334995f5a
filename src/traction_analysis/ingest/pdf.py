"""PDF through pypdfium2: one block per text line, ``page`` 1-based, ``line`` 1-based on its page.

Lines are pdfium's own line breaks; whitespace is collapsed and empty lines are dropped *before*
numbering, so ``line`` n is the n-th line with text on that page. Running heads and footers stay
in (they are real text; the extractors decide what they mean).
"""
from __future__ import annotations

import re
import threading

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from traction_analysis.document import Document, TextBlock
from traction_analysis.errors import CorruptDocument, EmptyDocument, EncryptedDocument, NoTextLayer, TooLarge
from traction_analysis.limits import Limits

TRUNCATED_PDF = "The PDF is incomplete (its end is missing); download or export it again."
TOO_MANY_PAGES = "The PDF has {pages:,} pages; Traction reads PDFs of up to {limit:,} pages."
NO_PAGES = "The PDF has no pages."

# PDFium is not thread-safe; a web server's threads must take turns.
_PDFIUM_LOCK = threading.Lock()
_EOF_MARKER = b"%%EOF"
# The marker belongs in the last 1 KB; writers append a little padding, so allow some slack.
_EOF_WINDOW = 4096
_PASSWORD_ERRORS = (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)
# PDFium reports hyphens it thinks are soft as U+FFFE ("sub\ufffecategories") or U+0002, and Word's
# Symbol/Wingdings bullets come out as private-use characters; bullets matter, they delimit items.
_PDFIUM_CHARACTERS = str.maketrans({"\ufffe": "-", "\x02": "-", "\uf0b7": "\u2022", "\uf0a7": "\u25aa"})
_NEEDS_TRANSLATION = re.compile("[\ufffe\x02\uf0b7\uf0a7]")


def read_pdf(data: bytes, *, name: str, limits: Limits) -> Document:
    _check_complete(data)
    with _PDFIUM_LOCK:
        pdf = _open(data)
        try:
            pages = _count_pages(pdf, limits)
            blocks, chars = _read_pages(pdf, pages)
        finally:
            pdf.close()
    if chars < limits.min_chars_per_page * pages:
        raise NoTextLayer()
    return Document(name=name, format="pdf", blocks=blocks, pages=pages)


def _check_complete(data: bytes) -> None:
    # PDFium rebuilds a missing cross-reference table and would quietly return the first half of
    # a truncated download; minutes missing their second half are worse than an error.
    if _EOF_MARKER not in data[-_EOF_WINDOW:].rstrip(b"\x00\r\n\t\x0c "):
        raise CorruptDocument(TRUNCATED_PDF)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code in _PASSWORD_ERRORS:
            raise EncryptedDocument() from error
        raise CorruptDocument() from error


def _count_pages(pdf: pdfium.PdfDocument, limits: Limits) -> int:
    pages = len(pdf)  # read from the page tree; no page is loaded
    if pages > limits.max_pages:
        raise TooLarge(TOO_MANY_PAGES.format(pages=pages, limit=limits.max_pages))
    if pages == 0:
        raise EmptyDocument(NO_PAGES)
    return pages


def _read_pages(pdf: pdfium.PdfDocument, pages: int) -> tuple[list[TextBlock], int]:
    blocks: list[TextBlock] = []
    chars = 0
    for index in range(pages):
        chars += _read_page(pdf, index, blocks)
    return blocks, chars


def _read_page(pdf: pdfium.PdfDocument, index: int, blocks: list[TextBlock]) -> int:
    """Append the page's lines to ``blocks``; return how many characters they hold."""
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()
    if _NEEDS_TRANSLATION.search(text):  # one scan per page, a full translate only when needed
        text = text.translate(_PDFIUM_CHARACTERS)
    # Hot loop: one split and one join per line, no regex, so the reader keeps pace with PDFium.
    page_number = index + 1
    line = 0
    chars = 0
    append = blocks.append
    for raw in text.splitlines():
        cleaned = " ".join(raw.split())
        if cleaned:
            line += 1
            chars += len(cleaned)
            append(TextBlock(cleaned, page_number, line))
    return chars
