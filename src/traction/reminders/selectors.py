"""What reminder emails hold and whom they go to. The worker reads these without a signed-in user: every
query is scoped to one partnership, and an action reaches only the mail of the person who leads it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from traction.core import policy
from traction.core.models import Partnership, Role
from traction.governance.models import Action, ActionStatus, Body, Meeting, MeetingStatus, Person
from traction.governance.selectors import oldest_minute_first
from traction.reminders.models import PackMailing, ReminderKind, ReminderSettings, SentReminder, pack_key


@dataclass(frozen=True)
class OwnerDigest:
    """One person's reminder: their open actions already overdue and those due within the window."""

    person: Person
    overdue: list[Action]
    due_soon: list[Action]
    today: datetime.date
    horizon: datetime.date

    @property
    def actions(self) -> list[Action]:
        return [*self.overdue, *self.due_soon]


def reminder_settings_of(*, partnership: Partnership) -> ReminderSettings:
    """The stored settings, or (unsaved) the defaults: reminders off."""
    found = ReminderSettings.objects.filter(partnership=partnership).first()
    return found or ReminderSettings(partnership=partnership)


def reminder_settings_for(*, user: Any, partnership: Partnership) -> ReminderSettings:
    """The settings for the settings page: refused unless the role may view them."""
    policy.require(user=user, partnership=partnership, action="view", object_type="remindersettings")
    return reminder_settings_of(partnership=partnership)


def sent_reminders_for(*, user: Any, partnership: Partnership, limit: int = 50) -> list[SentReminder]:
    """The latest reminder emails of the partnership (the settings page's log)."""
    sent = policy.permitted(user=user, partnership=partnership, action="view", model=SentReminder)
    return list(sent.select_related("person").order_by("-claimed_at", "-id")[:limit])


def reminder_recipients(*, partnership: Partnership) -> QuerySet[Person]:
    """People of the partnership with an email address who have not opted out."""
    return (
        Person.objects.filter(partnership=partnership)
        .exclude(email="")
        .filter(reminder_opt_out__isnull=True)
        .order_by("name", "pk")
    )


def owner_digests(*, partnership: Partnership, today: datetime.date, days_ahead: int) -> list[OwnerDigest]:
    """A digest for every recipient who leads an open action that is overdue or due within ``days_ahead``."""
    horizon = today + datetime.timedelta(days=days_ahead)
    actions = (
        Action.objects.filter(partnership=partnership, status=ActionStatus.OPEN, due_date__lte=horizon)
        .filter(lead__in=reminder_recipients(partnership=partnership))
        .select_related("body", "lead", "agenda_item__meeting__body")
        .order_by("due_date", "id")
    )
    by_person: dict[int, list[Action]] = {}
    people: dict[int, Person] = {}
    for action in actions:
        assert action.lead is not None
        people[action.lead.pk] = action.lead
        by_person.setdefault(action.lead.pk, []).append(action)
    return [
        OwnerDigest(
            person=people[pk],
            overdue=[a for a in mine if a.due_date is not None and a.due_date < today],
            due_soon=[a for a in mine if a.due_date is not None and a.due_date >= today],
            today=today,
            horizon=horizon,
        )
        for pk, mine in sorted(by_person.items(), key=lambda kv: (people[kv[0]].name, kv[0]))
    ]


@dataclass(frozen=True)
class BodyOwed:
    """A body's open actions: how many, which are overdue and which are due within the window."""

    body: Body
    open_count: int
    overdue: list[Action]
    due_soon: list[Action]


@dataclass(frozen=True)
class OwedSummary:
    """The secretaries' weekly summary: what is owed to each body of the partnership."""

    person: Person
    bodies: list[BodyOwed]
    today: datetime.date
    horizon: datetime.date

    @property
    def actions(self) -> list[Action]:
        return [action for owed in self.bodies for action in (*owed.overdue, *owed.due_soon)]


def secretary_recipients(*, partnership: Partnership) -> QuerySet[Person]:
    """The reminder recipients whose account is a secretary of the partnership."""
    return reminder_recipients(partnership=partnership).filter(
        user__memberships__partnership=partnership, user__memberships__role=Role.SECRETARY
    )


def owed_by_body(*, partnership: Partnership, today: datetime.date, days_ahead: int) -> list[BodyOwed]:
    """Every body of the partnership with open actions, by name, with its overdue and due-soon ones."""
    horizon = today + datetime.timedelta(days=days_ahead)
    actions = (
        Action.objects.filter(partnership=partnership, status=ActionStatus.OPEN)
        .select_related("body", "lead", "lead_organisation", "agenda_item__meeting__body")
        .order_by("body__name", "body_id", "due_date", "id")
    )
    grouped: dict[int, list[Action]] = {}
    bodies: dict[int, Body] = {}
    for action in actions:
        bodies[action.body_id] = action.body
        grouped.setdefault(action.body_id, []).append(action)
    return [
        BodyOwed(
            body=bodies[pk],
            open_count=len(mine),
            overdue=[a for a in mine if a.due_date is not None and a.due_date < today],
            due_soon=[a for a in mine if a.due_date is not None and today <= a.due_date <= horizon],
        )
        for pk, mine in grouped.items()
    ]


