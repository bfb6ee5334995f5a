"""Writes for whole-system events: one transaction each, audited, refused whole when any part is wrong.

Decisions and actions of an event are written through ``traction.governance.workflows`` on the event's
behalf: decisions at the event's meeting of the record, actions in its body's action log; both link back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import SAME_PARTNERSHIP, Partnership
from traction.core.services import record_create, record_delete, record_update
from traction.direction.models import Principle
from traction.governance.models import Action, AgendaItem, Person
from traction.governance.workflows import ActionSpec, actions_record, decision_record
from traction_analysis.programmes.tables import Guest, table_plan

from ..models.events import (
    DEFAULT_STAGES,
    TABLE_OF_OTHER_EVENT,
    AgendaStage,
    CommonGround,
    Event,
    EventGroup,
    EventTable,
    Invitation,
    InvitationStatus,
)

ALREADY_INVITED = "Already invited to this event: {names}. Nobody was added."
NOBODY_CHOSEN = "Choose at least one person to invite."
TABLE_FULL = "{table} is full ({capacity} seats). Nobody was moved."
NO_MEETING = (
    "Choose the event's meeting of the record (on the event's form) before recording decisions: the "
    "decisions are recorded at that meeting."
)
ALREADY_A_PRINCIPLE = "This statement is already the principle “{principle}”."
NO_ACTIONS = "Write at least one action, with its owner."


def event_url(event: Event) -> str:
    return reverse("programmes:event-detail", kwargs={"slug": event.partnership.slug, "pk": event.pk})


@transaction.atomic
def event_create(*, actor: Any, partnership: Partnership, data: dict[str, Any]) -> Event:
    """A new event, with the default five-stage agenda of a future-scenario day."""
    event = record_create(actor=actor, partnership=partnership, model=Event, data=data)
    for order, (title, minutes, notes) in enumerate(DEFAULT_STAGES, start=1):
        record_create(
            actor=actor,
            partnership=partnership,
            model=AgendaStage,
            data={"event": event, "order": order, "title": title, "minutes": minutes, "notes": notes},
        )
    return event


@transaction.atomic
def event_update(*, actor: Any, event: Event, data: dict[str, Any], seen: str | None = None) -> Event:
    return record_update(actor=actor, instance=event, data=data, seen=seen)


@transaction.atomic
def event_child_create(*, actor: Any, event: Event, model: type[Any], data: dict[str, Any]) -> Any:
    """A group, an agenda stage or a common-ground statement of ``event``."""
    return record_create(
        actor=actor, partnership=event.partnership, model=model, data={**data, "event": event}
    )


@transaction.atomic
def event_child_update(*, actor: Any, record: Any, data: dict[str, Any], seen: str | None = None) -> Any:
    """Change an agenda stage or a common-ground statement of an event."""
    return record_update(actor=actor, instance=record, data=data, seen=seen)


@transaction.atomic
def invitations_add(
    *, actor: Any, event: Event, group: EventGroup, people: Iterable[Person]
) -> list[Invitation]:
    """Invite ``people`` in ``group``; refused whole if any is of another partnership or already invited."""
    people = list(people)
    if not people:
        raise ValidationError({"people": NOBODY_CHOSEN})
    if any(p.partnership_id != event.partnership_id for p in people):
        raise ValidationError({"people": SAME_PARTNERSHIP})
    if group.event_id != event.pk:
        raise ValidationError({"group": "Choose a group of this event."})
    already = Invitation.objects.filter(event=event, person__in=people).select_related("person")
    if already:
        raise ValidationError(
            {"people": ALREADY_INVITED.format(names=", ".join(i.person.name for i in already))}
        )
    return [
        record_create(
            actor=actor,
            partnership=event.partnership,
            model=Invitation,
            data={"event": event, "person": p, "group": group},
        )
        for p in people
    ]


def _check_room(invitation: Invitation, table: EventTable | None) -> None:
    if table is None or table.pk == invitation.table_id:
        return
    if table.event_id != invitation.event_id:
        raise ValidationError({"table": TABLE_OF_OTHER_EVENT})
    if table.invitations.count() >= table.capacity:
        raise ValidationError({"table": TABLE_FULL.format(table=table, capacity=table.capacity)})


@transaction.atomic
def invitation_update(
    *, actor: Any, invitation: Invitation, data: dict[str, Any], seen: str | None = None
) -> Invitation:
    """Change an invitation's status, group or table (a move): the table must be this event's, with room."""
    if "table" in data:
        _check_room(invitation, data["table"])
    if data.get("status") == InvitationStatus.DECLINED:
        data = {**data, "table": None}  # who is not coming is not seated
    return record_update(actor=actor, instance=invitation, data=data, seen=seen)


@transaction.atomic
def table_plan_generate(
    *, actor: Any, event: Event, tables: int, capacity: int, seed: int = 0
) -> list[EventTable]:
    """Replace the event's tables with ``tables`` new ones and seat everyone coming by the mixing rule;
    refused (nothing changed) with the plain reason when no plan can keep the rule."""
    policy.require_write(user=actor, partnership=event.partnership, action="change", model=EventTable)
    coming = list(event.invitations.exclude(status=InvitationStatus.DECLINED).select_related("group"))
    plan = table_plan(
        [Guest(i.pk, i.group.name) for i in coming], tables=tables, capacity=capacity, seed=seed
    )
    if not plan.possible:
        raise ValidationError(plan.problem)
    for old in event.tables.all():
        record_delete(actor=actor, instance=old)
    made = []
    for number, keys in enumerate(plan.tables, start=1):
        table = event_child_create(
            actor=actor, event=event, model=EventTable, data={"number": number, "capacity": capacity}
        )
        Invitation.objects.filter(pk__in=list(keys)).update(table=table)
        made.append(table)
    audit_record(
        actor=actor,
        partnership=event.partnership,
        verb="changed",
        instance=event,
        changes={"table plan": [None, f"{len(coming)} people at {tables} tables (seed {seed})"]},
    )
    return made


@transaction.atomic
def commonground_make_principle(*, actor: Any, statement: CommonGround) -> Principle:
    """A draft shared principle from a common-ground statement (agreed later, with its decision)."""
    policy.require_write(user=actor, partnership=statement.partnership, action="change", model=CommonGround)
    if statement.principle_id is not None:
        raise ValidationError(ALREADY_A_PRINCIPLE.format(principle=statement.principle))
    title = statement.text.strip().split("\n")[0][:200]
    principle = record_create(
        actor=actor,
        partnership=statement.partnership,
        model=Principle,
        data={"title": title, "text": f"{statement.text}\n\nCommon ground at {statement.event}."},
    )
    record_update(actor=actor, instance=statement, data={"principle": principle})
    return principle


@transaction.atomic
def event_decision_record(
    *, actor: Any, event: Event, title: str, resolution: str, actions: Sequence[ActionSpec] = ()
) -> AgendaItem:
    """A decision of the event, with its actions, at the event's meeting of the record."""
    if event.meeting is None:
        raise ValidationError(NO_MEETING)
    return decision_record(
        actor=actor,
        source=event,
        meeting=event.meeting,
        title=title,
        resolution=resolution,
        actions=actions,
        provenance={"event": event.title, "date": event.date.isoformat()},
        url=event_url(event),
    )


@transaction.atomic
def event_actions_record(*, actor: Any, event: Event, actions: Sequence[ActionSpec]) -> list[Action]:
    """Actions with owners from the event, in its body's action log."""
    if not actions:
        raise ValidationError(NO_ACTIONS)
    for spec in actions:
        if spec.lead is not None and spec.lead.partnership_id != event.partnership_id:
            raise ValidationError({"lead": SAME_PARTNERSHIP})
    return actions_record(actor=actor, source=event, body=event.body, actions=actions, url=event_url(event))
