"""Files the pages hand out that are made on the fly (CSV, JSON), as attachments that cannot run in this
site's origin. Stored uploads go out through ``traction.core.uploads.download_response``."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

# A cell starting like a formula ("=HYPERLINK(…)") must not run when the file is opened in a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def attachment(body: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    """``body`` as a download named ``filename`` (a plain ASCII name the caller has made safe)."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_response(rows: Iterable[Iterable[Any]], *, filename: str) -> HttpResponse:
    """The rows as a CSV download, each cell made safe for spreadsheets."""
    response = attachment(b"", content_type="text/csv; charset=utf-8", filename=filename)
    csv.writer(response).writerows([csv_cell(value) for value in row] for row in rows)
    return response
