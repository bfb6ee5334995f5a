"""Options appraisal pages: the list, an appraisal with its scores summary and sensitivity check, its
factors, its options, an assessor's scoring form, marking complete and reopening, and the downloads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .. import appraisal_export as export
from ..forms.appraisals import AppraisalForm, FactorsForm, OptionForm, ScoreForm
from ..models import Option, OptionsAppraisal, OptionScore, Strategy, SuccessFactor
from ..selectors import appraisals as selectors
from ..services import appraisals as services
from .base import CommissioningDeleteView, CommissioningFormView, CommissioningView

APPRAISALS = "Options appraisals"


class AppraisalListView(CommissioningView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "commissioning/appraisal_list.html",
            {
                "title": APPRAISALS,
                "appraisals": selectors.appraisal_list_for(user=request.user, partnership=self.partnership),
                "strategies": selectors.strategy_list_for(user=request.user, partnership=self.partnership),
                "breadcrumbs": [self.home_crumb(), (APPRAISALS, "")],
            },
        )


class _AppraisalPage(CommissioningView):
    def crumbs(self, appraisal: OptionsAppraisal, *last: tuple[str, str]) -> list[tuple[str, str]]:
        here = self.url("appraisal-detail", pk=appraisal.pk) if last else ""
        return [self.home_crumb(), (APPRAISALS, self.url("appraisal-list")), (appraisal.title, here), *last]


class AppraisalDetailView(_AppraisalPage):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        appraisal = self.get_permitted(OptionsAppraisal, pk)
        return self.render(
            "commissioning/appraisal_detail.html",
            {
                "title": appraisal.title,
                "appraisal": appraisal,
                "factors": selectors.factors_of(appraisal),
                "options": appraisal.options.all(),
                "results": selectors.results_for(appraisal=appraisal, user=request.user),
                "scored": selectors.has_scored(appraisal=appraisal, user=request.user),
                "missing": selectors.missing_for_complete(appraisal),
                "gate_passed": selectors.plan_gate_passed(appraisal),
                "breadcrumbs": self.crumbs(appraisal),
            },
        )


class AppraisalExportView(CommissioningView):
    fmt = "csv"

    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        appraisal = self.get_permitted(OptionsAppraisal, pk)
        return export.download(appraisal=appraisal, user=request.user, fmt=self.fmt)


class AppraisalCreateView(CommissioningFormView):
    model = OptionsAppraisal
    form_class = AppraisalForm
    submit_label = "Start the appraisal"
    strategy: Strategy

    def load(self) -> None:
        self.strategy = self.get_permitted(Strategy, self.kwargs["pk"])

    def title(self) -> str:
        return f"New options appraisal: {self.strategy.title}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (APPRAISALS, self.url("appraisal-list"))]

    def extra_context(self) -> dict[str, Any]:
        return {
            "notice": f"The appraisal is for iteration {self.strategy.iteration} of the strategy. It starts "
            "with the five standard critical success factors at 20 points each."
        }

    def perform(self, form: Any) -> Any:
        return services.appraisal_create(
            actor=self.request.user, strategy=self.strategy, data=form.cleaned_data
        )

    def success_url(self, result: Any) -> str:
        return self.url("appraisal-detail", pk=result.pk)


class _AppraisalFormView(CommissioningFormView):
    appraisal: OptionsAppraisal

    def load(self) -> None:
        self.appraisal = self.get_permitted(OptionsAppraisal, self.kwargs["pk"])

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            self.home_crumb(),
            (APPRAISALS, self.url("appraisal-list")),
            (self.appraisal.title, self.url("appraisal-detail", pk=self.appraisal.pk)),
        ]

    def success_url(self, result: Any) -> str:
        return self.url("appraisal-detail", pk=self.appraisal.pk)


class AppraisalUpdateView(_AppraisalFormView):
    model = OptionsAppraisal
    form_class = AppraisalForm
    permission = "change"

    def load(self) -> None:
        super().load()
        self.object = self.appraisal

    def title(self) -> str:
        return "Edit the appraisal"

    def perform(self, form: Any) -> Any:
        return services.appraisal_update(
            actor=self.request.user, appraisal=self.appraisal, data=form.cleaned_data, seen=self.seen
        )


class FactorsView(_AppraisalFormView):
    model = SuccessFactor
    form_class = FactorsForm
    permission = "change"
    template_name = "commissioning/appraisal_factors.html"
    submit_label = "Save the factors"
    success_message = "The factors are saved."

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"appraisal": self.appraisal}

    def title(self) -> str:
        return "Critical success factors and weights"

    def perform(self, form: Any) -> Any:
        return services.factors_set(actor=self.request.user, appraisal=self.appraisal, rows=form.rows())


class OptionCreateView(_AppraisalFormView):
    model = Option
    form_class = OptionForm
    submit_label = "Add the option"

    def title(self) -> str:
        return "Add an option"

    def perform(self, form: Any) -> Any:
        return services.option_create(
            actor=self.request.user, appraisal=self.appraisal, data=form.cleaned_data
        )


class OptionUpdateView(_AppraisalFormView):
    model = Option
    form_class = OptionForm
    permission = "change"

    def load(self) -> None:
        self.object = self.get_permitted(Option, self.kwargs["pk"])
        self.appraisal = self.object.appraisal

    def title(self) -> str:
        return "Edit an option"

    def perform(self, form: Any) -> Any:
        return services.option_update(
            actor=self.request.user, option=self.object, data=form.cleaned_data, seen=self.seen
        )


class ScoreView(_AppraisalFormView):
    model = OptionScore
    form_class = ScoreForm
    template_name = "commissioning/appraisal_score.html"
    submit_label = "Send my scores"
    success_message = "Your scores are saved."

    def prepare(self) -> None:
        self.load()
        self.require("add", "optionscore")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            "appraisal": self.appraisal,
            "mine": selectors.my_scores(appraisal=self.appraisal, user=self.request.user),
        }

    def title(self) -> str:
        return f"Score the options: {self.appraisal.title}"

    def extra_context(self) -> dict[str, Any]:
        return {"appraisal": self.appraisal}

    def perform(self, form: Any) -> Any:
        return services.scores_give(actor=self.request.user, appraisal=self.appraisal, scores=form.scores())


class _AppraisalPost(CommissioningView):
    done = ""

    def act(self, appraisal: OptionsAppraisal) -> Any:
        raise NotImplementedError

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        appraisal = self.get_permitted(OptionsAppraisal, pk)
        self.require_write(OptionsAppraisal, "change")
        try:
            self.act(appraisal)
            messages.success(request, self.done)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(self.url("appraisal-detail", pk=appraisal.pk))


class AppraisalCompleteView(_AppraisalPost):
    done = "The appraisal is complete and ready for the gate. It is read-only until it is reopened."

    def act(self, appraisal: OptionsAppraisal) -> Any:
        return services.appraisal_complete(actor=self.request.user, appraisal=appraisal)


class AppraisalReopenView(_AppraisalPost):
    done = "The appraisal is reopened as a draft."

    def act(self, appraisal: OptionsAppraisal) -> Any:
        return services.appraisal_reopen(actor=self.request.user, appraisal=appraisal)


class _RefusableDelete(CommissioningDeleteView):
    """Deleting goes through the area's service, which refuses while the appraisal is complete."""

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        record = self.get_permitted(self.model, pk)
        try:
            self.delete(record)
        except ValidationError as exc:
            self.require_write(self.model, "delete")
            return self.confirm(record, error=" ".join(exc.messages))
        messages.success(request, f"“{record}” was deleted.")
        return redirect(self.success_url(record))

    def delete(self, record: Any) -> None:
        raise NotImplementedError


class AppraisalDeleteView(_RefusableDelete):
    model = OptionsAppraisal

    def delete(self, record: Any) -> None:
        services.appraisal_delete(actor=self.request.user, appraisal=record)

    def success_url(self, record: Any) -> str:
        return self.url("appraisal-list")

    def cancel_url(self, record: Any) -> str:
        return self.url("appraisal-detail", pk=record.pk)


class OptionDeleteView(_RefusableDelete):
    model = Option

    def delete(self, record: Any) -> None:
        services.option_delete(actor=self.request.user, option=record)

    def success_url(self, record: Any) -> str:
        return self.url("appraisal-detail", pk=record.appraisal_id)
