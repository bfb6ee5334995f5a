"""URL specs of the stakeholders app's stakeholders pages (read by tests/urlspec.py)."""

from __future__ import annotations

import itertools

from urlspec import Spec

_names = itertools.count(1)


def specs() -> dict[str, Spec]:
    from stakeholders import kit_stakeholders as kit
    from traction.stakeholders.models.stakeholders import Assessment, Engagement, Stakeholder

    return {
        "stakeholders-home": Spec("page", None, "view"),
        "stakeholder-list": Spec("page", Stakeholder, "view"),
        "stakeholder-map": Spec("page", Stakeholder, "view", extra={"query": {"on": "2025-01-31"}}),
        "stakeholder-gaps": Spec("page", Stakeholder, "view"),
        "stakeholder-create": Spec(
            "form",
            Stakeholder,
            "add",
            data=lambda w: {"name": f"Kingsford Town Council {next(_names)}", "kind": "organisation"},
        ),
        "stakeholder-detail": Spec("page", Stakeholder, "view", kit.world_stakeholder),
        "stakeholder-update": Spec(
            "form",
            Stakeholder,
            "change",
            kit.world_stakeholder,
            lambda w: {"name": "Northmoor Residents' Association", "kind": "group", "description": "Active."},
        ),
        "stakeholder-delete": Spec("delete", Stakeholder, "delete", kit.fresh_stakeholder),
        "assessment-create": Spec(
            "form", Assessment, "add", kit.world_stakeholder, lambda w: kit.assessment_post()
        ),
        "stakeholder-action": Spec(
            "form",
            Stakeholder,
            "change",
            kit.world_stakeholder,
            lambda w: {"text": "Meet the association's chair", "due_date": "", "lead": "", "body": w.body.pk},
        ),
        "engagement-list": Spec("page", Engagement, "view"),
        "engagement-create": Spec("form", Engagement, "add", data=lambda w: kit.engagement_post(w)),
        "engagement-detail": Spec("page", Engagement, "view", kit.world_engagement),
        "engagement-update": Spec(
            "form", Engagement, "change", kit.world_engagement, lambda w: kit.engagement_post(w)
        ),
        "engagement-delete": Spec("delete", Engagement, "delete", kit.fresh_engagement),
    }
