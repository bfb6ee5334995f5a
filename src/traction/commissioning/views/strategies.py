"""Strategies: the list, their forms, a strategy's page with its checklist, and the partnership's toolkit
templates (checklist steps and gate criteria) that admins edit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from ..forms.strategies import CriterionTemplateForm, StrategyForm, TickForm, ToolkitStepForm
from ..models import GateCriterionTemplate, Strategy, ToolkitStep
from ..selectors import strategies as selectors
from ..services import strategies as services
from .base import CommissioningDeleteView, CommissioningFormView, CommissioningView

STRATEGIES = "Strategies"


class StrategyListView(CommissioningView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        return self.render(
            "commissioning/strategy_list.html",
            {
                "title": STRATEGIES,
                "strategies": selectors.strategy_list(user=request.user, partnership=self.partnership),
                "breadcrumbs": [self.home_crumb(), (STRATEGIES, "")],
            },
        )


class StrategyDetailView(CommissioningView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        strategy = self.get_permitted(Strategy, pk)
        detail = selectors.strategy_detail(user=request.user, partnership=self.partnership, strategy=strategy)
        return self.render(
            "commissioning/strategy_detail.html",
            {
                "title": strategy.title,
                "strategy": strategy,
                **detail,
                "breadcrumbs": [
                    self.home_crumb(),
                    (STRATEGIES, self.url("strategy-list")),
                    (strategy.title, ""),
                ],
            },
        )


class _StrategyFormView(CommissioningFormView):
    model = Strategy
    form_class = StrategyForm

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (STRATEGIES, self.url("strategy-list"))]

    def success_url(self, result: Any) -> str:
        return self.url("strategy-detail", pk=result.pk)


class StrategyCreateView(_StrategyFormView):
    def title(self) -> str:
        return "New strategy"

    def extra_context(self) -> dict[str, Any]:
        return {
            "notice": "A new strategy starts in Analyse. Its phase then moves only through a gate decision."
        }

    def perform(self, form: Any) -> Any:
        return services.strategy_create(
            actor=self.request.user, partnership=self.partnership, data=form.cleaned_data
        )


class StrategyUpdateView(_StrategyFormView):
    permission = "change"

    def title(self) -> str:
        return f"Edit strategy: {self.object}"

    def extra_context(self) -> dict[str, Any]:
        return {"notice": "The phase and iteration are not edited here: only a gate decision moves them."}

    def perform(self, form: Any) -> Any:
        return services.strategy_update(
            actor=self.request.user, strategy=self.object, data=form.cleaned_data, seen=self.seen
        )


class StrategyDeleteView(CommissioningDeleteView):
    model = Strategy
    list_url_name = "strategy-list"


class StrategyTickView(CommissioningView):
    """A step of the current checklist marked done or not done (a POST from the strategy's page)."""

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        strategy = self.get_permitted(Strategy, pk)
        self.require_write(Strategy, "change")
        form = TickForm(request.POST, partnership=self.partnership)
        try:
            if not form.is_valid():
                raise ValidationError("Choose a step of the checklist and whether it is done.")
            services.checklist_tick(
                actor=request.user,
                strategy=strategy,
                step=form.cleaned_data["step"],
                done=form.cleaned_data["done"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(self.url("strategy-detail", pk=strategy.pk) + "#checklist")


# --- the partnership's templates --------------------------------------------------------------------------

TEMPLATES: dict[str, tuple[type[Any], Any, str, str]] = {
    # kind: model, form, plural title, singular noun
    "toolkitstep": (ToolkitStep, ToolkitStepForm, "Toolkit: checklist steps", "checklist step"),
    "criteriontemplate": (GateCriterionTemplate, CriterionTemplateForm, "Gate criteria", "gate criterion"),
}


class _TemplateMixin:
    kind = "toolkitstep"

    @property
    def template_model(self) -> Any:
        return TEMPLATES[self.kind][0]


class TemplateListView(_TemplateMixin, CommissioningView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        model, _, title, noun = TEMPLATES[self.kind]
        return self.render(
            "commissioning/template_list.html",
            {
                "title": title,
                "kind": self.kind,
                "noun": noun,
                "can_change": self.allowed("change", "partnership"),
                "groups": selectors.template_list(
                    user=request.user, partnership=self.partnership, model=model
                ),
                "breadcrumbs": [self.home_crumb(), (title, "")],
            },
        )


class TemplateDefaultsView(_TemplateMixin, CommissioningView):
    """Adds the default steps and criteria where the partnership has none yet."""

    def post(self, request: HttpRequest, slug: str) -> HttpResponse:
        self.require_write(self.template_model, "add")
        services.templates_ensure(partnership=self.partnership, actor=request.user)
        return redirect(self.url(f"{self.kind}-list"))


class _TemplateFormView(_TemplateMixin, CommissioningFormView):
    def prepare(self) -> None:
        self.model, self.form_class, *_ = TEMPLATES[self.kind]
        super().prepare()

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (TEMPLATES[self.kind][2], self.url(f"{self.kind}-list"))]

    def success_url(self, result: Any) -> str:
        return self.url(f"{self.kind}-list")


class TemplateCreateView(_TemplateFormView):
    def title(self) -> str:
        return f"New {TEMPLATES[self.kind][3]}"

    def perform(self, form: Any) -> Any:
        return services.template_create(
            actor=self.request.user,
            partnership=self.partnership,
            model=self.template_model,
            data=form.cleaned_data,
        )


class TemplateUpdateView(_TemplateFormView):
    permission = "change"

    def title(self) -> str:
        return f"Edit {TEMPLATES[self.kind][3]}: {self.object}"

    def perform(self, form: Any) -> Any:
        return services.template_update(
            actor=self.request.user, template=self.object, data=form.cleaned_data, seen=self.seen
        )


class TemplateRetireView(_TemplateMixin, CommissioningView):
    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        template = self.get_permitted(self.template_model, pk)
        self.require_write(self.template_model, "change")
        services.template_retire(actor=request.user, template=template)
        messages.success(
            request, f"“{template}” is retired: it no longer appears on checklists or new gates."
        )
        return redirect(self.url(f"{self.kind}-list"))
