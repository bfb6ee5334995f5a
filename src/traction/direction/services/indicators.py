"""Writes for indicators and their values: one transaction each, audited.

Values come three ways — typed into the indicator's upload form as a CSV file, pulled from OHID Fingertips
(the page queues a background task; ``traction fingertips pull`` runs it at once), or loaded by the demo
through the same Fingertips parser — and all are written by :func:`values_store`: keyed by area and period,
a value that has not changed is not touched, so the same rows twice change nothing and leave no audit
event. Any write of values is a change to the indicator (``policy.CHILD_TYPES``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.core.services import record_create, record_update
from traction_analysis.direction import fingertips, values

from ..models import FingertipsSnapshot, Indicator, IndicatorValue, Source

NOT_FINGERTIPS = "Only an indicator whose source is OHID Fingertips can be pulled from Fingertips."
NO_AREA = "Fingertips' answer has no values for the area {area}: nothing was changed."
FIELDS = ("value", "lower_ci", "upper_ci", "count", "denominator", "note", "period_order")


class PullFailed(Exception):
    """Fingertips could not be reached or sent something we cannot read; one plain sentence."""


def _require(actor: Any, indicator: Indicator, action: str, model: type[Any]) -> None:
    """``actor=None`` is the operator at the command line (``traction fingertips pull``), who may pull into
    any partnership; everyone else goes through the permission table."""
    if actor is not None:
        policy.require_write(user=actor, partnership=indicator.partnership, action=action, model=model)


@dataclass(frozen=True)
class Stored:
    created: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def written(self) -> int:
        return self.created + self.changed

    def __str__(self) -> str:
        if not self.written:
            return f"unchanged ({self.unchanged} values)"
        return f"{self.created} values added, {self.changed} changed, {self.unchanged} unchanged"


@transaction.atomic
def indicator_create(*, actor: Any, partnership: Partnership, data: dict[str, Any]) -> Indicator:
    return record_create(actor=actor, partnership=partnership, model=Indicator, data=data)


@transaction.atomic
def indicator_update(
    *, actor: Any, indicator: Indicator, data: dict[str, Any], seen: str | None = None
) -> Indicator:
    return record_update(actor=actor, instance=indicator, data=data, seen=seen)


# --- values -----------------------------------------------------------------------------------------------


def _own_area(indicator: Indicator, code: str) -> str:
    """Values of the indicator's own area are stored with a blank area code."""
    return "" if code in ("", indicator.area_code) else code


def _fields(row: Any) -> dict[str, Any]:
    return {name: getattr(row, name) for name in FIELDS}


@dataclass
class _Plan:
    new: list[IndicatorValue]
    changed: list[IndicatorValue]
    unchanged: int

    @property
    def stored(self) -> Stored:
        return Stored(len(self.new), len(self.changed), self.unchanged)