def own_people(*, user: Any, partnership: Partnership) -> list[Person]:
    """The signed-in user's people of the record in this partnership (usually one), with their opt-out."""
    if not user.is_authenticated:
        return []
    return list(
        Person.objects.filter(partnership=partnership, user=user.pk)
        .select_related("reminder_opt_out")
        .order_by("name", "pk")
    )


# --- a meeting's matters-arising pack ---------------------------------------------------------------------


@dataclass(frozen=True)
class ArisingPack:
    """What a meeting's matters-arising pack holds: its body's open actions, oldest minute first, each with
    its latest update (``latest_updates``), as the matters-arising page shows them."""

    meeting: Meeting
    actions: list[Action]

    @property
    def body(self) -> Body:
        return self.meeting.body


def arising_pack(*, meeting: Meeting) -> ArisingPack:
    """The pack of ``meeting``, read by the worker without a signed-in user: scoped to the meeting's body."""
    actions = (
        Action.objects.filter(partnership_id=meeting.partnership_id, body_id=meeting.body_id)
        .open()
        .select_related("body", "lead", "lead_organisation", "agenda_item__meeting")
    )
    return ArisingPack(meeting=meeting, actions=oldest_minute_first(actions))


@dataclass(frozen=True)
class PackRecipients:
    """The members of the meeting's body: those the pack goes to, and those it cannot reach (no email)."""

    with_email: list[Person]
    without_email: list[Person]


def pack_recipients(*, meeting: Meeting) -> PackRecipients:
    """Everyone with a seat on the meeting's body (chair, members, officers in attendance), by name. A
    member who stopped reminder emails is still sent the pack: it is a meeting paper, not a reminder."""
    people = list(
        Person.objects.filter(
            partnership_id=meeting.partnership_id, body_memberships__body_id=meeting.body_id
        )
        .distinct()
        .order_by("name", "pk")
    )
    return PackRecipients(
        with_email=[p for p in people if p.email], without_email=[p for p in people if not p.email]
    )


PAST_MEETING = "This meeting is not ahead: the pack goes out before a scheduled meeting."


def pack_refusal(*, meeting: Meeting, now: datetime.datetime) -> str:
    """Why the pack cannot be sent for ``meeting`` now ("" when it can): only a scheduled meeting ahead."""
    if meeting.status != MeetingStatus.SCHEDULED or meeting.start < now:
        return PAST_MEETING
    return ""


@dataclass(frozen=True)
class MailingRecord:
    """One mailing of a pack as the pages show it, with the people it names."""

    mailing: PackMailing
    failed: list[Person]
    without_email: list[Person]
    stalled: bool  # queued longer ago than a worker's lease and never finished: it stopped on the way
    lease_minutes: int  # how long a claim by another sending holds before the pack may be sent again


def pack_mailings_for(*, user: Any, partnership: Partnership, meeting: Meeting) -> list[MailingRecord]:
    """The mailings of the meeting's pack, newest first (none when the role may not see them)."""
    mailings = list(
        policy.permitted(user=user, partnership=partnership, action="view", model=PackMailing)
        .filter(meeting=meeting)
        .select_related("requested_by")
    )
    named = {pk for m in mailings for pk in (*m.failed, *m.without_email)}
    people = Person.objects.filter(partnership=partnership, pk__in=named).in_bulk()
    stale = timezone.now() - datetime.timedelta(seconds=settings.TRACTION_REMINDER_LEASE_SECONDS)
    return [
        MailingRecord(
            mailing=m,
            failed=[people[pk] for pk in m.failed if pk in people],
            without_email=[people[pk] for pk in m.without_email if pk in people],
            stalled=m.finished_at is None and m.requested_at < stale,
            lease_minutes=max(1, int(settings.TRACTION_REMINDER_LEASE_SECONDS) // 60),
        )
        for m in mailings
    ]


def pack_sent_to(*, user: Any, partnership: Partnership, meeting: Meeting) -> list[SentReminder]:
    """Who has been sent the meeting's pack, by name (none when the role may not see the mailings)."""
    if not policy.allowed(user=user, partnership=partnership, action="view", object_type="packmailing"):
        return []
    return list(
        SentReminder.objects.filter(
            partnership=partnership,
            kind=ReminderKind.ARISING_PACK,
            period_key=pack_key(meeting),
            sent_at__isnull=False,
        )
        .select_related("person")
        .order_by("person__name", "person_id")
    )


def pack_matters_arising_context(
    *, user: Any, partnership: Partnership, meeting: Meeting | None
) -> dict[str, Any]:
    """The matters-arising page's part about the pack of the body's next meeting: where to send it (for those
    who may) and the record of what was sent (for those who may see it)."""
    if meeting is None or not policy.allowed(
        user=user, partnership=partnership, action="view", object_type="packmailing"
    ):
        return {}
    may_send = policy.allowed(user=user, partnership=partnership, action="add", object_type="packmailing")
    send_url = reverse("reminders:arising-pack-send", kwargs={"slug": partnership.slug, "pk": meeting.pk})
    return {
        "pack_section": "reminders/_pack_mailings.html",
        "pack_send_url": send_url if may_send else "",
        "mailings": pack_mailings_for(user=user, partnership=partnership, meeting=meeting),
        "sent_to": pack_sent_to(user=user, partnership=partnership, meeting=meeting),
    }
