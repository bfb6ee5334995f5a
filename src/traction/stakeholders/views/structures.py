"""Structures over time: the chart at a date, localities, successions (with a merger's before and after)
and bodies' histories."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from traction.governance.models import Body

from ..forms.structures import (
    BodyHistoryForm,
    ChartDateForm,
    LocalityForm,
    ReportingLineChangeForm,
    ReportingLineForm,
    SuccessionForm,
)
from ..models.structures import BodyHistory, Locality, ReportingLine, Succession
from ..selectors import structures as selectors
from ..services import reporting_lines
from ..services import structures as services
from .base import StakeholdersDeleteView, StakeholdersFormView, StakeholdersView

STRUCTURES = "Structures over time"
LOCALITIES = "Localities"
SUCCESSIONS = "Successions"
BODIES = "Bodies over time"
LINES = "Reporting lines over time"


class _Structures:
    """The crumbs every structures page starts with."""

    def structures_crumbs(self: Any, *more: tuple[str, str]) -> list[tuple[str, str]]:
        return [self.home_crumb(), (STRUCTURES, self.url("structure-chart")), *more]


class StructureChartView(_Structures, StakeholdersView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        today = timezone.localdate()
        form = ChartDateForm(request.GET if "on" in request.GET else None, initial={"on": today})
        on = form.cleaned_data["on"] if form.is_bound and form.is_valid() else today
        if not services.EARLIEST <= on <= services.LATEST:
            form.add_error("on", services.OUT_OF_RANGE)
            on = today
        return self.render(
            "stakeholders/structure_chart.html",
            {
                "title": STRUCTURES,
                "form": form,
                "on": on,
                "view": selectors.chart_for(user=request.user, partnership=self.partnership, on=on),
                "successions": selectors.succession_list_for(user=request.user, partnership=self.partnership)[
                    :5
                ],
                "breadcrumbs": [self.home_crumb(), (STRUCTURES, "")],
            },
        )


# --- localities ----------------------------------------------------------------------------------------


class LocalityListView(_Structures, StakeholdersView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "stakeholders/locality_list.html",
            {
                "title": LOCALITIES,
                "localities": selectors.locality_list_for(user=request.user, partnership=self.partnership),
                "breadcrumbs": self.structures_crumbs((LOCALITIES, "")),
            },
        )


class _LocalityForm(_Structures, StakeholdersFormView):
    model = Locality
    form_class = LocalityForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.structures_crumbs((LOCALITIES, self.url("locality-list")))

    def success_url(self, result: Any) -> str:
        return self.url("locality-list")


class LocalityCreateView(_LocalityForm):
    submit_label = "Add the locality"
    success_message = "The locality is added."

    def title(self) -> str:
        return "New locality"

    def perform(self, form: Any) -> Any:
        return services.locality_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )


class LocalityUpdateView(_LocalityForm):
    permission = "change"
    success_message = "The locality is saved."

    def title(self) -> str:
        return f"Edit {self.object.name}"

    def perform(self, form: Any) -> Any:
        return services.locality_update(
            actor=self.request.user, locality=self.object, data=form.cleaned_data, seen=self.seen
        )


class LocalityDeleteView(StakeholdersDeleteView):
    model = Locality
    list_url_name = "locality-list"


# --- successions ---------------------------------------------------------------------------------------


class SuccessionListView(_Structures, StakeholdersView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "stakeholders/succession_list.html",
            {
                "title": SUCCESSIONS,
                "successions": selectors.succession_list_for(user=request.user, partnership=self.partnership),
                "breadcrumbs": self.structures_crumbs((SUCCESSIONS, "")),
            },
        )


class SuccessionDetailView(_Structures, StakeholdersView):
    """The succession, and the chart the day before and on its date, side by side, with what changed."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        succession = self.get_permitted(Succession, pk)
        return self.render(
            "stakeholders/succession_detail.html",
            {
                "title": f"{succession}",
                "succession": succession,
                "compare": selectors.before_after_for(
                    user=request.user, partnership=self.partnership, succession=succession
                ),
                "breadcrumbs": self.structures_crumbs(
                    (SUCCESSIONS, self.url("succession-list")), (str(succession), "")
                ),
            },
        )


class _SuccessionForm(_Structures, StakeholdersFormView):
    model = Succession
    form_class = SuccessionForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.structures_crumbs((SUCCESSIONS, self.url("succession-list")))

    def success_url(self, result: Any) -> str:
        return self.url("succession-detail", pk=result.pk)


