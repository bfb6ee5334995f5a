"""A file of local indicator values (CSV), read all or nothing: every bad row is named with its reason.

Columns (header row, any order, case and spaces ignored): ``period`` and ``value`` are required;
``lower_ci``, ``upper_ci``, ``count``, ``denominator``, ``note`` and ``area_code`` are optional. A blank
``area_code`` means the indicator's own area. Pure Python: no Django.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

from traction_analysis.direction.periods import period_order

COLUMNS = ("period", "value", "lower_ci", "upper_ci", "count", "denominator", "note", "area_code")
REQUIRED = ("period", "value")
MAX_ROWS = 5000

NOT_TEXT = "The file is not a CSV text file (UTF-8). Save it as “CSV UTF-8” and try again."
NO_HEADER = "The file has no header row: the first line must name the columns (period, value, …)."
MISSING = "The header row has no {names} column."
UNKNOWN = "The header row names a column we do not read: {names}. Use only: " + ", ".join(COLUMNS) + "."
NO_ROWS = "The file has a header row but no values."
TOO_MANY = f"The file has more than {MAX_ROWS} rows; split it into smaller files."
ROW = "Row {row}: {reason}"
BAD_PERIOD = "the period “{period}” is not one we read (e.g. 2023, 2021/22, 2023 Q2, 2023-04, 2018 - 20)"
BAD_NUMBER = "{column} “{text}” is not a number"
NO_VALUE = "the value is missing (leave the row out if there is none)"
CI_ORDER = "the lower confidence limit is above the upper one"
CI_AROUND = "the value is outside its confidence interval"
TWICE = "the period {period} appears twice for the same area (first on row {first})"
BAD_AREA = "the area code “{code}” is not a GSS code (a letter and eight digits, e.g. E06000014)"
FIELDS = "the row has more fields than the header row names"
TOO_LONG = "{column} is longer than {limit} characters"


class ValuesFileError(Exception):
    """The whole file is refused; ``problems`` lists every reason, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class LocalValue:
    area_code: str
    period: str
    period_order: int
    value: float
    lower_ci: float | None
    upper_ci: float | None
    count: float | None
    denominator: float | None
    note: str
    raw: dict[str, str] = field(compare=False)


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValuesFileError([NOT_TEXT]) from error


def _header(reader: csv.DictReader[str]) -> list[str]:
    names = [(name or "").strip().lower().replace(" ", "_") for name in reader.fieldnames or []]
    if not any(names):
        raise ValuesFileError([NO_HEADER])
    problems = []
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        problems.append(MISSING.format(names=" or ".join(missing)))
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        problems.append(UNKNOWN.format(names=", ".join(unknown)))
    if problems:
        raise ValuesFileError(problems)
    return names


def _number(cells: dict[str, str], column: str, errors: list[str]) -> float | None:
    text = cells.get(column, "").strip().replace(",", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        errors.append(BAD_NUMBER.format(column=column.replace("_", " "), text=text[:40]))
        return None
    return number


def _checks(value: float | None, low: float | None, high: float | None) -> list[str]:
    if low is not None and high is not None and low > high:
        return [CI_ORDER]
    if value is not None and ((low is not None and value < low) or (high is not None and value > high)):
        return [CI_AROUND]
    return []


def _area(code: str, errors: list[str]) -> str:
    code = code.strip().upper()
    if code and not (len(code) == 9 and code[0].isalpha() and code[1:].isdigit()):
        errors.append(BAD_AREA.format(code=code[:20]))
    return code


def _value(cells: dict[str, str], errors: list[str]) -> LocalValue | None:
    period = " ".join(cells.get("period", "").split())
    order = period_order(period)
    if order is None:
        errors.append(BAD_PERIOD.format(period=period[:40]))
    if len(period) > 40:
        errors.append(TOO_LONG.format(column="the period", limit=40))
    numbers = {
        c: _number(cells, c, errors) for c in ("value", "lower_ci", "upper_ci", "count", "denominator")
    }
    if numbers["value"] is None and not cells.get("value", "").strip():
        errors.append(NO_VALUE)
    errors += _checks(numbers["value"], numbers["lower_ci"], numbers["upper_ci"])
    note = cells.get("note", "").strip()
    if len(note) > 300:
        errors.append(TOO_LONG.format(column="the note", limit=300))
    area = _area(cells.get("area_code", ""), errors)
    if errors or order is None or numbers["value"] is None:
        return None
    return LocalValue(
        area,
        period,
        order,
        numbers["value"],
        numbers["lower_ci"],
        numbers["upper_ci"],
        numbers["count"],
        numbers["denominator"],
        note,
        raw=dict(cells),
    )


def parse(data: bytes, *, own_area: str = "") -> list[LocalValue]:
    """Every row of the file, or :class:`ValuesFileError` naming every bad row (nothing is half-read)."""
    reader = csv.DictReader(io.StringIO(_text(data), newline=""), restval="")
    try:
        names = _header(reader)
        rows = list(reader)
    except csv.Error as error:
        raise ValuesFileError([f"The file could not be read as CSV: {error}."]) from error
    if not rows:
        raise ValuesFileError([NO_ROWS])
    if len(rows) > MAX_ROWS:
        raise ValuesFileError([TOO_MANY])
    return _rows(rows, list(zip(names, reader.fieldnames or [], strict=True)), own_area)


def _rows(
    rows: list[dict[str | None, str]], columns: list[tuple[str, str]], own_area: str = ""
) -> list[LocalValue]:
    """The rows' values, or every bad row named. A row naming ``own_area`` (the indicator's own area) is
    the same series as a row with no area code, so the two cannot both give one period."""
    problems: list[str] = []
    found: list[LocalValue] = []
    first: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows, start=2):  # the header is row 1
        errors: list[str] = []
        if None in row:
            errors.append(FIELDS)
        cells = {name: row.get(original) or "" for name, original in columns}
        value = None if errors else _value(cells, errors)
        if value is not None:
            key = ("" if value.area_code in ("", own_area) else value.area_code, value.period)
            if key in first:
                errors.append(TWICE.format(period=value.period, first=first[key]))
            first.setdefault(key, number)
            found.append(value)
        problems += [ROW.format(row=number, reason=reason) for reason in errors]
    if problems:
        raise ValuesFileError(problems)
    return found
