"""A partnership that requires two-factor sign-in (``Partnership.two_factor_required``) opens its pages
only to members it applies to who signed in with a second factor: in this session, with their authenticator
app or a recovery code, or with an organisation account (whose own sign-in checks one: docs/adr/0018). Anyone
else is sent to set it up (or to confirm a code), and brought back afterwards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from traction.core import policy
from traction.core.htmx import redirect_page
from traction.core.models import Partnership, TwoFactorRequirement
from traction.core.twofactor.services import app_device, requirement_applies

ORGANISATION_BACKEND = "traction.core.sso.OrganisationBackend"
REQUIRED = (
    "{partnership} requires two-factor sign-in {who}. Set it up below (it takes a minute, with an "
    "authenticator app on your phone); you will then be taken back to the page you asked for."
)
CONFIRM_REQUIRED = (
    "{partnership} requires two-factor sign-in {who}. Enter a code from your authenticator app to confirm "
    "it is you; you will then be taken back to the page you asked for."
)
ADMIN_REQUIRED = (
    "The site administration requires two-factor sign-in. Set it up below; you will then be taken back to "
    "the page you asked for."
)
ADMIN_CONFIRM = (
    "The site administration requires two-factor sign-in. Enter a code from your authenticator app to "
    "confirm it is you; you will then be taken back to the page you asked for."
)
WHO = {TwoFactorRequirement.ADMINS: "for its admins", TwoFactorRequirement.EVERYONE: "for all its members"}


def second_factor_used(request: HttpRequest) -> bool:
    user: Any = request.user
    if getattr(user, "is_verified", None) is not None and user.is_verified():
        return True
    return bool(request.session.get(BACKEND_SESSION_KEY) == ORGANISATION_BACKEND)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        slug = kwargs.get("slug")
        match = request.resolver_match
        if match is not None and match.app_name == "admin" and request.user.is_authenticated:
            return self.admin_site(request)
        if not slug or not request.user.is_authenticated or match is None or match.namespace == "api-v1":
            return None
        partnership = policy.partnership_named(user=request.user, slug=slug)
        if partnership is None or partnership.two_factor_required == TwoFactorRequirement.NO:
            return None
        role = policy.role_of(user=request.user, partnership=partnership)  # not a member: the page 404s
        if not requirement_applies(partnership.two_factor_required, role) or second_factor_used(request):
            return None
        return self.refuse(request, partnership)

    @staticmethod
    def admin_site(request: HttpRequest) -> HttpResponse | None:
        """The site administration reaches every partnership's records and settings: it always asks for a
        second factor, whatever any partnership requires."""
        user: Any = request.user
        if not (user.is_staff and user.is_active) or second_factor_used(request):
            return None  # Django's own sign-in page for the admin refuses anyone else
        template = ADMIN_CONFIRM if app_device(user) is not None else ADMIN_REQUIRED
        messages.warning(request, template)
        return to_setup(request)

    @staticmethod
    def refuse(request: HttpRequest, partnership: Partnership) -> HttpResponse:
        template = CONFIRM_REQUIRED if app_device(request.user) is not None else REQUIRED
        who = WHO[TwoFactorRequirement(partnership.two_factor_required)]
        messages.warning(request, template.format(partnership=partnership.name, who=who))
        return to_setup(request)


def to_setup(request: HttpRequest) -> HttpResponse:
    """To the set-up (or code) page, and back to the page asked for (a GET's) afterwards; an htmx request is
    sent there as a whole page, not a fragment."""
    query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
    return redirect_page(request, reverse("twofactor:setup") + (f"?{query}" if query else ""))
