"""Writes of dated reporting lines: each one transaction, permission checked and audited (through
``traction.core.services``), refused with a plain message and nothing written when a rule is broken.

A change of line at a date closes the line in effect then (its end becomes that date) and opens the new one,
running until the body's next recorded line or open. The record's ``Body.parent`` follows the line in effect
today, so the governance pages say what the body reports to now.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from traction.core import policy
from traction.core import services as core
from traction.core.models import Partnership
from traction.governance.models import Body
from traction_analysis.stakeholders import structures as pure

from ..models.structures import BodyHistory, ReportingLine
from .structures import _in_range, _only

LINE_FIELDS = ("reports_to", "starts_on", "ends_on", "note")
SAME_LINE = "{body} already reports to {target} on that date."
NO_LINE_TO_END = "{body} reports to no body on that date: choose the body it reports to from then."


def lives_of(partnership: Partnership) -> list[pure.BodyLife]:
    """Every body of the partnership with its life (not filtered by user: the rules look at them all)."""
    histories = {h.body_id: h for h in BodyHistory.objects.filter(partnership=partnership)}
    return [life_of(b, histories.get(b.pk)) for b in Body.objects.filter(partnership=partnership)]


def life_of(body: Body, history: BodyHistory | None) -> pure.BodyLife:
    return pure.BodyLife(
        id=body.pk,
        name=body.name,
        parent_id=body.parent_id,
        established=history.established_on if history else None,
        abolished=history.abolished_on if history else None,
        replaced_by=history.replaced_by_id if history else None,
        localities=tuple(loc.name for loc in history.localities.all()) if history else (),
    )


def line_of(line: ReportingLine) -> pure.Line:
    return pure.Line(
        body=line.body_id, reports_to=line.reports_to_id, start=line.starts_on, end=line.ends_on, id=line.pk
    )


def _lines(partnership: Partnership, *, exclude: int | None = None) -> list[pure.Line]:
    rows = ReportingLine.objects.filter(partnership=partnership)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    return [line_of(r) for r in rows]


def _check(partnership: Partnership, line: pure.Line, others: list[pure.Line]) -> None:
    _in_range(starts_on=line.start, ends_on=line.end)
    errors = pure.line_errors(line=line, bodies=lives_of(partnership), others=others)
    if errors:
        raise ValidationError(errors)


def _sync_parent(actor: Any, body: Body) -> None:
    """Set the record's "reports to" to the line in effect today (none when the body's lines leave today
    uncovered); an abolished body's record is left as it was."""
    body.refresh_from_db()
    today = timezone.localdate()
    history = BodyHistory.objects.filter(body=body).first()
    if history and history.abolished_on and history.abolished_on <= today:
        return
    life = pure.BodyLife(id=body.pk, name=body.name, parent_id=body.parent_id)
    now = pure.parent_at(life, _lines(body.partnership), today)
    if now != body.parent_id:
        parent = Body.objects.get(pk=now) if now is not None else None
        core.record_update(actor=actor, instance=body, data={"parent": parent})


def _target(partnership: Partnership, value: Any) -> Body | None:
    if value is None or value == "":
        return None
    pk = getattr(value, "pk", value)
    found = Body.objects.filter(partnership=partnership, pk=pk).first()
    if found is None:
        raise ValidationError({"reports_to": "Choose a body of this partnership."})
    return found


