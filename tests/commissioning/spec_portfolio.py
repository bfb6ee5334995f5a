"""URL specs of the commissioning portfolio pages (read by tests/urlspec.py)."""

from __future__ import annotations

import itertools

from urlspec import Spec

_years = itertools.count(2030)


def specs() -> dict[str, Spec]:
    from commissioning import kit_portfolio as kit
    from traction.commissioning.models import CommissioningSettings, OutcomeReview, SelfAssessment, Strategy

    return {
        "portfolio": Spec("page", Strategy, "view", extra={"query": {"sort": "-days", "stalled": "on"}}),
        "portfolio-download": Spec("page", Strategy, "view", extra={"query": {"phase": "review"}}),
        "settings": Spec("page", CommissioningSettings, "view"),
        "settings-update": Spec("form", CommissioningSettings, "change", data=lambda w: {"stall_days": "90"}),
        "review-create": Spec(
            "form",
            OutcomeReview,
            "add",
            kit.fresh_review_strategy,
            lambda w: {"story": "Fewer carers reached crisis.", "partners": "The carers' centre."},
        ),
        "review-detail": Spec("page", OutcomeReview, "view", kit.world_review),
        "review-update": Spec(
            "form",
            OutcomeReview,
            "change",
            kit.world_review,
            lambda w: {"story": "Admissions fell for three years.", "partners": "District councils."},
        ),
        "review-decide": Spec(
            "form",
            OutcomeReview,
            "change",
            kit.fresh_undecided_review,
            lambda w: {"meeting": w.meeting.pk, "decision": "redesign", "decision_reasons": "Uptake is low."},
        ),
        "selfassessment-list": Spec("page", SelfAssessment, "view"),
        "selfassessment-create": Spec(
            "form", SelfAssessment, "add", data=lambda w: kit.assessment_post(year=next(_years))
        ),
        "selfassessment-detail": Spec("page", SelfAssessment, "view", kit.world_assessment),
        "selfassessment-update": Spec(
            "form", SelfAssessment, "change", kit.world_assessment, lambda w: kit.assessment_post(score=4)
        ),
        "selfassessment-action": Spec(
            "form",
            SelfAssessment,
            "change",
            kit.world_assessment,
            lambda w: {
                "standard": "learning",
                "body": w.body.pk,
                "text": "Review every strategy",
                "due_date": "",
            },
        ),
    }
