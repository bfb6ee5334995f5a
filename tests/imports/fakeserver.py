"""A fake ModernGov web service on loopback, serving the XML in ``fixtures/`` in the real service's shapes.

``/mgWebService.asmx/GetCommittees``, ``GetMeetings?lCommitteeId=&sFromDate=dd/mm/yyyy&sToDate=dd/mm/yyyy``
(filtered by date as the real service does) and ``GetMeeting?lMeetingId=``. Switches make it behave like
the sites the importer meets in the wild: slow answers, errors (for a number of requests, then well
again), a site that refuses bots, one with the web service turned off (an HTML page), a redirect to
another host, and a meeting whose XML changed at the source. Like a site behind an ordinary web server it
sends an ``ETag`` and a ``Last-Modified`` with each answer and answers a conditional request for an
unchanged answer with 304 Not Modified; switches turn either off, or make it ignore the conditions
(always 200). Every request is logged, with the conditions it carried and the status answered.
"""

from __future__ import annotations

import datetime
import email.utils
import hashlib
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from lxml import etree

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SERVICE = "/mgWebService.asmx/"
TURNED_OFF = b"<!DOCTYPE html><html><head><title>Service unavailable</title></head><body>Web services are disabled.</body></html>"


@dataclass
class Logged:
    method: str
    key: str
    query: dict[str, str]
    user_agent: str
    at: float
    if_none_match: str = ""
    if_modified_since: str = ""
    status: int = 0  # what was answered

    @property
    def conditional(self) -> bool:
        return bool(self.if_none_match or self.if_modified_since)


@dataclass
class Switches:
    slow: dict[str, float] = field(default_factory=dict)  # key -> seconds before answering
    errors: dict[str, list[int]] = field(default_factory=dict)  # key -> statuses to answer, one per request
    refuse: bool = False  # 403 for everything, as sites that block bots do
    turned_off: bool = False  # 200 with an HTML page instead of XML
    redirect_to: str = ""  # 302 to this URL for everything
    redirects: dict[str, str] = field(default_factory=dict)  # key -> 302 to this URL
    overrides: dict[str, bytes] = field(default_factory=dict)  # key -> the answer instead of the fixture
    etags: bool = True  # send an ETag (a hash of the answer) and answer a matching If-None-Match with 304
    last_modified: bool = True  # send Last-Modified and answer an equal If-Modified-Since with 304
    ignore_conditions: bool = False  # send the headers but always answer in full, as some sites do


