"""OHID Fingertips: the address of an indicator's data, a small client that fetches it, and the parser of
the CSV it answers (``/api/all_data/csv/by_indicator_id``).

The headline rows are those with an empty "Category Type" (the rest break the figure down by deprivation
decile, ethnicity…). When the headline rows hold more than one sex or age group, the "Persons" rows are
kept if there are any, else the group named first in the answer. Anything that is not that CSV (an empty
answer, an HTML error page, other columns, no headline row) is a :class:`FingertipsError` with one plain
sentence. Pure Python (stdlib ``csv`` and ``urllib``): no Django.
"""

from __future__ import annotations

import csv
import importlib.metadata
import io
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from traction_analysis.direction.periods import period_order

API = "https://fingertips.phe.org.uk/api"
CSV_PATH = "/all_data/csv/by_indicator_id"
TIMEOUT = 60.0
MAX_BYTES = 50 * 1024 * 1024

# The columns we read; the answer has more ("Compared to … value or percentiles" varies by area type).
REQUIRED = (
    "Indicator ID",
    "Indicator Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Count",
    "Denominator",
    "Value note",
    "Time period Sortable",
)

EMPTY = "Fingertips sent an empty answer: nothing was changed."
HTML = "Fingertips sent a web page instead of data (the service may be down): nothing was changed."
COLUMNS = "Fingertips' answer does not have the expected columns (missing: {missing}): nothing was changed."
NO_ROWS = "Fingertips' answer has no headline rows for indicator {indicator}: nothing was changed."
GARBLED = "Fingertips' answer could not be read as CSV ({reason}): nothing was changed."
UNREACHABLE = "Fingertips could not be reached ({reason}): nothing was changed."
TOO_LARGE = "Fingertips' answer was larger than {mb} MB: nothing was changed."


class FingertipsError(Exception):
    """A plain sentence saying what was wrong with the answer, or why there was none."""


def _version() -> str:
    try:
        return importlib.metadata.version("traction")
    except importlib.metadata.PackageNotFoundError:
        return "dev"


USER_AGENT = f"Traction/{_version()} (indicator import; reads OHID Fingertips)"


@dataclass(frozen=True)
class Row:
    """One headline value of the answer, with the row as it came."""

    area_code: str
    area_name: str
    area_type: str
    sex: str
    age: str
    period: str
    period_order: int
    value: float | None
    lower_ci: float | None
    upper_ci: float | None
    count: float | None
    denominator: float | None
    note: str
    raw: dict[str, str] = field(compare=False)


@dataclass(frozen=True)
class Answer:
    indicator_id: int
    indicator_name: str
    rows: tuple[Row, ...]

    def for_area(self, code: str) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.area_code == code)


def csv_url(*, indicator_id: int, area_type: int, api: str = API) -> str:
    query = urllib.parse.urlencode({"indicator_ids": indicator_id, "child_area_type_id": area_type})
    return f"{api.rstrip('/')}{CSV_PATH}?{query}"


def fetch(url: str, *, timeout: float = TIMEOUT) -> str:
    """The answer's text, or :class:`FingertipsError` when the service cannot be reached or refuses."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/csv"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - our own https URL
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise FingertipsError(UNREACHABLE.format(reason=f"HTTP {error.code}")) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", None) or error
        raise FingertipsError(UNREACHABLE.format(reason=reason)) from error
    if len(data) > MAX_BYTES:
        raise FingertipsError(TOO_LARGE.format(mb=MAX_BYTES // (1024 * 1024)))
    return data.decode("utf-8-sig", errors="replace")


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _order(raw: dict[str, str]) -> int:
    sortable = (raw.get("Time period Sortable") or "").strip()
    if sortable.isdigit():
        return int(sortable)
    found = period_order(raw.get("Time period") or "")
    if found is None:
        raise FingertipsError(GARBLED.format(reason=f"the period {raw.get('Time period')!r} has no order"))
    return found


def _row(raw: dict[str, str]) -> Row:
    return Row(
        area_code=raw["Area Code"].strip(),
        area_name=raw["Area Name"].strip(),
        area_type=raw["Area Type"].strip(),
        sex=raw["Sex"].strip(),
        age=raw["Age"].strip(),
        period=raw["Time period"].strip(),
        period_order=_order(raw),
        value=_number(raw["Value"]),
        lower_ci=_number(raw["Lower CI 95.0 limit"]),
        upper_ci=_number(raw["Upper CI 95.0 limit"]),
        count=_number(raw["Count"]),
        denominator=_number(raw["Denominator"]),
        note=(raw.get("Value note") or "").strip()[:300],
        raw={key: value for key, value in raw.items() if key},
    )


def _check_shape(text: str) -> list[dict[str, str]]:
    if not text.strip():
        raise FingertipsError(EMPTY)
    if text.lstrip()[:1] == "<":
        raise FingertipsError(HTML)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        names = list(reader.fieldnames or [])
        missing = [name for name in REQUIRED if name not in names]
        if missing:
            raise FingertipsError(COLUMNS.format(missing=", ".join(missing)))
        rows = list(reader)
    except csv.Error as error:
        raise FingertipsError(GARBLED.format(reason=error)) from error
    for number, row in enumerate(rows, start=2):
        if None in row or None in row.values():
            raise FingertipsError(GARBLED.format(reason=f"line {number} has the wrong number of fields"))
    return rows


def _one_group(rows: list[Row]) -> list[Row]:
    groups = list(dict.fromkeys((r.sex, r.age) for r in rows))
    persons = [g for g in groups if g[0].lower() == "persons"]
    chosen = (persons or groups)[0]
    return [r for r in rows if (r.sex, r.age) == chosen]


def parse(text: str, *, indicator_id: int) -> Answer:
    """The headline rows of indicator ``indicator_id`` in a Fingertips CSV answer."""
    raws = _check_shape(text)
    headline = [
        raw
        for raw in raws
        if not (raw.get("Category Type") or "").strip() and raw["Indicator ID"].strip() == str(indicator_id)
    ]
    if not headline:
        raise FingertipsError(NO_ROWS.format(indicator=indicator_id))
    rows = _one_group([_row(raw) for raw in headline])
    keys = [(r.area_code, r.period) for r in rows]
    if len(set(keys)) != len(keys):
        raise FingertipsError(GARBLED.format(reason="an area has two values for one period"))
    name = headline[0]["Indicator Name"].strip()
    return Answer(indicator_id, name, tuple(sorted(rows, key=lambda r: (r.area_code, r.period_order))))
