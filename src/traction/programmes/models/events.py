"""Whole-system future-scenario events: groups, invitations, the table plan, the agenda and the outputs.

An event belongs to a body of the record: its actions go to that body's action log, and its decisions are
recorded at the event's meeting of the record (a meeting of that body, chosen on the event's form). Both are
written through ``traction.governance.workflows`` on the event's behalf, so they link back to it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from traction.core.models import TenantModel, check_same_partnership

DEFAULT_STAGES = (
    ("Review the past", 60, "Timelines of the system's history: what we are proud of, what we regret."),
    ("Explore the present", 75, "The mind map of trends; what each group is doing now."),
    ("Ideal future scenarios", 90, "Mixed groups imagine the system ten years on, as if it had happened."),
    ("Common ground", 60, "What everyone can agree to; what is still disagreed is written down, not argued."),
    ("Action planning", 75, "Who will do what, by when, with whom."),
)
MEETING_OF_OTHER_BODY = "Choose a meeting of the event's body."
GROUP_OF_OTHER_EVENT = "Choose a group of this event."
TABLE_OF_OTHER_EVENT = "Choose a table of this event."
MAX_CAPACITY = 30


class Event(TenantModel):
    title = models.CharField(max_length=200)
    date = models.DateField()
    place = models.CharField(max_length=200, blank=True)
    purpose = models.TextField(blank=True)
    body = models.ForeignKey(
        "governance.Body",
        on_delete=models.RESTRICT,
        related_name="+",
        help_text="The body whose action log takes the event's actions.",
    )
    meeting = models.ForeignKey(
        "governance.Meeting",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name="meeting of the record",
        help_text="A meeting of that body at which the event's decisions are recorded (often one held on the "
        "event's day).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_same_partnership(self, "body", "meeting")
        if self.meeting is not None and self.body_id is not None and self.meeting.body_id != self.body_id:
            raise ValidationError({"meeting": MEETING_OF_OTHER_BODY})


class EventGroup(TenantModel):
    """A stakeholder group of the event: councillors, NHS leaders, the voluntary sector, residents…"""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = "event group"
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="event_group_name_unique")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        check_same_partnership(self, "event")


class EventTable(TenantModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveIntegerField()
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(2), MaxValueValidator(MAX_CAPACITY)])

    class Meta:
        ordering = ["number"]
        verbose_name = "event table"
        constraints = [models.UniqueConstraint(fields=["event", "number"], name="event_table_number_unique")]

    def __str__(self) -> str:
        return f"Table {self.number}"

    def clean(self) -> None:
        check_same_partnership(self, "event")


class InvitationStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    ATTENDED = "attended", "Attended"


class Invitation(TenantModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey("governance.Person", on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(EventGroup, on_delete=models.RESTRICT, related_name="invitations")
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.INVITED
    )
    table = models.ForeignKey(
        EventTable, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )

    class Meta:
        ordering = ["person__name", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="invitation_once_per_event")]

    def __str__(self) -> str:
        return f"{self.person.name} ({self.group})"

    @property
    def coming(self) -> bool:
        return self.status != InvitationStatus.DECLINED

    def clean(self) -> None:
        check_same_partnership(self, "event", "person", "group", "table")
        if self.group_id is not None and self.group.event_id != self.event_id:
            raise ValidationError({"group": GROUP_OF_OTHER_EVENT})
        if self.table_id is not None and self.table is not None and self.table.event_id != self.event_id:
            raise ValidationError({"table": TABLE_OF_OTHER_EVENT})


class AgendaStage(TenantModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200)
    minutes = models.PositiveIntegerField(
        "timing (minutes)", null=True, blank=True, validators=[MaxValueValidator(24 * 60)]
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "agenda stage"

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_same_partnership(self, "event")


class CommonGround(TenantModel):
    """A statement everyone at the event could agree to; it may become a shared principle."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="common_ground")
    text = models.TextField()
    principle = models.ForeignKey(
        "direction.Principle", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = "common-ground statement"

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        check_same_partnership(self, "event", "principle")
