"""A polite client for a council's ModernGov web service (``/mgWebService.asmx/<Method>``, HTTP GET, XML).

Polite: an honest User-Agent, a pause between requests, a timeout, a capped answer size, and retries
with exponential backoff on server errors and timeouts only. Safe: only the host entered is ever
contacted (a redirect to another host is refused); that host must be on the public internet — every
address its name resolves to, and the address actually connected to (checked after connecting and
before anything is sent, so a name that re-resolves elsewhere is caught too), must be a global address
unless private addresses are allowed — so the importer cannot be pointed at the server's own network
or a cloud metadata address; and the XML is parsed without entities, DTDs or network access.
Thrifty: a request may carry the validators (``ETag``, ``Last-Modified``) of an answer read before, as
``If-None-Match`` / ``If-Modified-Since``; a site that answers ``304 Not Modified`` sends no body, and the
answer says so (``Answer.not_modified``). A site that ignores the headers answers in full, as before.
Pure Python (stdlib ``urllib``): no Django.
"""

from __future__ import annotations

import http.client
import importlib.metadata
import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from traction_analysis.moderngov.errors import (
    BadSiteAddress,
    ModernGovError,
    NotTheWebService,
    PrivateAddressRefused,
    RedirectRefused,
    ResponseTooLarge,
    SiteError,
    SiteRefused,
    SiteTimedOut,
    SiteUnreachable,
)
from traction_analysis.moderngov.parse import (
    Committee,
    MeetingRecord,
    MeetingSummary,
    parse_committees,
    parse_meeting,
    parse_meetings,
)

MB = 1024 * 1024


def _version() -> str:
    try:
        return importlib.metadata.version("traction")
    except importlib.metadata.PackageNotFoundError:
        return "dev"


SERVICE_PATH = "/mgWebService.asmx/"
# Honest about what is asking; a deployment may add its contact address (Politeness.user_agent).
USER_AGENT = f"Traction/{_version()} (governance-record importer; reads the ModernGov web service)"
HTTP_STATUS = "{message} (HTTP {code} from {method})"
RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
NOT_MODIFIED = 304
# A validator longer than this, or not printable ASCII, is not kept (nor sent back).
MAX_VALIDATOR = 200
UNASKED_304 = (
    "The site answered 'not modified' to a request that was not conditional (HTTP 304 from {method})"
)


@dataclass(frozen=True)
class Validators:
    """What a site said identifies an answer: its ``ETag`` and ``Last-Modified`` headers (either may be
    empty). Sent back as ``If-None-Match`` / ``If-Modified-Since``."""

    etag: str = ""
    last_modified: str = ""

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)

    @classmethod
    def from_headers(cls, headers: Any) -> Validators:
        return cls(etag=_header(headers, "ETag"), last_modified=_header(headers, "Last-Modified"))

    def headers(self) -> dict[str, str]:
        sent = {}
        if self.etag:
            sent["If-None-Match"] = self.etag
        if self.last_modified:
            sent["If-Modified-Since"] = self.last_modified
        return sent


def _header(headers: Any, name: str) -> str:
    value = str(headers.get(name, "") or "").strip() if headers is not None else ""
    if len(value) > MAX_VALIDATOR or not value.isascii() or not value.isprintable():
        return ""
    return value


@dataclass(frozen=True)
class Answer:
    """One answer: its body, or ``None`` when the site said it has not changed (HTTP 304), and the
    validators to send next time."""

    url: str
    data: bytes | None
    validators: Validators

    @property
    def not_modified(self) -> bool:
        return self.data is None


@dataclass(frozen=True)
class Politeness:
    """How the client treats a council's server. Tests set ``delay`` and ``backoff`` to 0."""

    user_agent: str = USER_AGENT
    delay: float = 1.0  # seconds between the end of one request and the start of the next
    timeout: float = 60.0  # self-hosted sites can take most of a minute to answer
    retries: int = 3  # further tries after a server error or a timeout
    backoff: float = 2.0  # first wait before a retry; doubled each time
    max_bytes: int = 20 * MB


