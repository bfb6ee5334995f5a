"""URL specs of the stakeholders app's structures pages (read by tests/urlspec.py)."""

from __future__ import annotations

from stakeholders import kit_structures as kit
from traction.stakeholders.models.structures import BodyHistory, Locality, ReportingLine, Succession
from urlspec import Spec


def specs() -> dict[str, Spec]:
    return {
        "structure-chart": Spec("page", Succession, "view", extra={"query": {"on": "2024-04-01"}}),
        "locality-list": Spec("page", Locality, "view"),
        "locality-create": Spec(
            "form",
            Locality,
            "add",
            data=lambda w: {"name": "South Riverside", "gss_code": "E06000902", "description": ""},
        ),
        "locality-update": Spec(
            "form",
            Locality,
            "change",
            kit.world_locality,
            lambda w: {"name": "North Riverside", "gss_code": "E06000901", "description": "Moorside."},
        ),
        "locality-delete": Spec("delete", Locality, "delete", kit.fresh_locality),
        "succession-list": Spec("page", Succession, "view"),
        "succession-create": Spec("form", Succession, "add", data=kit.succession_data),
        "succession-detail": Spec("page", Succession, "view", kit.world_succession),
        "succession-update": Spec(
            "form",
            Succession,
            "change",
            kit.world_succession,
            lambda w: {
                "kind": "merger",
                "effective_on": "2024-04-01",
                "predecessors": [kit.organisation(w, n).pk for n in kit.PREDECESSORS],
                "successors": [kit.organisation(w, kit.SUCCESSOR).pk],
                "note": "Two district councils into one.",
            },
        ),
        "succession-delete": Spec("delete", Succession, "delete", kit.fresh_succession),
        "bodyhistory-list": Spec("page", BodyHistory, "view"),
        "bodyhistory-create": Spec("form", BodyHistory, "add", kit.fresh_body, lambda w: kit.history_data()),
        "bodyhistory-update": Spec(
            "form",
            BodyHistory,
            "change",
            kit.world_history,
            lambda w: kit.history_data(
                established_on="2020-01-01", localities=[kit.world_locality(w).pk], note="Set up in 2020."
            ),
        ),
        "bodyhistory-delete": Spec("delete", BodyHistory, "delete", kit.fresh_history),
        "reportingline-list": Spec("page", ReportingLine, "view"),
        "reportingline-change": Spec("form", ReportingLine, "add", kit.fresh_body, kit.line_change_data),
        "reportingline-update": Spec(
            "form",
            ReportingLine,
            "change",
            kit.world_line,
            lambda w: {
                "reports_to": w.body.pk,
                "starts_on": "2020-01-01",
                "ends_on": "",
                "note": "Corrected.",
            },
        ),
        "reportingline-delete": Spec("delete", ReportingLine, "delete", kit.fresh_line),
    }
