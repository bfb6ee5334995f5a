"""Feedback pages: the form after a session, the then-and-now form, the follow-ups, the learning
objectives and their editor, the comment release page, and the programme's report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from traction.core.downloads import csv_response
from traction.core.views import protected_message

from ..forms import feedback as forms
from ..models.feedback import FOLLOW_UP_STAGES, FeedbackResponse, LearningObjective, Stage
from ..models.programmes import Programme, Session
from ..selectors import feedback as selectors
from ..services import feedback as services
from .base import ProgrammesDeleteView, ProgrammesFormView, ProgrammesView

THANKS = "Thank you: your answers are recorded, without your name."


class _ProgrammeCrumbs:
    programme: Programme

    def feedback_crumbs(self: Any) -> list[tuple[str, str]]:
        return [
            self.home_crumb(),
            (f"Feedback: {self.programme}", self.url("feedback-report", pk=self.programme.pk)),
        ]


class FeedbackReportView(ProgrammesView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        programme = self.get_permitted(Programme, pk)
        self.require("view", "feedbackresponse")
        report = selectors.report_for(user=request.user, partnership=self.partnership, programme=programme)
        return self.render(
            "programmes/feedback_report.html",
            {
                "title": f"Feedback: {programme}",
                "programme": programme,
                "report": report,
                "below_k": selectors.below_k(programme),
                "breadcrumbs": [self.home_crumb(), (f"Feedback: {programme}", "")],
            },
        )


class FeedbackDownloadView(ProgrammesView):
    """The report's figures as CSV: the same anonymity as the page, and no words."""

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        programme = self.get_permitted(Programme, pk)
        self.require("view", "feedbackresponse")
        report = selectors.report_for(user=request.user, partnership=self.partnership, programme=programme)
        return csv_response(selectors.report_rows(report), filename=f"feedback-{programme.pk}.csv")


class ObjectiveListView(_ProgrammeCrumbs, ProgrammesView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        self.programme = self.get_permitted(Programme, pk)
        objectives = selectors.objectives_for(
            user=request.user, partnership=self.partnership, programme=self.programme
        )
        return self.render(
            "programmes/feedback_objectives.html",
            {
                "title": f"Learning objectives: {self.programme}",
                "programme": self.programme,
                "objectives": objectives,
                "breadcrumbs": [*self.feedback_crumbs(), ("Learning objectives", "")],
            },
        )


class _ProgrammeFormView(_ProgrammeCrumbs, ProgrammesFormView):
    """A form about one programme: the programme comes through the policy, then the permission on
    ``model``."""

    template_name = "programmes/feedback_form.html"
    intro_template = ""

    def load(self) -> None:
        self.programme = self.get_permitted(Programme, self.kwargs["pk"])

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return self.feedback_crumbs()

    def success_url(self, result: Any) -> str:
        return self.url("programmes-home")

    def extra_context(self) -> dict[str, Any]:
        return {"intro_template": self.intro_template, "programme": self.programme, **self.intro()}

    def intro(self) -> dict[str, Any]:
        return {}


class _AnswerView(_ProgrammeFormView):
    model = FeedbackResponse
    submit_label = "Send my answers"
    success_message = THANKS
    stage = ""

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb()]

    def intro(self) -> dict[str, Any]:
        session = getattr(self, "session", None)
        return {
            "window": selectors.window_for(programme=self.programme, stage=self.stage, session=session),
            "enrolled": services.enrolled_person(
                user=self.request.user, programme=self.programme, session=session
            )
            is not None,
            "answered": selectors.has_answered(
                user=self.request.user, programme=self.programme, stage=self.stage, session=session
            ),
        }


class SessionFeedbackView(_AnswerView):
    form_class = forms.SessionFeedbackForm
    intro_template = "programmes/feedback_intro_session.html"
    stage = Stage.SESSION

    def load(self) -> None:
        self.session = self.get_permitted(Session, self.kwargs["pk"])
        self.programme = self.session.cohort.programme

    def title(self) -> str:
        return f"Feedback on {self.session}"

    def intro(self) -> dict[str, Any]:
        return {**super().intro(), "session": self.session}

    def perform(self, form: Any) -> Any:
        return services.session_feedback_give(
            actor=self.request.user, session=self.session, answers=form.cleaned_data
        )


