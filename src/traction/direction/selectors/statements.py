"""Reads of principles, goals and outcomes."""

from __future__ import annotations

from typing import Any

from traction.core import policy
from traction.core.models import Partnership

from ..models import Goal, Principle, SharedOutcome


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    def visible(model: Any) -> Any:
        return policy.permitted(user=user, partnership=partnership, action="view", model=model)

    return {
        "principles": visible(Principle),
        "goals": visible(Goal),
        "outcomes": visible(SharedOutcome),
    }
