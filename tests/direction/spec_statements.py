"""URL specs of the shared direction's home page and its principles, goals and outcomes (read by
tests/urlspec.py)."""

from __future__ import annotations

from urlspec import Spec


def specs() -> dict[str, Spec]:
    return {"direction-home": Spec("page", None, "view")}
