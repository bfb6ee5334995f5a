"""Clients of the JSON API: a Django test client that sends a personal token with every request."""

from __future__ import annotations

from typing import Any

from django.test import Client

from traction.api.models import Scope
from traction.api.services import token_create
from traction.core.models import Partnership


class TokenClient(Client):
    """``Client`` with ``Authorization: Bearer <secret>`` on every request and JSON bodies for posts."""

    def __init__(self, secret: str, **kwargs: Any) -> None:
        super().__init__(HTTP_AUTHORIZATION=f"Bearer {secret}", **kwargs)
        self.secret = secret

    def post_json(self, path: str, data: dict[str, Any]) -> Any:
        return self.post(path, data, content_type="application/json")


def api_client(user: Any, partnership: Partnership, scope: str = Scope.READ_WRITE) -> TokenClient:
    made = token_create(actor=user, partnership=partnership, name=f"{scope} token", scope=scope)
    return TokenClient(made.secret)
