"""Reminder emails: the settings, opting out and back in, and sending each period's reminders once.

Delivery is claim, send, mark. A worker first claims the (person, kind, period) row in a transaction (the
unique constraint lets one claim win), sends the mail outside it, then marks the row sent with its
Message-ID. A run that finds a row already sent, or claimed less than ``TRACTION_REMINDER_LEASE_SECONDS``
ago, sends nothing. A row claimed longer ago and never marked sent belongs to a worker that stopped (killed,
crashed): the next run claims it again and sends. So a mail is sent at least once; it is sent twice only if
a worker stops in the instant between the SMTP server accepting it and the row being marked, and the lease
then runs out. We chose that over at-most-once (never retrying a claimed row), which would silently drop a
period's reminder whenever a worker stopped before sending. A mail the SMTP server refuses releases its
claim, so the next run tries again.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from traction.core import policy, services
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.governance.models import Meeting, MeetingStatus, Person
from traction.governance.templatetags.traction import person_name
from traction.reminders.emails import arising_pack_message, owed_summary_message, owner_digest_message
from traction.reminders.models import (
    PackMailing,
    ReminderKind,
    ReminderOptOut,
    ReminderSettings,
    SentReminder,
    pack_key,
)
from traction.reminders.selectors import (
    OwedSummary,
    arising_pack,
    owed_by_body,
    owner_digests,
    pack_recipients,
    pack_refusal,
    secretary_recipients,
)

logger = logging.getLogger(__name__)

SETTINGS_FIELDS = ("enabled", "cadence", "weekday", "days_ahead")
NOT_YOURS = "You can change the reminders of your own person of the record only."


@transaction.atomic
def reminder_settings_update(
    *, actor: Any, partnership: Partnership, data: Mapping[str, Any]
) -> ReminderSettings:
    """Store the settings (creating the row the first time), audited with old and new values."""
    policy.require(user=actor, partnership=partnership, action="change", object_type="remindersettings")
    unknown = set(data) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(services.UNKNOWN_FIELD.format(model="ReminderSettings", name=sorted(unknown)[0]))
    current = ReminderSettings.objects.select_for_update().filter(partnership=partnership).first()
    if current is None:
        return services.record_create(actor=actor, partnership=partnership, model=ReminderSettings, data=data)
    return services.record_update(actor=actor, instance=current, data=data)


@transaction.atomic
def reminder_opt_out(*, person: Person, actor: Any = None) -> bool:
    """Stop reminders to ``person``; True when this changed anything (a second click changes nothing).
    Reached without login through the signed unsubscribe link, so ``actor`` may be anonymous; a signed-in
    actor may opt out only their own person."""
    if actor is not None and getattr(actor, "is_authenticated", False) and person.user_id != actor.pk:
        raise PermissionDenied(NOT_YOURS)
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if ReminderOptOut.objects.filter(person=person).exists():
        return False
    opt_out = ReminderOptOut(partnership=person.partnership, person=person)
    opt_out.full_clean()
    opt_out.save()
    audit_record(actor=actor, partnership=person.partnership, verb="opted out", instance=opt_out)
    return True


@transaction.atomic
def reminder_opt_in(*, actor: Any, person: Person) -> bool:
    """Send reminders to ``person`` again: only the person themselves, signed in, may ask."""
    if person.user_id is None or person.user_id != actor.pk:
        raise PermissionDenied(NOT_YOURS)
    opt_out = ReminderOptOut.objects.select_for_update().filter(person=person).first()
    if opt_out is None:
        return False
    audit_record(actor=actor, partnership=person.partnership, verb="opted in", instance=opt_out)
    opt_out.delete()
    return True


@dataclass
class SendReport:
    sent: list[SentReminder] = field(default_factory=list)
    skipped: int = 0  # already sent this period
    busy: int = 0  # claimed by another run still within its lease: not confirmed sent
    started: float = field(default_factory=time.monotonic)  # when the run began, to date its claims
    failed: int = 0  # refused by the mail server: released, tried again next run
    failed_people: list[int] = field(default_factory=list)  # the ids of the people whose mail was refused

    def __str__(self) -> str:
        busy = f", being sent by another run {self.busy}" if self.busy else ""
        return f"sent {len(self.sent)}, skipped {self.skipped}{busy}, failed {self.failed}"


def reminders_send_due(*, now: datetime.datetime | None = None) -> SendReport:
    """Send every partnership's reminders due now and not yet sent (the worker's task): the owners' digests,
    and the secretaries' weekly summary of what is owed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    report = SendReport()
    for reminder_settings in ReminderSettings.objects.filter(enabled=True).select_related("partnership"):
        partnership, days_ahead = reminder_settings.partnership, reminder_settings.days_ahead
        if (period_key := reminder_settings.period_key(today)) is not None:
            for digest in owner_digests(partnership=partnership, today=today, days_ahead=days_ahead):
                outgoing = Outgoing(digest.person, ReminderKind.OWNER_DIGEST, period_key, digest.actions)
                reminder_deliver(
                    partnership=partnership,
                    outgoing=outgoing,
                    build=partial(owner_digest_message, partnership=partnership, digest=digest),
                    now=now,
                    report=report,
                )
        if (week_key := reminder_settings.week_key(today)) is not None:
            _send_owed_summaries(partnership, today, days_ahead, week_key, now, report)
    return report


