"""Gates: scheduling one out of a strategy's current phase, a gate's page, assessing its criteria and
recording its decision."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from ..forms.strategies import GateAssessForm, GateDecideForm, GateScheduleForm
from ..models import Gate, GateStatus, Strategy
from ..selectors import strategies as selectors
from ..services import gates as services
from .base import CommissioningFormView, CommissioningView


def _crumbs(view: CommissioningView, strategy: Strategy) -> list[tuple[str, str]]:
    return [
        view.home_crumb(),
        ("Strategies", view.url("strategy-list")),
        (strategy.title, view.url("strategy-detail", pk=strategy.pk)),
    ]


class GateDetailView(CommissioningView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        gate = self.get_permitted(Gate, pk)
        title = f"Gate: {gate.get_from_phase_display()} to {gate.get_to_phase_display()}"
        return self.render(
            "commissioning/gate_detail.html",
            {
                "title": title,
                "gate": gate,
                "strategy": gate.strategy,
                "pending": gate.status == GateStatus.PENDING,
                **selectors.gate_detail(gate=gate),
                "breadcrumbs": [*_crumbs(self, gate.strategy), (title, "")],
            },
        )


class GateScheduleView(CommissioningFormView):
    """Schedule the gate out of the strategy's current phase (the URL names the strategy)."""

    model = Gate
    form_class = GateScheduleForm
    submit_label = "Schedule the gate"
    strategy: Strategy

    def load(self) -> None:
        self.strategy = self.get_permitted(Strategy, self.kwargs["pk"])

    def title(self) -> str:
        return f"Schedule the gate out of {self.strategy.get_phase_display()}: {self.strategy}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return _crumbs(self, self.strategy)

    def extra_context(self) -> dict[str, Any]:
        return {
            "notice": "The gate's criteria are copied from the partnership's gate criteria for this phase."
        }

    def perform(self, form: Any) -> Any:
        return services.gate_schedule(
            actor=self.request.user, strategy=self.strategy, scheduled_for=form.cleaned_data["scheduled_for"]
        )

    def success_url(self, result: Any) -> str:
        return self.url("gate-assess", pk=result.pk)


class _GateFormView(CommissioningFormView):
    model = Gate
    permission = "change"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            *_crumbs(self, self.object.strategy),
            (str(self.object).split(": ", 1)[-1], self.url("gate-detail", pk=self.object.pk)),
        ]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def success_url(self, result: Any) -> str:
        return self.url("gate-detail", pk=result.pk)


class GateAssessView(_GateFormView):
    form_class = GateAssessForm
    template_name = "commissioning/gate_assess.html"
    submit_label = "Save the assessment"

    def title(self) -> str:
        return f"Assess the gate: {self.object}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"gate": self.object}

    def perform(self, form: Any) -> Any:
        return services.gate_assess(actor=self.request.user, gate=self.object, assessments=form.assessments())


class GateDecideView(_GateFormView):
    form_class = GateDecideForm
    submit_label = "Record the decision"

    def title(self) -> str:
        return f"Record the gate's decision: {self.object}"

    def extra_context(self) -> dict[str, Any]:
        return {
            "notice": "Proceed and proceed with conditions move the strategy to its next phase; hold leaves "
            "it where it is; stop ends it. The decision is recorded as a decided item of the meeting, "
            "and each condition becomes an action in the action log."
        }

    def perform(self, form: Any) -> Any:
        return services.gate_decide(actor=self.request.user, gate=self.object, decided=form.decided())
