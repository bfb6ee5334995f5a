"""Reminder emails: a partnership's settings for them, who opted out, and the record of every mail sent."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from traction.core.models import Partnership, TenantModel, check_same_partnership
from traction.governance.models import Meeting, Person

DAYS_AHEAD_BOUNDS = (1, 60)


class Cadence(models.TextChoices):
    DAILY = "daily", "Every day"
    WEEKLY = "weekly", "Once a week"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class ReminderSettings(models.Model):
    """Whether the partnership's action owners are sent reminders, how often, how far ahead. No row: off."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    enabled = models.BooleanField("send reminder emails", default=False)
    cadence = models.CharField("how often", max_length=10, choices=Cadence.choices, default=Cadence.WEEKLY)
    weekday = models.PositiveSmallIntegerField(
        "day of the week (weekly reminders)", choices=Weekday.choices, default=Weekday.MONDAY
    )
    days_ahead = models.PositiveSmallIntegerField(
        "days ahead",
        default=14,
        validators=[MinValueValidator(DAYS_AHEAD_BOUNDS[0]), MaxValueValidator(DAYS_AHEAD_BOUNDS[1])],
        help_text="Each owner is reminded of their open actions due within this many days, and the overdue.",
    )

    class Meta:
        verbose_name = "reminder settings"
        verbose_name_plural = "reminder settings"

    def __str__(self) -> str:
        return f"Reminder settings of {self.partnership}"

    def period_key(self, today: datetime.date) -> str | None:
        """The period a digest sent ``today`` belongs to ("2026-12-07" daily, "2026-W50" weekly), or None
        when none is due: weekly digests go on the chosen weekday, or on the first run after it that week."""
        if not self.enabled:
            return None
        if self.cadence == Cadence.DAILY:
            return today.isoformat()
        if today.weekday() < self.weekday:
            return None
        return self.week_key(today)

    def week_key(self, today: datetime.date) -> str | None:
        """The week of the secretaries' weekly summary ("2026-W50"), due from the chosen weekday on."""
        if not self.enabled or today.weekday() < self.weekday:
            return None
        year, week, _ = today.isocalendar()
        return f"{year}-W{week:02d}"


class ReminderOptOut(TenantModel):
    """A person who asked for no more reminder emails (from a mail's unsubscribe link or their own page)."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="reminder_opt_out")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "reminder opt-out"

    def __str__(self) -> str:
        return f"{self.person.name} receives no reminders"

    def clean(self) -> None:
        check_same_partnership(self, "person")


class ReminderKind(models.TextChoices):
    OWNER_DIGEST = "owner_digest", "Actions due and overdue"
    OWED_SUMMARY = "owed_summary", "What is owed, by body"
    ARISING_PACK = "arising_pack", "Matters-arising pack"


class SentReminder(TenantModel):
    """One reminder email, claimed before it is sent and marked after (``services.reminder_deliver``): the
    unique (person, kind, period) means a rerun, or a second worker, never sends a period's mail twice."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="sent_reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    period_key = models.CharField("period", max_length=20)
    recipient = models.EmailField(blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The ids of the actions the mail listed, as they were when it was sent.
    actions = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-claimed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind", "period_key"], name="one_reminder_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.person.name}, {self.period_key}"

    def clean(self) -> None:
        check_same_partnership(self, "person")


def pack_key(meeting: Meeting) -> str:
    """The ``period_key`` of a meeting's matters-arising pack: one pack per meeting and person."""
    return f"meeting-{meeting.pk}"


class PackMailing(TenantModel):
    """A secretary's request to email a meeting's matters-arising pack to the members of its body, and what
    came of it once the worker has sent it. Each mail is a ``SentReminder`` (kind ``arising_pack``, one per
    meeting and person), so a repeated or crashed mailing never sends anyone the pack twice.

    The people are kept as ids, not names, so an erased person leaves no name behind here."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_mailings")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    sent_count = models.PositiveIntegerField(default=0)
    # Members who had the pack already (an earlier mailing), or whose mail another worker was sending.
    skipped_count = models.PositiveIntegerField(default=0)
    busy_count = models.PositiveIntegerField(default=0)  # claimed by another run, not confirmed sent
    failed = models.JSONField(default=list, blank=True)  # ids of people whose mail the server refused
    without_email = models.JSONField(default=list, blank=True)  # ids of members with no email address
    problem = models.CharField(max_length=300, blank=True)  # why nothing was sent, when nothing could be

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "matters-arising pack mailing"

    def __str__(self) -> str:
        return f"Matters-arising pack for {self.meeting}"

    def clean(self) -> None:
        check_same_partnership(self, "meeting")
