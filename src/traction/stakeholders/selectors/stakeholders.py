"""Reads of the stakeholder map, its gaps and the engagement log."""

from __future__ import annotations

from typing import Any

from traction.core.models import Partnership


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    """This area's part of the app's home page (its template is ``stakeholders/_home_stakeholders.html``)."""
    return {}
