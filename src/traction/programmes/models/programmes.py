"""Programmes, cohorts, sessions, enrolment and attendance.

A programme runs in cohorts; a cohort meets in sessions (development days, coaching, action-learning meetings,
events); people of the record are enrolled in a cohort. Attendance is recorded per session and person as
attended, apologies or absent; a session with no row for an enrolled person is *not recorded* for them, which
is never counted as absent.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from traction.core.models import TenantModel, check_same_partnership
from traction.direction.models import k_constraint, k_field

K_DEFAULT = 5
ENDS_BEFORE_START = "The end cannot be before the start."
NOT_ENROLLED = "Only people enrolled in the session's cohort have attendance."


class Programme(TenantModel):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    lead = models.ForeignKey(
        "governance.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes_led",
        verbose_name="programme lead",
    )
    starts_on = models.DateField("starts on", null=True, blank=True)
    ends_on = models.DateField("ends on", null=True, blank=True)
    outcomes = models.ManyToManyField(
        "direction.SharedOutcome",
        blank=True,
        related_name="programmes",
        verbose_name="partnership outcomes it serves",
    )
    k = k_field(K_DEFAULT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "title"], name="programme_title_unique"),
            k_constraint("programme"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
                violation_error_message=ENDS_BEFORE_START,
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_same_partnership(self, "lead")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": ENDS_BEFORE_START})


class Cohort(TenantModel):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=200)
    people = models.ManyToManyField("governance.Person", through="Enrolment", related_name="cohorts")

    class Meta:
        ordering = ["programme", "name"]
        constraints = [models.UniqueConstraint(fields=["programme", "name"], name="cohort_name_unique")]

    def __str__(self) -> str:
        return f"{self.programme}: {self.name}"

    def clean(self) -> None:
        check_same_partnership(self, "programme")


class SessionKind(models.TextChoices):
    DEVELOPMENT_DAY = "development_day", "Development day"
    COACHING = "coaching", "Coaching"
    ACTION_LEARNING = "action_learning", "Action-learning meeting"
    EVENT = "event", "Event"


class Session(TenantModel):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=SessionKind.choices, default=SessionKind.DEVELOPMENT_DAY)
    date = models.DateField()
    starts_at = models.TimeField("starts at", null=True, blank=True)
    ends_at = models.TimeField("ends at", null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    facilitator = models.ForeignKey(
        "governance.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions_facilitated",
    )

    class Meta:
        ordering = ["date", "starts_at", "id"]
        indexes = [models.Index(fields=["cohort", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(starts_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=ENDS_BEFORE_START,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d %B %Y})"

    def clean(self) -> None:
        check_same_partnership(self, "cohort", "facilitator")
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": ENDS_BEFORE_START})


class Enrolment(TenantModel):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey("governance.Person", on_delete=models.CASCADE, related_name="enrolments")
    enrolled_on = models.DateField("enrolled on", null=True, blank=True)

    class Meta:
        ordering = ["cohort", "person__name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "person"], name="one_enrolment_per_cohort")]

    def __str__(self) -> str:
        return f"{self.person.name} in {self.cohort}"

    def clean(self) -> None:
        check_same_partnership(self, "cohort", "person")


class AttendanceStatus(models.TextChoices):
    """What was recorded. "Not recorded" is the absence of a row, never a status, so it cannot be counted."""

    ATTENDED = "attended", "Attended"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class AttendanceRecord(TenantModel):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        "governance.Person", on_delete=models.CASCADE, related_name="session_attendance"
    )
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices)

    class Meta:
        ordering = ["session", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_attendance_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.person.name}: {self.get_status_display()} at {self.session}"

    def clean(self) -> None:
        check_same_partnership(self, "session", "person")
        if (
            self.session_id
            and self.person_id
            and not Enrolment.objects.filter(cohort=self.session.cohort_id, person=self.person_id).exists()
        ):
            raise ValidationError({"person": NOT_ENROLLED})
