"""Writes to the action log and meetings that carry rules of their own.

Each service checks permission, validates, writes and records its audit event in one transaction.
Plain record edits (organisations, bodies, items…) go through ``traction.core.services``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.core.services import record_create, record_update
from traction.governance import extensions
from traction.governance.models import (
    DUE_BEFORE_MEETING,
    Action,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Body,
    DueDateRevision,
    Meeting,
    MeetingStatus,
)

REASON_REQUIRED = "Say why the due date is changing."
SAME_DUE_DATE = "The new due date is the same as the current one."
CLOSED_STATUS_REQUIRED = "Choose done, dropped or superseded to close an action."
NOTHING_SELECTED = "Select at least one action."
REOPEN_FIRST = "This action is closed. Reopen it before changing its due date."
COMPLETED_IN_FUTURE = "The completion date cannot be in the future."
NO_ROWS = "Fill in at least one agenda item: its title, and its number as printed if it has one."
ALREADY_FIRST = "“{item}” is already first on the agenda."
ALREADY_LAST = "“{item}” is already last on the agenda."
UNKNOWN_MOVE = "Choose to move the item up or down."
MOVES = {"up": -1, "down": 1}
CANCELLED_NOT_HELD = "This meeting was cancelled. Change its status before recording it as held."


def _require_change(*, actor: Any, action: Action) -> None:
    policy.require(user=actor, partnership=action.partnership, action="change", object_type="action")


@transaction.atomic
def action_create(*, actor: Any, partnership: Partnership, data: dict[str, Any]) -> Action:
    """A new action; its first due date is kept as the original for ever."""
    data = dict(data)
    data.setdefault("original_due_date", data.get("due_date"))
    return record_create(actor=actor, partnership=partnership, model=Action, data=data)


@transaction.atomic
def action_revise_due(
    *, actor: Any, action: Action, new_due_date: datetime.date, reason: str
) -> DueDateRevision:
    _require_change(actor=actor, action=action)
    # Locked and read again: two revisions at once each record the date the other left.
    action = (
        Action.objects.select_for_update(of=("self",))
        .select_related("agenda_item__meeting")
        .get(pk=action.pk)
    )
    if action.status != ActionStatus.OPEN:
        raise ValidationError({"new_due_date": REOPEN_FIRST})
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    if new_due_date == action.due_date:
        raise ValidationError({"new_due_date": SAME_DUE_DATE})
    meeting_date = action.agenda_item.meeting.date if action.agenda_item else None
    if meeting_date and new_due_date < meeting_date:
        raise ValidationError({"new_due_date": DUE_BEFORE_MEETING})
    revision = DueDateRevision(
        partnership=action.partnership,
        action=action,
        previous_due_date=action.due_date,
        new_due_date=new_due_date,
        reason=reason.strip(),
        changed_by=actor if actor.is_authenticated else None,
    )
    revision.full_clean()
    revision.save()
    if action.original_due_date is None:
        action.original_due_date = new_due_date
    previous, action.due_date = action.due_date, new_due_date
    action.save(update_fields=["due_date", "original_due_date"])
    audit_record(
        actor=actor,
        partnership=action.partnership,
        verb="revised due date",
        instance=action,
        changes={
            "due_date": [str(previous) if previous else None, str(new_due_date)],
            "reason": reason.strip(),
        },
    )
    return revision


@transaction.atomic
def action_add_update(
    *, actor: Any, action: Action, note: str, on: datetime.date | None = None
) -> ActionUpdate:
    _require_change(actor=actor, action=action)
    update = ActionUpdate(
        partnership=action.partnership,
        action=action,
        note=note.strip(),
        author=actor if actor.is_authenticated else None,
    )
    if on is not None:
        update.on = on
    update.full_clean()
    update.save()
    audit_record(
        actor=actor,
        partnership=action.partnership,
        verb="added update",
        instance=action,
        changes={"update": [None, update.note], "on": [None, str(update.on)]},
    )
    return update


@transaction.atomic
def action_set_status(
    *, actor: Any, action: Action, status: str, completed_on: datetime.date | None = None, note: str = ""
) -> Action:
    """Close (done, dropped, superseded) or reopen an action; done needs a completion date."""
    _require_change(actor=actor, action=action)
    if status == ActionStatus.DONE and completed_on and completed_on > timezone.localdate():
        raise ValidationError({"completed_on": COMPLETED_IN_FUTURE})
    before = (action.status, action.completed_on)
    action.status = status
    action.completed_on = completed_on if status == ActionStatus.DONE else None
    action.full_clean()
    action.save(update_fields=["status", "completed_on"])
    audit_record(
        actor=actor,
        partnership=action.partnership,
        verb="set status",
        instance=action,
        changes={
            "status": [before[0], status],
            "completed_on": [
                str(before[1]) if before[1] else None,
                str(action.completed_on) if action.completed_on else None,
            ],
        },
    )
    if note.strip():
        action_add_update(actor=actor, action=action, note=note, on=completed_on)
    return action


@transaction.atomic
def action_bulk_update(
    *,
    actor: Any,
    partnership: Partnership,
    actions: Iterable[Action],
    status: str,
    completed_on: datetime.date | None = None,
    note: str = "",
) -> int:
    """The same status change and note on many actions; all of them or none."""
    policy.require(user=actor, partnership=partnership, action="change", object_type="action")
    chosen = list(actions)
    if not chosen:
        raise ValidationError(NOTHING_SELECTED)
    for action in chosen:
        if action.partnership_id != partnership.pk:
            raise ValidationError(policy.NOT_FOUND)
        action_set_status(actor=actor, action=action, status=status, completed_on=completed_on, note=note)
    return len(chosen)


@transaction.atomic
def meeting_mark_held(*, actor: Any, meeting: Meeting) -> int:
    """Record that a meeting took place; open actions already due by then are held over once more.

    Returns how many actions were held over.
    """
    policy.require(user=actor, partnership=meeting.partnership, action="change", object_type="meeting")
    if meeting.status == MeetingStatus.HELD:
        return 0
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(CANCELLED_NOT_HELD)
    previous, meeting.status = meeting.status, MeetingStatus.HELD
    meeting.save(update_fields=["status"])
    carried = Action.objects.filter(
        body=meeting.body, status=ActionStatus.OPEN, due_date__lte=meeting.date, created_at__lt=meeting.start
    )
    count = carried.update(held_over=F("held_over") + 1)
    audit_record(
        actor=actor,
        partnership=meeting.partnership,
        verb="marked held",
        instance=meeting,
        changes={"status": [previous, MeetingStatus.HELD], "actions held over": [None, count]},
    )
    return count


@transaction.atomic
def attendance_record(*, actor: Any, meeting: Meeting, statuses: dict[Any, str]) -> int:
    """Set who attended a meeting: {person: status}; a blank status removes that person's record.

    Returns how many records changed. One transaction and one audit event for the whole register.
    """
    policy.require(user=actor, partnership=meeting.partnership, action="change", object_type="meeting")
    existing = {a.person_id: a for a in Attendance.objects.filter(meeting=meeting)}
    changes: dict[str, list[Any]] = {}
    for person, status in statuses.items():
        current = existing.get(person.pk)
        before = current.status if current is not None else None
        if before == (status or None):
            continue
        if current is not None and not status:
            current.delete()
        elif current is not None:
            current.status = status
            current.full_clean()
            current.save(update_fields=["status"])
        else:
            record = Attendance(
                partnership=meeting.partnership, meeting=meeting, person=person, status=status
            )
            record.full_clean()
            record.save()
        changes[person.name] = [before, status or None]
    if changes:
        audit_record(
            actor=actor,
            partnership=meeting.partnership,
            verb="recorded attendance",
            instance=meeting,
            changes=changes,
        )
    return len(changes)


@transaction.atomic
def body_update(
    *, actor: Any, body: Body, data: dict[str, Any], seen: str | None = None, changed_on: Any = None
) -> Body:
    """A body edited through its form. When its "reports to" moves, the apps that keep reporting lines over
    time (``extensions.PARENT_CHANGED``) record the change as from ``changed_on`` (None: today)."""
    before = Body.objects.filter(pk=body.pk).values_list("parent", flat=True).first()
    updated = record_update(actor=actor, instance=body, data=data, seen=seen)
    if updated.parent_id != before:
        was = Body.objects.filter(pk=before).first() if before is not None else None
        for handler in extensions.PARENT_CHANGED:
            handler(actor=actor, body=updated, before=was, on=changed_on)
        updated.refresh_from_db()
    return updated


def _lock_agenda(meeting_id: int) -> list[AgendaItem]:
    """The meeting's items in agenda order, its row locked first: two secretaries adding or moving items at
    the same moment take their places one after the other."""
    list(Meeting.objects.select_for_update().filter(pk=meeting_id).values_list("pk", flat=True))
    return list(AgendaItem.objects.filter(meeting_id=meeting_id).order_by("order", "id"))


@transaction.atomic
def agendaitem_create_many(
    *, actor: Any, meeting: Meeting, rows: Sequence[Mapping[str, Any]]
) -> list[AgendaItem]:
    """Several items added to a meeting's agenda in one go, after the items already there and in the order
    given (their places come from that order, their numbers as printed from the rows); all of them or none."""
    policy.require(user=actor, partnership=meeting.partnership, action="add", object_type="agendaitem")
    if not rows:
        raise ValidationError(NO_ROWS)
    _lock_agenda(meeting.pk)
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("order"))["last"] or 0
    return [
        record_create(
            actor=actor,
            partnership=meeting.partnership,
            model=AgendaItem,
            data={**row, "meeting": meeting, "order": last + place},
        )
        for place, row in enumerate(rows, start=1)
    ]


def _distinct_places(orders: list[int]) -> list[int]:
    """The places the items hold, made distinct where two share one (an item moved past its twin must
    move)."""
    places: list[int] = []
    for order in sorted(orders):
        places.append(max(order, places[-1] + 1) if places else order)
    return places


@transaction.atomic
def agendaitem_move(*, actor: Any, item: AgendaItem, direction: str) -> AgendaItem:
    """Move an item one place up or down its meeting's agenda. The items keep the places they held, given out
    again in the new order; numbers as printed are left as they are. Each item whose place changes is
    audited."""
    policy.require(user=actor, partnership=item.partnership, action="change", object_type="agendaitem")
    if direction not in MOVES:
        raise ValidationError(UNKNOWN_MOVE)
    items = _lock_agenda(item.meeting_id)
    at = next(i for i, other in enumerate(items) if other.pk == item.pk)
    to = at + MOVES[direction]
    if not 0 <= to < len(items):
        raise ValidationError((ALREADY_FIRST if to < 0 else ALREADY_LAST).format(item=item))
    places = _distinct_places([other.order for other in items])
    items[at], items[to] = items[to], items[at]
    for other, place in zip(items, places, strict=True):
        if other.order != place:
            record_update(actor=actor, instance=other, data={"order": place})
    return AgendaItem.objects.get(pk=item.pk)
