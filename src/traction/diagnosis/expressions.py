"""Portable SQL pieces the diagnosis queries share: id lists, day differences, topic keys, owners."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Aggregate, DateField, Func, IntegerField, Q, TextField, Value
from django.db.models.functions import Coalesce, Length, Trim
from django.db.models.lookups import GreaterThan
from django.utils import timezone


class IdList(Aggregate):
    """The group's values as one column: ``ARRAY_AGG`` on PostgreSQL, ``GROUP_CONCAT`` on SQLite.

    Read it back with :func:`ints`. Order is not kept; every caller sorts or counts.
    """

    function = "GROUP_CONCAT"
    name = "IdList"
    output_field = TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="ARRAY_AGG", **extra)


def ints(value: object) -> list[int]:
    """An :class:`IdList` column as integers (``None`` when the group had no value)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [int(part) for part in value.split(",")]
    assert isinstance(value, list)
    return [int(part) for part in value]


class DaysBetween(Func):
    """``later - earlier`` in whole days, for two date expressions."""

    output_field = IntegerField()
    template = "CAST(JULIANDAY(%(expressions)s) AS INTEGER)"
    arg_joiner = ") - JULIANDAY("

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)


def a_date(day: datetime.date) -> Value:
    return Value(day, output_field=DateField())


def local_midnight(day: datetime.date) -> datetime.datetime:
    """The first instant of ``day`` in the current time zone: a meeting whose local date is ``day`` or
    later starts at or after it. Comparing instants keeps the (body, start) index usable."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


def nonblank(field: str) -> GreaterThan:
    """The text field has something besides spaces (NULL, from an empty outer join, counts as blank)."""
    return GreaterThan(Coalesce(Length(Trim(field)), 0), 0)


def topic_key(prefix: str = "") -> Trim:
    """An item's topic as ``ItemRecord.topic_key`` reads it: trimmed; blank is no topic (topics are slugs,
    so the spaces that SQL ``TRIM`` removes are the only blanks there can be)."""
    return Trim(f"{prefix}topic")


def has_topic(prefix: str = "") -> Q:
    return Q(nonblank(f"{prefix}topic"))


def has_owner() -> Q:
    """A lead person or a lead organisation with a non-blank name (``ActionRecord.has_owner``)."""
    return Q(nonblank("lead__name")) | Q(nonblank("lead_organisation__name"))
