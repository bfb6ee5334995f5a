"""URL specs of the stakeholders app's stakeholders pages (read by tests/urlspec.py)."""

from __future__ import annotations

from urlspec import Spec


def specs() -> dict[str, Spec]:
    return {
        "stakeholders-home": Spec("page", None, "view"),
    }
