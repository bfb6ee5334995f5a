"""URL specs of the stakeholders app's network pages (read by tests/urlspec.py)."""

from __future__ import annotations

from urlspec import Spec


def specs() -> dict[str, Spec]:
    return {}
