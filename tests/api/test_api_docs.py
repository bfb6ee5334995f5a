"""docs/api.md lists every operation of the API: a new endpoint left out of the table fails here."""

from __future__ import annotations

import re
from pathlib import Path

from traction.api.api import api

DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"
PREFIX = "/api/v1/partnerships/{slug}/"
AN_ID = re.compile(r"\{\w+_id\}")


def documented_as(method: str, path: str) -> str:
    """How the table names an operation: ``GET …/{slug}/meetings/{id}/`` (below a partnership, with any id
    called ``{id}``), or the whole path for those above one."""
    below = path.startswith(PREFIX) and path != PREFIX
    short = "…/{slug}/" + path.removeprefix(PREFIX) if below else path
    return f"{method.upper()} {AN_ID.sub('{id}', short)}"


def test_every_operation_is_in_the_docs_table() -> None:
    table = DOCS.read_text()
    missing = [
        documented_as(method, path)
        for path, methods in api.get_openapi_schema()["paths"].items()
        for method in methods
        if not re.search(r"\| `" + re.escape(documented_as(method, path)) + r"[`?]", table)
    ]
    assert not missing, f"not in docs/api.md: {missing}"
