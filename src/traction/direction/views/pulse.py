"""Trust-pulse pages: the waves, a wave, answering it, its results, releasing comments, following up flagged
questions, closing and publishing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from ..forms.pulse import AnswerForm, FollowUpForm, ReleaseForm, WaveForm
from ..models import PulseFollowUp, PulseResponse, PulseWave
from ..selectors import pulse as selectors
from ..services import pulse as services
from .base import DirectionFormView, DirectionView

LIST = ("Trust pulse", "pulse-list")


class _PulseView(DirectionView):
    def crumbs(self, *more: tuple[str, str]) -> list[tuple[str, str]]:
        return [self.home_crumb(), (LIST[0], self.url(LIST[1])), *more]


class PulseListView(_PulseView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        user, partnership = request.user, self.partnership
        return self.render(
            "direction/pulse_list.html",
            {
                "title": "Trust pulse",
                "waves": selectors.waves_for(user=user, partnership=partnership),
                "trend": selectors.trend_for(user=user, partnership=partnership),
                "breadcrumbs": [self.home_crumb(), ("Trust pulse", "")],
            },
        )


class PulseDetailView(_PulseView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        wave = self.get_permitted(PulseWave, pk)
        return self.render(
            "direction/pulse_detail.html",
            {
                "title": wave.title,
                "wave": wave,
                "items": wave.items,
                "answered": selectors.has_answered(user=request.user, wave=wave),
                "participants": selectors.participants_shown(wave),
                "results_visible": selectors.results_visible(user=request.user, wave=wave),
                "missing": services.missing_follow_ups(wave) if wave.status == "closed" else [],
                "follow_ups": wave.follow_ups.select_related("action"),
                "breadcrumbs": self.crumbs((wave.title, "")),
            },
        )


class PulseResultsView(_PulseView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        wave = self.get_permitted(PulseWave, pk)
        results = selectors.results_for(user=request.user, partnership=self.partnership, wave=wave)
        return self.render(
            "direction/pulse_results.html",
            {
                "title": f"Results: {wave.title}",
                "wave": wave,
                "results": results,
                "breakdown_items": [r.item for r in results.items] if results else [],
                "breadcrumbs": self.crumbs(
                    (wave.title, self.url("pulse-detail", pk=wave.pk)), ("Results", "")
                ),
            },
        )


class _WaveFormView(DirectionFormView):
    model = PulseWave
    form_class = WaveForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (LIST[0], self.url(LIST[1]))]

    def success_url(self, result: Any) -> str:
        return self.url("pulse-detail", pk=result.pk)


class PulseCreateView(_WaveFormView):
    def title(self) -> str:
        return "New trust pulse"

    def perform(self, form: Any) -> Any:
        return services.wave_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )


class PulseUpdateView(_WaveFormView):
    permission = "change"

    def title(self) -> str:
        return f"Edit {self.object}"

    def perform(self, form: Any) -> Any:
        return services.wave_update(
            actor=self.request.user, wave=self.object, data=form.cleaned_data, seen=self.seen
        )


class _WaveChildFormView(DirectionFormView):
    """A form about one wave: the wave comes through the policy, then the permission on ``model``."""

    wave: PulseWave
    template_name = "direction/pulse_form.html"

    def load(self) -> None:
        self.wave = self.get_permitted(PulseWave, self.kwargs["pk"])

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            self.home_crumb(),
            (LIST[0], self.url(LIST[1])),
            (self.wave.title, self.url("pulse-detail", pk=self.wave.pk)),
        ]

    def success_url(self, result: Any) -> str:
        return self.url("pulse-detail", pk=self.wave.pk)


class PulseAnswerView(_WaveChildFormView):
    model = PulseResponse
    form_class = AnswerForm
    submit_label = "Send my answers"
    success_message = "Thank you: your answers are recorded, without your name."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"wave": self.wave}

    def title(self) -> str:
        return f"Answer: {self.wave.title}"

    def extra_context(self) -> dict[str, Any]:
        return {
            "intro_template": "direction/_pulse_answer_intro.html",
            "wave": self.wave,
            "answered": selectors.has_answered(user=self.request.user, wave=self.wave),
        }

    def perform(self, form: Any) -> Any:
        services.pulse_answer(
            actor=self.request.user,
            wave=self.wave,
            answers=form.answers(),
            comment=form.cleaned_data.get("comment") or "",
        )
        return self.wave


class PulseCommentsView(_WaveChildFormView):
    model = PulseWave
    permission = "change"
    form_class = ReleaseForm
    submit_label = "Release the chosen comments"

    def load(self) -> None:
        super().load()
        self.comments = selectors.comments_to_release(
            user=self.request.user, partnership=self.partnership, wave=self.wave
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        pending = [(c.token, c.text) for c in self.comments or [] if not c.released]
        return {"choices": pending}

    def title(self) -> str:
        return f"Release comments: {self.wave.title}"

    def extra_context(self) -> dict[str, Any]:
        return {
            "intro_template": "direction/_pulse_comments_intro.html",
            "wave": self.wave,
            "comments": self.comments,
            "released": [c for c in self.comments or [] if c.released],
        }

    def perform(self, form: Any) -> Any:
        count = services.comments_release(
            actor=self.request.user, wave=self.wave, tokens=form.cleaned_data["comments"]
        )
        messages.success(self.request, f"{count} comment{'s' if count != 1 else ''} released.")
        return self.wave


class PulseFollowUpView(_WaveChildFormView):
    model = PulseFollowUp
    form_class = FollowUpForm
    submit_label = "Record the follow-up"
    success_message = "The follow-up is recorded."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"items": services.missing_follow_ups(self.wave)}

    def title(self) -> str:
        return f"Follow up: {self.wave.title}"

    def extra_context(self) -> dict[str, Any]:
        return {"intro_template": "direction/_pulse_follow_up_intro.html", "wave": self.wave}

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.follow_up_record(
            actor=self.request.user,
            wave=self.wave,
            item=data["item"],
            reason=data["reason"],
            action_text=data["action_text"],
            due_date=data["due_date"],
            body=data["body"],
        )


class _WaveStep(_PulseView):
    step = ""
    done = ""

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        wave = self.get_permitted(PulseWave, pk)
        self.require_write(PulseWave, "change")
        try:
            getattr(services, f"wave_{self.step}")(actor=request.user, wave=wave)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, self.done)
        return redirect(self.url("pulse-detail", pk=wave.pk))


class PulseCloseView(_WaveStep):
    step = "close"
    done = "The pulse is closed for answers."


class PulsePublishView(_WaveStep):
    step = "publish"
    done = "The results are published to everyone in the partnership."
