"""HTML through lxml: one block per block-level element or ``<br>``-separated line.

``line`` is the block's position in reading order (1-based); ``page`` is None. ``<h1>``–``<h6>``
give ``kind="heading"``. Each block carries a :class:`Style`: heading level, whole-block bold, list depth,
and for the first block of an ``<ol>`` entry the number a browser would draw, which is also written in
front of its text (as the Word reader writes automatic numbers), since minutes number items that way.
A table row with two or more non-empty cells gives one ``kind="table_row"`` block, cells joined by
`` | `` (empty cells dropped); a row with one non-empty cell is a layout box and gives an ordinary block.
Rows that hold a nested table are walked as layout too, so the inner table keeps its own rows. Scripts,
styles, navigation and the ``<head>`` are dropped.
"""

from __future__ import annotations

import re

from lxml import etree

from traction_analysis.document import BlockKind, Document, Style
from traction_analysis.errors import EmptyDocument, TooLarge
from traction_analysis.ingest.blocks import BlockList, clean_text
from traction_analysis.ingest.counters import roman
from traction_analysis.ingest.text import decode_text
from traction_analysis.limits import DEFAULT_LIMITS, Limits

CELL_SEPARATOR = " | "

_DROPPED = frozenset(
    {
        "head",
        "script",
        "style",
        "nav",
        "noscript",
        "template",
        "iframe",
        "object",
        "svg",
        "button",
        "select",
        "title",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = _HEADINGS | frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_CELLS = frozenset({"td", "th"})
_BOLD = frozenset({"b", "strong"})
_LISTS = frozenset({"ol", "ul"})
TOO_MANY_ATTRIBUTES = (
    "An element of the HTML has more than {limit:,} attributes; Traction does not read such markup."
)
# Only a tag this long can hold more than the limit's attributes: the others are not counted.
_LONG_TAG = "<[A-Za-z][^<>]{{{length},}}"
_ATTRIBUTE = re.compile(r"[\s\"'/][^\s\"'<>/=]+\s*=")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def read_html(data: bytes, *, name: str, limits: Limits) -> Document:
    blocks = BlockList()
    append_html_blocks(parse_html(data, limits=limits), blocks)
    if not blocks.blocks:
        raise EmptyDocument()
    return Document(name=name, format="html", blocks=blocks.blocks)


def parse_html(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> etree._Element | None:
    """Parse forgivingly, never touching the network; the text is decoded here, not by libxml2,
    whose fallback (Latin-1) garbles the UTF-8 most pages without a charset are written in."""
    text = _decode_html(data)
    check_attributes(text, limits)
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=False
    )
    return etree.fromstring(text.encode("utf-8"), parser)


def check_attributes(text: str, limits: Limits) -> None:
    """Refuse an element with more attributes than the limit before libxml2 sees it (its check for
    duplicate attributes takes time in the square of their number)."""
    limit = limits.max_html_attributes
    for tag in re.finditer(_LONG_TAG.format(length=2 * limit), text):
        if len(_ATTRIBUTE.findall(tag.group())) > limit:
            raise TooLarge(TOO_MANY_ATTRIBUTES.format(limit=limit))


def _decode_html(data: bytes) -> str:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass  # an unknown charset name: fall back to guessing
    return decode_text(data)


def append_html_blocks(root: etree._Element | None, blocks: BlockList) -> None:
    """Append the text of ``root`` to ``blocks`` in reading order (used for ModernGov minutes too)."""
    if root is not None:
        _Walker(blocks).walk(root)


class _Walker:
    """One pass over start/end events (no recursion, so deep nesting cannot exhaust the stack)."""

    def __init__(self, blocks: BlockList) -> None:
        self.blocks = blocks
        self.parts: list[str] = []
        self.headings = 0  # open <hN> elements; text inside any of them is heading text
        self.row: etree._Element | None = None  # the simple table row being collected
        self.cells: list[str] = []
        # Layout a reader sees: open <b>/<strong>, open lists with the number each would draw next,
        # the heading level in force and the list marker waiting for its item's first block.
        self.bold = 0
        self.bold_parts: list[bool] = []
        self.lists: list[list[object]] = []  # [tag, next value, type]
        self.level: int | None = None
        self.marker: str | None = None

    def walk(self, root: etree._Element) -> None:
        events = etree.iterwalk(root, events=("start", "end"))
        for event, element in events:
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "start":
                if tag in _DROPPED:
                    events.skip_subtree()
                else:
                    self._start(tag, element)
            else:
                if tag not in _DROPPED:
                    self._end(tag, element)
                if element.tail:
                    self._text(element.tail)
        self._flush()

    def _text(self, text: str) -> None:
        self.parts.append(text)
        if text.strip():
            self.bold_parts.append(self.bold > 0)

    def _start(self, tag: str, element: etree._Element) -> None:
        if self.row is not None:  # inside a simple row: block edges only separate words
            if tag == "br" or tag in _BLOCKS:
                self.parts.append(" ")
        elif tag == "tr" and element.find(".//table") is None:
            self._flush()
            self.row, self.cells = element, []
        elif tag == "br" or tag in _BLOCKS:
            self._break(tag)
        if tag in _HEADINGS:
            self.headings += 1
            self.level = int(tag[1])
        elif tag in _BOLD:
            self.bold += 1
        elif tag in _LISTS:
            self.lists.append([tag, _list_start(element), (element.get("type") or "1")])
        elif tag == "li" and self.lists:
            self.marker = self._list_marker(element)
        if element.text and tag:
            self._text(element.text)

    def _list_marker(self, element: etree._Element) -> str | None:
        """The number a browser draws before this <li>: its list's counter (``start``, ``value``,
        ``type``)."""
        state = self.lists[-1]
        if state[0] != "ol":
            return None
        value = element.get("value")
        number = int(value) if value and value.strip().lstrip("-").isdigit() else int(state[1])  # type: ignore[call-overload]
        state[1] = number + 1
        return f"{_counter(number, str(state[2]))}."

    def _end(self, tag: str, element: etree._Element) -> None:
        if self.row is None:
            if tag in _BLOCKS:
                self._break(tag)
        elif tag in _CELLS:
            self.cells.append(clean_text("".join(self.parts)))
            self.parts = []
        elif element is self.row:
            self._end_row()
        elif tag in _BLOCKS:
            self.parts.append(" ")
        if tag in _HEADINGS:
            self.headings -= 1
        elif tag in _BOLD:
            self.bold = max(0, self.bold - 1)
        elif tag in _LISTS and self.lists:
            self.lists.pop()

    def _end_row(self) -> None:
        stray = clean_text("".join(self.parts))  # text outside any cell, in malformed markup
        cells = [cell for cell in (*self.cells, stray) if cell]
        self.row, self.cells, self.parts, self.bold_parts = None, [], [], []
        if len(cells) > 1:
            self.blocks.add(CELL_SEPARATOR.join(cells), "table_row")
        elif cells:
            self.blocks.add(cells[0])

    def _break(self, tag: str) -> None:
        if self.headings and tag not in _HEADINGS:
            self.parts.append(" ")  # a <div> inside an <h2> is still the one heading
        else:
            self._flush()

    def _flush(self) -> None:
        if self.parts:
            kind: BlockKind = "heading" if self.headings else "text"
            text = "".join(self.parts)
            style = None
            if text.strip():
                style = Style(
                    bold=bool(self.bold_parts) and all(self.bold_parts),
                    indent=float(len(self.lists)) if self.lists else None,
                    level=self.level if self.headings else None,
                    marker=self.marker,
                )
                if self.marker:  # what the reader sees: the browser draws the number before the text
                    text = f"{self.marker} {text.lstrip()}"
                self.marker = None
            self.blocks.add(text, kind, style=style)
            self.parts, self.bold_parts = [], []


def _list_start(element: etree._Element) -> int:
    start = (element.get("start") or "").strip()
    return int(start) if start.lstrip("-").isdigit() else 1


def _counter(number: int, kind: str) -> str:
    """A list counter as a browser draws it for ``type`` 1, a, A, i or I."""
    if kind in ("a", "A") and number > 0:
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if kind == "A" else letters
    if kind in ("i", "I") and 0 < number < 4000:
        numeral = roman(number)
        return numeral.upper() if kind == "I" else numeral
    return str(number)