class ThenAndNowView(_AnswerView):
    form_class = forms.ThenAndNowForm
    intro_template = "programmes/feedback_intro_then_and_now.html"
    stage = Stage.END

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"objectives": list(self.programme.objectives.all())}

    def title(self) -> str:
        return f"Then and now: {self.programme}"

    def perform(self, form: Any) -> Any:
        return services.then_and_now_give(
            actor=self.request.user, programme=self.programme, ratings=form.ratings()
        )


class FollowUpView(_AnswerView):
    form_class = forms.FollowUpForm
    intro_template = "programmes/feedback_intro_follow_up.html"
    months = 3

    @property
    def stage(self) -> str:  # type: ignore[override]
        return FOLLOW_UP_STAGES[self.months]

    def title(self) -> str:
        return f"{self.months}-month follow-up: {self.programme}"

    def intro(self) -> dict[str, Any]:
        return {**super().intro(), "months": self.months}

    def perform(self, form: Any) -> Any:
        return services.follow_up_give(
            actor=self.request.user, programme=self.programme, months=self.months, answers=form.cleaned_data
        )


class ObjectiveCreateView(_ProgrammeFormView):
    model = LearningObjective
    form_class = forms.ObjectiveForm
    submit_label = "Add the objective"

    def title(self) -> str:
        return "New learning objective"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            *self.feedback_crumbs(),
            ("Learning objectives", self.url("feedback-objectives", pk=self.programme.pk)),
        ]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"initial": {"order": self.programme.objectives.count() + 1}}

    def success_url(self, result: Any) -> str:
        return self.url("feedback-objectives", pk=self.programme.pk)

    def perform(self, form: Any) -> Any:
        return services.objective_create(
            actor=self.request.user, programme=self.programme, data=form.cleaned_data
        )


class ObjectiveUpdateView(ObjectiveCreateView):
    permission = "change"
    submit_label = "Save"

    def load(self) -> None:
        self.object = self.get_permitted(LearningObjective, self.kwargs["pk"])
        self.programme = self.object.programme

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.object}

    def title(self) -> str:
        return "Edit learning objective"

    def perform(self, form: Any) -> Any:
        return services.objective_update(
            actor=self.request.user, objective=self.object, data=form.cleaned_data, seen=self.seen
        )


class ObjectiveDeleteView(ProgrammesDeleteView):
    model = LearningObjective

    def success_url(self, record: Any) -> str:
        return self.url("feedback-objectives", pk=record.programme_id)

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        record = self.get_permitted(self.model, pk)
        try:
            services.objective_delete(actor=request.user, objective=record)
        except (ProtectedError, RestrictedError) as exc:
            return self.confirm(record, error=protected_message(record, exc))
        messages.success(request, f"“{record}” was deleted.")
        return redirect(self.success_url(record))


class CommentReleaseView(_ProgrammeFormView):
    model = Programme
    permission = "change"
    form_class = forms.ReleaseForm
    submit_label = "Release the chosen comments"
    intro_template = "programmes/feedback_intro_comments.html"

    def load(self) -> None:
        super().load()
        self.groups = selectors.comments_to_release(self.programme)

    def get_form_kwargs(self) -> dict[str, Any]:
        pending = [
            (c.token, f"{label}: {c.text}") for label, group in self.groups for c in group if not c.released
        ]
        return {"choices": pending}

    def title(self) -> str:
        return f"Release comments: {self.programme}"

    def intro(self) -> dict[str, Any]:
        released = [(label, [c for c in group if c.released]) for label, group in self.groups]
        return {"released": [(label, group) for label, group in released if group], "groups": self.groups}

    def success_url(self, result: Any) -> str:
        return self.url("feedback-report", pk=self.programme.pk)

    def perform(self, form: Any) -> Any:
        count = services.comments_release(
            actor=self.request.user, programme=self.programme, tokens=form.cleaned_data["comments"]
        )
        messages.success(self.request, f"{count} comment{'s' if count != 1 else ''} released.")
        return self.programme
