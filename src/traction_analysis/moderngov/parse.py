"""The three answers of the ModernGov web service the importer reads, as plain dataclasses.

``GetCommittees`` -> :class:`Committee` list, ``GetMeetings`` -> :class:`MeetingSummary` list,
``GetMeeting`` -> :class:`MeetingRecord`. The service's quirks are absorbed here: dates day first
(``10/02/2026``), times like ``10.00 am``, booleans ``True``/``False``, numbers with a leading space,
text HTML-escaped twice, one element where a list is expected (every list is found by element name
wherever it sits), and agenda items numbered 0 or without a title, which are section headings.

Parsing never resolves entities, reads a DTD or touches the network: it shares the reader's parser.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date, time

from lxml import etree

from traction_analysis.errors import IngestError
from traction_analysis.ingest.blocks import clean_text
from traction_analysis.ingest.moderngov import (
    _child,
    _children,
    _field,
    _iso_date,
    _item_number,
    _local,
    _minutes_markup,
    _parse,
    unescape_fully,
)
from traction_analysis.moderngov.errors import NotTheWebService

NOT_XML = "The site's answer was not the web service's XML ({detail})."
WRONG_ANSWER = "The site answered {method} with <{root}>, not the web service's <{expected}>."

_TIME = re.compile(r"^\s*(\d{1,2})(?:[.:](\d{2}))?\s*([ap])\.?\s*m\.?\s*$", re.IGNORECASE)
_TIME_24 = re.compile(r"^\s*(\d{1,2})[.:](\d{2})\s*$")


@dataclass(frozen=True)
class Committee:
    id: str
    title: str
    category: str = ""
    deleted: bool = False
    expired: bool = False


@dataclass(frozen=True)
class MeetingSummary:
    id: str
    date: date | None
    time: time | None
    status: str = ""


@dataclass(frozen=True)
class LinkedDocument:
    id: str
    title: str
    url: str = ""
    restricted: bool = False
    published: date | None = None


@dataclass(frozen=True)
class Attendee:
    member_id: str
    name: str
    role: str = ""
    attendance: str = ""


@dataclass(frozen=True)
class AgendaEntry:
    id: str
    order: int
    number: str
    title: str
    heading: bool = False
    restricted: bool = False
    decision: bool = False
    agenda_text: str = ""
    minutes_html: str = ""
    documents: tuple[LinkedDocument, ...] = ()


@dataclass(frozen=True)
class MeetingRecord:
    id: str
    date: date | None
    time: time | None
    finish_time: datetime.time | None = None
    status: str = ""
    location: str = ""
    committee: str = ""
    minutes_published: bool = False
    items: tuple[AgendaEntry, ...] = ()
    documents: tuple[LinkedDocument, ...] = ()
    attendees: tuple[Attendee, ...] = field(default=())

    @property
    def cancelled(self) -> bool:
        return "cancel" in self.status.lower()

    @property
    def minutes_text(self) -> str:
        """Every item's minutes, in order: what the minutes engine reads."""
        return "\n".join(
            item.minutes_html for item in self.items if item.minutes_html and not item.restricted
        )

    def fingerprint(self) -> str:
        """A hash of everything imported from this meeting: unchanged hash, nothing to update."""
        return _sha256(json.dumps(asdict(self), sort_keys=True, default=str))

    def minutes_fingerprint(self) -> str:
        return _sha256(self.minutes_text) if self.minutes_text else ""


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- reading the XML --------------------------------------------------------------------------------


def _root(data: bytes, method: str, expected: tuple[str, ...]) -> etree._Element:
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise NotTheWebService()
    try:
        root = _parse(data)
    except IngestError as error:
        raise NotTheWebService(NOT_XML.format(detail=str(error).rstrip("."))) from error
    if _local(root) not in expected:
        raise NotTheWebService(
            WRONG_ANSWER.format(method=method, root=_local(root) or "?", expected=expected[0])
        )
    return root


def _descendants(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element.iter() if _local(child) == name]


def _flag(text: str) -> bool:
    return text.strip().lower() in {"true", "yes", "1", "y"}


def parse_date(text: str) -> date | None:
    iso = _iso_date(text.strip())
    return date.fromisoformat(iso) if iso else None


def parse_time(text: str) -> time | None:
    """``10.00 am``, ``2 pm``, ``12 noon``, ``14:30`` -> a time; anything else -> None."""
    text = text.strip().lower()
    if "noon" in text or "midday" in text:
        return time(12, 0)
    match = _TIME.match(text)
    if match:
        hour, minute = int(match[1]), int(match[2] or 0)
        if not (1 <= hour <= 12 and minute < 60):
            return None
        return time(hour % 12 + (12 if match[3] == "p" else 0), minute)
    match = _TIME_24.match(text)
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return time(int(match[1]), int(match[2]))
    return None


def _value(element: etree._Element, name: str) -> str:
    """An attribute (attendees carry most fields as attributes) or else a child element's text."""
    for key, value in element.attrib.items():
        if key.lower() == name:
            return clean_text(unescape_fully(value))
    return _field(element, name)


def _ident(element: etree._Element, name: str) -> str:
    text = _value(element, name).strip()
    return text if text.isdigit() else ""


