"""Reads of rival change options and priorities exercises."""

from __future__ import annotations

from typing import Any

from traction.core.models import Partnership


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    """This area's part of the app's home page (its template is ``stakeholders/_home_options.html``)."""
    return {}
