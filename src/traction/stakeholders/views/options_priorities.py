"""Priorities and values exercises: the list, an exercise, its form, opening and closing it, answering it,
its results, recording the agreed list as principles, and deleting it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from traction.direction.models import Principle

from ..forms.options import AgreeForm, AnswerForm, ExerciseForm
from ..models.options import Method, PrioritiesExercise, PrioritiesResponse
from ..selectors import options as selectors
from ..services import options as services
from .base import StakeholdersDeleteView, StakeholdersFormView, StakeholdersView

LIST = ("Priorities and values", "priorities-list")


class _PrioritiesView(StakeholdersView):
    def crumbs(self, *more: tuple[str, str]) -> list[tuple[str, str]]:
        return [self.home_crumb(), (LIST[0], self.url(LIST[1])), *more]


class PrioritiesListView(_PrioritiesView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "stakeholders/options_priorities_list.html",
            {
                "title": "Priorities and values",
                "exercises": selectors.exercises_for(user=request.user, partnership=self.partnership),
                "breadcrumbs": [self.home_crumb(), (LIST[0], "")],
            },
        )


class PrioritiesDetailView(_PrioritiesView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(PrioritiesExercise, pk)
        return self.render(
            "stakeholders/options_priorities_detail.html",
            {
                "title": exercise.title,
                "exercise": exercise,
                "priorities": exercise.priorities.all(),
                "answered": selectors.has_answered(user=request.user, exercise=exercise),
                "participants": selectors.participants_shown(exercise),
                "results_visible": selectors.results_visible(exercise),
                "principles": exercise.principles.all(),
                "breadcrumbs": self.crumbs((exercise.title, "")),
            },
        )


class PrioritiesResultsView(_PrioritiesView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(PrioritiesExercise, pk)
        return self.render(
            "stakeholders/options_priorities_results.html",
            {
                "title": f"Results: {exercise.title}",
                "exercise": exercise,
                "results": selectors.exercise_results(exercise),
                "ranking": exercise.method == Method.RANK,
                "breadcrumbs": self.crumbs(
                    (exercise.title, self.url("priorities-detail", pk=exercise.pk)), ("Results", "")
                ),
            },
        )


class _ExerciseFormView(StakeholdersFormView):
    model = PrioritiesExercise
    form_class = ExerciseForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (LIST[0], self.url(LIST[1]))]

    def success_url(self, result: Any) -> str:
        return self.url("priorities-detail", pk=result.pk)


class PrioritiesCreateView(_ExerciseFormView):
    def title(self) -> str:
        return "New priorities exercise"

    def perform(self, form: Any) -> Any:
        data = {k: v for k, v in form.cleaned_data.items() if k != "priorities"}
        return services.exercise_create(
            actor=self.request.user, partnership=self.partnership, data=data, priorities=form.lines()
        )


class PrioritiesUpdateView(_ExerciseFormView):
    permission = "change"

    def title(self) -> str:
        return f"Edit {self.object}"

    def perform(self, form: Any) -> Any:
        data = {k: v for k, v in form.cleaned_data.items() if k != "priorities"}
        return services.exercise_update(
            actor=self.request.user, exercise=self.object, data=data, priorities=form.lines(), seen=self.seen
        )


class PrioritiesDeleteView(StakeholdersDeleteView):
    model = PrioritiesExercise
    list_url_name = "priorities-list"


class _ExerciseChildFormView(StakeholdersFormView):
    exercise: PrioritiesExercise
    template_name = "stakeholders/options_form.html"

    def load(self) -> None:
        self.exercise = self.get_permitted(PrioritiesExercise, self.kwargs["pk"])

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            self.home_crumb(),
            (LIST[0], self.url(LIST[1])),
            (self.exercise.title, self.url("priorities-detail", pk=self.exercise.pk)),
        ]

    def success_url(self, result: Any) -> str:
        return self.url("priorities-detail", pk=self.exercise.pk)


class PrioritiesAnswerView(_ExerciseChildFormView):
    model = PrioritiesResponse
    form_class = AnswerForm
    submit_label = "Send my answer"
    success_message = "Thank you: your answer is recorded, without your name."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"exercise": self.exercise}

    def title(self) -> str:
        return f"Answer: {self.exercise.title}"

    def extra_context(self) -> dict[str, Any]:
        return {
            "intro_template": "stakeholders/options_answer_intro.html",
            "exercise": self.exercise,
            "ranking": self.exercise.method == Method.RANK,
            "answered": selectors.has_answered(user=self.request.user, exercise=self.exercise),
        }

    def perform(self, form: Any) -> Any:
        services.priorities_answer(actor=self.request.user, exercise=self.exercise, answers=form.answers())
        return self.exercise


class PrioritiesAgreeView(_ExerciseChildFormView):
    """Record the agreed list as principles; the permission is to add principles (the secretary's)."""

    model = Principle
    form_class = AgreeForm
    submit_label = "Record the agreed list"
    success_message = "The agreed list is recorded as principles, agreed by the decision at the meeting."

    def prepare(self) -> None:
        self.load()
        self.require_write(PrioritiesExercise, "change")
        self.require_write(Principle, "add")

    def get_form_kwargs(self) -> dict[str, Any]:
        results = selectors.exercise_results(self.exercise)
        titles = [p.title for p, _ in results.rows] if results and results.rows else []
        return {"initial_list": titles or [p.title for p in self.exercise.priorities.all()]}

    def title(self) -> str:
        return f"Record the agreed list: {self.exercise.title}"

    def extra_context(self) -> dict[str, Any]:
        return {"intro_template": "stakeholders/options_agree_intro.html", "exercise": self.exercise}

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.agreed_list_record(
            actor=self.request.user,
            exercise=self.exercise,
            meeting=data["meeting"],
            titles=form.lines(),
            resolution=data["resolution"],
        )


class _ExerciseStep(_PrioritiesView):
    step = ""
    done = ""

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        exercise = self.get_permitted(PrioritiesExercise, pk)
        self.require_write(PrioritiesExercise, "change")
        try:
            getattr(services, f"exercise_{self.step}")(actor=request.user, exercise=exercise)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, self.done)
        return redirect(self.url("priorities-detail", pk=exercise.pk))


class PrioritiesOpenView(_ExerciseStep):
    step = "open"
    done = "The exercise is open for answers."


class PrioritiesCloseView(_ExerciseStep):
    step = "close"
    done = "The exercise is closed for answers; its results can now be seen."
