"""Relationship network pages: surveys, answering, the declared network (facilitators only), the
aggregates, the observed network and the comparison of two periods."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.safestring import mark_safe

from traction.core import policy
from traction.core.ids import parse_id
from traction_analysis.stakeholders import network as pure

from ..forms.network import AnswerForm, SurveyForm
from ..models.network import EARLIEST, LATEST, TRUST_ASPECTS, Frequency, NetworkSurvey, Rating, SurveyStatus
from ..selectors import network as selectors
from ..services import network as services
from .base import StakeholdersDeleteView, StakeholdersFormView, StakeholdersView
from .network_tables import measure_rows, rating_rows

LIST = ("Relationship network", "network-survey-list")
FILTER_NOTE = "Every measure is computed on the network exactly as filtered here."
CHOICES = {
    "frequency_choices": [(v, label) for v, label in Frequency.choices if v > 0],
    "trust_choices": [1.0, 2.0, 2.5, 3.0, 3.5, 4.0],
}
TWO_SURVEYS = "Choose two surveys to compare, one for each period."
BAD_DATE = (
    "Dates are written as YYYY-MM-DD, between 1900-01-01 and 2100-12-31, and the range must end on or after "
    "it starts."
)


class _NetworkView(StakeholdersView):
    def crumbs(self, *more: tuple[str, str]) -> list[tuple[str, str]]:
        return [self.home_crumb(), (LIST[0], self.url(LIST[1])), *more]

    def filters(self) -> tuple[pure.Filters, str]:
        """The filters from the query string, or the defaults with a plain message for a bad value."""
        get = self.request.GET
        try:
            found = pure.Filters(
                min_frequency=int(get.get("min_frequency") or 1),
                min_trust=float(get.get("min_trust") or 1),
                organisation=(get.get("organisation") or "")[:200],
            )
        except ValueError:
            return pure.Filters(), "The filters were not understood, so none is applied: " + (
                f"{pure.BAD_FREQUENCY} {pure.BAD_TRUST}"
            )
        return found, ""

    def network(self, nodes: list[pure.Node], ties: list[pure.Tie], title: str) -> dict[str, Any]:
        filters, error = self.filters()
        graph = pure.build_graph(nodes, ties, filters)
        found = pure.measures(graph)
        return {
            "filters": filters,
            "filter_error": error,
            "filter_note": FILTER_NOTE,
            **CHOICES,
            "organisations": selectors.organisations_of(nodes),
            "measures": found,
            "measure_rows": measure_rows(found),
            "chart": mark_safe(pure.svg(graph, found, title=title)),  # noqa: S308  (built with escape)
        }


class SurveyListView(_NetworkView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "stakeholders/network_list.html",
            {
                "title": "Relationship network",
                "surveys": selectors.surveys_for(user=request.user, partnership=self.partnership),
                "breadcrumbs": [self.home_crumb(), (LIST[0], "")],
            },
        )


class SurveyDetailView(_NetworkView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        survey = self.get_permitted(NetworkSurvey, pk)
        return self.render(
            "stakeholders/network_detail.html",
            {
                "title": survey.title,
                "survey": survey,
                "people": selectors.survey_people(survey),
                "facilitator": selectors.is_facilitator(user=request.user, survey=survey),
                "answered": selectors.has_answered(user=request.user, survey=survey),
                "breadcrumbs": self.crumbs((survey.title, "")),
            },
        )


class _SurveyFormView(StakeholdersFormView):
    model = NetworkSurvey
    form_class = SurveyForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (LIST[0], self.url(LIST[1]))]

    def success_url(self, result: Any) -> str:
        return self.url("network-survey-detail", pk=result.pk)


class SurveyCreateView(_SurveyFormView):
    success_message = "The survey is created as a draft: open it when the people are ready to answer."

    def title(self) -> str:
        return "New relationship survey"

    def perform(self, form: Any) -> Any:
        return services.survey_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )


class SurveyUpdateView(_SurveyFormView):
    permission = "change"

    def title(self) -> str:
        return f"Edit {self.object}"

    def perform(self, form: Any) -> Any:
        return services.survey_update(
            actor=self.request.user, survey=self.object, data=form.cleaned_data, seen=self.seen
        )


class SurveyDeleteView(StakeholdersDeleteView):
    model = NetworkSurvey
    list_url_name = "network-survey-list"


class _SurveyStep(_NetworkView):
    step = ""
    done = ""

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        survey = self.get_permitted(NetworkSurvey, pk)
        self.require_write(NetworkSurvey, "change")
        try:
            getattr(services, f"survey_{self.step}")(actor=request.user, survey=survey)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, self.done)
        return redirect(self.url("network-survey-detail", pk=survey.pk))


class SurveyOpenView(_SurveyStep):
    step = "open"
    done = "The survey is open: the people in it can now answer."


class SurveyCloseView(_SurveyStep):
    step = "close"
    done = "The survey is closed: no more answers, and the aggregates can be shown."


class AnswerView(StakeholdersFormView):
    """Rate each other person of the survey once. A role that may not see ratings at all finds no page."""

    model = Rating
    form_class = AnswerForm
    template_name = "stakeholders/network_answer.html"
    submit_label = "Send my ratings"
    success_message = "Thank you: your ratings are recorded. Only the survey's facilitators see them."
    survey: NetworkSurvey
    refusal = ""

    def load(self) -> None:
        if not self.allowed("view", "rating"):
            raise Http404(policy.NOT_FOUND)
        self.survey = self.get_permitted(NetworkSurvey, self.kwargs["pk"])
        self.ratees = []
        try:
            rater = services.rater_for(user=self.request.user, survey=self.survey)
        except ValidationError as exc:
            self.refusal = " ".join(exc.messages)
        else:
            if self.survey.status != SurveyStatus.OPEN:
                self.refusal = services.NOT_OPEN.format(status=self.survey.get_status_display().lower())
            elif selectors.has_answered(user=self.request.user, survey=self.survey):
                self.refusal = services.ALREADY_ANSWERED
            else:
                self.ratees = [p for p in selectors.survey_people(self.survey) if p.pk != rater.pk]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"ratees": self.ratees}

    def title(self) -> str:
        return f"Answer: {self.survey.title}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            self.home_crumb(),
            (LIST[0], self.url(LIST[1])),
            (self.survey.title, self.url("network-survey-detail", pk=self.survey.pk)),
        ]

    def extra_context(self) -> dict[str, Any]:
        return {"survey": self.survey, "refusal": self.refusal, "aspects": TRUST_ASPECTS}

    def perform(self, form: Any) -> Any:
        services.ratings_record(actor=self.request.user, survey=self.survey, answers=form.answers())
        return self.survey

    def success_url(self, result: Any) -> str:
        return self.url("network-survey-detail", pk=self.survey.pk)


class DeclaredView(_NetworkView):
    """The declared network: who rated whom, the graph and its measures; the survey's facilitators only."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        if not self.allowed("view", "rating"):
            raise Http404(policy.NOT_FOUND)
        survey = self.get_permitted(NetworkSurvey, pk)
        facilitator = selectors.is_facilitator(user=request.user, survey=survey)
        context: dict[str, Any] = {
            "title": f"Declared network: {survey.title}",
            "survey": survey,
            "facilitator": facilitator,
            "breadcrumbs": self.crumbs(
                (survey.title, self.url("network-survey-detail", pk=survey.pk)), ("Declared network", "")
            ),
        }
        if facilitator:
            ratings = selectors.declared_ratings(user=request.user, survey=survey)
            nodes = selectors.survey_nodes(survey)
            context |= {"ratings": bool(ratings), "rating_rows": rating_rows(ratings)}
            context |= self.network(nodes, selectors.ties_of(ratings), f"Declared network: {survey.title}")
        return self.render("stakeholders/network_declared.html", context)


