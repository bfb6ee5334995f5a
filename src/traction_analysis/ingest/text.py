"""Plain text and Markdown: one block per non-empty line, ``line`` = the line number in the file.

Keeping the file's own line numbers (blank lines counted) means a reviewer can jump straight to
the sentence in any editor. Markdown is read as text with the markers a reader would not see
taken out: ``#`` heading marks (the block becomes ``kind="heading"``), ``**``/``__``/``*``/``_``
emphasis, backslash escapes and thematic breaks; everything else, links and bullets included,
stays as written.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace

from traction_analysis.document import Document, Format, Style, TextBlock
from traction_analysis.errors import EmptyDocument
from traction_analysis.ingest.blocks import clean_text
from traction_analysis.limits import Limits

_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
# Deliberately looser than CommonMark: converters write "**Agenda item: **" with the space inside.
_STRONG = re.compile(r"\*\*(.+?)\*\*|(?<!\w)__(.+?)__(?!\w)")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])"
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPTY_MARKUP = re.compile(r"(\*\*|__)\s*\1")
_WHOLE_STRONG = re.compile(
    r"^\s*(?:[-*+]\s+|\d{1,3}[.)]\s+)?(?:\*\*|__)(?:(?!\*\*|__).)+(?:\*\*|__)\W{0,2}\s*$"
)
# Markdown files from static sites and CMS exports often carry raw HTML blocks: read those as HTML.
_HTML_BLOCK = re.compile(
    r"<(?:p|div|h[1-6]|li|ul|ol|table|tr|td|th|br|strong|b|u|em|span)\b[^>]*>", re.IGNORECASE
)


def decode_text(data: bytes) -> str:
    """Text from bytes: a BOM decides, else UTF-8, else Windows-1252 (what Word and Outlook save)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text(data: bytes, *, name: str, limits: Limits) -> Document:
    blocks = [
        TextBlock(text, None, number)
        for number, raw in enumerate(decode_text(data).splitlines(), start=1)
        if (text := clean_text(raw))
    ]
    return _document(name, "text", blocks)


def read_markdown(data: bytes, *, name: str, limits: Limits) -> Document:
    """Markdown line by line; each block keeps its heading level and whether the whole line is bold.

    A line holding raw HTML (``<p><strong>Apologies</strong></p>``) is read by the HTML reader, so its
    tags become layout (bold, heading level, list numbers) instead of text.
    """
    blocks: list[TextBlock] = []
    for number, raw in enumerate(decode_text(data).splitlines(), start=1):
        if _THEMATIC_BREAK.match(raw):
            continue
        heading = _ATX_HEADING.match(raw)
        level = len(raw.lstrip(" ")) - len(raw.lstrip(" ").lstrip("#")) if heading else None
        if "<" in raw and _HTML_BLOCK.search(raw):
            # "## <u>Approval of Consent Agenda</u>": the heading's words are HTML, the heading Markdown's.
            blocks.extend(_html_line(heading.group(1) if heading else raw, number, limits, level))
            continue
        text = clean_text(strip_markdown(heading.group(1) if heading else raw))
        if text:
            style = Style(bold=bool(_WHOLE_STRONG.match(raw)), level=level)
            blocks.append(TextBlock(text, None, number, "heading" if heading else "text", style=style))
    return _document(name, "markdown", blocks)


def _html_line(raw: str, number: int, limits: Limits, level: int | None = None) -> list[TextBlock]:
    """The blocks the HTML reader finds in a line; ``level``: the line is a Markdown heading of that level."""
    from traction_analysis.ingest.blocks import BlockList
    from traction_analysis.ingest.html import append_html_blocks, parse_html

    found = BlockList()
    append_html_blocks(parse_html(raw.encode("utf-8"), limits=limits), found)
    return [
        TextBlock(
            strip_markdown(block.text),
            None,
            number,
            block.kind if level is None else "heading",
            style=block.style if level is None else replace(block.style or Style(), level=level),
        )
        for block in found.blocks
        if block.text.strip()
    ]


def strip_markdown(text: str) -> str:
    """``**Agenda item: **`` -> ``Agenda item:``; ``2025-26 \\(4ai\\)`` -> ``2025-26 (4ai)``."""
    if "*" in text or "_" in text:
        text = _EMPTY_MARKUP.sub("", text)
        text = _STRONG.sub(lambda m: m.group(1) or m.group(2), text)
        text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text


def _document(name: str, format: Format, blocks: list[TextBlock]) -> Document:
    if not blocks:
        raise EmptyDocument()
    return Document(name=name, format=format, blocks=blocks)