def _send_owed_summaries(
    partnership: Partnership,
    today: datetime.date,
    days_ahead: int,
    week_key: str,
    now: datetime.datetime,
    report: SendReport,
) -> None:
    secretaries = list(secretary_recipients(partnership=partnership))
    if not secretaries:
        return
    bodies = owed_by_body(partnership=partnership, today=today, days_ahead=days_ahead)
    horizon = today + datetime.timedelta(days=days_ahead)
    for person in secretaries:
        summary = OwedSummary(person=person, bodies=bodies, today=today, horizon=horizon)
        reminder_deliver(
            partnership=partnership,
            outgoing=Outgoing(person, ReminderKind.OWED_SUMMARY, week_key, summary.actions),
            build=partial(owed_summary_message, partnership=partnership, summary=summary),
            now=now,
            report=report,
        )


@dataclass(frozen=True)
class Outgoing:
    """One reminder to send: to whom, of which kind, for which period, listing which actions."""

    person: Person
    kind: str
    period_key: str
    actions: list[Any]


SENT, BUSY = "sent", "busy"


def _claim(*, partnership: Partnership, outgoing: Outgoing, now: datetime.datetime) -> SentReminder | str:
    """This run's claim on the period's mail to the person; ``SENT`` when it is sent already, ``BUSY`` when
    another run claimed it within its lease (and may still be sending it)."""
    lease = datetime.timedelta(seconds=settings.TRACTION_REMINDER_LEASE_SECONDS)
    person = outgoing.person
    with transaction.atomic():
        row, created = SentReminder.objects.select_for_update().get_or_create(
            person=person,
            kind=outgoing.kind,
            period_key=outgoing.period_key,
            defaults={"partnership": partnership, "claimed_at": now, "recipient": person.email},
        )
        if created:
            return row
        if row.sent_at is not None:
            return SENT
        if row.claimed_at > now - lease:
            return BUSY
        row.claimed_at, row.recipient = now, person.email
        row.save(update_fields=["claimed_at", "recipient"])
        return row


def reminder_deliver(
    *,
    partnership: Partnership,
    outgoing: Outgoing,
    build: Callable[[], EmailMultiAlternatives],
    now: datetime.datetime,
    report: SendReport,
) -> None:
    """Claim, send and mark one reminder (see the module's docstring for what a crash does). ``now`` is the
    run's start: the claim is dated that plus the time the run has taken, so a long run's late claims hold
    their whole lease."""
    elapsed = datetime.timedelta(seconds=time.monotonic() - report.started)
    claim = _claim(partnership=partnership, outgoing=outgoing, now=now + elapsed)
    if isinstance(claim, str):
        report.skipped += claim == SENT
        report.busy += claim == BUSY
        return
    try:
        message = build()
        message.send()
    except Exception:
        logger.exception("Reminder %s to person %s was not sent", outgoing.period_key, outgoing.person.pk)
        SentReminder.objects.filter(pk=claim.pk, sent_at__isnull=True).delete()
        report.failed += 1
        report.failed_people.append(outgoing.person.pk)
        return
    SentReminder.objects.filter(pk=claim.pk).update(
        sent_at=timezone.now(),
        message_id=str(message.extra_headers["Message-ID"]),
        actions=[action.pk for action in outgoing.actions],
    )
    claim.refresh_from_db()
    report.sent.append(claim)


# --- a meeting's matters-arising pack ---------------------------------------------------------------------