@transaction.atomic
def reporting_line_change(
    *,
    actor: Any,
    body: Body,
    reports_to: Body | None,
    on: datetime.date,
    note: str = "",
    parent_before: Body | None = None,
) -> ReportingLine | None:
    """From ``on``, ``body`` reports to ``reports_to`` (None: to no body). The line in effect on ``on`` ends
    then; a body with no dated line first gets one for its record's parent (``parent_before`` when the
    record has already moved), from its beginning until ``on``. Returns the new line, if any."""
    policy.require_write(user=actor, partnership=body.partnership, action="add", model=ReportingLine)
    _in_range(on=on)
    target = _target(body.partnership, reports_to)
    own = list(ReportingLine.objects.filter(body=body).select_for_update())
    if not own:
        held = parent_before if parent_before is not None else body.parent
        if held is not None and target is not None and held.pk == target.pk:
            raise ValidationError(SAME_LINE.format(body=body.name, target=target.name))
        own = _first_line(actor, body, held, on)
    current = next((r for r in own if pure.line_covers(line_of(r), on)), None)
    if current is not None and target is not None and current.reports_to_id == target.pk:
        raise ValidationError(SAME_LINE.format(body=body.name, target=target.name))
    if current is None and target is None and not own:
        raise ValidationError(NO_LINE_TO_END.format(body=body.name))
    later = [r.starts_on for r in own if r.starts_on and r.starts_on > on]
    if current is not None:
        _end_at(actor, current, on)
    new = None
    if target is not None:
        new = _create(actor, body, target, on, min(later, default=None), note)
    _sync_parent(actor, body)
    return new


def _first_line(actor: Any, body: Body, parent: Body | None, on: datetime.date) -> list[ReportingLine]:
    """The line the record held before any dated one: from the body's beginning (its established date, or
    unbounded) until ``on``, or until its parent was abolished if that came first."""
    if parent is None:
        return []
    history = BodyHistory.objects.filter(body=body).first()
    start = history.established_on if history else None
    gone = BodyHistory.objects.filter(body=parent).values_list("abolished_on", flat=True).first()
    end = min(on, gone) if gone else on
    if start is not None and start >= end:
        return []
    return [_create(actor, body, parent, start, end, "The line the record held before it was dated.")]


def _end_at(actor: Any, line: ReportingLine, on: datetime.date) -> None:
    if line.starts_on is not None and line.starts_on >= on:
        core.record_delete(actor=actor, instance=line)  # replaced on the day it began
    else:
        core.record_update(actor=actor, instance=line, data={"ends_on": on})


def _create(
    actor: Any, body: Body, target: Body, start: datetime.date | None, end: datetime.date | None, note: str
) -> ReportingLine:
    line = pure.Line(body=body.pk, reports_to=target.pk, start=start, end=end)
    _check(body.partnership, line, _lines(body.partnership))
    data = {"body": body, "reports_to": target, "starts_on": start, "ends_on": end, "note": note}
    return core.record_create(actor=actor, partnership=body.partnership, model=ReportingLine, data=data)


@transaction.atomic
def reporting_line_update(
    *, actor: Any, line: ReportingLine, data: Mapping[str, Any], seen: str | None = None
) -> ReportingLine:
    """Correct a line's target, dates or note; checked against every other line as a new one would be."""
    policy.require_write(user=actor, partnership=line.partnership, action="change", model=ReportingLine)
    clean = _only(data, LINE_FIELDS, "ReportingLine")
    merged = {"reports_to": line.reports_to, "starts_on": line.starts_on, "ends_on": line.ends_on, **clean}
    target = _target(line.partnership, merged["reports_to"])
    if target is None:
        raise ValidationError({"reports_to": "Choose the body it reports to."})
    candidate = pure.Line(line.body_id, target.pk, merged["starts_on"], merged["ends_on"], line.pk)
    _check(line.partnership, candidate, _lines(line.partnership, exclude=line.pk))
    updated = core.record_update(actor=actor, instance=line, data=clean, seen=seen)
    _sync_parent(actor, updated.body)
    return updated


def parent_changed(*, actor: Any, body: Body, before: Body | None, on: datetime.date | None) -> None:
    """The governance body form moved the record's "reports to": keep the old line as history and date the
    new one ``on`` (today when not given)."""
    reporting_line_change(
        actor=actor, body=body, reports_to=body.parent, on=on or timezone.localdate(), parent_before=before
    )
