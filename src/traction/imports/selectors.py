"""The import pages' reads, through the permission policy."""

from __future__ import annotations

from typing import Any

from traction.core import policy
from traction.core.models import Partnership
from traction.imports.models import ImportRun, ImportSource


def importsource_list_for(
    *, user: Any, partnership: Partnership
) -> list[tuple[ImportSource, ImportRun | None]]:
    """The partnership's import sites this user may see, each with its latest run (or None)."""
    sources = policy.permitted(
        user=user, partnership=partnership, action="view", model=ImportSource
    ).prefetch_related("runs")
    return [(source, source.runs.first()) for source in sources]
