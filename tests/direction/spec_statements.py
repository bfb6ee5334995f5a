"""URL specs of the shared direction's home page, its principles, goals and outcomes, and the partnership on
a page (read by tests/urlspec.py)."""

from __future__ import annotations

from typing import Any

from factories import World
from urlspec import Spec


def _statement(kind: str, *, agreed: bool) -> Any:
    def data(w: World) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "title": f"An edited {kind}" if agreed else f"A new {kind}",
            "text": "In our own words.",
            "status": "agreed" if agreed else "draft",
            "agreed_item": w.item.pk if agreed else "",
            "order": "1",
        }
        if kind in ("goal", "outcome"):
            fields["owner"] = w.body.pk
        if kind == "outcome":
            fields["goal"] = ""
        return fields

    return data


def specs() -> dict[str, Spec]:
    from direction import kit_statements as kit
    from traction.direction.models import Principle, SharedOutcome

    specs: dict[str, Spec] = {
        "direction-home": Spec("page", None, "view"),
        "outcome-detail": Spec("page", SharedOutcome, "view", kit.world_outcome),
        "outcome-claims": Spec(
            "form",
            SharedOutcome,
            "change",
            kit.world_outcome,
            lambda w: {"decisions": [w.item.pk], "actions": [w.action.pk]},
        ),
        "decision-outcomes": Spec(
            "form",
            SharedOutcome,
            "change",
            lambda w: w.item,
            lambda w: {"outcomes": [kit.world_outcome(w).pk]},
        ),
        "action-outcomes": Spec(
            "form",
            SharedOutcome,
            "change",
            lambda w: w.action,
            lambda w: {"outcomes": [kit.world_outcome(w).pk]},
        ),
        "direction-page": Spec("page", Principle, "view"),
        "direction-page-pdf": Spec("page", Principle, "view"),
    }
    for kind, model in kit.MODELS.items():
        specs |= {
            f"{kind}-list": Spec("page", model, "view"),
            f"{kind}-create": Spec("form", model, "add", data=_statement(kind, agreed=False)),
            f"{kind}-update": Spec(
                "form", model, "change", kit.world_statement(kind), _statement(kind, agreed=True)
            ),
            f"{kind}-agree": Spec(
                "form",
                model,
                "change",
                kit.fresh_statement(kind),
                lambda w: {"meeting": w.meeting.pk, "resolution": "The board agreed it."},
            ),
            f"{kind}-delete": Spec("delete", model, "delete", kit.fresh_statement(kind)),
        }
    return specs
