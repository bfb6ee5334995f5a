"""Partnerships (the workspace every record belongs to), who belongs to them, and the audit trail."""

from __future__ import annotations

import re
import uuid
from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

_M = TypeVar("_M", bound=models.Model)

SAME_PARTNERSHIP = "Choose a record from this partnership."


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    SECRETARY = "secretary", "Secretary"
    MEMBER = "member", "Member"
    FACILITATOR = "facilitator", "Facilitator"
    VIEWER = "viewer", "Viewer"


class TwoFactorRequirement(models.TextChoices):
    """Who in a partnership must sign in with a second factor (traction.core.twofactor) to open its pages."""

    NO = "no", "No"
    ADMINS = "admins", "For admins"
    EVERYONE = "everyone", "For everyone"


SSO_DOMAIN = re.compile(r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
SSO_DOMAIN_INVALID = (
    "“{domain}” is not an email domain. Write domains such as nhs.net or northshire.gov.uk, separated by "
    "commas or spaces, without the part before the @."
)


def validate_sso_domains(value: str) -> None:
    bad = [d for d in value.replace(",", " ").split() if not SSO_DOMAIN.fullmatch(d.lstrip("@").lower())]
    if bad:
        raise ValidationError(SSO_DOMAIN_INVALID.format(domain=bad[0]))


def new_record_version() -> str:
    return uuid.uuid4().hex


class Partnership(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A new random value whenever the partnership's record changes (traction.diagnosis.versions): pages
    # computed from the record are cached under it, so a change is never served stale.
    record_version = models.CharField(max_length=32, default=new_record_version, editable=False)
    # Organisation sign-in (traction.core.sso): someone with no account whose verified email is at one of
    # these domains gets an account on first sign-in and joins as a viewer. Empty: only accounts admins add.
    sso_domains = models.CharField(
        "organisation sign-in domains",
        max_length=500,
        blank=True,
        help_text="Email domains, separated by commas or spaces (nhs.net, northshire.gov.uk). Someone "
        "signing in with an organisation account at one of them joins this partnership as a viewer.",
        validators=[validate_sso_domains],
    )
    # Who must sign in with two-factor sign-in (or an organisation account) to open this partnership's pages.
    two_factor_required = models.CharField(
        "require two-factor sign-in",
        max_length=10,
        choices=TwoFactorRequirement.choices,
        default=TwoFactorRequirement.NO,
        help_text="Members it applies to who have not set up two-factor sign-in are asked to before they can "
        "open this partnership's pages. Organisation accounts count: their organisation checks a second "
        "factor itself.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def sso_domain_list(self) -> list[str]:
        return [d.lstrip("@").lower() for d in self.sso_domains.replace(",", " ").split()]


class Membership(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user"], name="one_membership_per_partnership"),
        ]
        ordering = ["partnership", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) in {self.partnership}"


class PartnershipQuerySet(models.QuerySet[_M]):
    def for_partnership(self, partnership: Partnership) -> PartnershipQuerySet[_M]:
        return self.filter(partnership=partnership)


class TenantModel(models.Model):
    """A record that belongs to exactly one partnership; every query is scoped by it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        abstract = True


def check_same_partnership(instance: TenantModel, *fields: str) -> None:
    """Invariant: everything a record points at belongs to the same partnership."""
    errors = {}
    for name in fields:
        other = getattr(instance, name, None)
        if other is not None and other.partnership_id != instance.partnership_id:
            errors[name] = SAME_PARTNERSHIP
    if errors:
        raise ValidationError(errors)


class AuditEvent(TenantModel):
    """Who changed what, when. Written in the same transaction as the change it records."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    verb = models.CharField(max_length=40)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=200)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["partnership", "object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.actor} {self.verb} {self.object_type} {self.object_repr}"


class FormSubmission(models.Model):
    """A create form that was sent once: the one-time token its page carried and where its result is.

    A second post of the same token (a double click, a resent request, ten posts at once) adds nothing and
    goes to the first one's result. Written in the transaction of the create itself, so the token and the
    record it made are stored together or not at all; the unique token makes concurrent duplicates wait for
    the first and then fail.
    """

    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"form {self.token} by {self.user_id}"
