"""URL specs of the programmes app's learningsets pages (read by tests/urlspec.py).

The world's set has the people of every role's user among its members, so
each role that may read set notes reads that set's; other members of a set are tested in the canary test."""

from __future__ import annotations

from programmes import kit_learningsets as kit
from traction.programmes.models.learningsets import LearningSet, SetMeeting, SetMembership, SetNote
from urlspec import Spec


def specs() -> dict[str, Spec]:
    note = {"text": "What I will try before we next meet.", "meeting": ""}
    return {
        "set-list": Spec("page", LearningSet, "view"),
        "set-create": Spec(
            "form", LearningSet, "add", data=lambda w: {**kit.set_data(w), "members": kit.member_pks(w, 5)}
        ),
        "set-detail": Spec("page", LearningSet, "view", kit.world_set),
        "set-update": Spec(
            "form",
            LearningSet,
            "change",
            kit.world_set,
            lambda w: kit.set_data(
                w, name="Leading across boundaries set", facilitator=kit.world_set(w).facilitator_id
            ),
        ),
        "set-delete": Spec("delete", LearningSet, "delete", kit.fresh_set),
        "set-member-add": Spec(
            "form",
            SetMembership,
            "add",
            kit.world_set,
            lambda w: {"person": kit.member_pks(w, 1)[0], "joined": "2025-06-01"},
        ),
        "set-member-remove": Spec("delete", SetMembership, "delete", kit.fresh_membership),
        "set-meeting-create": Spec("form", SetMeeting, "add", kit.world_set, kit.meeting_data),
        "set-meeting-detail": Spec("page", SetMeeting, "view", kit.world_meeting),
        "set-note-list": Spec("page", SetNote, "view", kit.world_set),
        "set-note-create": Spec("form", SetNote, "add", kit.world_set, lambda w: note),
        "set-note-update": Spec("form", SetNote, "change", kit.world_note, lambda w: note),
        "set-note-delete": Spec("delete", SetNote, "delete", kit.fresh_note),
    }
