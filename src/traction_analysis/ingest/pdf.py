"""PDF through pypdfium2: one block per text line, ``page`` 1-based, ``line`` 1-based on its page.

Lines are pdfium's own line breaks; whitespace is collapsed and empty lines are dropped *before*
numbering, so ``line`` n is the n-th line with text on that page. Running heads and footers stay
in (they are real text; the extractors decide what they mean).
"""

from __future__ import annotations

import codecs
import ctypes
import re
import threading
from _ctypes import CFuncPtr
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from traction_analysis.document import Document, Style, TextBlock
from traction_analysis.errors import CorruptDocument, EmptyDocument, EncryptedDocument, NoTextLayer, TooLarge
from traction_analysis.limits import Limits

TRUNCATED_PDF = "The PDF is incomplete (its end is missing); download or export it again."
TOO_MANY_PAGES = "The PDF has {pages:,} pages; Traction reads PDFs of up to {limit:,} pages."
NO_PAGES = "The PDF has no pages."
BROKEN_PAGE = "Page {page:,} of the PDF is damaged and could not be read."

# PDFium is not thread-safe; a web server's threads must take turns.
_PDFIUM_LOCK = threading.Lock()
# PDFium keeps what every page it loaded used (parsed objects, fonts) until the document is closed,
# about 180 KB a page here: 180 MB for a 1,000-page file. Reopening the same bytes every this many
# pages bounds that to one batch, for a few milliseconds per reopening.
_PAGES_PER_OPENING = 100
_EOF_MARKER = b"%%EOF"
# The marker belongs in the last 1 KB; writers append a little padding, so allow some slack.
_EOF_WINDOW = 4096
_PASSWORD_ERRORS = (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY)
# PDFium reports hyphens it thinks are soft as U+FFFE ("sub\ufffecategories") or U+0002, and Word's
# Symbol/Wingdings bullets come out as private-use characters; bullets matter, they delimit items.
_PDFIUM_CHARACTERS = str.maketrans({"\ufffe": "-", "\x02": "-", "\uf0b7": "\u2022", "\uf0a7": "\u25aa"})
# The same table as (character, replacement) pairs: ``translate`` looks up every character of the page
# in the table, where a scan for each of these four finds the few there are far sooner.
_PDFIUM_REPLACEMENTS = tuple((chr(code), replacement) for code, replacement in _PDFIUM_CHARACTERS.items())
# Every character ``str.split()`` counts as whitespace except space, CR and LF (the line breaks
# PDFium writes); test_ingest checks the list against ``str.isspace``.
ODD_WHITESPACE = (
    "\t\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000"
)
# A page holding none of these, and no double space, needs no translation and no whitespace
# collapsing inside its lines; one scan per page decides.
_UNUSUAL = re.compile(f"[{ODD_WHITESPACE}\ufffe\x02\uf0b7\uf0a7]")


def read_pdf(data: bytes, *, name: str, limits: Limits) -> Document:
    check_complete(data)
    blocks: list[TextBlock] = []
    looks = _Looks()
    chars = 0
    with _PDFIUM_LOCK:
        pdf = _open(data)
        try:
            pages = _count_pages(pdf, limits)
            for start in range(0, pages, _PAGES_PER_OPENING):
                if start:
                    pdf.close()
                    pdf = _open(data)
                indexes = range(start, min(start + _PAGES_PER_OPENING, pages))
                chars += _read_pages(pdf, indexes, blocks, looks)
        finally:
            pdf.close()
    if chars < limits.min_chars_per_page * pages:
        raise NoTextLayer(pages=pages)
    return Document(name=name, format="pdf", blocks=blocks, pages=pages)


def check_complete(data: bytes) -> None:
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


def _read_pages(
    pdf: pdfium.PdfDocument,
    indexes: range,
    blocks: list[TextBlock],
    looks: _Looks,
) -> int:
    """Append the lines of the pages at ``indexes``; return how many characters they hold."""
    handle = pdf.raw
    return sum([_add_lines(*_page_text(handle, index, looks), index + 1, blocks) for index in indexes])


