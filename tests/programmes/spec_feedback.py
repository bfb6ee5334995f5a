"""URL specs of the programmes app's feedback pages (read by tests/urlspec.py)."""

from __future__ import annotations

from typing import Any

from factories import World
from urlspec import Spec


def specs() -> dict[str, Spec]:
    from programmes import kit_feedback as kit
    from traction.programmes.models.feedback import FeedbackResponse, LearningObjective
    from traction.programmes.models.programmes import Programme

    def follow_up(w: World) -> dict[str, Any]:
        return {
            "comment": "I open cross-agency meetings with the shared problem.",
            "applied": "4",
            "impact": "3",
        }

    def then_and_now(w: World) -> dict[str, Any]:
        programme = Programme.objects.filter(partnership=w.partnership).order_by("-pk").first()
        return kit.then_and_now_data(programme) if programme else {}

    return {
        "feedback-session": Spec(
            "form",
            FeedbackResponse,
            "add",
            kit.fresh_session,
            lambda w: {"satisfaction": "4", "engagement": "5", "relevance": "4", "comment": ""},
        ),
        "feedback-then-and-now": Spec("form", FeedbackResponse, "add", kit.fresh_ended, then_and_now),
        "feedback-follow-up-3": Spec("form", FeedbackResponse, "add", kit.fresh_three_months, follow_up),
        "feedback-follow-up-6": Spec("form", FeedbackResponse, "add", kit.fresh_six_months, follow_up),
        "feedback-report": Spec("page", FeedbackResponse, "view", kit.world_programme),
        "feedback-download": Spec("page", FeedbackResponse, "view", kit.world_programme),
        "feedback-comments": Spec(
            "form", Programme, "change", kit.with_comments, lambda w: {"comments": [kit.first_token(w)]}
        ),
        "feedback-objectives": Spec("page", LearningObjective, "view", kit.world_programme),
        "feedback-objective-create": Spec(
            "form",
            LearningObjective,
            "add",
            kit.world_programme,
            lambda w: {"text": "Lead a meeting to a decision", "order": "1"},
        ),
        "feedback-objective-update": Spec(
            "form",
            LearningObjective,
            "change",
            kit.fresh_objective,
            lambda w: {"text": "Lead a meeting to a clear decision", "order": "2"},
        ),
        "feedback-objective-delete": Spec("delete", LearningObjective, "delete", kit.fresh_objective),
    }
