"""Reads of action learning sets."""

from __future__ import annotations

from typing import Any

from traction.core.models import Partnership


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    """This area's part of the app's home page (its template is ``programmes/_home_learningsets.html``)."""
    return {}