class FakeModernGov:
    """``key`` names one answer: ``GetCommittees``, ``GetMeetings:101``, ``GetMeeting:2001``."""

    def __init__(self) -> None:
        self.switches = Switches()
        self.log: list[Logged] = []
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeModernGov:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests(self, method: str | None = None) -> list[Logged]:
        with self._lock:
            return [entry for entry in self.log if method is None or entry.method == method]

    def fixture(self, name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    def change(self, key: str, old: str, new: str) -> None:
        """The council edits something: the answer for ``key`` from now on has ``old`` replaced by ``new``."""
        method, _, ident = key.partition(":")
        current = self.switches.overrides.get(key) or self.fixture(_fixture_name(method, ident))
        assert old.encode() in current, f"{old!r} is not in {key}"
        self.switches.overrides[key] = current.replace(old.encode(), new.encode())

    # --- answering ----------------------------------------------------------------------------------

    def answer(
        self, method: str, query: dict[str, str], user_agent: str, conditions: dict[str, str] | None = None
    ) -> tuple[int, bytes, dict[str, str]]:
        conditions = conditions or {}
        ident = query.get("lCommitteeId", query.get("lMeetingId", ""))
        key = f"{method}:{ident}" if ident else method
        entry = Logged(
            method,
            key,
            query,
            user_agent,
            time.monotonic(),
            if_none_match=conditions.get("If-None-Match", ""),
            if_modified_since=conditions.get("If-Modified-Since", ""),
        )
        with self._lock:
            self.log.append(entry)
            queued = self.switches.errors.get(key)
            status = queued.pop(0) if queued else None
        entry.status, body, headers = self._answer(method, query, key, status)
        if entry.status == 200 and headers.get("Content-Type") is None:
            entry.status, body, headers = self._conditional(body, headers, entry)
        return entry.status, body, headers

    def _answer(
        self, method: str, query: dict[str, str], key: str, status: int | None
    ) -> tuple[int, bytes, dict[str, str]]:
        ident = query.get("lCommitteeId", query.get("lMeetingId", ""))
        if self.switches.slow.get(key):
            time.sleep(self.switches.slow[key])
        if self.switches.redirect_to or key in self.switches.redirects:
            return 302, b"", {"Location": self.switches.redirect_to or self.switches.redirects[key]}
        if self.switches.refuse:
            return 403, b"<html><body>Access denied</body></html>", {"Content-Type": "text/html"}
        if self.switches.turned_off:
            return 200, TURNED_OFF, {"Content-Type": "text/html"}
        if status is not None:
            return (
                status,
                b"<html><body>Server Error in '/' Application.</body></html>",
                {"Content-Type": "text/html"},
            )
        if key in self.switches.overrides:
            return 200, self.switches.overrides[key], {}
        path = FIXTURES / _fixture_name(method, ident)
        if not path.is_file():
            return 500, b"System.ArgumentException: unknown id", {"Content-Type": "text/plain"}
        data = path.read_bytes()
        if method == "GetMeetings":
            data = _between(data, query.get("sFromDate", ""), query.get("sToDate", ""))
        return 200, data, {}

    def _conditional(
        self, body: bytes, headers: dict[str, str], entry: Logged
    ) -> tuple[int, bytes, dict[str, str]]:
        """The validators of an XML answer, and 304 when the request's conditions say the client has it."""
        digest = hashlib.sha256(body).hexdigest()
        etag = f'"{digest[:32]}"'
        # A date that changes whenever the answer does (a real site would give its edit time).
        stamp = datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(
            seconds=int(digest[:7], 16)
        )
        modified = email.utils.format_datetime(stamp, usegmt=True)
        sent = dict(headers)
        if self.switches.etags:
            sent["ETag"] = etag
        if self.switches.last_modified:
            sent["Last-Modified"] = modified
        if self.switches.ignore_conditions:
            return 200, body, sent
        if self.switches.etags and entry.if_none_match:
            unchanged = etag in [tag.strip() for tag in entry.if_none_match.split(",")]
        elif self.switches.last_modified and entry.if_modified_since:
            unchanged = entry.if_modified_since == modified
        else:
            unchanged = False
        if unchanged:
            return 304, b"", {k: v for k, v in sent.items() if k in {"ETag", "Last-Modified"}}
        return 200, body, sent

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the name http.server calls
                parts = urllib.parse.urlsplit(self.path)
                if not parts.path.startswith(SERVICE):
                    self._send(404, b"Not found", {"Content-Type": "text/plain"})
                    return
                method = parts.path[len(SERVICE) :]
                query = dict(urllib.parse.parse_qsl(parts.query))
                conditions = {
                    name: self.headers[name]
                    for name in ("If-None-Match", "If-Modified-Since")
                    if self.headers.get(name)
                }
                status, body, headers = fake.answer(
                    method, query, self.headers.get("User-Agent", ""), conditions
                )
                self._send(status, body, headers)

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", headers.pop("Content-Type", "text/xml; charset=utf-8"))
                    for name, value in headers.items():
                        self.send_header(name, value)
                    if status != 304:  # a 304 has no body
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

            def log_message(
                self, format: str, *args: object
            ) -> None:  # quiet: the tests read the log instead
                return

        return Handler


def _fixture_name(method: str, ident: str) -> str:
    return {
        "GetCommittees": "committees.xml",
        "GetMeetings": f"meetings_{ident}.xml",
        "GetMeeting": f"meeting_{ident}.xml",
    }.get(method, "missing.xml")


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def _between(data: bytes, start: str, end: str) -> bytes:
    """The meetings of a GetMeetings answer dated from ``start`` to ``end`` (dd/mm/yyyy), both included."""
    first, last = _day(start), _day(end)
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    for meeting in list(root.iter("meeting")):
        when = _day(meeting.findtext("meetingdate") or "")
        if when is None or (first and when < first) or (last and when > last):
            meeting.getparent().remove(meeting)
    return etree.tostring(root, encoding="utf-8", xml_declaration=True)
