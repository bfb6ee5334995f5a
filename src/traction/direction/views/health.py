"""Partnership health check pages: statements, runs, answering, results, follow-ups and closing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from ..forms.health import AnswerForm, FollowUpForm, RunForm, StatementForm
from ..models import HealthCheckRun, HealthFollowUp, HealthResponse, HealthStatement, Section
from ..selectors import health as selectors
from ..services import health as services
from .base import DirectionFormView, DirectionView

STATEMENTS = "Health check statements"
RUNS = "Health checks"


class StatementListView(DirectionView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        statements = selectors.statement_list_for(user=request.user, partnership=self.partnership)
        return self.render(
            "direction/healthstatement_list.html",
            {
                "title": STATEMENTS,
                "statements": statements,
                "sections": Section,
                "breadcrumbs": [self.home_crumb(), (STATEMENTS, "")],
            },
        )


class StatementDefaultsView(DirectionView):
    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        made = services.statements_ensure(actor=request.user, partnership=self.partnership)
        if made:
            messages.success(request, f"{made} default statements were added: edit them to suit.")
        return redirect(self.url("healthstatement-list"))


class StatementFormView(DirectionFormView):
    model = HealthStatement
    form_class = StatementForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (STATEMENTS, self.url("healthstatement-list"))]

    def success_url(self, result: Any) -> str:
        return self.url("healthstatement-list")


class StatementCreateView(StatementFormView):
    def title(self) -> str:
        return "Add a statement"

    def perform(self, form: Any) -> Any:
        return services.statement_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )


class StatementUpdateView(StatementFormView):
    permission = "change"

    def title(self) -> str:
        return "Edit a statement"

    def perform(self, form: Any) -> Any:
        return services.statement_update(
            actor=self.request.user, statement=self.object, data=form.cleaned_data, seen=self.seen
        )


# --- runs -----------------------------------------------------------------------------------------------


class RunListView(DirectionView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "direction/healthrun_list.html",
            {
                "title": RUNS,
                "runs": selectors.run_list_for(user=request.user, partnership=self.partnership),
                "breadcrumbs": [self.home_crumb(), (RUNS, "")],
            },
        )


class RunCreateView(DirectionFormView):
    model = HealthCheckRun
    form_class = RunForm
    template_name = "direction/healthrun_form.html"

    def title(self) -> str:
        return "New health check"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (RUNS, self.url("healthrun-list"))]

    def perform(self, form: Any) -> Any:
        return services.run_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )

    def success_url(self, result: Any) -> str:
        return self.url("healthrun-detail", pk=result.pk)


class _RunPage(DirectionView):
    def crumbs(self, run: HealthCheckRun, *last: tuple[str, str]) -> list[tuple[str, str]]:
        if not last:
            return [self.home_crumb(), (RUNS, self.url("healthrun-list")), (run.title, "")]
        return [
            self.home_crumb(),
            (RUNS, self.url("healthrun-list")),
            (run.title, self.url("healthrun-detail", pk=run.pk)),
            *last,
        ]


class RunDetailView(_RunPage):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        run = self.get_permitted(HealthCheckRun, pk)
        today = timezone.localdate()
        return self.render(
            "direction/healthrun_detail.html",
            {
                "title": run.title,
                "run": run,
                "answered": selectors.answered_shown(run),
                "answers_open": selectors.answers_open(run, today=today),
                "mine": selectors.has_answered(run=run, user=request.user),
                "pending": [Section(s).label for s in selectors.follow_up_sections(run, today=today)],
                "follow_ups": run.follow_ups.select_related("action"),
                "breadcrumbs": self.crumbs(run),
            },
        )


class RunResultsView(_RunPage):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        run = self.get_permitted(HealthCheckRun, pk)
        return self.render(
            "direction/healthrun_results.html",
            {
                "title": f"Results: {run.title}",
                "run": run,
                "results": selectors.results_for(run=run, today=timezone.localdate()),
                "breadcrumbs": self.crumbs(run, ("Results", "")),
            },
        )


class RunCloseView(DirectionView):
    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        run = self.get_permitted(HealthCheckRun, pk)
        self.require_write(HealthCheckRun, "change")
        try:
            services.run_close(actor=request.user, run=run)
            messages.success(request, "The health check is closed.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(self.url("healthrun-detail", pk=run.pk))


class _RunFormView(DirectionFormView):
    run: HealthCheckRun

    def load(self) -> None:
        self.run = self.get_permitted(HealthCheckRun, self.kwargs["pk"])

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            self.home_crumb(),
            (RUNS, self.url("healthrun-list")),
            (self.run.title, self.url("healthrun-detail", pk=self.run.pk)),
        ]

    def success_url(self, result: Any) -> str:
        return self.url("healthrun-detail", pk=self.run.pk)


class AnswerView(_RunFormView):
    model = HealthResponse
    form_class = AnswerForm
    template_name = "direction/healthrun_answer.html"
    submit_label = "Send my answers"
    success_message = "Thank you: your answers are recorded, without your name."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"run": self.run}

    def title(self) -> str:
        return f"Answer: {self.run.title}"

    def extra_context(self) -> dict[str, Any]:
        return {
            "run": self.run,
            "mine": selectors.has_answered(run=self.run, user=self.request.user),
            "answers_open": selectors.answers_open(self.run, today=timezone.localdate()),
        }

    def perform(self, form: Any) -> Any:
        return services.response_give(actor=self.request.user, run=self.run, answers=form.answers())


class FollowUpCreateView(_RunFormView):
    model = HealthFollowUp
    form_class = FollowUpForm
    template_name = "direction/healthfollowup_form.html"
    submit_label = "Record the follow-up"
    success_message = "The follow-up is recorded."

    def get_form_kwargs(self) -> dict[str, Any]:
        section = self.request.GET.get("section", "")
        sections = selectors.follow_up_sections(self.run, today=timezone.localdate())
        return {"sections": sections, "initial": {"section": section}}

    def title(self) -> str:
        return f"Follow up: {self.run.title}"

    def extra_context(self) -> dict[str, Any]:
        return {"run": self.run}

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.follow_up_record(
            actor=self.request.user,
            run=self.run,
            section=data["section"],
            body=data["body"],
            text=data["text"],
            due_date=data["due_date"],
            reason=data["reason"],
            url=self.url("healthrun-results", pk=self.run.pk),
        )
