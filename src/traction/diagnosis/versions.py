"""The partnership's record version, and the diagnosis pages cached under it.

``Partnership.record_version`` takes a new random value, in the same transaction, whenever a row the
diagnosis reads is saved or deleted (bodies, meetings, items, papers, actions, topics, thresholds) and
whenever any audited write happens (the services' bulk updates, and the partnership-wide findings that
other parts of the product contribute). A page computed from the record is cached under the version the
request read first, so a change is never served stale: the next request reads the new version, misses and
computes afresh. A random value rather than a counter: a backup restored with its version brings back the
very record that version was computed from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
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


def record_changed(*, partnership_id: int | None) -> None:
    if partnership_id is not None:
        Partnership.objects.filter(pk=partnership_id).update(record_version=new_record_version())


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