class SuccessionCreateView(_SuccessionForm):
    submit_label = "Record the succession"
    success_message = "The succession is recorded."

    def title(self) -> str:
        return "New succession"

    def perform(self, form: Any) -> Any:
        return services.succession_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )


class SuccessionUpdateView(_SuccessionForm):
    permission = "change"
    success_message = "The succession is saved."

    def title(self) -> str:
        return f"Edit the {str(self.object)[0].lower()}{str(self.object)[1:]}"

    def perform(self, form: Any) -> Any:
        return services.succession_update(
            actor=self.request.user, succession=self.object, data=form.cleaned_data, seen=self.seen
        )


class SuccessionDeleteView(StakeholdersDeleteView):
    model = Succession
    list_url_name = "succession-list"


# --- bodies' histories ---------------------------------------------------------------------------------


class BodyHistoryListView(_Structures, StakeholdersView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "stakeholders/bodyhistory_list.html",
            {
                "title": BODIES,
                "rows": selectors.body_rows_for(user=request.user, partnership=self.partnership),
                "breadcrumbs": self.structures_crumbs((BODIES, "")),
            },
        )


class _BodyHistoryForm(_Structures, StakeholdersFormView):
    model = BodyHistory
    form_class = BodyHistoryForm
    body: Body

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "body": self.body}

    def title(self) -> str:
        return f"History of {self.body.name}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.structures_crumbs((BODIES, self.url("bodyhistory-list")))

    def success_url(self, result: Any) -> str:
        return self.url("bodyhistory-list")


class BodyHistoryCreateView(_BodyHistoryForm):
    submit_label = "Save the history"
    success_message = "The body's history is saved."

    def load(self) -> None:
        self.body = self.get_permitted(Body, self.kwargs["pk"])

    def perform(self, form: Any) -> Any:
        return services.body_history_create(actor=self.request.user, body=self.body, data=form.cleaned_data)


class BodyHistoryUpdateView(_BodyHistoryForm):
    permission = "change"
    submit_label = "Save the history"
    success_message = "The body's history is saved."

    def load(self) -> None:
        super().load()
        self.body = self.object.body

    def perform(self, form: Any) -> Any:
        return services.body_history_update(
            actor=self.request.user, history=self.object, data=form.cleaned_data, seen=self.seen
        )


class BodyHistoryDeleteView(StakeholdersDeleteView):
    model = BodyHistory
    list_url_name = "bodyhistory-list"


# --- reporting lines over time -------------------------------------------------------------------------


class ReportingLineListView(_Structures, StakeholdersView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "stakeholders/reportingline_list.html",
            {
                "title": LINES,
                "lines": selectors.reporting_line_list_for(user=request.user, partnership=self.partnership),
                "breadcrumbs": self.structures_crumbs((LINES, "")),
            },
        )


class ReportingLineChangeView(_Structures, StakeholdersFormView):
    """Record that, from a date, a body reports to another (or to none): the line in effect then ends."""

    model = ReportingLine
    form_class = ReportingLineChangeForm
    submit_label = "Record the change"
    success_message = "The reporting-line change is recorded."
    body: Body

    def load(self) -> None:
        self.body = self.get_permitted(Body, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"body": self.body}

    def title(self) -> str:
        return f"Change what {self.body.name} reports to"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.structures_crumbs((LINES, self.url("reportingline-list")))

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        reporting_lines.reporting_line_change(
            actor=self.request.user,
            body=self.body,
            reports_to=data["reports_to"],
            on=data["on"],
            note=data["note"],
        )
        return self.body

    def success_url(self, result: Any) -> str:
        return self.url("governance:body-detail", pk=result.pk)


class ReportingLineUpdateView(_Structures, StakeholdersFormView):
    model = ReportingLine
    form_class = ReportingLineForm
    permission = "change"
    success_message = "The reporting line is saved."

    def title(self) -> str:
        return f"Edit the line: {self.object}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.structures_crumbs((LINES, self.url("reportingline-list")))

    def perform(self, form: Any) -> Any:
        return reporting_lines.reporting_line_update(
            actor=self.request.user, line=self.object, data=form.cleaned_data, seen=self.seen
        )

    def success_url(self, result: Any) -> str:
        return self.url("reportingline-list")


class ReportingLineDeleteView(StakeholdersDeleteView):
    model = ReportingLine
    list_url_name = "reportingline-list"
