"""The yearly commissioning self-assessment: each year side by side, one year, scoring and actions."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from ..forms.portfolio import SelfAssessmentActionForm, SelfAssessmentForm
from ..models import SelfAssessment
from ..selectors import self_assessment as selectors
from ..services import self_assessment as services
from .base import CommissioningFormView, CommissioningView

ASSESSMENTS = "Self-assessment"


def _crumbs(view: CommissioningView, assessment: SelfAssessment | None = None) -> list[tuple[str, str]]:
    crumbs = [view.home_crumb(), (ASSESSMENTS, view.url("selfassessment-list"))]
    if assessment is not None:
        crumbs.append((str(assessment.year), view.url("selfassessment-detail", pk=assessment.pk)))
    return crumbs


class SelfAssessmentListView(CommissioningView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require("view", "selfassessment")
        return self.render(
            "commissioning/selfassessment_list.html",
            {
                "title": "Commissioning self-assessment",
                **selectors.list_for(user=request.user, partnership=self.partnership),
                "breadcrumbs": [self.home_crumb(), (ASSESSMENTS, "")],
            },
        )


class SelfAssessmentDetailView(CommissioningView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        assessment = self.get_permitted(SelfAssessment, pk)
        return self.render(
            "commissioning/selfassessment_detail.html",
            {
                "title": f"Commissioning self-assessment {assessment.year}",
                "assessment": assessment,
                **selectors.detail_for(assessment=assessment),
                "breadcrumbs": [*_crumbs(self), (str(assessment.year), "")],
            },
        )


class _AssessmentFormView(CommissioningFormView):
    model = SelfAssessment
    form_class = SelfAssessmentForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return _crumbs(self, self.object)

    def success_url(self, result: Any) -> str:
        return self.url("selfassessment-detail", pk=result.pk)


class SelfAssessmentCreateView(_AssessmentFormView):
    submit_label = "Save the self-assessment"

    def title(self) -> str:
        return "New commissioning self-assessment"

    def perform(self, form: Any) -> Any:
        return services.self_assessment_create(
            actor=self.request.user, partnership=self.partnership, data=form.assessment_data()
        )


class SelfAssessmentUpdateView(_AssessmentFormView):
    permission = "change"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.object}

    def title(self) -> str:
        return f"Change the {self.object.year} self-assessment"

    def perform(self, form: Any) -> Any:
        return services.self_assessment_update(
            actor=self.request.user, assessment=self.object, data=form.assessment_data(), seen=self.seen
        )


class SelfAssessmentActionView(CommissioningFormView):
    model = SelfAssessment
    form_class = SelfAssessmentActionForm
    permission = "change"
    submit_label = "Add the action"
    success_message = "The action is in the body's action log and listed on the self-assessment."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def title(self) -> str:
        return f"Add an action to the {self.object.year} self-assessment"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return _crumbs(self, self.object)

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.self_assessment_action_add(
            actor=self.request.user,
            assessment=self.object,
            body=data["body"],
            text=data["text"],
            due_date=data["due_date"],
            standard=data["standard"],
            url=self.url("selfassessment-detail", pk=self.object.pk),
        )

    def success_url(self, result: Any) -> str:
        return self.url("selfassessment-detail", pk=self.object.pk)
