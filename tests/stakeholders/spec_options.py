"""URL specs of the stakeholders app's options pages (read by tests/urlspec.py)."""

from __future__ import annotations

from typing import Any

from factories import World
from urlspec import Spec


def specs() -> dict[str, Spec]:
    from stakeholders import kit_options as kit
    from traction.direction.models import Principle
    from traction.stakeholders.models.options import (
        ChangeOption,
        OptionPosition,
        PrioritiesExercise,
        PrioritiesResponse,
    )

    def option(w: World) -> dict[str, Any]:
        return {
            "title": "Two unitary councils, north and south",
            "summary": "Two councils, each with its own budget.",
            "sponsor": kit.world_stakeholder(w).pk,
            "status": "proposed",
        }

    def exercise(w: World) -> dict[str, Any]:
        return {
            "title": "Our values for the new council",
            "description": "",
            "method": "rank",
            "k": "5",
            "priorities": "Close to residents\nOpen books\nOne front door",
        }

    return {
        "option-list": Spec("page", ChangeOption, "view"),
        "option-create": Spec("form", ChangeOption, "add", data=option),
        "option-compare": Spec("page", ChangeOption, "view"),
        "option-detail": Spec("page", ChangeOption, "view", kit.world_option),
        "option-update": Spec("form", ChangeOption, "change", kit.world_option, option),
        "option-delete": Spec("delete", ChangeOption, "delete", kit.fresh_option),
        "position-create": Spec(
            "form",
            OptionPosition,
            "add",
            kit.world_option,
            lambda w: {
                "stakeholder": kit.world_stakeholder(w).pk,
                "stated_on": "2025-02-01",
                "stand": "conditional",
                "note": "If the towns keep a voice.",
            },
        ),
        "priorities-list": Spec("page", PrioritiesExercise, "view"),
        "priorities-create": Spec("form", PrioritiesExercise, "add", data=exercise),
        "priorities-detail": Spec("page", PrioritiesExercise, "view", kit.world_exercise),
        "priorities-update": Spec("form", PrioritiesExercise, "change", kit.fresh_draft, exercise),
        "priorities-delete": Spec("delete", PrioritiesExercise, "delete", kit.fresh_draft),
        "priorities-open": Spec("post", PrioritiesExercise, "change", kit.fresh_draft, lambda w: {}),
        "priorities-close": Spec("post", PrioritiesExercise, "change", kit.fresh_open, lambda w: {}),
        "priorities-answer": Spec("form", PrioritiesResponse, "add", kit.fresh_open, kit.latest_open_answer),
        "priorities-results": Spec("page", PrioritiesExercise, "view", kit.world_exercise),
        "priorities-agree": Spec(
            "form",
            Principle,
            "add",
            kit.fresh_closed,
            lambda w: {
                "meeting": w.meeting.pk,
                "principles": "Services close to home\nValue for money",
                "resolution": "",
            },
        ),
    }
