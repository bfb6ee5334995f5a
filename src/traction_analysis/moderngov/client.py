"""A polite client for a council's ModernGov web service (``/mgWebService.asmx/<Method>``, HTTP GET, XML).

Polite: an honest User-Agent, a pause between requests, a timeout, a capped answer size, and retries
with exponential backoff on server errors and timeouts only. Safe: only the host entered is ever
contacted (a redirect to another host is refused); that host must be on the public internet — every
address its name resolves to, and the address actually connected to (checked after connecting and
before anything is sent, so a name that re-resolves elsewhere is caught too), must be a global address
unless private addresses are allowed — so the importer cannot be pointed at the server's own network
or a cloud metadata address; and the XML is parsed without entities, DTDs or network access.
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
        data = self.get(
            "GetMeetings", lCommitteeId=committee_id, sFromDate=_dd_mm_yyyy(start), sToDate=_dd_mm_yyyy(end)
        )
        return parse_meetings(data)

    def meeting(self, meeting_id: str) -> tuple[MeetingRecord, bytes]:
        """The parsed meeting and the XML it came from (the minutes engine reads the XML)."""
        data = self.get("GetMeeting", lMeetingId=meeting_id)
        return parse_meeting(data), data

    # --- HTTP ---------------------------------------------------------------------------------------

    def url(self, method: str, **params: str) -> str:
        query = urllib.parse.urlencode(params)
        return f"{self.site}{SERVICE_PATH}{method}" + (f"?{query}" if query else "")

    def get(self, method: str, **params: str) -> bytes:
        url = self.url(method, **params)
        attempt = 0
        while True:
            try:
                return self._fetch(url, method)
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

    def _fetch(self, url: str, method: str) -> bytes:
        if self._public_only is not None:
            _require_public_host(*self._public_only)
        self._pause()
        request = urllib.request.Request(
            url, headers={"User-Agent": self.politeness.user_agent, "Accept": "text/xml, application/xml"}
        )
        self.requests += 1
        try:
            with self._opener.open(request, timeout=self.politeness.timeout) as response:
                return self._read(response)
        except urllib.error.HTTPError as error:
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
