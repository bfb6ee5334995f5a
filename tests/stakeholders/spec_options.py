"""URL specs of the stakeholders app's options pages (read by tests/urlspec.py)."""

from __future__ import annotations

from urlspec import Spec


def specs() -> dict[str, Spec]:
    return {}
