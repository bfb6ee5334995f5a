"""URL specs of the programmes app's programmes pages (read by tests/urlspec.py)."""

from __future__ import annotations

from urlspec import Spec


def specs() -> dict[str, Spec]:
    return {
        "programmes-home": Spec("page", None, "view"),
    }
