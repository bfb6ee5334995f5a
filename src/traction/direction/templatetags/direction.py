"""Template filters of the shared-direction pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def summary_of(summaries: dict[int, Any] | None, pk: int) -> Any:
    """The indicator's summary from a dict keyed by indicator id, or None."""
    return (summaries or {}).get(pk)
