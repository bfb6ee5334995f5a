"""Decisions and actions recorded in the governance record on behalf of a workflow object of another app.

An agreement round that closes records its decision; other workflows (gates, agreed principles, conditions,
engagement actions) will do the same. They all come through here, so each such record is written one way:

- permission from the policy table: whoever may ``change`` the workflow object may record, on its behalf,
  the object types ``policy.ON_BEHALF_OF`` lists for it (even without the right to add them directly);
- the records belong to the workflow object's partnership: a meeting or body of another is refused;
- each record stores the workflow object as its source (model, id, label, page), so it links back;
- each record is validated, saved and audited as created from the source, in one transaction with the
  caller's own writes: a failure anywhere leaves nothing behind.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from traction.core import policy
from traction.core.audit import audit_record, snapshot
from traction.core.models import SAME_PARTNERSHIP, TenantModel
from traction.governance.models import (
    Action,
    AgendaItem,
    Body,
    Meeting,
    Outcome,
    Person,
    Purpose,
    WorkflowSourced,
)

R = TypeVar("R", bound=WorkflowSourced)
SOURCE_FIELDS = frozenset({"source_model", "source_pk", "source_label", "source_url"})
NO_RESOLUTION = "Write down what was agreed."


@dataclass(frozen=True)
class ActionSpec:
    """One action to record: what is to be done, by when, and where it came from within the workflow."""

    text: str
    due_date: datetime.date | None = None
    provenance: Mapping[str, Any] = field(default_factory=dict)
    lead: Person | None = None  # who holds it, when the workflow names them (a gate condition's owner)


def source_of(source: TenantModel, *, url: str = "") -> dict[str, str | None]:
    """The source fields naming a workflow object: "workshop.agreementround", its id, a label, its page."""
    meta = source._meta
    return {
        "source_model": f"{meta.app_label}.{meta.model_name}",
        "source_pk": str(source.pk),
        "source_label": f"{meta.verbose_name} {source.pk}: {source}"[:300],
        "source_url": url[:500] or None,
    }


def _same_partnership(source: TenantModel, name: str, record: TenantModel) -> None:
    if record.partnership_id != source.partnership_id:
        raise ValidationError({name: SAME_PARTNERSHIP})


def _record(actor: Any, source: TenantModel, url: str, model: type[R], data: dict[str, Any]) -> R:
    """One record written for the source: validated, saved and audited as created from it."""
    origin = source_of(source, url=url)
    instance = model(partnership=source.partnership, **data, **origin)
    instance.full_clean()
    instance.save()
    fields = {
        k: v for k, v in snapshot(instance).items() if k not in SOURCE_FIELDS and v not in (None, "", {})
    }
    audit_record(
        actor=actor,
        partnership=source.partnership,
        verb="created",
        instance=instance,
        changes={**{k: [None, v] for k, v in fields.items()}, "from": [None, origin["source_label"]]},
    )
    return instance


def _actions(
    actor: Any,
    source: TenantModel,
    url: str,
    body: Body,
    item: AgendaItem | None,
    actions: Sequence[ActionSpec],
) -> list[Action]:
    return [
        _record(
            actor,
            source,
            url,
            Action,
            {
                "body": body,
                "agenda_item": item,
                "text": spec.text,
                "due_date": spec.due_date,
                "original_due_date": spec.due_date,
                "provenance": dict(spec.provenance),
                "lead": spec.lead,
            },
        )
        for spec in actions
    ]


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    source: TenantModel,
    meeting: Meeting,
    title: str,
    resolution: str,
    provenance: Mapping[str, Any] | None = None,
    actions: Sequence[ActionSpec] = (),
    url: str = "",
) -> AgendaItem:
    """A decided agenda item at the end of ``meeting``'s agenda, with its actions, recorded for ``source``."""
    policy.require_on_behalf(user=actor, source=source, object_type="agendaitem")
    if actions:
        policy.require_on_behalf(user=actor, source=source, object_type="action")
    _same_partnership(source, "meeting", meeting)
    if not resolution.strip():
        raise ValidationError({"resolution": NO_RESOLUTION})
    order = (meeting.items.aggregate(m=models.Max("order"))["m"] or 0) + 1
    item = _record(
        actor,
        source,
        url,
        AgendaItem,
        {
            "meeting": meeting,
            "order": order,
            "title": title[:500],
            "purpose": Purpose.DECISION,
            "outcome": Outcome.DECIDED,
            "resolution": resolution.strip(),
            "provenance": dict(provenance or {}),
        },
    )
    _actions(actor, source, url, meeting.body, item, actions)
    return item


@transaction.atomic
def actions_record(
    *, actor: Any, source: TenantModel, body: Body, actions: Sequence[ActionSpec], url: str = ""
) -> list[Action]:
    """Actions for ``body`` recorded for ``source`` without a decision (a round's follow-ups, a condition)."""
    policy.require_on_behalf(user=actor, source=source, object_type="action")
    _same_partnership(source, "body", body)
    return _actions(actor, source, url, body, None, actions)
