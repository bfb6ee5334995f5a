"""The period a diagnosis page reads: a quarter, a year or the user's own dates, parsed from the query
string, with the periods before it for the trend."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms

from traction.core.forms import DATE_RANGE, date_field
from traction_analysis.signals import Period

PERIOD_KIND = "Choose a quarter, a year or your own dates."
PERIOD_DATES = "Enter both the ‘from’ and the ‘to’ date for your own period."
DATE_OUT_OF_RANGE = "Enter a date between 1 January 1900 and 31 December 2199."
FIRST_DAY, LAST_DAY = datetime.date(1900, 1, 1), datetime.date(2199, 12, 31)
HISTORY = {"quarter": 4, "year": 3, "custom": 3}  # previous periods shown beside the current one
ONE_DAY = datetime.timedelta(days=1)


class PeriodForm(forms.Form):
    is_filter = True
    period = forms.ChoiceField(
        label="Period",
        required=False,
        widget=forms.RadioSelect,
        choices=[("quarter", "Quarter"), ("year", "Year"), ("custom", "Your own dates")],
        error_messages={"invalid_choice": PERIOD_KIND},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = date_field(
            "From",
            required=False,
            help_text="For a quarter or a year: any day in it. Leave blank for the last full one.",
        )
        self.fields["to"] = date_field(
            "To (this day included)", required=False, help_text="Only for your own dates."
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name in ("from", "to"):
            day = data.get(name)
            if day is not None and not FIRST_DAY <= day <= LAST_DAY:
                self.add_error(name, DATE_OUT_OF_RANGE)
        if (data.get("period") or "quarter") == "custom" and self.is_valid_so_far():
            if not data.get("from") or not data.get("to"):
                self.add_error("from" if not data.get("from") else "to", PERIOD_DATES)
            elif data["to"] < data["from"]:
                self.add_error("to", DATE_RANGE)
        return data

    def is_valid_so_far(self) -> bool:
        return not ({"from", "to"} & set(self.errors))


@dataclass(frozen=True)
class PeriodChoice:
    kind: str
    period: Period
    previous: tuple[Period, ...]  # oldest first
    latest_with_enough: bool = False  # chosen because no period was asked for: see ``latest``

    @property
    def periods(self) -> tuple[Period, ...]:
        return (*self.previous, self.period)

    @property
    def label(self) -> str:
        return period_label(self.kind, self.period)

    @property
    def query(self) -> str:
        return period_query(self.kind, self.period)


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _add_quarters(start: datetime.date, n: int) -> datetime.date:
    months = start.year * 12 + start.month - 1 + 3 * n
    return datetime.date(months // 12, months % 12 + 1, 1)


def _periods(kind: str, start: datetime.date, end: datetime.date) -> tuple[Period, tuple[Period, ...]]:
    count = HISTORY[kind]
    if kind == "quarter":
        starts = [_add_quarters(start, n) for n in range(-count, 2)]
    elif kind == "year":
        starts = [datetime.date(start.year + n, 1, 1) for n in range(-count, 2)]
    else:
        length = end - start
        starts = [start + n * length for n in range(-count, 2)]
    periods = [Period(a, b) for a, b in zip(starts, starts[1:], strict=False)]
    return periods[-1], tuple(periods[:-1])


def asks_for_a_period(data: Any) -> bool:
    """Whether the query string names a period or a day; if not, the page picks its own default."""
    return bool(data.get("period") or data.get("from") or data.get("to"))


def period_choice(
    data: Any, *, today: datetime.date, default: tuple[str, datetime.date] | None = None
) -> tuple[PeriodForm, PeriodChoice | None]:
    """The period the query string asks for, or the form with its errors. When it asks for none,
    ``default`` (the kind and first day of the latest period with enough data), else the last full quarter."""
    form = PeriodForm(data)
    if not form.is_valid():
        return form, None
    kind = form.cleaned_data.get("period") or "quarter"
    day = form.cleaned_data.get("from")
    latest = default is not None and not asks_for_a_period(data)
    if latest:
        kind, day = default  # type: ignore[misc]
    if kind == "custom":
        start, end = form.cleaned_data["from"], form.cleaned_data["to"] + ONE_DAY
    elif kind == "quarter":
        start = quarter_start(day) if day else _add_quarters(quarter_start(today), -1)
        end = _add_quarters(start, 1)
    else:
        start = datetime.date(day.year if day else today.year - 1, 1, 1)
        end = datetime.date(start.year + 1, 1, 1)
    current, previous = _periods(kind, start, end)
    if not asks_for_a_period(data):
        # The form shows the period the page chose, so that changing one field keeps the rest.
        form = PeriodForm({"period": kind, "from": start.isoformat()})
        form.full_clean()
    return form, PeriodChoice(kind, current, previous, latest_with_enough=latest)


def period_label(kind: str, period: Period) -> str:
    last = period.end - ONE_DAY
    if kind == "quarter":
        return f"{period.start:%b}–{last:%b} {last.year}"
    if kind == "year":
        return str(period.start.year)
    return f"{period.start.day} {period.start:%b %Y} to {last.day} {last:%b %Y}"


def period_query(kind: str, period: Period) -> str:
    if kind == "custom":
        return urlencode(
            {"period": "custom", "from": period.start.isoformat(), "to": (period.end - ONE_DAY).isoformat()}
        )
    return urlencode({"period": kind, "from": period.start.isoformat()})
