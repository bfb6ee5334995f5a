"""The action log: what each held meeting asked for, who leads it, and how it went since."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from traction.governance.demo import wording
from traction.governance.models import (
    Action,
    ActionStatus,
    ActionUpdate,
    DueDateRevision,
    Organisation,
    Person,
)

# Chance that an item with this outcome gives rise to an action.
ACTION_CHANCE = {"decided": 0.85, "noted": 0.5, "deferred": 0.6, "referred": 0.5, "unclear": 0.5}
DUE_AFTER_DAYS = (14, 21, 28, 28, 42, 56, 56, 90)
STANDING_ITEM_FACTOR = 0.3  # a standing report rarely leads to an action
TIMED_PHRASES = ("next meeting", "deadline", "before it returns")  # already say when


@dataclass
class ActionPlan:
    action: Action
    revisions: list[DueDateRevision] = field(default_factory=list)
    updates: list[ActionUpdate] = field(default_factory=list)


@dataclass(frozen=True)
class ItemContext:
    """What an action needs to know about the item and meeting that set it."""

    item: Any  # AgendaItem, saved
    body: Any  # Body, saved
    noun: str
    subject: str
    other: str  # name of the body a referred item went to
    minute_reference: str
    standing: bool
    held_dates: Sequence[datetime.date]  # every held meeting of the body


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


def _end_of_month(day: datetime.date) -> datetime.date:
    following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


class ActionWriter:
    def __init__(
        self,
        *,
        partnership: Any,
        rng: random.Random,
        today: datetime.date,
        leads: dict[int, list[Person]],
        editors: list[Any],
    ) -> None:
        self.partnership, self.rng, self.today = partnership, rng, today
        self.leads, self.editors = leads, editors

    def for_item(self, context: ItemContext) -> list[ActionPlan]:
        outcome = context.item.outcome
        chance = ACTION_CHANCE.get(outcome, 0) * (STANDING_ITEM_FACTOR if context.standing else 1)
        if self.rng.random() >= chance:
            return []
        count = 2 if outcome == "decided" and self.rng.random() < 0.4 else 1
        phrases = self.rng.sample(wording.ACTIONS[outcome], k=min(count, len(wording.ACTIONS[outcome])))
        return [self._plan(context, phrase) for phrase in phrases]

    def _owner(self, body_id: int) -> tuple[Person | None, Organisation | None]:
        """Usually a named member of the body; now and then only their organisation, or nobody."""
        roll, lead = self.rng.random(), self.rng.choice(self.leads[body_id])
        if roll < 0.05:
            return None, None
        if roll < 0.11:
            return None, lead.organisation
        return lead, lead.organisation

    def _due(self, meeting_date: datetime.date) -> datetime.date | None:
        if self.rng.random() < 0.07:
            return None
        due = meeting_date + datetime.timedelta(days=self.rng.choice(DUE_AFTER_DAYS))
        return _end_of_month(due) if self.rng.random() < 0.4 else due

    def _text(
        self,
        context: ItemContext,
        phrase: str,
        lead: Person | None,
        org: Organisation | None,
        due: datetime.date | None,
    ) -> str:
        body = phrase.format(subject=context.subject, noun=context.noun, other=context.other)
        owner = lead.name if lead else org.name if org else ""
        text = f"{owner} to {body}" if owner else body[0].upper() + body[1:]
        if due is None or any(words in body for words in TIMED_PHRASES):
            return f"{text}."
        return f"{text} by {due.day} {due:%B %Y}."

    def _plan(self, context: ItemContext, phrase: str) -> ActionPlan:
        meeting = context.item.meeting
        lead, org = self._owner(context.body.pk)
        due = self._due(meeting.date)
        action = Action(
            partnership=self.partnership,
            body=context.body,
            agenda_item=context.item,
            minute_reference=context.minute_reference,
            lead=lead,
            lead_organisation=org,
            text=self._text(context, phrase, lead, org, due),
            original_due_date=due,
            due_date=due,
            created_at=meeting.start,
        )
        plan = ActionPlan(action)
        self._revise(plan, meeting.date)
        self._settle(plan, meeting.date)
        action.held_over = self._held_over(action, meeting.date, context.held_dates)
        self._note(plan, meeting.date)
        return plan

    def _revise(self, plan: ActionPlan, meeting_date: datetime.date) -> None:
        """Some actions that fell due had their date moved, once or twice, each time with a reason."""
        action = plan.action
        if action.due_date is None or action.due_date >= self.today or self.rng.random() > 0.4:
            return
        for _ in range(self.rng.choice((1, 1, 2))):
            changed_on = max(meeting_date, action.due_date - datetime.timedelta(days=self.rng.randint(0, 10)))
            if changed_on > self.today:
                return
            new_due = action.due_date + datetime.timedelta(days=self.rng.choice((21, 28, 42, 56, 84)))
            plan.revisions.append(
                DueDateRevision(
                    partnership=self.partnership,
                    action=action,
                    previous_due_date=action.due_date,
                    new_due_date=new_due,
                    reason=self.rng.choice(wording.REVISION_REASONS),
                    changed_by=self.rng.choice(self.editors),
                    changed_at=_at(changed_on),
                )
            )
            action.due_date = new_due
            if new_due >= self.today:
                return

    def _closed_on(self, start: datetime.date, end: datetime.date) -> datetime.date:
        end = min(max(end, start + datetime.timedelta(days=1)), self.today)
        start = min(start + datetime.timedelta(days=1), end)
        return start + datetime.timedelta(days=self.rng.randint(0, (end - start).days))

    def _settle(self, plan: ActionPlan, meeting_date: datetime.date) -> None:
        """Status from how far the due date lies behind today."""
        action, roll = plan.action, self.rng.random()
        reference = action.due_date or meeting_date + datetime.timedelta(days=60)
        if reference >= self.today:
            if roll < 0.15 and meeting_date < self.today:
                action.status = ActionStatus.DONE
                action.completed_on = self._closed_on(meeting_date, self.today)
            return
        if roll < 0.55:
            action.status = ActionStatus.DONE
            late = reference + datetime.timedelta(days=self.rng.randint(-20, 25))
            action.completed_on = self._closed_on(meeting_date, late)
        elif roll < 0.63:
            action.status = ActionStatus.DROPPED
        elif roll < 0.70:
            action.status = ActionStatus.SUPERSEDED

    def _held_over(
        self, action: Action, meeting_date: datetime.date, held_dates: Sequence[datetime.date]
    ) -> int:
        """Meetings held while the action was open and already due (as ``meeting_mark_held`` counts)."""
        if action.due_date is None:
            return 0
        until = {ActionStatus.OPEN: self.today, ActionStatus.DONE: action.completed_on or self.today}.get(
            ActionStatus(action.status), action.due_date + datetime.timedelta(days=60)
        )
        return sum(1 for day in held_dates if meeting_date < day and action.due_date <= day and day < until)

    def _note(self, plan: ActionPlan, meeting_date: datetime.date) -> None:
        action = plan.action
        end = action.completed_on or self.today
        if action.status in (ActionStatus.DROPPED, ActionStatus.SUPERSEDED):
            end = min(self.today, (action.due_date or meeting_date) + datetime.timedelta(days=30))
        overdue = (
            action.status == ActionStatus.OPEN
            and action.due_date is not None
            and action.due_date < self.today
        )
        chance = 0.6 if overdue or action.status != ActionStatus.OPEN else 0.25
        if end <= meeting_date + datetime.timedelta(days=7) or self.rng.random() > chance:
            return
        for _ in range(self.rng.choice((1, 1, 2))):
            self._add_update(
                plan,
                meeting_date + datetime.timedelta(days=self.rng.randint(7, (end - meeting_date).days)),
                self.rng.choice(wording.UPDATES_OPEN),
            )
        closing = {ActionStatus.DONE: wording.UPDATES_DONE}.get(
            ActionStatus(action.status), wording.UPDATES_CLOSED
        )
        if action.status != ActionStatus.OPEN:
            self._add_update(plan, action.completed_on or end, self.rng.choice(closing))

    def _add_update(self, plan: ActionPlan, on: datetime.date, note: str) -> None:
        plan.updates.append(
            ActionUpdate(
                partnership=self.partnership,
                action=plan.action,
                on=on,
                note=note,
                author=self.rng.choice(self.editors),
            )
        )
