"""URL specs of the shared direction's indicators pages (read by tests/urlspec.py)."""

from __future__ import annotations

from urlspec import Spec


def specs() -> dict[str, Spec]:
    return {}
