"""An options appraisal as a download for the business case: CSV (one file, one section after another) or
Excel (one sheet per section). The figures come from the same selectors as the page, so the download says
what the page says, and the scores summary is left out for whoever the page would not show it to.

Text a spreadsheet would read as a formula is defused: in CSV by ``core.downloads``, in Excel by storing
the cell as text.
"""

from __future__ import annotations

import io
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify

from traction.core.downloads import attachment, csv_response

from .models import OptionsAppraisal
from .selectors import appraisals as selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HIDDEN = "The scores summary is shown once you have sent your own scores, or once the appraisal is complete."

Section = tuple[str, list[list[Any]]]


def _money(value: Any) -> Any:
    return float(value) if value is not None else None


def _figure(value: float | None) -> Any:
    return round(value, 2) if value is not None else None


def sections(*, appraisal: OptionsAppraisal, user: Any) -> list[Section]:
    """(title, rows with a heading row first) for the appraisal, its factors, options, scores and check."""
    about: list[list[Any]] = [
        ["Appraisal", appraisal.title],
        ["Strategy", appraisal.strategy.title],
        ["Iteration", appraisal.iteration],
        ["Status", appraisal.get_status_display()],
        ["Why the preferred option", appraisal.preferred_reasons],
    ]
    factors: list[list[Any]] = [["Factor", "Standard", "Weight"]] + [
        [f.name, "yes" if f.standard else "no", f.weight] for f in selectors.factors_of(appraisal)
    ]
    options: list[list[Any]] = [
        ["Option", "Dimension", "Channel", "Kept", "Reason", "Short list", "Whole-life cost (£)"]
    ] + [
        [
            o.title,
            o.get_dimension_display(),
            o.get_channel_display(),
            "kept" if o.kept else "dropped",
            o.reason,
            o.get_short_list_display() if o.short_list else "",
            _money(o.whole_life_cost),
        ]
        for o in appraisal.options.all()
    ]
    result: list[Section] = [
        ("Appraisal", [["Item", "Value"], *about]),
        ("Factors", factors),
        ("Options", options),
    ]
    return result + _results(appraisal=appraisal, user=user)


def _results(*, appraisal: OptionsAppraisal, user: Any) -> list[Section]:
    summary = selectors.results_for(appraisal=appraisal, user=user)
    if summary is None:
        return [("Scores", [["Note"], [HIDDEN]])]
    scores: list[list[Any]] = [["Option", "Factor", "Weight", "Mean score", "Lowest", "Highest", "Assessors"]]
    totals: list[list[Any]] = [
        ["Rank", "Option", "Weighted score (0–100)", "Assessors", "Whole-life cost (£)", "Score per £1m"]
    ]
    for row in summary.rows:
        for factor, cell in zip(summary.factors, row.cells, strict=True):
            if cell is not None:
                scores.append(
                    [
                        row.option.title,
                        factor.name,
                        factor.weight,
                        _figure(float(cell.mean)),
                        cell.low,
                        cell.high,
                        cell.count,
                    ]
                )
        totals.append(
            [
                row.rank,
                row.option.title,
                _figure(row.total),
                row.assessors,
                _money(row.option.whole_life_cost),
                _figure(row.per_million),
            ]
        )
    check: list[list[Any]] = [
        ["Sensitivity check (each weight moved by 10 points)"],
        *([s] for s in summary.sentences),
    ]
    return [("Scores", scores), ("Weighted totals", totals), ("Sensitivity", check)]


def filename(appraisal: OptionsAppraisal, extension: str) -> str:
    stem = slugify(f"{appraisal.partnership.slug}-appraisal-{appraisal.pk}-{appraisal.title}")[:150]
    return f"{stem or 'appraisal'}.{extension}"


def as_rows(found: list[Section]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for title, section in found:
        rows += [[title], *section, []]
    return rows[:-1]


def as_xlsx(found: list[Section]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, section in found:
        sheet = book.create_sheet(title[:31])
        sheet.freeze_panes = "A2"
        for number, row in enumerate(section):
            sheet.append([_cell(sheet, value, bold if number == 0 else None) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: Any, font: Any = None) -> Any:
    from openpyxl.cell import WriteOnlyCell

    as_text = isinstance(value, str) and value.startswith(("=", "#", "+", "-", "@"))
    if font is None and not as_text:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if as_text:
        cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell


def download(*, appraisal: OptionsAppraisal, user: Any, fmt: str) -> HttpResponse:
    found = sections(appraisal=appraisal, user=user)
    if fmt == "xlsx":
        return attachment(as_xlsx(found), content_type=XLSX, filename=filename(appraisal, "xlsx"))
    return csv_response(as_rows(found), filename=filename(appraisal, "csv"))