# --- GetCommittees ----------------------------------------------------------------------------------


def parse_committees(data: bytes) -> list[Committee]:
    root = _root(data, "GetCommittees", ("committees", "getcommittees"))
    committees = []
    for element in _descendants(root, "committee"):
        ident, title = _ident(element, "committeeid"), _value(element, "committeetitle")
        if ident and title:
            committees.append(
                Committee(
                    id=ident,
                    title=title,
                    category=_value(element, "committeecategory"),
                    deleted=_flag(_value(element, "committeedeleted")),
                    expired=_flag(_value(element, "committeeexpired")),
                )
            )
    return committees


# --- GetMeetings ------------------------------------------------------------------------------------


def parse_meetings(data: bytes) -> list[MeetingSummary]:
    root = _root(data, "GetMeetings", ("getmeetings", "meetings", "committee"))
    meetings = []
    for element in _descendants(root, "meeting"):
        ident = _ident(element, "meetingid")
        if ident:
            meetings.append(
                MeetingSummary(
                    id=ident,
                    date=parse_date(_value(element, "meetingdate")),
                    time=parse_time(_value(element, "meetingtime")),
                    status=_value(element, "meetingstatus"),
                )
            )
    return meetings


# --- GetMeeting -------------------------------------------------------------------------------------


def parse_meeting(data: bytes) -> MeetingRecord:
    root = _root(data, "GetMeeting", ("meeting", "getmeeting"))
    meeting = root
    if _local(root) == "getmeeting":
        inner = _child(root, "meeting")
        meeting = inner if inner is not None else root
    ident = _ident(meeting, "meetingid")
    if not ident:
        raise NotTheWebService(
            WRONG_ANSWER.format(method="GetMeeting", root=_local(meeting), expected="meeting")
        )
    items = [item for group in _children(meeting, "agendaitems") for item in _children(group, "agendaitem")]
    items += _children(meeting, "agendaitem")
    attendees = [a for group in _children(meeting, "attendees") for a in _children(group, "attendee")]
    attendees += _children(meeting, "attendee")
    return MeetingRecord(
        id=ident,
        date=parse_date(_value(meeting, "meetingdate")),
        time=parse_time(_value(meeting, "meetingtime")),
        finish_time=parse_time(_value(meeting, "meetingplannedfinishtime")),
        status=_value(meeting, "meetingstatus"),
        location=_value(meeting, "meetinglocation"),
        committee=_committee_title(meeting),
        minutes_published=_flag(_value(meeting, "minutepublished")),
        items=tuple(_entry(item, order) for order, item in enumerate(items, start=1)),
        documents=tuple(_documents(meeting)),
        attendees=tuple(a for a in (_attendee(element) for element in attendees) if a is not None),
    )


def _committee_title(meeting: etree._Element) -> str:
    direct = _value(meeting, "committeetitle")
    committee = _child(meeting, "committee")
    return direct or (_value(committee, "committeetitle") if committee is not None else "")


def _entry(item: etree._Element, order: int) -> AgendaEntry:
    number = _item_number(item)
    title = _value(item, "agendaitemtitle")
    body = _child(item, "minutesnonemptyhtmlbody")
    restricted = _flag(_value(item, "isrestricted"))
    minutes = _minutes_markup("".join(body.xpath("text()"))).strip() if body is not None else ""
    # An exempt item comes in as its title only: nothing else of it leaves the council's system.
    return AgendaEntry(
        id=_ident(item, "agendaitemid"),
        order=order,
        number=number,
        title=title,
        heading=not title or "0" in (number, _value(item, "agendaitemnumber")),
        restricted=restricted,
        decision=_flag(_value(item, "isdecision")),
        agenda_text="" if restricted else _value(item, "agendatext"),
        minutes_html="" if restricted else minutes,
        documents=() if restricted else tuple(_documents(item)),
    )


def _documents(owner: etree._Element) -> list[LinkedDocument]:
    found = []
    for group in _children(owner, "linkeddocuments"):
        for element in _children(group, "linkeddoc"):
            ident, title = _ident(element, "attachmentid"), _value(element, "title")
            if ident and title:
                found.append(
                    LinkedDocument(
                        id=ident,
                        title=title,
                        url=_value(element, "url"),
                        restricted=_flag(_value(element, "isrestricted")),
                        published=parse_date(_value(element, "publicationdate")),
                    )
                )
    return found


def _attendee(element: etree._Element) -> Attendee | None:
    ident, name = _ident(element, "memberid"), _value(element, "name")
    if not ident or not name:
        return None
    return Attendee(
        member_id=ident,
        name=name,
        role=_value(element, "roledescription"),
        attendance=_value(element, "attendance"),
    )


def public_minutes_xml(data: bytes) -> bytes:
    """The GetMeeting XML without the minutes and agenda text of restricted (exempt) items.

    What the minutes engine reads: an exempt item keeps its number and title, nothing more.
    """
    root = _root(data, "GetMeeting", ("meeting", "getmeeting"))
    for item in _descendants(root, "agendaitem"):
        if _flag(_value(item, "isrestricted")):
            for child in list(item):
                if _local(child) in {"minutesnonemptyhtmlbody", "agendatext", "linkeddocuments"}:
                    item.remove(child)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)
