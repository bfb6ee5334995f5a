"""URL specs of the shared direction's health pages (read by tests/urlspec.py)."""

from __future__ import annotations

import datetime

from direction import kit_health as kit
from traction.direction.models import HealthCheckRun, HealthFollowUp, HealthResponse, HealthStatement
from urlspec import Spec

STATEMENT = {
    "section": "trust",
    "text": "Partners tell one another bad news early.",
    "order": "2",
    "active": "on",
}


def _run() -> dict[str, str]:
    closes = kit.today() + datetime.timedelta(days=21)
    return {"title": "Autumn health check", "k": "5", "closes_on": closes.isoformat()}


def specs() -> dict[str, Spec]:
    return {
        "healthstatement-list": Spec("page", HealthStatement, "view"),
        "healthstatement-defaults": Spec("post", HealthStatement, "add", data=lambda w: {}),
        "healthstatement-create": Spec("form", HealthStatement, "add", data=lambda w: STATEMENT),
        "healthstatement-update": Spec(
            "form", HealthStatement, "change", kit.world_statement, lambda w: {**STATEMENT, "active": ""}
        ),
        "healthrun-list": Spec("page", HealthCheckRun, "view"),
        "healthrun-create": Spec("form", HealthCheckRun, "add", data=lambda w: _run()),
        "healthrun-detail": Spec("page", HealthCheckRun, "view", kit.world_open_run),
        "healthrun-answer": Spec("form", HealthResponse, "add", kit.world_open_run, kit.world_answer_data),
        "healthrun-results": Spec("page", HealthCheckRun, "view", kit.world_ready_run),
        "healthfollowup-create": Spec(
            "form",
            HealthFollowUp,
            "add",
            kit.world_ready_run,
            lambda w: {
                "section": "trust",
                "body": "",
                "text": "",
                "due_date": "",
                "reason": "Raised at the away day.",
            },
        ),
        "healthrun-close": Spec("post", HealthCheckRun, "change", kit.fresh_closable_run, lambda w: {}),
    }
