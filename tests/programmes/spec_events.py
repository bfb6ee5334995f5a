"""URL specs of the programmes app's events pages (read by tests/urlspec.py)."""

from __future__ import annotations

from programmes import kit_events as kit
from traction.direction.models import Principle
from traction.programmes.models.events import (
    AgendaStage,
    CommonGround,
    Event,
    EventGroup,
    EventTable,
    Invitation,
)
from urlspec import Spec


def specs() -> dict[str, Spec]:
    stage = {"title": "Lunch and the gallery walk", "order": 3, "minutes": 45, "notes": ""}
    return {
        "event-list": Spec("page", Event, "view"),
        "event-create": Spec(
            "form", Event, "add", data=lambda w: kit.event_data(w, title="Whole-system day")
        ),
        "event-detail": Spec("page", Event, "view", kit.world_event),
        "event-update": Spec(
            "form", Event, "change", kit.world_event, lambda w: kit.event_data(w, place="Town Hall")
        ),
        "event-delete": Spec("delete", Event, "delete", kit.fresh_event),
        "event-groups": Spec("form", EventGroup, "add", kit.world_event, lambda w: {"name": "Young people"}),
        "event-invitations": Spec(
            "form",
            Invitation,
            "add",
            kit.world_event,
            lambda w: {"group": kit.world_group(w).pk, "people": [w.other_person.pk]},
        ),
        "event-tables": Spec(
            "form",
            EventTable,
            "change",
            kit.world_event,
            lambda w: {"tables": 1, "capacity": 8, "seed": 3, "confirm": "on"},
        ),
        "event-agenda": Spec("form", AgendaStage, "add", kit.world_event, lambda w: stage),
        "event-check": Spec("page", Event, "view", kit.world_event),
        "event-outputs": Spec(
            "form", CommonGround, "add", kit.world_event, lambda w: {"text": "Start from what people can do."}
        ),
        "event-decision": Spec(
            "form",
            Event,
            "change",
            kit.world_event,
            lambda w: {
                "title": "A residents' panel for the partnership",
                "resolution": "Agreed to set up a residents' panel.",
                **kit.actions_data(w),
            },
        ),
        "event-actions": Spec("form", Event, "change", kit.world_event, kit.actions_data),
        "eventgroup-delete": Spec("delete", EventGroup, "delete", kit.fresh_group),
        "invitation-update": Spec(
            "form",
            Invitation,
            "change",
            kit.world_invitation,
            lambda w: {"status": "attended", "group": kit.world_group(w).pk, "table": kit.world_table(w).pk},
        ),
        "invitation-move": Spec(
            "form",
            Invitation,
            "change",
            kit.world_invitation,
            lambda w: {"table": kit.world_second_table(w).pk},
        ),
        "invitation-delete": Spec("delete", Invitation, "delete", kit.fresh_invitation),
        "agendastage-update": Spec("form", AgendaStage, "change", kit.world_stage, lambda w: stage),
        "agendastage-delete": Spec("delete", AgendaStage, "delete", kit.fresh_stage),
        "commonground-update": Spec(
            "form", CommonGround, "change", kit.world_commonground, lambda w: {"text": "No wrong door."}
        ),
        "commonground-delete": Spec("delete", CommonGround, "delete", kit.fresh_commonground),
        "commonground-principle": Spec("post", Principle, "add", kit.fresh_commonground, lambda w: {}),
    }