def _plan(indicator: Indicator, rows: Sequence[Any]) -> _Plan:
    """What writing ``rows`` would add and change (the indicator's values are locked meanwhile)."""
    existing = {(v.area_code, v.period): v for v in indicator.values.select_for_update()}
    plan = _Plan([], [], 0)
    for row in rows:
        key = (_own_area(indicator, row.area_code), row.period)
        fields = _fields(row)
        current = existing.get(key)
        if current is None:
            plan.new.append(
                IndicatorValue(
                    partnership=indicator.partnership,
                    indicator=indicator,
                    area_code=key[0],
                    period=key[1],
                    raw=row.raw,
                    **fields,
                )
            )
        elif any(getattr(current, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(current, name, value)
            current.raw = row.raw
            plan.changed.append(current)
        else:
            plan.unchanged += 1
    return plan


def _apply(
    actor: Any, indicator: Indicator, plan: _Plan, how: str, snapshot: FingertipsSnapshot | None
) -> Stored:
    for value in [*plan.new, *plan.changed]:
        value.snapshot = snapshot or value.snapshot
        value.full_clean(exclude=["indicator", "partnership", "snapshot"], validate_unique=False)
    IndicatorValue.objects.bulk_create(plan.new)
    IndicatorValue.objects.bulk_update(plan.changed, [*FIELDS, "raw", "snapshot"])
    stored = plan.stored
    if stored.written:
        audit_record(
            actor=actor,
            partnership=indicator.partnership,
            verb=how,
            instance=indicator,
            changes={"values": [None, str(stored)]},
        )
    return stored


@transaction.atomic
def values_store(
    *, actor: Any, indicator: Indicator, rows: Sequence[Any], how: str = "values uploaded"
) -> Stored:
    """Add or change ``rows`` (anything with area_code, period, raw and :data:`FIELDS`); the same rows again
    change nothing. One audit event on the indicator when anything was written."""
    _require(actor, indicator, "add", IndicatorValue)
    return _apply(actor, indicator, _plan(indicator, rows), how, None)


def _refusal(problems: list[str]) -> ValidationError:
    return ValidationError({"file": [ValidationError(p) for p in problems]})


@transaction.atomic
def values_upload(*, actor: Any, indicator: Indicator, data: bytes) -> Stored:
    """A CSV file of values, all or nothing: every bad row is named and nothing is written."""
    _require(actor, indicator, "add", IndicatorValue)
    try:
        rows = values.parse(data, own_area=indicator.area_code)
    except values.ValuesFileError as error:
        raise _refusal(error.problems) from error
    return values_store(actor=actor, indicator=indicator, rows=rows)


# --- Fingertips -------------------------------------------------------------------------------------------


def _wanted(indicator: Indicator, answer: fingertips.Answer) -> list[fingertips.Row]:
    codes = [indicator.area_code, indicator.benchmark_code]
    return [row for code in dict.fromkeys(c for c in codes if c) for row in answer.for_area(code)]


def _names(indicator: Indicator, answer: fingertips.Answer) -> dict[str, str]:
    found = {row.area_code: row for row in answer.rows}
    names = {}
    if indicator.area_code in found and not indicator.area_name:
        names["area_name"] = found[indicator.area_code].area_name
    if indicator.benchmark_code in found and not indicator.benchmark_name:
        names["benchmark_name"] = found[indicator.benchmark_code].area_name
    return names


@transaction.atomic
def fingertips_store(*, actor: Any, indicator: Indicator, url: str, text: str) -> Stored:
    """Store one Fingertips answer: its parsed rows for the indicator's area and benchmark, and the raw
    answer as a snapshot when any value changed. An answer we cannot read is refused and changes nothing."""
    _require(actor, indicator, "add", FingertipsSnapshot)
    if indicator.source != Source.FINGERTIPS or indicator.fingertips_id is None:
        raise ValidationError(NOT_FINGERTIPS)
    answer = fingertips.parse(text, indicator_id=indicator.fingertips_id)
    rows = _wanted(indicator, answer)
    if not rows:
        raise fingertips.FingertipsError(NO_AREA.format(area=indicator.area_code or "(none set)"))
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    plan = _plan(indicator, rows)
    if not plan.stored.written:
        return plan.stored
    snapshot = FingertipsSnapshot.objects.create(
        partnership=indicator.partnership,
        indicator=indicator,
        url=url,
        raw=text,
        rows=len(rows),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        changed=plan.stored.written,
        fetched_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    names = _names(indicator, answer)
    if names:  # the area names as Fingertips spells them, where none was typed
        changes = {name: [getattr(indicator, name), value] for name, value in names.items()}
        Indicator.objects.filter(pk=indicator.pk).update(**names)
        audit_record(
            actor=actor,
            partnership=indicator.partnership,
            verb="changed",
            instance=indicator,
            changes=changes,
        )
    return _apply(actor, indicator, plan, "pulled from Fingertips", snapshot)


def indicator_pull(
    *, actor: Any, indicator: Indicator, fetch: Callable[[str], str] | None = None, api: str | None = None
) -> Stored:
    """Fetch the indicator's Fingertips data and store it; :class:`PullFailed` (nothing changed) when the
    service cannot be reached or its answer cannot be read. The fetch happens outside any transaction."""
    _require(actor, indicator, "add", FingertipsSnapshot)
    if (
        indicator.source != Source.FINGERTIPS
        or indicator.fingertips_id is None
        or indicator.fingertips_area_type is None
    ):
        raise ValidationError(NOT_FINGERTIPS)
    url = fingertips.csv_url(
        indicator_id=indicator.fingertips_id,
        area_type=indicator.fingertips_area_type,
        api=api or fingertips.API,
    )
    try:
        text = (fetch or fingertips.fetch)(url)
        return fingertips_store(actor=actor, indicator=indicator, url=url, text=text)
    except fingertips.FingertipsError as error:
        _pull_failed(actor, indicator, str(error))
        raise PullFailed(str(error)) from error


PULL_FAILED = "Fingertips pull failed"  # selectors.indicators shows the latest on the indicator's page


def _pull_failed(actor: Any, indicator: Indicator, reason: str) -> None:
    """Say on the record that a pull failed and why (its values stay as they were)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            partnership=indicator.partnership,
            verb=PULL_FAILED,
            instance=indicator,
            changes={"reason": [None, reason]},
        )


def indicators_pull(
    *, actor: Any, indicators: Iterable[Indicator], api: str | None = None
) -> list[tuple[Indicator, Stored]]:
    """Several indicators that share one Fingertips address: one request, all stored or none (a failure for
    one leaves every one as it was)."""
    chosen = list(indicators)
    answers: dict[str, str] = {}

    def fetch_once(url: str) -> str:
        if url not in answers:
            answers[url] = fingertips.fetch(url)
        return answers[url]

    with transaction.atomic():
        return [(i, indicator_pull(actor=actor, indicator=i, fetch=fetch_once, api=api)) for i in chosen]


@transaction.atomic
def indicator_pull_queue(*, actor: Any, indicator: Indicator) -> Indicator:
    """Record that a pull was asked for (the page then queues the background task)."""
    _require(actor, indicator, "change", Indicator)
    if indicator.source != Source.FINGERTIPS or indicator.fingertips_id is None:
        raise ValidationError(NOT_FINGERTIPS)
    audit_record(
        actor=actor, partnership=indicator.partnership, verb="Fingertips pull queued", instance=indicator
    )
    return indicator
