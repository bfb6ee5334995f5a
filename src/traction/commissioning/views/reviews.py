"""Outcome review pages: made for a strategy in its Review phase, read, edited, and decided at a meeting."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from ..forms.portfolio import ReviewDecisionForm, ReviewForm
from ..models import OutcomeReview, Strategy
from ..selectors import reviews as selectors
from ..services import reviews as services
from .base import CommissioningFormView, CommissioningView


def _crumbs(view: CommissioningView, review: OutcomeReview | None = None) -> list[tuple[str, str]]:
    crumbs = [view.home_crumb(), ("Portfolio", view.url("portfolio"))]
    if review is not None:
        crumbs.append((str(review), view.url("review-detail", pk=review.pk)))
    return crumbs


class ReviewDetailView(CommissioningView):
    def get(self, request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        review = self.get_permitted(OutcomeReview, pk)
        return self.render(
            "commissioning/review_detail.html",
            {
                "title": str(review),
                "review": review,
                **selectors.detail_for(user=request.user, review=review),
                "breadcrumbs": [*_crumbs(self), (str(review), "")],
            },
        )


class ReviewCreateView(CommissioningFormView):
    model = OutcomeReview
    form_class = ReviewForm
    submit_label = "Start the review"
    strategy: Strategy

    def load(self) -> None:
        self.strategy = self.get_permitted(Strategy, self.kwargs["pk"])

    def title(self) -> str:
        return f"Outcome review of {self.strategy}, iteration {self.strategy.iteration}"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return _crumbs(self)

    def perform(self, form: Any) -> Any:
        return services.review_create(actor=self.request.user, strategy=self.strategy, data=form.cleaned_data)

    def success_url(self, result: Any) -> str:
        return self.url("review-detail", pk=result.pk)


class ReviewUpdateView(CommissioningFormView):
    model = OutcomeReview
    form_class = ReviewForm
    permission = "change"

    def title(self) -> str:
        return "Edit the review"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return _crumbs(self, self.object)

    def perform(self, form: Any) -> Any:
        return services.review_update(
            actor=self.request.user, review=self.object, data=form.cleaned_data, seen=self.seen
        )

    def success_url(self, result: Any) -> str:
        return self.url("review-detail", pk=result.pk)


class ReviewDecideView(CommissioningFormView):
    model = OutcomeReview
    form_class = ReviewDecisionForm
    permission = "change"
    submit_label = "Record the decision"
    success_message = "The decision is recorded, with its decided item in the meeting's record."
    notice = (
        "Record the decision the meeting took. It is added to the meeting's record as a decided item, "
        "which links back to this review; the next Analyse of the strategy starts from it."
    )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def title(self) -> str:
        return "Record the review's decision"

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return _crumbs(self, self.object)

    def extra_context(self) -> dict[str, Any]:
        return {"notice": self.notice}

    def perform(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.review_decide(
            actor=self.request.user,
            review=self.object,
            meeting=data["meeting"],
            decision=data["decision"],
            reasons=data["decision_reasons"],
            url=self.url("review-detail", pk=self.object.pk),
        )

    def success_url(self, result: Any) -> str:
        return self.url("review-detail", pk=result.pk)
