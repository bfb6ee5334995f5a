"""Helpers for the browser tests (kept out of conftest.py so test modules can import them by name)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


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