PACK_BUSY = "The pack for this meeting is being sent already: this page shows what was sent once it is done."
PACK_NOBODY = (
    "No member of {body} has an email address, so nobody can be sent the pack. Add their addresses to "
    "their people of the record first. Nothing was sent."
)
PACK_CANCELLED = "The meeting was cancelled before the pack went out: nothing was sent."
PACK_TOO_LATE = "The meeting had begun or been held before the pack went out: nothing was sent."


@transaction.atomic
def pack_mailing_request(
    *, actor: Any, meeting: Meeting, now: datetime.datetime | None = None
) -> PackMailing:
    """Queue the mailing of ``meeting``'s matters-arising pack to its body's members (the worker sends it:
    ``pack_mailing_send``). Refused while an earlier request for the meeting is still being sent."""
    partnership = meeting.partnership
    policy.require(user=actor, partnership=partnership, action="add", object_type="packmailing")
    now = now or timezone.now()
    # One request of a meeting at a time, judged on the meeting as it is under the lock.
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if refusal := pack_refusal(meeting=meeting, now=now):
        raise ValidationError(refusal)
    lease = datetime.timedelta(seconds=settings.TRACTION_REMINDER_LEASE_SECONDS)
    pending = PackMailing.objects.filter(
        meeting=meeting, finished_at__isnull=True, requested_at__gt=now - lease
    )
    if pending.exists():
        raise ValidationError(PACK_BUSY)
    if not pack_recipients(meeting=meeting).with_email:
        raise ValidationError(PACK_NOBODY.format(body=meeting.body.name))
    mailing = PackMailing(partnership=partnership, meeting=meeting, requested_by=actor, requested_at=now)
    mailing.full_clean()
    mailing.save()
    audit_record(actor=actor, partnership=partnership, verb="queued", instance=mailing)
    from traction.reminders.tasks import send_arising_pack

    send_arising_pack.enqueue(mailing.pk)  # a row in the same transaction (database task backend)
    return mailing


def pack_mailing_send(*, mailing_id: int, now: datetime.datetime | None = None) -> str:
    """Send a queued mailing (the worker's task): the pack to every member of the body with an email address
    who has not had this meeting's pack yet, claimed, sent and marked one by one (see the module's
    docstring), then the mailing's record of what was sent, refused, and who has no address."""
    now = now or timezone.now()
    mailing = (
        PackMailing.objects.select_related("partnership", "meeting__body", "requested_by")
        .filter(pk=mailing_id, finished_at__isnull=True)
        .first()
    )
    if mailing is None:
        return "No mailing to send."
    meeting, partnership = mailing.meeting, mailing.partnership
    if refusal := _late_refusal(meeting=meeting, now=now):
        _finish(mailing, SendReport(), without_email=[], problem=refusal)
        return refusal
    pack = arising_pack(meeting=meeting)
    recipients = pack_recipients(meeting=meeting)
    sender = person_name(mailing.requested_by, partnership)
    report = SendReport()
    for person in recipients.with_email:
        reminder_deliver(
            partnership=partnership,
            outgoing=Outgoing(person, ReminderKind.ARISING_PACK, pack_key(meeting), pack.actions),
            build=partial(
                arising_pack_message, partnership=partnership, pack=pack, person=person, sender=sender
            ),
            now=now,
            report=report,
        )
    _finish(mailing, report, without_email=[p.pk for p in recipients.without_email])
    return f"Matters-arising pack for {meeting}: {report}."


def _late_refusal(*, meeting: Meeting, now: datetime.datetime) -> str:
    """Why a queued pack must not go out now (the meeting was cancelled, held or has begun since it was
    queued): "" when it may."""
    if meeting.status == MeetingStatus.CANCELLED:
        return PACK_CANCELLED
    if pack_refusal(meeting=meeting, now=now):
        return PACK_TOO_LATE
    return ""


def _finish(mailing: PackMailing, report: SendReport, *, without_email: list[int], problem: str = "") -> None:
    with transaction.atomic():
        PackMailing.objects.filter(pk=mailing.pk).update(
            finished_at=timezone.now(),
            sent_count=len(report.sent),
            skipped_count=report.skipped,
            busy_count=report.busy,
            failed=report.failed_people,
            without_email=without_email,
            problem=problem,
        )
        changes = {"sent": len(report.sent), "already had it": report.skipped, "refused": report.failed}
        if report.busy:
            changes["being sent by another run"] = report.busy
        audit_record(
            actor=None, partnership=mailing.partnership, verb="sent", instance=mailing, changes=changes
        )
