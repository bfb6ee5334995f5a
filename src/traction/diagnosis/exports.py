"""Downloads of the diagnosis: the signals of the overview and of a body's profile, and the action log, as CSV
or Excel. The rows come from the same selectors as the pages, so a download shows the pages' figures.

A cell that a spreadsheet would read as a formula is defused: in CSV a text cell starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return gets a leading apostrophe; in Excel every text cell is stored as text.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from traction.core.downloads import csv_cell
from traction.core.models import Partnership
from traction.diagnosis.expressions import DaysBetween, a_date
from traction.diagnosis.models import DiagnosisSettings
from traction.diagnosis.thresholds import FIELDS
from traction.governance.models import Action, ActionStatus
from traction.governance.selectors import action_list_for
from traction_analysis.signals import Period

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMAT_UNKNOWN = "Choose CSV (format=csv) or Excel (format=xlsx) for the download."
ONE_DAY = datetime.timedelta(days=1)

SIGNAL_COLUMNS = (
    "Body",
    "Period from",
    "Period to (included)",
    "As of",
    "Signal",
    "Signal key",
    "Value",
    "Numerator",
    "Denominator",
    "Enough data",
    "Shown as",
)
ACTION_COLUMNS = (
    "Action id",
    "Body",
    "Minute reference",
    "Agenda item",
    "Meeting date",
    "Action",
    "Lead",
    "Lead organisation",
    "Original due date",
    "Current due date",
    "Status",
    "Completed on",
    "Days overdue",
)


@dataclass(frozen=True)
class Table:
    """What a download holds: a title, the column headings, the rows, and notes for an "About" sheet."""

    title: str
    columns: Sequence[str]
    rows: list[list[Any]]
    about: list[tuple[str, Any]]


# --- rows ---------------------------------------------------------------------------------------------------


def signal_rows(
    body_name: str, period: Period, as_of: datetime.date, cells: Iterable[Any]
) -> list[list[Any]]:
    """One row per signal of one body and period; ``cells`` are the pages' ``Cell`` objects."""
    last = period.end - ONE_DAY
    return [
        [
            body_name,
            period.start,
            last,
            as_of,
            cell.label,
            cell.name,
            _plain(cell.figure.value),
            _plain(cell.figure.numerator),
            _plain(cell.figure.denominator),
            "yes" if cell.figure.sufficient else "no",
            cell.text if cell.shown else "Not enough data",
        ]
        for cell in cells
    ]


def _plain(value: Any) -> Any:
    """Exact numbers as numbers: whole floats as ints, other floats unrounded."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def thresholds_about(settings: DiagnosisSettings) -> list[tuple[str, Any]]:
    return [
        (f"Threshold: {DiagnosisSettings.threshold_field(name).verbose_name}", getattr(settings, name))
        for name in FIELDS
    ]


def action_log(
    *, user: Any, partnership: Partnership, today: datetime.date, view: str = "all", body: Any = None
) -> QuerySet[Action]:
    """The action log as the action list selects it, with days overdue worked out in the database: for an
    open action past its due date, the days since; for one done late, the days it was late."""
    overdue = Case(
        When(Q(status=ActionStatus.OPEN, due_date__lt=today), then=DaysBetween(a_date(today), "due_date")),
        When(
            Q(status=ActionStatus.DONE, completed_on__gt=F("due_date")),
            then=DaysBetween("completed_on", "due_date"),
        ),
        default=Value(None),
        output_field=IntegerField(),
    )
    return (
        action_list_for(user=user, partnership=partnership, view=view, body=body, today=today)
        .annotate(days_overdue=overdue)
        .order_by("body__name", "due_date", "pk")
    )


ACTION_FIELDS = (
    "pk",
    "body__name",
    "minute_reference",
    "agenda_item__number",
    "agenda_item__title",
    "agenda_item__meeting__start",
    "text",
    "lead__name",
    "lead_organisation__name",
    "original_due_date",
    "due_date",
    "status",
    "completed_on",
    "days_overdue",
)


def action_rows(actions: QuerySet[Action]) -> list[list[Any]]:
    """One row per action, read as plain values (a whole region's log is tens of thousands of actions)."""
    zone = timezone.get_current_timezone()
    status = dict(ActionStatus.choices)
    return [
        [
            pk,
            body,
            reference,
            f"{number} {title}".strip() if title is not None else "",
            timezone.localtime(start, zone).date() if start else None,
            text,
            lead or "",
            organisation or "",
            original,
            due,
            status.get(state, state),
            completed,
            overdue,
        ]
        for (
            pk,
            body,
            reference,
            number,
            title,
            start,
            text,
            lead,
            organisation,
            original,
            due,
            state,
            completed,
            overdue,
        ) in actions.values_list(*ACTION_FIELDS)
    ]


# --- files --------------------------------------------------------------------------------------------------


def as_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads names with accents and curly quotes right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    writer.writerows([csv_cell(value) for value in row] for row in table.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(table: Table) -> bytes:
    """A streamed (write-only) workbook: the rows sheet with a bold, frozen heading, and an "About" sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_cell(sheet, value, font=bold) for value in table.columns])
    for row in table.rows:
        sheet.append([_cell(sheet, value) for value in row])
    about = book.create_sheet("About")
    for fact in table.about:
        about.append([_cell(about, value) for value in fact])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: Any, font: Any = None) -> Any:
    """The value as openpyxl would store it, except that text openpyxl would read as a formula (``=``) or an
    error code (``#``) is stored as the text it is. Other values go in bare: a cell object each costs time."""
    from openpyxl.cell import WriteOnlyCell

    as_text = isinstance(value, str) and value.startswith(("=", "#"))
    if font is None and not as_text:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if as_text:
        cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell


def filename(partnership: Partnership, *parts: object, extension: str) -> str:
    """A name that is safe everywhere: the partnership's slug and the parts, slugified."""
    stem = slugify("-".join([partnership.slug, *(str(part) for part in parts)]))[:150] or "traction"
    return f"{stem}.{extension}"


def download(table: Table, *, fmt: str, name: str) -> HttpResponse:
    content = as_xlsx(table) if fmt == "xlsx" else as_csv(table)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