class AggregatesView(_NetworkView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        survey = self.get_permitted(NetworkSurvey, pk)
        return self.render(
            "stakeholders/network_aggregates.html",
            {
                "title": f"Results: {survey.title}",
                "survey": survey,
                "aggregates": selectors.aggregates_for(survey=survey),
                "aspects": [("frequency", "How often people work together (0 to 4)"), *TRUST_ASPECTS],
                "breadcrumbs": self.crumbs(
                    (survey.title, self.url("network-survey-detail", pk=survey.pk)), ("Results", "")
                ),
            },
        )


def _range(get: Any, start_key: str, end_key: str, default: tuple[datetime.date, datetime.date]) -> Any:
    try:
        start = datetime.date.fromisoformat(get[start_key]) if get.get(start_key) else default[0]
        end = datetime.date.fromisoformat(get[end_key]) if get.get(end_key) else default[1]
    except ValueError:
        return default, BAD_DATE
    if end < start or not EARLIEST <= start <= LATEST or not EARLIEST <= end <= LATEST:
        return default, BAD_DATE
    return (start, end), ""


class ObservedView(_NetworkView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "networksurvey")
        today = timezone.localdate()
        (start, end), error = _range(
            request.GET, "start", "end", (today - datetime.timedelta(days=365), today)
        )
        nodes, ties = selectors.observed_for(
            user=request.user, partnership=self.partnership, start=start, end=end
        )
        return self.render(
            "stakeholders/network_observed.html",
            {
                "title": "Observed network",
                "start": start,
                "end": end,
                "date_error": error,
                **self.network(nodes, ties, f"Observed network, {start:%-d %b %Y} to {end:%-d %b %Y}"),
                "breadcrumbs": self.crumbs(("Observed network", "")),
            },
        )


class CompareView(_NetworkView):
    """Two periods side by side: two surveys (their facilitators only), else two date ranges of the
    observed network."""

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "networksurvey")
        get = request.GET
        today = timezone.localdate()
        filters, filter_error = self.filters()
        context: dict[str, Any] = {
            "title": "Compare two periods",
            "filters": filters,
            "filter_error": filter_error,
            "filter_note": FILTER_NOTE,
            **CHOICES,
            "surveys": selectors.surveys_for(user=request.user, partnership=self.partnership),
            "breadcrumbs": self.crumbs(("Compare two periods", "")),
        }
        sides: list[tuple[str, list[pure.Node], list[pure.Tie]]] = []
        if get.get("before_survey") or get.get("after_survey"):
            chosen = [parse_id(get.get(key)) for key in ("before_survey", "after_survey")]
            if None in chosen:
                context["refusal"] = TWO_SURVEYS
                return self.render("stakeholders/network_compare.html", context)
            for pk in chosen:
                survey = self.get_permitted(NetworkSurvey, pk or 0)
                if not selectors.is_facilitator(user=request.user, survey=survey):
                    context["refusal"] = (
                        "Only facilitators of both surveys may compare declared networks; "
                        "compare the observed network instead."
                    )
                    return self.render("stakeholders/network_compare.html", context)
                ratings = selectors.declared_ratings(user=request.user, survey=survey)
                sides.append(
                    (
                        survey.title,
                        selectors.survey_nodes(survey),
                        selectors.ties_of(ratings),
                    )
                )
        else:
            year = datetime.timedelta(days=365)
            after, error_a = _range(get, "after_start", "after_end", (today - year, today))
            before, error_b = _range(get, "before_start", "before_end", (today - 2 * year, today - year))
            context |= {"before": before, "after": after, "date_error": error_a or error_b}
            for start, end in (before, after):
                nodes, ties = selectors.observed_for(
                    user=request.user, partnership=self.partnership, start=start, end=end
                )
                sides.append((f"Observed {start:%-d %b %Y} to {end:%-d %b %Y}", nodes, ties))
        found = []
        for side, (label, nodes, ties) in zip(("before", "after"), sides, strict=True):
            graph = pure.build_graph(nodes, ties, filters)
            measured = pure.measures(graph)
            chart = pure.svg(graph, measured, title=label, labels=False, id_prefix=f"network-{side}")
            found.append((label, measured, mark_safe(chart)))  # noqa: S308  (built with escape)
        context |= {
            "sides": found,
            "comparison": pure.compare(found[0][1], found[1][1]),
            "organisations": sorted(
                {n.organisation for _, nodes, _ in sides for n in nodes if n.organisation}
            ),
        }
        return self.render("stakeholders/network_compare.html", context)