def _page_text(pdf: pdfium_c.FPDF_DOCUMENT, index: int, looks: _Looks) -> tuple[str, list[Style | None]]:
    """The page's text, as ``pdf[index].get_textpage().get_text_range()`` gives it, and each line's style.

    Raw PDFium calls: the helper objects (weak-reference finalizers, parent bookkeeping) cost more
    per page than the rest of the reader's own work. Every handle is closed before returning, so
    at most one page is held in memory whatever the page count.
    """
    page = pdfium_c.FPDF_LoadPage(pdf, index)
    if not page:  # the page tree names a page that is not there, or is not a page
        raise CorruptDocument(BROKEN_PAGE.format(page=index + 1))
    try:
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise CorruptDocument(BROKEN_PAGE.format(page=index + 1))
        try:
            text, first, direct = _text_range(textpage)
            return text, _line_styles(textpage, text, first, looks, direct)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
    finally:
        pdfium_c.FPDF_ClosePage(page)


def _text_range(textpage: pdfium_c.FPDF_TEXTPAGE) -> tuple[str, int, int]:
    """All of the text page's text: pypdfium2's ``get_text_range()`` (5.x), without the helper object;
    the text index of its first character; and the page's character count where text and character
    indexes are one and the same (else 0).

    Like pypdfium2, leading and trailing characters PDFium leaves out of the text are skipped
    before asking for the text (crbug.com/pdfium/2079), and undecodable code units are dropped.
    PDFium numbers the characters it puts in the text consecutively, so where the first character
    has text index 0 and the last has the last, none is left out and each has its own index as
    text index.
    """
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count == -1:
        raise pdfium.PdfiumError("Failed to get character count.")
    first, last = 0, count - 1
    if first > last:
        return "", 0, 0
    text_index = pdfium_c.FPDFText_GetTextIndexFromCharIndex
    while (text_first := text_index(textpage, first)) == -1:
        first += 1
        if first > last:
            return "", 0, 0
    while (text_last := text_index(textpage, last)) == -1:
        last -= 1  # stops at ``first`` at the latest, whose text index is known to exist
    total, count = count, last - first + 1
    # PDFium's contract is room for count + 1 code units; pypdfium2 sizes by text indices. Take the
    # larger, so neither reckoning can let PDFium write past the buffer.
    size = max(count + 1, text_last - text_first + 2)
    buffer = (ctypes.c_ushort * size)()
    written = pdfium_c.FPDFText_GetText(textpage, first, count, buffer)
    if written > size:
        raise pdfium.PdfiumError("PDFium wrote past the text buffer.")
    if written <= 1:
        return "", 0, 0
    direct = total if first == 0 and text_first == 0 and last == text_last == total - 1 else 0
    text = codecs.decode(memoryview(buffer)[: written - 1], "utf-16-le", errors="ignore")
    return text, text_first, direct


_FONT_NAME = ctypes.create_string_buffer(128)
_FONT_NAME_SIZE = ctypes.c_ulong(128)  # the C type PDFium's parameter has, since nothing converts it
_FLAGS = ctypes.c_int()
_X, _Y = ctypes.c_double(), ctypes.c_double()
# Made once: a ``byref`` per call costs more than the PDFium call it serves.
_FLAGS_REF, _X_REF, _Y_REF = ctypes.byref(_FLAGS), ctypes.byref(_X), ctypes.byref(_Y)


def _unchecked(function: CFuncPtr, restype: type[ctypes._SimpleCData[Any]]) -> CFuncPtr:
    """The same PDFium function without pypdfium2's ``argtypes``, for the calls made once per line.

    Checking and converting each argument against ``argtypes`` costs two to three times the call
    itself. Without them ctypes passes a ctypes object as its own C type and a Python int as a C
    ``int``, which is what these functions take, as long as every caller passes the text page
    handle, C ints for indexes, and ctypes objects for everything else.
    """
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address, "pypdfium2 binds every function it exports"
    copy = type(function)(address)
    copy.restype = restype
    return copy


