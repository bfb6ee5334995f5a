"""URL specs of the shared direction's pulse pages (read by tests/urlspec.py)."""

from __future__ import annotations

from typing import Any

from factories import World
from urlspec import Spec


def specs() -> dict[str, Spec]:
    from direction import kit_pulse as kit
    from traction.direction.models import PulseFollowUp, PulseResponse, PulseWave

    def wave(w: World) -> dict[str, Any]:
        return {
            "title": "Summer trust pulse",
            "k": "5",
            "cadence": "Every three months",
            "flag_below": "3",
            "opens_on": "2025-06-01",
            "closes_on": "2025-06-30",
            "item_1": "Partners keep their word.",
            "item_2": "",
            "item_3": "We can disagree openly.",
            "item_4": "Overall trust, 0 to 100.",
            "item_5": "What would raise trust?",
        }

    return {
        "pulse-list": Spec("page", PulseWave, "view"),
        "pulse-create": Spec("form", PulseWave, "add", data=wave),
        "pulse-detail": Spec("page", PulseWave, "view", kit.world_wave),
        "pulse-update": Spec("form", PulseWave, "change", kit.world_wave, wave),
        "pulse-answer": Spec(
            "form",
            PulseResponse,
            "add",
            kit.fresh_open,
            lambda w: {"reliability": "4", "mission": "3", "openness": "5", "overall": "65", "comment": ""},
        ),
        "pulse-results": Spec("page", PulseWave, "view", kit.world_wave),
        "pulse-comments": Spec(
            "form",
            PulseWave,
            "change",
            kit.fresh_flagged,
            lambda w: {"comments": [kit.first_comment_token(w)]},
        ),
        "pulse-follow-up": Spec(
            "form",
            PulseFollowUp,
            "add",
            kit.fresh_flagged,
            lambda w: {
                "item": "reliability",
                "reason": "The board discussed it in June and agreed no change.",
            },
        ),
        "pulse-close": Spec("post", PulseWave, "change", kit.fresh_open, lambda w: {}),
        "pulse-publish": Spec("post", PulseWave, "change", kit.fresh_publishable, lambda w: {}),
    }
