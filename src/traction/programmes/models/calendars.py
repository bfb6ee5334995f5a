"""Calendar subscriptions: a secret address that a calendar application fetches without signing in.

A feed belongs to the user who asked for it and shows a programme's sessions, or one person's, exactly as that
user may see them at the moment of each fetch: a user who leaves the partnership, loses the right to see
programmes, or is deactivated, has feeds that answer "not found". The address is signed with the site's secret
key and carries a random nonce kept on the row, so neither the database alone nor the key alone can make one;
revoking a feed (or the record it follows being deleted) ends its address for good.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from traction.core.models import TenantModel, check_same_partnership

ONE_TARGET = "A calendar feed follows one programme or one person."


class CalendarFeed(TenantModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    programme = models.ForeignKey(
        "programmes.Programme", null=True, blank=True, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    person = models.ForeignKey(
        "governance.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    nonce = models.CharField(max_length=32, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField("revoked at", null=True, blank=True)
    last_fetched_at = models.DateTimeField("last fetched at", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(programme__isnull=True, person__isnull=False)
                | models.Q(programme__isnull=False, person__isnull=True),
                name="calendar_feed_one_target",
                violation_error_message=ONE_TARGET,
            ),
            # One live feed per user and record: asking again shows the same address.
            models.UniqueConstraint(
                fields=["user", "programme"],
                condition=models.Q(revoked_at__isnull=True, programme__isnull=False),
                name="one_live_programme_feed_per_user",
            ),
            models.UniqueConstraint(
                fields=["user", "person"],
                condition=models.Q(revoked_at__isnull=True, person__isnull=False),
                name="one_live_person_feed_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.target_name}"

    @property
    def target_name(self) -> str:
        if self.programme is not None:
            return self.programme.title
        return f"{self.person.name}'s sessions" if self.person is not None else "nothing"

    @property
    def live(self) -> bool:
        return self.revoked_at is None

    def clean(self) -> None:
        check_same_partnership(self, "programme", "person")
        if (self.programme_id is None) == (self.person_id is None):
            raise ValidationError(ONE_TARGET)
