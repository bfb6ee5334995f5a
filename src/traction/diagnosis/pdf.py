"""HTML to PDF with WeasyPrint, offline: the only resources a report may load are the static files of the
installed apps, found through ``django.contrib.staticfiles.finders``. Any other URL (the network, ``file:``,
``data:``, a path outside the static folders) is refused, so rendering never leaves the machine and never
reads a file it was not meant to."""

from __future__ import annotations

import logging
import mimetypes
import posixpath
from typing import Any
from urllib.parse import unquote, urlsplit

from django.contrib.staticfiles import finders

# The report's base URL: a name that can never resolve, so nothing relative can reach a real host.
STATIC_BASE = "https://static.traction.invalid/"
REFUSED = "Only the application's own static files may be loaded into a report: {url}"

# WeasyPrint logs every layout step at INFO; one line per page of every report is noise in the server's log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def static_path(url: str) -> str:
    """The file a report URL names inside the static folders, or ValueError."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != STATIC_BASE or parts.query:
        raise ValueError(REFUSED.format(url=url))
    name = unquote(parts.path).lstrip("/")
    if not name or posixpath.normpath(name) != name or name.startswith(".") or "\\" in name:
        raise ValueError(REFUSED.format(url=url))
    found = finders.find(name)
    if not found or isinstance(found, list):
        raise ValueError(REFUSED.format(url=url))
    return str(found)


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            path = static_path(url)
            with open(path, "rb") as handle:
                body = handle.read()
            mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    return StaticOnlyFetcher()


def render_pdf(html: str) -> bytes:
    """The PDF of a complete HTML document whose stylesheets are named relative to ``STATIC_BASE``."""
    import weasyprint

    return weasyprint.HTML(string=html, base_url=STATIC_BASE, url_fetcher=_fetcher()).write_pdf()
