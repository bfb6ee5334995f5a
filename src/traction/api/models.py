"""Personal API tokens: a user's key to the JSON API for one partnership, read or read-write."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from traction.core.models import Partnership


class Scope(models.TextChoices):
    READ = "read", "Read"
    READ_WRITE = "read_write", "Read and write"


class ApiToken(models.Model):
    """Only the SHA-256 of the secret is kept; the secret is shown once, when the token is made. A token gives
    at most what its user's role gives in its partnership at the moment of each request."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)
    scope = models.CharField(max_length=20, choices=Scope.choices, default=Scope.READ)
    prefix = models.CharField("starts with", max_length=12, editable=False)
    hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.scope == Scope.READ_WRITE
