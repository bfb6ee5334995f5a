"""Refused means unchanged: snapshot every stored record before and after a call (OpenSlides style).

``assert_db_unchanged()`` compares every row of every table the project owns (partnerships, memberships,
audit events, the whole governance record with its many-to-many links) and of the user table, so a
refused write that slipped anything through, an audit row included, fails with the difference.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models

STATE_APPS = (
    "core",
    "governance",
    "diagnosis",
    "imports",
    "intake",
    "listening",
    "workshop",
    "django_tasks_database",
)


def _state_models() -> list[type[models.Model]]:
    owned = [
        model
        for label in STATE_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    return [*owned, apps.get_model("auth", "User")]


def db_state() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every tenant table (and users), ordered, as plain tuples."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values_list())
        for model in _state_models()
    }


def describe_difference(
    before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]
) -> str:
    lines = []
    for label in before:
        # Rows may hold JSON (dicts, lists): compare their reprs.
        old, new = set(map(repr, before[label])), set(map(repr, after[label]))
        if old != new:
            lines.append(
                f"{label}: {len(before[label])} -> {len(after[label])} rows; "
                f"gone {sorted(old - new, key=str)[:3]}; new or changed {sorted(new - old, key=str)[:3]}"
            )
    return "\n".join(lines)


@contextmanager
def assert_db_unchanged() -> Iterator[None]:
    before = db_state()
    yield
    after = db_state()
    assert before == after, "the database changed:\n" + describe_difference(before, after)


def assert_refused(
    call: Callable[[], Any],
    *,
    exception: type[BaseException] | tuple[type[BaseException], ...] = PermissionDenied,
    match: str | None = None,
) -> pytest.ExceptionInfo[BaseException]:
    """``call`` raises ``exception`` and leaves every stored record as it was."""
    with assert_db_unchanged(), pytest.raises(exception, match=match) as info:
        call()
    return info


def row_counts() -> dict[str, int]:
    return {label: len(rows) for label, rows in db_state().items()}
