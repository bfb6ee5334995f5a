"""URL specs of the commissioning home page and the strategies pages (read by tests/urlspec.py)."""

from __future__ import annotations

from urlspec import Spec


def specs() -> dict[str, Spec]:
    return {"commissioning-home": Spec("page", None, "view")}
