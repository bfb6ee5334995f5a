"""Helpers for the browser tests, importable by name from any test folder (``from browserkit import ...``).
The fixtures themselves (``chromium``, ``page``, ``problems``) live in browserfixtures.py, a plugin that
tests/conftest.py loads for the whole suite."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
BLOCKING = frozenset({"serious", "critical"})


@dataclass
class PageProblems:
    """What went wrong in the browser while a page loaded: console errors (CSP violations included),
    uncaught script errors and failed or refused requests."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return [*self.console, *self.errors, *self.failed]


def log_in(page: Any, username: str, password: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe's serious and critical violations on the page now shown (lesser impacts are not failures)."""
    from axe_playwright_python.sync_playwright import Axe

    return [v for v in Axe().run(page).response["violations"] if v.get("impact") in BLOCKING]


def describe(where: str, violations: list[dict[str, Any]]) -> str:
    """Each violation's rule, impact and help link, then the offending elements; empty when there are none."""
    lines = []
    for v in violations:
        lines.append(f"{where}: [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      ")[:400])
    return "\n".join(lines)


def axe_findings(page: Any, where: str) -> list[str]:
    """One described entry per serious or critical violation on the page now shown, for tests that gather
    findings across several pages and assert once at the end."""
    return [describe(where, [violation]) for violation in axe_violations(page)]
