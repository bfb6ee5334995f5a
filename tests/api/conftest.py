"""API clients for each role of partnership A (see tests/apikit.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from apikit import TokenClient, api_client
from traction.api.models import Scope
from traction.core.models import Partnership


@pytest.fixture
def api_for(users: dict[str, Any], outsider: Any, partnership_a: Partnership) -> Callable[..., TokenClient]:
    """``api_for("secretary")``: a read-write token client for that role in partnership A."""
    people = {**users, "outsider": outsider}

    def build(who: str, scope: str = Scope.READ_WRITE) -> TokenClient:
        user = people[who]
        partnership = partnership_a if who != "outsider" else user.memberships.get().partnership
        return api_client(user, partnership, scope)

    return build
