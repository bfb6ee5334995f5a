"""Principles, goals and outcomes: lists, forms, the decision that agrees one, an outcome's page and the
partnership on a page (printable, and as PDF)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

from traction.core.downloads import attachment
from traction.diagnosis.pdf import render_pdf
from traction.governance.models import Action, AgendaItem

from ..forms.statements import AgreeForm, ClaimsForm, GoalForm, OutcomeForm, PrincipleForm, RecordClaimsForm
from ..models import SharedOutcome, Statement
from ..selectors import statements as selectors
from ..selectors.indicators import summaries as indicator_summaries
from ..services import statements as services
from .base import DirectionDeleteView, DirectionFormView, DirectionView

FORMS = {"principle": PrincipleForm, "goal": GoalForm, "outcome": OutcomeForm}
PLURAL = {"principle": "Principles", "goal": "Goals", "outcome": "Outcomes"}


class _KindMixin:
    kind = "principle"

    @property
    def statement_model(self) -> type[Statement]:
        return services.KINDS[self.kind]


class StatementListView(_KindMixin, DirectionView):
    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        title = PLURAL[self.kind]
        object_type = self.statement_model._meta.model_name or ""
        return self.render(
            "direction/statement_list.html",
            {
                "title": title,
                "kind": self.kind,
                **{
                    f"can_{action}": self.allowed(action, object_type)
                    for action in ("add", "change", "delete")
                },
                "statements": selectors.statement_list(
                    user=request.user, partnership=self.partnership, model=self.statement_model
                ),
                "breadcrumbs": [self.home_crumb(), (title, "")],
            },
        )


class _StatementFormView(_KindMixin, DirectionFormView):
    def prepare(self) -> None:
        self.model = self.statement_model
        self.form_class = FORMS[self.kind]
        super().prepare()

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [self.home_crumb(), (PLURAL[self.kind], self.url(f"{self.kind}-list"))]

    def success_url(self, result: Any) -> str:
        if self.kind == "outcome":
            return self.url("outcome-detail", pk=result.pk)
        return self.url(f"{self.kind}-list")


class StatementCreateView(_StatementFormView):
    def title(self) -> str:
        return f"New {self.kind}"

    def perform(self, form: Any) -> Any:
        return services.statement_create(
            actor=self.request.user,
            partnership=self.partnership,
            model=self.statement_model,
            data=form.cleaned_data,
        )


class StatementUpdateView(_StatementFormView):
    permission = "change"

    def title(self) -> str:
        return f"Edit {self.kind}: {self.object}"

    def perform(self, form: Any) -> Any:
        return services.statement_update(
            actor=self.request.user, statement=self.object, data=form.cleaned_data, seen=self.seen
        )


class StatementAgreeView(_StatementFormView):
    permission = "change"
    submit_label = "Record the decision"

    def prepare(self) -> None:
        super().prepare()
        self.form_class = AgreeForm

    def title(self) -> str:
        return f"Record the decision that agreed the {self.kind}: {self.object}"

    def extra_context(self) -> dict[str, Any]:
        return {
            "notice": "The decision is added as a decided item at the end of the meeting's agenda and "
            f"links back to this {self.kind}."
        }

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def perform(self, form: Any) -> Any:
        return services.statement_agree(
            actor=self.request.user,
            statement=self.object,
            meeting=form.cleaned_data["meeting"],
            resolution=form.cleaned_data["resolution"],
            seen=self.seen,
        )


class StatementDeleteView(_KindMixin, DirectionDeleteView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        self.model = self.statement_model
        return super().get(request, slug, pk)

    def post(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        self.model = self.statement_model
        return super().post(request, slug, pk)

    def success_url(self, record: Any) -> str:
        return self.url(f"{self.kind}-list")


class OutcomeDetailView(DirectionView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        outcome = self.get_permitted(SharedOutcome, pk)
        detail = selectors.outcome_detail(user=request.user, partnership=self.partnership, outcome=outcome)
        return self.render(
            "direction/outcome_detail.html",
            {
                "title": outcome.title,
                "outcome": outcome,
                **detail,
                "summaries": indicator_summaries(indicators=detail["indicators"]),
                "breadcrumbs": [
                    self.home_crumb(),
                    ("Outcomes", self.url("outcome-list")),
                    (outcome.title, ""),
                ],
            },
        )


class OutcomeClaimsView(DirectionFormView):
    model = SharedOutcome
    form_class = ClaimsForm
    permission = "change"
    submit_label = "Save the links"

    def title(self) -> str:
        return f"Decisions and actions that claim to move: {self.object}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            self.home_crumb(),
            ("Outcomes", self.url("outcome-list")),
            (self.object.title, self.url("outcome-detail", pk=self.object.pk)),
        ]

    def perform(self, form: Any) -> Any:
        return services.outcome_claims_set(
            actor=self.request.user,
            outcome=self.object,
            decisions=form.cleaned_data["decisions"],
            actions=form.cleaned_data["actions"],
            seen=self.seen,
        )

    def success_url(self, result: Any) -> str:
        return self.url("outcome-detail", pk=result.pk)


class OnAPageView(DirectionView):
    """The partnership on a page: printable as it is, and as PDF (``fmt="pdf"``)."""

    fmt = "html"

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        page = selectors.on_a_page(user=request.user, partnership=self.partnership)
        indicators = [
            i
            for outcomes in [*(g.agreed_outcomes for g in page["goals"]), page["loose_outcomes"]]
            for o in outcomes
            for i in o.shown_indicators
        ]
        context = {
            "title": f"{self.partnership.name} on a page",
            **page,
            "summaries": indicator_summaries(indicators=indicators),
            "breadcrumbs": [self.home_crumb(), ("On a page", "")],
        }
        if self.fmt == "pdf":
            html = render_to_string(
                "direction/on_a_page_document.html", {"partnership": self.partnership, **context}
            )
            return attachment(
                render_pdf(html),
                content_type="application/pdf",
                filename=f"{slugify(self.partnership.name)}-on-a-page.pdf",
            )
        return self.render("direction/on_a_page.html", context)


class RecordClaimsView(DirectionFormView):
    """From a decision's or an action's side: which outcomes it claims to move (``record``: the model)."""

    model = SharedOutcome
    permission = "change"
    form_class = RecordClaimsForm
    record_model: type[Any] = Action
    submit_label = "Save the links"

    def load(self) -> None:
        self.record = self.get_permitted(self.record_model, self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"initial": {"outcomes": list(self.record.shared_outcomes.all())}}

    def title(self) -> str:
        noun = "decision" if self.record_model is AgendaItem else "action"
        return f"Outcomes this {noun} claims to move"

    def extra_context(self) -> dict[str, Any]:
        return {"notice": str(self.record)}

    def breadcrumbs(self) -> list[tuple[str, str]]:
        if self.record_model is AgendaItem:
            return [("Decisions", self.url("governance:decision-list"))]
        return [
            ("Actions", self.url("governance:action-list")),
            (str(self.record), self.url("governance:action-detail", pk=self.record.pk)),
        ]

    def perform(self, form: Any) -> Any:
        services.record_claims_set(
            actor=self.request.user, record=self.record, outcomes=form.cleaned_data["outcomes"]
        )
        return self.record

    def success_url(self, result: Any) -> str:
        if self.record_model is AgendaItem:
            return self.url("governance:meeting-detail", pk=result.meeting_id) + f"#item-{result.pk}"
        return self.url("governance:action-detail", pk=result.pk)