def normalise_site(url: str) -> str:
    """``https://democracy.example.gov.uk/mgListCommittees.aspx`` -> ``https://democracy.example.gov.uk``."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
    except ValueError:
        raise BadSiteAddress() from None
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in {"http", "https"} or not host or parts.username or parts.password:
        raise BadSiteAddress()
    if any(ch in host for ch in " /\\@"):
        raise BadSiteAddress()
    netloc = f"[{host}]" if ":" in host else host
    return f"{parts.scheme.lower()}://{netloc}" + (f":{port}" if port else "")


def _dd_mm_yyyy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _meetings_params(committee_id: str, start: date, end: date) -> dict[str, str]:
    return {"lCommitteeId": committee_id, "sFromDate": _dd_mm_yyyy(start), "sToDate": _dd_mm_yyyy(end)}


class _SameHostOnly(urllib.request.HTTPRedirectHandler):
    def __init__(self, netloc: str) -> None:
        self.netloc = netloc

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        target = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, newurl))
        if target.netloc.lower() != self.netloc or target.scheme not in {"http", "https"}:
            raise RedirectRefused(f"{RedirectRefused.message} ({target.netloc or newurl})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def is_public_address(address: str) -> bool:
    """A global unicast address: not private, loopback, link-local (cloud metadata), shared, reserved or
    multicast. An IPv4 address mapped into IPv6 is judged as the IPv4 address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _require_public_host(host: str, port: int | None) -> None:
    """Every address the host name resolves to is public (a name with one private address is refused)."""
    try:
        infos = socket.getaddrinfo(host, port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise SiteUnreachable(f"{SiteUnreachable.message} ({error})") from None
    if not infos or not all(is_public_address(str(info[4][0])) for info in infos):
        raise PrivateAddressRefused()


def _checked_connections(
    target: str,
) -> tuple[type[http.client.HTTPConnection], type[http.client.HTTPSConnection]]:
    """Connection classes that, once connected straight to ``target`` (not through a proxy), refuse a peer
    address that is not public before a request is sent."""

    def check(connection: http.client.HTTPConnection) -> None:
        if connection.host.lower() == target and connection.sock is not None:
            peer = str(connection.sock.getpeername()[0])
            if not is_public_address(peer):
                connection.close()
                raise PrivateAddressRefused()

    class CheckedHTTP(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            check(self)

    class CheckedHTTPS(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            check(self)

    return CheckedHTTP, CheckedHTTPS


def _public_only_handlers(target: str) -> list[urllib.request.BaseHandler]:
    plain, secure = _checked_connections(target)

    class PublicHTTP(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(plain, req)

    class PublicHTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(secure, req, context=self._context)  # type: ignore[attr-defined]

    return [PublicHTTP(), PublicHTTPS()]


class ModernGovClient:
    """``committees()``, ``meetings(committee_id, start, end)`` and ``meeting(meeting_id)`` of one site."""

    def __init__(
        self,
        site: str,
        *,
        politeness: Politeness | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        allow_private: bool = False,
    ) -> None:
        self.site = normalise_site(site)
        parts = urllib.parse.urlsplit(self.site)
        self.host = parts.netloc
        self.politeness = politeness or Politeness()
        self.requests = 0  # every HTTP request sent, retries included
        self.not_modified = 0  # of those, the ones answered 304 Not Modified: a body not sent again
        self._sleep, self._clock = sleep, clock
        self._last: float | None = None
        # ``allow_private``: a deployment importing from a site inside its own network (and the tests'
        # fake site on loopback).
        self._public_only = None if allow_private else (parts.hostname or "", parts.port)
        handlers: list[urllib.request.BaseHandler] = [_SameHostOnly(self.host)]
        if not allow_private:
            handlers += _public_only_handlers((parts.hostname or "").lower())
        self._opener = urllib.request.build_opener(*handlers)

    # --- the three methods ------------------------------------------------------------------------

    def committees(self) -> list[Committee]:
        return parse_committees(self.get("GetCommittees"))

    def meetings(self, committee_id: str, start: date, end: date) -> list[MeetingSummary]:
        data = self.meetings_answer(committee_id, start, end).data
        assert data is not None  # asked without validators
        return parse_meetings(data)

    def meeting(self, meeting_id: str) -> tuple[MeetingRecord, bytes]:
        """The parsed meeting and the XML it came from (the minutes engine reads the XML)."""
        data = self.meeting_answer(meeting_id).data
        assert data is not None  # asked without validators
        return parse_meeting(data), data

    def meetings_answer(
        self, committee_id: str, start: date, end: date, validators: Validators | None = None
    ) -> Answer:
        """``GetMeetings`` unparsed, asked conditionally when ``validators`` are given."""
        return self.fetch("GetMeetings", validators, **_meetings_params(committee_id, start, end))

    def meeting_answer(self, meeting_id: str, validators: Validators | None = None) -> Answer:
        """``GetMeeting`` unparsed, asked conditionally when ``validators`` are given."""
        return self.fetch("GetMeeting", validators, lMeetingId=meeting_id)

    def meetings_url(self, committee_id: str, start: date, end: date) -> str:
        return self.url("GetMeetings", **_meetings_params(committee_id, start, end))

    def meeting_url(self, meeting_id: str) -> str:
        return self.url("GetMeeting", lMeetingId=meeting_id)

    # --- HTTP ---------------------------------------------------------------------------------------

    def url(self, method: str, **params: str) -> str:
        query = urllib.parse.urlencode(params)
        return f"{self.site}{SERVICE_PATH}{method}" + (f"?{query}" if query else "")

    def get(self, method: str, **params: str) -> bytes:
        """The answer's body, asked unconditionally."""
        data = self.fetch(method, None, **params).data
        assert data is not None
        return data

    def fetch(self, method: str, validators: Validators | None = None, /, **params: str) -> Answer:
        """One method's answer. With ``validators`` (from an earlier answer to the same URL) the request is
        conditional: a site that has nothing new answers 304 and the answer has no body
        (``not_modified``); one that ignores the headers answers in full."""
        url = self.url(method, **params)
        attempt = 0
        while True:
            try:
                return self._fetch(url, method, validators or Validators())
            except _Retryable as failure:
                if attempt >= self.politeness.retries:
                    raise failure.final from None
                self._sleep(self.politeness.backoff * (2**attempt))
                attempt += 1

    def _pause(self) -> None:
        if self._last is not None:
            wait = self.politeness.delay - (self._clock() - self._last)
            if wait > 0:
                self._sleep(wait)

    def _fetch(self, url: str, method: str, validators: Validators) -> Answer:
        if self._public_only is not None:
            _require_public_host(*self._public_only)
        self._pause()
        headers = {"User-Agent": self.politeness.user_agent, "Accept": "text/xml, application/xml"}
        request = urllib.request.Request(url, headers={**headers, **validators.headers()})
        self.requests += 1
        try:
            with self._opener.open(request, timeout=self.politeness.timeout) as response:
                return Answer(url, self._read(response), Validators.from_headers(response.headers))
        except urllib.error.HTTPError as error:
            if error.code == NOT_MODIFIED:
                error.close()
                if not validators:
                    raise SiteError(UNASKED_304.format(method=method)) from None
                self.not_modified += 1
                # A 304 may carry fresher validators; else those sent still stand.
                fresh = Validators.from_headers(error.headers)
                kept = Validators(
                    etag=fresh.etag or validators.etag,
                    last_modified=fresh.last_modified or validators.last_modified,
                )
                return Answer(url, None, kept)
            raise _status_error(error.code, method) from None
        except ModernGovError:
            raise
        except TimeoutError:  # socket.timeout is TimeoutError
            raise _Retryable(SiteTimedOut()) from None
        except urllib.error.URLError as error:
            raise _connection_error(error.reason) from None
        except (http.client.HTTPException, ConnectionError) as error:
            raise _Retryable(SiteError(f"{SiteError.message} ({type(error).__name__})")) from None
        finally:
            self._last = self._clock()

    def _read(self, response: Any) -> bytes:
        limit = self.politeness.max_bytes
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise ResponseTooLarge()
        data: bytes = response.read(limit + 1)
        if len(data) > limit:
            raise ResponseTooLarge()
        return data


class _Retryable(Exception):
    def __init__(self, final: ModernGovError) -> None:
        super().__init__(str(final))
        self.final = final


def _status_error(code: int, method: str) -> Exception:
    if code in RETRYABLE_STATUS:
        return _Retryable(SiteError(HTTP_STATUS.format(message=SiteError.message, code=code, method=method)))
    if code in {401, 403, 406, 451}:
        return SiteRefused(HTTP_STATUS.format(message=SiteRefused.message, code=code, method=method))
    if code in {404, 410}:
        return NotTheWebService(
            HTTP_STATUS.format(message=NotTheWebService.message, code=code, method=method)
        )
    return SiteError(HTTP_STATUS.format(message="The site answered with an error", code=code, method=method))


def _connection_error(reason: object) -> Exception:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _Retryable(SiteTimedOut())
    if isinstance(reason, ModernGovError):
        return reason
    if isinstance(reason, (ConnectionResetError, ConnectionAbortedError)):
        return _Retryable(SiteError(f"{SiteError.message} (the connection was dropped)"))
    return SiteUnreachable(f"{SiteUnreachable.message} ({reason})")
