"""URL specs of the commissioning home page and the strategies pages (read by tests/urlspec.py)."""

from __future__ import annotations

from typing import Any

from factories import World
from urlspec import Spec


def _strategy(w: World) -> dict[str, Any]:
    return {
        "title": "Hospital discharge and reablement",
        "scope": "Adults leaving the county's hospitals.",
        "lead_officer": w.person.pk,
        "lead_body": w.body.pk,
        "partner_bodies": [w.sub_body.pk],
        "budget": "250000",
        "next_gate_on": "",
        "phase": "review",  # not a field of the form: ignored
    }


def _assess(w: World) -> dict[str, Any]:
    from commissioning import kit_strategies as kit

    prefix = f"c{kit.latest_criterion_pk(w)}-"
    return {prefix + "assessment": "met", prefix + "evidence": "The market position statement, 2025."}


def _decide(w: World) -> dict[str, Any]:
    return {
        "decision": "proceed",
        "confidence": "4",
        "body": w.body.pk,
        "meeting": w.meeting.pk,
        "resolution": "RESOLVED that the strategy moves to Plan.",
    }


def _templates() -> dict[str, Spec]:
    from commissioning import kit_strategies as kit
    from traction.commissioning.models import GateCriterionTemplate, ToolkitStep

    step = {
        "phase": "plan",
        "order": "3",
        "title": "Agree the budget",
        "guidance": "Who pays.",
        "active": "on",
    }
    criterion = {
        "phase": "do",
        "order": "2",
        "text": "KPIs are agreed, each with a baseline.",
        "active": "on",
    }
    specs: dict[str, Spec] = {}
    for kind, model, data, fresh in (
        ("toolkitstep", ToolkitStep, step, kit.fresh_step),
        ("criteriontemplate", GateCriterionTemplate, criterion, kit.fresh_criterion_template),
    ):
        specs |= {
            f"{kind}-list": Spec("page", model, "view"),
            f"{kind}-defaults": Spec("post", model, "add"),
            f"{kind}-create": Spec("form", model, "add", data=lambda w, d=data: dict(d)),
            f"{kind}-update": Spec("form", model, "change", fresh, lambda w, d=data: {**d, "order": "9"}),
            f"{kind}-retire": Spec("post", model, "change", fresh),
        }
    return specs


def specs() -> dict[str, Spec]:
    from commissioning import kit_strategies as kit
    from traction.commissioning.models import Gate, Strategy

    return {
        "commissioning-home": Spec("page", None, "view"),
        "strategy-list": Spec("page", Strategy, "view"),
        "strategy-create": Spec("form", Strategy, "add", data=_strategy),
        "strategy-detail": Spec("page", Strategy, "view", kit.world_strategy),
        "strategy-update": Spec("form", Strategy, "change", kit.world_strategy, _strategy),
        "strategy-delete": Spec("delete", Strategy, "delete", kit.fresh_strategy),
        "strategy-tick": Spec(
            "post",
            Strategy,
            "change",
            kit.world_strategy,
            lambda w: {"step": kit.world_step(w).pk, "done": "1"},
        ),
        "gate-create": Spec(
            "form", Gate, "add", kit.fresh_strategy, lambda w: {"scheduled_for": "2026-05-01"}
        ),
        "gate-detail": Spec("page", Gate, "view", kit.world_gate),
        "gate-assess": Spec("form", Gate, "change", kit.fresh_gate_with_criterion, _assess),
        "gate-decide": Spec("form", Gate, "change", kit.fresh_gate, _decide),
        **_templates(),
    }
