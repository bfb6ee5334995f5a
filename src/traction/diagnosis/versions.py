"""The partnership's record version, and the diagnosis pages cached under it.

``Partnership.record_version`` takes a new random value, once the transaction commits, whenever a row the
diagnosis reads is saved or deleted (bodies, meetings, items, papers, actions, topics, thresholds) and
whenever any audited write happens (the services' bulk updates, and the partnership-wide findings that
other parts of the product contribute). A page computed from the record is cached under the version the
request read first, so a change is never served stale: the next request reads the new version, misses and
computes afresh. The version is read before the record and changes only after the record is committed,
so a page computed from the old record is never kept under the new version. Changing it after the commit,
in a statement of its own, keeps the partnership's row out of every writing transaction: a long import
and a secretary's edit do not queue on it, and no two writers can deadlock over it. A random value rather
than a counter: a backup restored with its version brings back the very record that version was computed
from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from traction.core.models import AuditEvent, Partnership, new_record_version
from traction.diagnosis.models import DiagnosisSettings
from traction.governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Body,
    DueDateRevision,
    Meeting,
    Paper,
    TopicConfirmation,
)

T = TypeVar("T")
CACHE_SECONDS = 24 * 3600  # a version changes with the record; this only lets unused entries go
RECORD_MODELS: tuple[type[Any], ...] = (
    Body,
    Meeting,
    Attendance,
    AgendaItem,
    Paper,
    Action,
    ActionUpdate,
    DueDateRevision,
    TopicConfirmation,
    DiagnosisSettings,
    AuditEvent,
)


class _NewVersion:
    """The commit callback that gives a partnership a new version (once: ``done`` after it has run)."""

    def __init__(self, partnership_id: int) -> None:
        self.partnership_id = partnership_id
        self.done = False

    def __call__(self) -> None:
        self.done = True
        Partnership.objects.filter(pk=self.partnership_id).update(record_version=new_record_version())


def record_changed(*, partnership_id: int | None) -> None:
    """A new version for the partnership when the current transaction commits (at once outside one); once
    per transaction however many rows it writes. A change in a savepoint that is rolled back takes its
    callback with it, and the next change registers another."""
    if partnership_id is None:
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, callback, *_ in connection.run_on_commit:
            if (
                isinstance(callback, _NewVersion)
                and callback.partnership_id == partnership_id
                and not callback.done
            ):
                return
    transaction.on_commit(_NewVersion(partnership_id))


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    record_changed(partnership_id=getattr(instance, "partnership_id", None))


def connect() -> None:
    """Called once when the app is ready."""
    for model in RECORD_MODELS:
        post_save.connect(_changed, sender=model, dispatch_uid=f"record-version-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"record-version-delete-{model.__name__}")
    m2m_changed.connect(_changed, sender=AgendaItem.papers.through, dispatch_uid="record-version-papers")


def cached(*, partnership: Partnership, parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``, kept under the partnership's record version as read at the start of the request and
    ``parts`` (everything else the result depends on: the page, the query, the day, the reader's role)."""
    raw = repr(("diagnosis", partnership.pk, partnership.record_version, *parts))
    key = "diagnosis:" + hashlib.sha256(raw.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found