_char_index = _unchecked(pdfium_c.FPDFText_GetCharIndexFromTextIndex, ctypes.c_int)
_font_size = _unchecked(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_font_info = _unchecked(pdfium_c.FPDFText_GetFontInfo, ctypes.c_ulong)
_font_weight = _unchecked(pdfium_c.FPDFText_GetFontWeight, ctypes.c_int)
_char_origin = _unchecked(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)

_ITALIC_FLAG = 0x40
_BOLD_WEIGHT = 600


_StyleKey = tuple[float | bool | None, ...]


@dataclass(slots=True)
class _Looks:
    """How the lines of one document have looked so far; lines look alike, and a look seen before
    costs a dictionary lookup instead of rounding and a new Style."""

    # PDFium's own numbers (size, bold, italic, x, baseline gap) -> the line's Style.
    by_reading: dict[_StyleKey, Style] = field(default_factory=dict)
    # The rounded numbers a Style holds -> the one Style shared by every line with them.
    by_style: dict[_StyleKey, Style] = field(default_factory=dict)
    # A font's name -> whether it says bold, and whether it says italic.
    fonts: dict[bytes, tuple[bool, bool]] = field(default_factory=dict)


def _line_styles(
    textpage: pdfium_c.FPDF_TEXTPAGE,
    text: str,
    text_first: int,
    looks: _Looks,
    direct: int = 0,
) -> list[Style | None]:
    """For each line of ``text`` (``str.splitlines``), the font and place of its first and last characters.

    A few PDFium calls per line, not per character: the size, weight or font name (bold), italic flag
    and origin of the line's first visible character, the weight of its last, and the vertical gap from
    the previous line's baseline. Text indexes are UTF-16 code units from ``text_first``; a line after a
    character outside the BMP is off by one, which only blurs a style. Lines that look alike share one
    (immutable) Style from ``looks``, which is cheaper than making one per line. Where ``direct`` (the
    page's character count) says text and character indexes coincide, PDFium is not asked to map them.
    """
    char_index = _char_index
    font_size = _font_size
    char_origin = _char_origin
    font_info = _font_info
    font_weight = _font_weight
    fonts = looks.fonts
    by_reading = looks.by_reading
    styles: list[Style | None] = []
    offset = text_first
    previous_y: float | None = None
    for raw in text.splitlines(keepends=True):
        length = len(raw)
        stripped = raw.lstrip()
        if not stripped:
            styles.append(None)
            offset += length
            continue
        start = offset + length - len(stripped)
        end = offset + len(raw.rstrip()) - 1
        offset += length
        first = (start if start < direct else -1) if direct else char_index(textpage, start)
        if first < 0:
            styles.append(None)
            continue
        size = font_size(textpage, first)
        # Bold: the font's name says so, else its weight does; italic: its flags or its name. Inline, as
        # a call per line would cost as much as the work in it.
        name_length = font_info(textpage, first, _FONT_NAME, _FONT_NAME_SIZE, _FLAGS_REF)
        name = _FONT_NAME.value if 0 < name_length <= 128 else b""
        named = fonts.get(name) or _judge_font(name, fonts)
        bold = named[0] or font_weight(textpage, first) >= _BOLD_WEIGHT
        italic = bool(_FLAGS.value & _ITALIC_FLAG) or named[1]
        if bold:  # a line is bold when its last character is too (a bold run-in title is not)
            last = (end if end < direct else -1) if direct else char_index(textpage, end)
            bold = last < 0 or last == first or _bold(textpage, last)
        if char_origin(textpage, first, _X_REF, _Y_REF):
            x: float | None = _X.value
            y: float = _Y.value
            gap = previous_y - y if previous_y is not None else None
            previous_y = y
        else:
            x = gap = None
        reading = (size, bold, italic, x, gap)
        style = by_reading.get(reading)
        if style is None:
            style = _style(size, bold, italic, x, gap, looks.by_style)
            if x != 0.0 and gap != 0.0:  # 0.0 and -0.0 are one key, but round to different Styles
                by_reading[reading] = style
        styles.append(style)
    return styles


def _style(
    size: float, bold: bool, italic: bool, x: float | None, gap: float | None, shared: dict[_StyleKey, Style]
) -> Style:
    """The Style of a line PDFium measured so, rounded to a tenth of a point; one per look from ``shared``."""
    points = round(size, 1) if size > 0 else None
    indent = round(x, 1) if x is not None else None
    rounded_gap = round(gap, 1) if gap is not None else None
    key = (points, bold, italic, indent, rounded_gap)
    style = shared.get(key)
    if style is None:
        style = Style(size=points, bold=bold, italic=italic, indent=indent, gap=rounded_gap)
        if indent != 0.0 and rounded_gap != 0.0:  # 0.0 and -0.0 are one key, but not one value
            shared[key] = style
    return style


def _judge_font(name: bytes, fonts: dict[bytes, tuple[bool, bool]]) -> tuple[bool, bool]:
    """Whether a font's name says bold, and whether it says italic; remembered in ``fonts``."""
    named = fonts[name] = (_bold_name(name), b"Italic" in name or b"Oblique" in name)
    return named


def _bold(textpage: pdfium_c.FPDF_TEXTPAGE, index: int) -> bool:
    """Whether one character is bold: its weight, else its font's name."""
    if _font_weight(textpage, index) >= _BOLD_WEIGHT:
        return True
    length = _font_info(textpage, index, _FONT_NAME, _FONT_NAME_SIZE, _FLAGS_REF)
    return 0 < length <= 128 and _bold_name(_FONT_NAME.value)


def _bold_name(name: bytes) -> bool:
    return b"Bold" in name or b"bold" in name or b"Heavy" in name or b"Black" in name


def _add_lines(text: str, styles: list[Style | None], page_number: int, blocks: list[TextBlock]) -> int:
    """Append the page's non-empty lines to ``blocks``; return how many characters they hold.

    ``styles`` has one entry per ``text.splitlines()`` line (see _line_styles); missing ones are None.
    """
    raw_lines = text.splitlines()
    if len(styles) < len(raw_lines):
        styles = styles + [None] * (len(raw_lines) - len(styles))
    if _UNUSUAL.search(text) or "  " in text:
        for character, replacement in _PDFIUM_REPLACEMENTS:  # text.translate(_PDFIUM_CHARACTERS)
            if character in text:
                text = text.replace(character, replacement)
        lines = [
            (cleaned, style)
            for raw, style in zip(text.splitlines(), styles, strict=False)
            if (cleaned := " ".join(raw.split()))
        ]
    else:
        # Only single spaces and line breaks: trimming each line is all the clean-up there is.
        lines = [
            (cleaned, style)
            for raw, style in zip(raw_lines, styles, strict=False)
            if (cleaned := raw.strip())
        ]
    blocks.extend(
        [_text_block(line, page_number, number, style) for number, (line, style) in enumerate(lines, 1)]
    )
    return sum(len(line) for line, _ in lines)


# TextBlock's frozen-dataclass __init__ sets each of its seven fields through object.__setattr__,
# which costs more per line than cleaning it; a PDF makes a block per line, so _text_block fills
# the slots through their own descriptors instead, in about half the time.
_BLOCK_FIELDS = ("text", "page", "line", "kind", "number", "title", "style")
_SET_TEXT, _SET_PAGE, _SET_LINE, _SET_KIND, _SET_NUMBER, _SET_TITLE, _SET_STYLE = (
    getattr(TextBlock, name).__set__ for name in _BLOCK_FIELDS
)


def _text_block(text: str, page: int, line: int, style: Style | None) -> TextBlock:
    """The same object as ``TextBlock(text, page, line, style=style)`` (test_ingest checks every field)."""
    block = object.__new__(TextBlock)
    _SET_TEXT(block, text)
    _SET_PAGE(block, page)
    _SET_LINE(block, line)
    _SET_KIND(block, "text")
    _SET_NUMBER(block, None)
    _SET_TITLE(block, None)
    _SET_STYLE(block, style)
    return block
