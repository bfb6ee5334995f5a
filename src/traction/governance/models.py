"""The governance record: organisations, people, bodies, meetings, agenda items, papers, actions."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Trim
from django.utils import timezone

# SAME_PARTNERSHIP is re-exported: forms and tests name the message from here.
from traction.core.models import SAME_PARTNERSHIP, PartnershipQuerySet, TenantModel, check_same_partnership  # noqa: F401

DUE_BEFORE_MEETING = "The due date cannot be before the meeting that set the action."


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    NHS_TRUST = "nhs_trust", "NHS trust"
    ICB = "icb", "Integrated care board"
    CCG = "ccg", "Clinical commissioning group"
    PRIMARY_CARE = "primary_care", "Primary care network or practice"
    VOLUNTARY = "voluntary", "Voluntary-sector body"
    POLICE_FIRE = "police_fire", "Police or fire service"
    HOUSING = "housing", "Housing provider"
    OTHER = "other", "Other"


class Organisation(TenantModel):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.OTHER)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="organisation_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Person(TenantModel):
    name = models.CharField(max_length=200)
    role_title = models.CharField("role title", max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.name}, {self.role_title}" if self.role_title else self.name

    def clean(self) -> None:
        check_same_partnership(self, "organisation")


class BodyKind(models.TextChoices):
    BOARD = "board", "Board"
    COMMITTEE = "committee", "Committee"
    PARTNERSHIP_BOARD = "partnership_board", "Partnership board"
    WORKING_GROUP = "working_group", "Working group"


class Body(TenantModel):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=BodyKind.choices, default=BodyKind.BOARD)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name="reports to",
    )
    purpose = models.TextField(blank=True)
    member_organisations = models.ManyToManyField(Organisation, blank=True, related_name="bodies")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="body_name_unique")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_same_partnership(self, "parent")
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": "A body cannot report to itself or to a body beneath it."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class BodyMembership(TenantModel):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"
        OFFICER = "officer", "Officer in attendance"

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="body_memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["body", "role", "person__name"]
        constraints = [models.UniqueConstraint(fields=["body", "person"], name="one_seat_per_body")]

    def __str__(self) -> str:
        return f"{self.person.name} ({self.get_role_display()}), {self.body}"

    def clean(self) -> None:
        check_same_partnership(self, "body", "person")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(TenantModel):
    # RESTRICT, not PROTECT: a body with meetings cannot be deleted alone, but deleting its
    # partnership removes everything.
    body = models.ForeignKey(Body, on_delete=models.RESTRICT, related_name="meetings")
    start = models.DateTimeField()
    duration_minutes = models.PositiveIntegerField("scheduled duration (minutes)", default=120)
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)

    class Meta:
        ordering = ["-start"]
        indexes = [models.Index(fields=["body", "start"])]

    def __str__(self) -> str:
        start = timezone.localtime(self.start)
        return f"{self.body.name}, {start.day} {start:%B %Y}"

    @property
    def date(self) -> datetime.date:
        return timezone.localtime(self.start).date()

    def clean(self) -> None:
        check_same_partnership(self, "body")
        if self.duration_minutes is not None and not 0 < self.duration_minutes <= 24 * 60:
            raise ValidationError({"duration_minutes": "Enter a duration between 1 minute and 24 hours."})


class Attendance(TenantModel):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"
        IN_ATTENDANCE = "in_attendance", "In attendance"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PRESENT)

    class Meta:
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.person.name}: {self.get_status_display()}"

    def clean(self) -> None:
        check_same_partnership(self, "meeting", "person")


class Purpose(models.TextChoices):
    INFORMATION = "information", "For information"
    DISCUSSION = "discussion", "For discussion"
    DECISION = "decision", "For decision"


class Outcome(models.TextChoices):
    """What the body did with an item (definitions in DESIGN.md and docs/user-guide.md)."""

    DECIDED = "decided", "Decided"
    NOTED = "noted", "Noted"
    DEFERRED = "deferred", "Deferred"
    REFERRED = "referred", "Referred"
    PROCEDURAL = "procedural", "Procedural"
    UNCLEAR = "unclear", "Unclear"


class Paper(TenantModel):
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="papers"
    )
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to="papers/%Y/%m/", blank=True)
    original_filename = models.CharField(max_length=255, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    words = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    author_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="papers"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Why the background reader could not count its pages and words (the paper itself is kept).
    read_error = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            # The same bytes are one paper, whichever path they came by (governance.papers.paper_store).
            models.UniqueConstraint(
                fields=["partnership", "sha256"],
                condition=~models.Q(sha256=""),
                name="governance_paper_sha256_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_same_partnership(self, "meeting", "author_organisation")


class WorkflowSourced(models.Model):
    """A record written on behalf of a workflow object of another app (an agreement round…) through
    ``traction.governance.workflows``: which object it was, its label and the page that shows it, so that the
    record links back. None for records kept by hand, read from minutes or imported."""

    # Null, not blank, when there is no source: the audit trail of records kept by hand stays as it was
    # (a create's audited changes leave out fields that are None, not ones that are ""), hence null text.
    source_model = models.CharField(  # noqa: DJ001
        "recorded from (model)", max_length=100, null=True, blank=True, editable=False
    )
    source_pk = models.CharField(  # noqa: DJ001
        "recorded from (id)", max_length=40, null=True, blank=True, editable=False
    )
    source_label = models.CharField(  # noqa: DJ001
        "recorded from", max_length=300, null=True, blank=True, editable=False
    )
    source_url = models.CharField(  # noqa: DJ001
        "recorded from (page)", max_length=500, null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True


class AgendaItemQuerySet(PartnershipQuerySet["AgendaItem"]):
    def decided(self) -> AgendaItemQuerySet:
        return self.filter(outcome=Outcome.DECIDED)

    def substantive(self) -> AgendaItemQuerySet:
        return self.exclude(outcome=Outcome.PROCEDURAL)


# What full-text search reads on PostgreSQL (selectors.item_search_ids, search_for). Migration 0008 gives
# each a GIN index on PostgreSQL on the very expression search uses; SQLite has none (it searches by LIKE).
SEARCH_CONFIG = "english"
ITEM_SEARCH_FIELDS = ("title", "resolution")
ACTION_SEARCH_FIELDS = ("text", "minute_reference")


class AgendaItem(WorkflowSourced, TenantModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(default=0)
    number = models.CharField("number as printed", max_length=40, blank=True)
    title = models.CharField(max_length=500)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.DISCUSSION)
    time_allotted_minutes = models.PositiveIntegerField("time allotted (minutes)", null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.UNCLEAR)
    resolution = models.TextField("resolution text", blank=True)
    # Follows an item across meetings and bodies ("budget-2025-26"); diagnosis groups by it.
    topic = models.SlugField(max_length=120, blank=True, db_index=True)
    papers = models.ManyToManyField(Paper, blank=True, related_name="items")
    # Where extracted fields came from: {"title": {"document": "...", "page": 3, "line": 12}, ...}
    provenance = models.JSONField(default=dict, blank=True)

    objects: ClassVar[models.Manager[AgendaItem]] = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "id"]
        indexes = [
            models.Index(fields=["partnership", "outcome"]),
            # Diagnosis matches topics trimmed (traction.diagnosis.expressions.topic_key): pass the parcel
            # looks up the referred topics' mentions at every body by it.
            models.Index(Trim("topic"), name="agendaitem_topic_key"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def clean(self) -> None:
        check_same_partnership(self, "meeting")


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"
    SUPERSEDED = "superseded", "Superseded"


class ActionQuerySet(PartnershipQuerySet["Action"]):
    def open(self) -> ActionQuerySet:
        return self.filter(status=ActionStatus.OPEN)

    def overdue(self, today: datetime.date | None = None) -> ActionQuerySet:
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def due_in_month(self, today: datetime.date | None = None) -> ActionQuerySet:
        today = today or timezone.localdate()
        return self.open().filter(due_date__year=today.year, due_date__month=today.month)

    def orphaned(self) -> ActionQuerySet:
        """Nobody holds the work: no lead (person or organisation), or no due date (docs/signals.md)."""
        return self.filter(Q(lead__isnull=True, lead_organisation__isnull=True) | Q(due_date__isnull=True))


class Action(WorkflowSourced, TenantModel):
    body = models.ForeignKey(Body, on_delete=models.RESTRICT, related_name="actions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    minute_reference = models.CharField(max_length=60, blank=True)
    text = models.TextField("action")
    lead = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    lead_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    original_due_date = models.DateField(null=True, blank=True)
    due_date = models.DateField("current due date", null=True, blank=True, db_index=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    held_over = models.PositiveIntegerField("held over (meetings)", default=0)
    provenance = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects: ClassVar[models.Manager[Action]] = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["partnership", "status", "due_date"])]

    def __str__(self) -> str:
        reference = f"{self.minute_reference}: " if self.minute_reference else ""
        return f"{reference}{self.text[:80]}"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == ActionStatus.OPEN
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )

    def clean(self) -> None:
        check_same_partnership(self, "body", "agenda_item", "lead", "lead_organisation")
        if self.agenda_item is not None and self.agenda_item.meeting.body_id != self.body_id:
            raise ValidationError({"agenda_item": "The agenda item belongs to a different body's meeting."})
        if self.status == ActionStatus.DONE and self.completed_on is None:
            raise ValidationError({"completed_on": "Enter the date the action was completed."})
        if self.status == ActionStatus.OPEN and self.completed_on is not None:
            raise ValidationError({"completed_on": "An open action has no completion date."})
        meeting_date = self.agenda_item.meeting.date if self.agenda_item else None
        if meeting_date and self.original_due_date and self.original_due_date < meeting_date:
            raise ValidationError({"original_due_date": DUE_BEFORE_MEETING})


class DueDateRevision(TenantModel):
    """Every change of an action's due date: from, to, who and why. Never edited."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="revisions")
    previous_due_date = models.DateField(null=True, blank=True)
    new_due_date = models.DateField()
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.previous_due_date} → {self.new_due_date}"

    def clean(self) -> None:
        check_same_partnership(self, "action")


class ActionUpdate(TenantModel):
    """A dated progress note on an action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField(default=timezone.localdate)
    note = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on}: {self.note[:60]}"

    def clean(self) -> None:
        check_same_partnership(self, "action")


class TopicConfirmation(TenantModel):
    """A person checked that the items filed under a topic key are one subject; suggestions leave it alone."""

    key = models.SlugField(max_length=120)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="topicconfirmation_key_unique")
        ]

    def __str__(self) -> str:
        return f"Topic {self.key}"
