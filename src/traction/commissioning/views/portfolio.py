"""The portfolio page (every strategy, sortable and filterable) with its CSV download, and the
commissioning settings."""

from __future__ import annotations

import csv
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone

from ..forms.portfolio import PortfolioFilterForm, SettingsForm
from ..models import CommissioningSettings
from ..selectors import portfolio as selectors
from ..services import portfolio as services
from .base import CommissioningFormView, CommissioningView

PORTFOLIO = "Portfolio"
SETTINGS = "Commissioning settings"
# (sort key, column heading) in the page's order; the CSV uses the same headings.
COLUMNS = (
    ("title", "Strategy"),
    ("phase", "Phase"),
    ("iteration", "Iteration"),
    ("lead_body", "Lead body"),
    ("days", "Days in phase"),
    ("next_gate", "Next gate"),
    ("overdue", "Overdue gates"),
    ("conditions", "Open conditions"),
    ("confidence", "Confidence over time"),
    ("stalled", "Stalled"),
)


def _query(query: QueryDict, **changes: str) -> str:
    """The query string with ``changes`` made (an empty value removes the key)."""
    copied = query.copy()
    for key, value in changes.items():
        copied.pop(key, None)
        if value:
            copied[key] = value
    return copied.urlencode()


def _columns(query: QueryDict, sort: str) -> list[dict[str, str]]:
    """Each column's heading, the link that sorts by it (again: the other way) and its aria-sort."""
    found = []
    for key, heading in COLUMNS:
        current = sort.removeprefix("-") == key
        descending = sort.startswith("-")
        aria = ("descending" if descending else "ascending") if current else ""
        found.append(
            {
                "key": key,
                "heading": heading,
                "query": _query(query, sort=f"-{key}" if current and not descending else key),
                "aria_sort": aria,
            }
        )
    return found


class _PortfolioRead(CommissioningView):
    def portfolio(self, request: HttpRequest) -> tuple[PortfolioFilterForm, selectors.Portfolio]:
        bodies = selectors.lead_bodies_for(user=request.user, partnership=self.partnership)
        form = PortfolioFilterForm(request.GET, bodies=bodies)
        found = selectors.portfolio_for(
            user=request.user, partnership=self.partnership, today=timezone.localdate(), **form.chosen()
        )
        return form, found


class PortfolioView(_PortfolioRead):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "strategy")
        form, found = self.portfolio(request)
        return self.render(
            "commissioning/portfolio.html",
            {
                "title": PORTFOLIO,
                "form": form,
                "portfolio": found,
                "columns": _columns(request.GET, found.sort),
                "download_query": request.GET.urlencode(),
                "breadcrumbs": [self.home_crumb(), (PORTFOLIO, "")],
            },
        )


class PortfolioDownloadView(_PortfolioRead):
    """The rows the page shows for the same query string, as CSV."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "strategy")
        _, found = self.portfolio(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="portfolio-{self.partnership.slug}.csv"'
        writer = csv.writer(response)
        writer.writerow([heading for _, heading in COLUMNS] + ["Latest confidence"])
        for row in found.rows:
            writer.writerow(_csv_row(row))
        return response


def _csv_row(row: selectors.Row) -> list[Any]:
    cells = [
        row.title,
        row.phase,
        row.iteration,
        row.lead_body,
        row.days_in_phase,
        row.next_gate.isoformat() if row.next_gate else "",
        row.overdue,
        row.open_conditions,
        row.confidence,
        "yes" if row.stalled else "no",
        row.confidence_words,
    ]
    return [_safe(c) for c in cells]


def _safe(cell: Any) -> Any:
    """A spreadsheet runs a cell starting with = + - @ as a formula: such text gets a leading apostrophe."""
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


class SettingsView(CommissioningView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        found = selectors.settings_shown_for(user=request.user, partnership=self.partnership)
        return self.render(
            "commissioning/settings_detail.html",
            {
                "title": SETTINGS,
                "settings": found,
                "field": CommissioningSettings._meta.get_field("stall_days"),
                "breadcrumbs": [self.home_crumb(), (SETTINGS, "")],
            },
        )


class SettingsUpdateView(CommissioningFormView):
    form_class = SettingsForm
    model = CommissioningSettings
    permission = "change"
    submit_label = "Save the settings"
    success_message = "Settings saved. The portfolio and the diagnosis use them from now on."

    def prepare(self) -> None:
        self.require_write(self.model, self.permission)  # before the settings are first made
        self.object = selectors.settings_for(partnership=self.partnership)

    def title(self) -> str:
        return "Change the commissioning settings"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (SETTINGS, self.url("settings"))]

    def perform(self, form: Any) -> Any:
        return services.settings_update(
            actor=self.request.user,
            partnership=self.partnership,
            data={"stall_days": form.cleaned_data["stall_days"]},
            seen=self.seen,
        )

    def success_url(self, result: Any) -> str:
        return self.url("settings")
