"""URL specs of the stakeholders app's network pages (read by tests/urlspec.py)."""

from __future__ import annotations

from typing import Any

from factories import World
from urlspec import Spec


def specs() -> dict[str, Spec]:
    from stakeholders import kit_network as kit
    from traction.stakeholders.models.network import NetworkSurvey, Rating

    def survey(w: World) -> dict[str, Any]:
        return {
            "title": "Relationships across the partnership, spring",
            "starts_on": "2025-03-01",
            "ends_on": "2025-05-31",
            "people": [w.person.pk, w.other_person.pk],
            "k": "5",
            "facilitators": kit.keeper_accounts(w),
        }

    return {
        "network-survey-list": Spec("page", NetworkSurvey, "view"),
        "network-survey-create": Spec("form", NetworkSurvey, "add", data=survey),
        "network-observed": Spec("page", NetworkSurvey, "view"),
        "network-compare": Spec("page", NetworkSurvey, "view"),
        "network-survey-detail": Spec("page", NetworkSurvey, "view", kit.world_survey),
        "network-survey-update": Spec("form", NetworkSurvey, "change", kit.fresh_draft, survey),
        "network-survey-delete": Spec("delete", NetworkSurvey, "delete", kit.fresh_survey),
        "network-survey-open": Spec("post", NetworkSurvey, "change", kit.fresh_draft, lambda w: {}),
        "network-survey-close": Spec("post", NetworkSurvey, "change", kit.fresh_open, lambda w: {}),
        "network-survey-answer": Spec("form", Rating, "add", kit.fresh_open, kit.answer_data),
        "network-declared": Spec("page", Rating, "view", kit.world_survey),
        "network-aggregates": Spec("page", NetworkSurvey, "view", kit.world_survey),
    }
