"""Indicator pages: the list, the turn-the-curve page, the indicator form, values upload and the
Fingertips pull button."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from ..forms.indicators import IndicatorForm, ValuesUploadForm
from ..models import Indicator, IndicatorValue
from ..selectors import indicators as selectors
from ..services import indicators as services
from .base import DirectionDeleteView, DirectionFormView, DirectionView

QUEUED = "The pull from Fingertips is queued: reload this page in a minute to see the new values."


class IndicatorsView(DirectionView):
    def crumbs(self, *more: tuple[str, str]) -> list[tuple[str, str]]:
        return [self.home_crumb(), ("Indicators", self.url("indicator-list")), *more]


class IndicatorListView(IndicatorsView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "direction/indicator_list.html",
            {
                "title": "Indicators",
                **selectors.list_for(user=request.user, partnership=self.partnership),
                "breadcrumbs": [self.home_crumb(), ("Indicators", "")],
            },
        )


class IndicatorDetailView(IndicatorsView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        indicator = self.get_permitted(Indicator, pk)
        return self.render(
            "direction/indicator_detail.html",
            {
                "title": indicator.title,
                "indicator": indicator,
                **selectors.detail_for(indicator=indicator),
                "breadcrumbs": self.crumbs((indicator.title, "")),
            },
        )


class IndicatorFormView(IndicatorsView, DirectionFormView):
    model = Indicator
    form_class = IndicatorForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.crumbs()

    def success_url(self, result: Any) -> str:
        return self.url("indicator-detail", pk=result.pk)


class IndicatorCreateView(IndicatorFormView):
    success_message = "The indicator was added."

    def title(self) -> str:
        return "New indicator"

    def perform(self, form: Any) -> Any:
        return services.indicator_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )


class IndicatorUpdateView(IndicatorFormView):
    permission = "change"
    success_message = "The indicator was saved."

    def title(self) -> str:
        return f"Edit {self.object}"

    def perform(self, form: Any) -> Any:
        return services.indicator_update(
            actor=self.request.user, indicator=self.object, data=form.cleaned_data, seen=self.seen
        )


class IndicatorDeleteView(IndicatorsView, DirectionDeleteView):
    model = Indicator
    list_url_name = "indicator-list"


class ValuesUploadView(IndicatorsView, DirectionFormView):
    """A CSV file of values for one indicator: all rows or none."""

    model = IndicatorValue
    form_class = ValuesUploadForm
    submit_label = "Upload values"
    template_name = "direction/indicator_upload.html"
    indicator: Indicator

    def load(self) -> None:
        self.indicator = self.get_permitted(Indicator, self.kwargs["pk"])

    def title(self) -> str:
        return f"Upload values for {self.indicator}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.crumbs((self.indicator.title, self.url("indicator-detail", pk=self.indicator.pk)))

    def extra_context(self) -> dict[str, Any]:
        return {"indicator": self.indicator}

    def perform(self, form: Any) -> Any:
        stored = services.values_upload(
            actor=self.request.user, indicator=self.indicator, data=form.cleaned_data["file"]
        )
        messages.success(self.request, f"Values: {stored}.")
        return stored

    def success_url(self, result: Any) -> str:
        return self.url("indicator-detail", pk=self.indicator.pk)


class IndicatorPullView(IndicatorsView):
    """Queue a pull from Fingertips (``tasks.pull_fingertips``); the page shows the result when it has run."""

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        from ..tasks import pull_fingertips

        indicator = self.get_permitted(Indicator, pk)
        try:
            services.indicator_pull_queue(actor=request.user, indicator=indicator)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.url("indicator-detail", pk=indicator.pk))
        pull_fingertips.enqueue(indicator.pk, request.user.pk)
        messages.success(request, QUEUED)
        return redirect(self.url("indicator-detail", pk=indicator.pk))
