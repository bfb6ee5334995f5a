"""ModernGov web-service XML (``GetMeeting``): the agenda items a council's system already knows.

Per agenda item: one ``kind="item"`` block with ``number`` and ``title`` (text ``"number title"``),
then the item's minutes (``minutesnonemptyhtmlbody``) as HTML blocks. An item numbered 0 or with
an empty title is a section heading and gives a ``kind="heading"`` block instead. ``page`` is None
and ``line`` is the block's position in reading order. The meeting's committee, date (ISO) and
status go into ``Document.meta`` as ``body``, ``meeting_date`` and ``meeting_status``.

The printed number is ``fulldisplaynumberformat`` without its trailing dot where the council
fills it in (it is what the published minutes show), else ``agendaitemnumber`` plus
``agendaitemsubnumber``. A cancelled meeting with no items is a valid document with no blocks.

Parsing never resolves entities, reads a DTD or touches the network (no XXE, no billion laughs).
"""

from __future__ import annotations

import html
import re
from datetime import date

from lxml import etree

from traction_analysis.document import Document
from traction_analysis.errors import CorruptDocument, UnsupportedFormat
from traction_analysis.ingest.blocks import BlockList, clean_text
from traction_analysis.ingest.html import append_html_blocks, parse_html
from traction_analysis.limits import Limits

NOT_A_MEETING = "This XML file holds no ModernGov meeting."

_ROOTS = ("getmeeting", "meeting")
_TAG = re.compile(r"<\s*/?\s*[A-Za-z][\w:-]*[^<>]*>")
_ESCAPED = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]\w*);")
_MAX_UNESCAPES = 5


def read_moderngov(data: bytes, *, name: str, limits: Limits) -> Document:
    meeting = _meeting(_parse(data))
    blocks = BlockList()
    for item in _items(meeting):
        _add_item(item, blocks, limits)
    return Document(name=name, format="moderngov", blocks=blocks.blocks, meta=_meta(meeting))


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:  # also what an entity-expansion bomb raises
        raise CorruptDocument() from error


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname.lower() if isinstance(element.tag, str) else ""


def _meeting(root: etree._Element) -> etree._Element:
    if _local(root) == "meeting":
        return root
    if _local(root) == "getmeeting":
        for child in root:
            if _local(child) == "meeting":
                return child
        return root  # some councils put the meeting fields straight under <getmeeting>
    raise UnsupportedFormat(NOT_A_MEETING)


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if _local(child) == name:
            return child
    return None


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _field(element: etree._Element, name: str) -> str:
    child = _child(element, name)
    # Only text nodes: an unexpanded entity reference must not leak in as "&name;".
    if child is None:
        return ""
    return clean_text(_TAG.sub(" ", unescape_fully("".join(child.xpath("text()")))))


def _items(meeting: etree._Element) -> list[etree._Element]:
    """Agenda items, whether wrapped in one or several <agendaitems> or standing on their own."""
    items = [item for group in _children(meeting, "agendaitems") for item in _children(group, "agendaitem")]
    return items + _children(meeting, "agendaitem")


def unescape_fully(text: str) -> str:
    """Undo HTML escaping however many times it was applied (ModernGov often does it twice)."""
    for _ in range(_MAX_UNESCAPES):
        if not _ESCAPED.search(text):
            break
        text = html.unescape(text)
    return text


def _minutes_markup(text: str) -> str:
    """Unescape until the text is markup, leaving one level for the HTML parser to decode.

    Unescaping markup further would turn a minuted "&lt;" (a literal "<") into a tag.
    """
    for _ in range(_MAX_UNESCAPES):
        if _TAG.search(text) or not _ESCAPED.search(text):
            break
        text = html.unescape(text)
    return text


def _item_number(item: etree._Element) -> str:
    display = _field(item, "fulldisplaynumberformat").rstrip(".")
    if display:
        return display
    return _field(item, "agendaitemnumber") + _field(item, "agendaitemsubnumber")


def _add_item(item: etree._Element, blocks: BlockList, limits: Limits) -> None:
    number = _item_number(item)
    title = _field(item, "agendaitemtitle")
    if not title or "0" in (number, _field(item, "agendaitemnumber")):
        blocks.add(title or number, "heading")
    else:
        blocks.add(f"{number} {title}".strip(), "item", number=number or None, title=title)
    body = _child(item, "minutesnonemptyhtmlbody")
    if body is not None and body.text:
        markup = _minutes_markup("".join(body.xpath("text()")))
        if markup.strip():
            append_html_blocks(parse_html(markup.encode("utf-8"), limits=limits), blocks)


def _meta(meeting: etree._Element) -> dict[str, str]:
    meta = {
        "body": _committee(meeting),
        "meeting_date": _iso_date(_field(meeting, "meetingdate")),
        "meeting_status": _field(meeting, "meetingstatus"),
    }
    return {key: value for key, value in meta.items() if value}


def _committee(meeting: etree._Element) -> str:
    direct = _field(meeting, "committeetitle")
    if direct:
        return direct
    committee = _child(meeting, "committee")
    if committee is not None and _field(committee, "committeetitle"):
        return _field(committee, "committeetitle")
    # Otherwise the committee is named only on the linked documents.
    for linked in meeting.iter("{*}linkeddoc"):
        if _field(linked, "committeetitle"):
            return _field(linked, "committeetitle")
    return ""


def _iso_date(text: str) -> str:
    """``10/02/2026`` (UK order, day first) -> ``2026-02-10``; anything else -> ``""``."""
    parts = text.split(" ")[0].split("/")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return ""
    day, month, year = (int(part) for part in parts)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""
