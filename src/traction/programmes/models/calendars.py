"""Calendar subscriptions: a secret address that a calendar application fetches without signing in.

A feed belongs to the user who asked for it and shows, as that user may see them at the moment of each fetch,
one of: a programme's sessions or one person's sessions (``sessions``); a body's meetings, or the meetings of
every body of the partnership (``meetings``, no body); one person's open actions by due date (``actions``).
A user who leaves the partnership, loses the right to see what the feed shows, or is deactivated, has feeds
that answer "not found". The address is signed with the site's secret key and carries a random nonce kept on
the row, so neither the database alone nor the key alone can make one; revoking a feed (or the record it
follows being deleted) ends its address for good. The programmes and the governance record share this one
mechanism (the model, ``services.calendars`` and the address view).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from traction.core.models import TenantModel, check_same_partnership

ONE_TARGET = (
    "A calendar feed follows one programme or one person's sessions, one body's or the partnership's "
    "meetings, or one person's actions."
)


class FeedKind(models.TextChoices):
    SESSIONS = "sessions", "Programme sessions"
    MEETINGS = "meetings", "Meetings"
    ACTIONS = "actions", "Actions"


_SESSIONS = Q(kind=FeedKind.SESSIONS, body__isnull=True) & (
    Q(programme__isnull=True, person__isnull=False) | Q(programme__isnull=False, person__isnull=True)
)
_MEETINGS = Q(kind=FeedKind.MEETINGS, programme__isnull=True, person__isnull=True)
_ACTIONS = Q(kind=FeedKind.ACTIONS, programme__isnull=True, person__isnull=False, body__isnull=True)
_LIVE = Q(revoked_at__isnull=True)


class CalendarFeed(TenantModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    kind = models.CharField(max_length=10, choices=FeedKind.choices, default=FeedKind.SESSIONS)
    programme = models.ForeignKey(
        "programmes.Programme", null=True, blank=True, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    person = models.ForeignKey(
        "governance.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    body = models.ForeignKey(
        "governance.Body", null=True, blank=True, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    nonce = models.CharField(max_length=32, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField("revoked at", null=True, blank=True)
    last_fetched_at = models.DateTimeField("last fetched at", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=_SESSIONS | _MEETINGS | _ACTIONS,
                name="calendar_feed_one_target",
                violation_error_message=ONE_TARGET,
            ),
            # One live feed per user, kind and record: asking again shows the same address.
            models.UniqueConstraint(
                fields=["user", "programme"],
                condition=_LIVE & Q(programme__isnull=False),
                name="one_live_programme_feed_per_user",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "person"],
                condition=_LIVE & Q(person__isnull=False),
                name="one_live_person_feed_per_user",
            ),
            models.UniqueConstraint(
                fields=["user", "body"],
                condition=_LIVE & Q(body__isnull=False),
                name="one_live_body_feed_per_user",
            ),
            models.UniqueConstraint(
                fields=["user", "partnership"],
                condition=_LIVE & Q(kind=FeedKind.MEETINGS, body__isnull=True),
                name="one_live_meetings_feed_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.target_name}"

    @property
    def target_name(self) -> str:
        if self.kind == FeedKind.MEETINGS:
            return f"{self.body.name} meetings" if self.body is not None else "the partnership's meetings"
        if self.kind == FeedKind.ACTIONS:
            return f"{self.person.name}'s actions" if self.person is not None else "nothing"
        if self.programme is not None:
            return self.programme.title
        return f"{self.person.name}'s sessions" if self.person is not None else "nothing"

    @property
    def live(self) -> bool:
        return self.revoked_at is None

    def clean(self) -> None:
        check_same_partnership(self, "programme", "person", "body")
        targets: dict[str, bool] = {
            FeedKind.SESSIONS: (self.programme_id is None) != (self.person_id is None)
            and self.body_id is None,
            FeedKind.MEETINGS: self.programme_id is None and self.person_id is None,
            FeedKind.ACTIONS: self.person_id is not None
            and self.programme_id is None
            and self.body_id is None,
        }
        if not targets.get(self.kind, False):
            raise ValidationError(ONE_TARGET)
