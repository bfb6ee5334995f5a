"""Sign-in throttling: django-axes counts failures; this module says so on the sign-in page and audits them.

Failed sign-ins and lockouts are written to the audit trail of every partnership the named account belongs
to (the audit is per partnership; a username that matches no member leaves only axes' own records, which
site administrators see in /admin/).
"""

from __future__ import annotations

import math
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from traction.core.audit import audit_access
from traction.core.models import Membership

LOCKED_OUT = (
    "Too many failed attempts to sign in to this account from your network. "
    "Try again in {minutes} minutes, or ask your site administrator to unlock the account."
)
VERB_FAILED = "failed to sign in"
VERB_LOCKED = "locked out of sign-in"


class ThrottledBackend(AxesStandaloneBackend):
    """Axes' backend, marking a request it refused because the account was already locked (so the audit tells
    such a refusal from the failure that caused the lockout, whichever signal receiver runs first)."""

    def authenticate(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        # Axes' backend never signs anyone in: it returns nothing, or refuses.
        try:
            super().authenticate(request, *args, **kwargs)
        except AxesBackendPermissionDenied:
            request.traction_refused_while_locked = True  # type: ignore[attr-defined]
            raise


def lockout_minutes() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def client_ip_address(request: HttpRequest) -> str:
    """The address failures are counted against. Behind a TLS proxy (TRACTION_BEHIND_PROXY) every request
    comes from the proxy, so use the address it appended to X-Forwarded-For: a client cannot forge it."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded:
        return forwarded.split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """The sign-in page again, its error summary saying the account is locked and for how long (429)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    from traction.core.sso import button_label  # sso uses this module's client address

    context = {
        "form": form,
        "locked_out": LOCKED_OUT.format(minutes=lockout_minutes()),
        "organisation_sign_in": button_label(),
    }
    return render(request, "core/login.html", context, status=429)


def signin_failure_audit(*, username: str, ip_address: str, verb: str) -> None:
    """One audit event in each partnership of the account named (none for a username nobody has)."""
    user = get_user_model()._default_manager.filter(username=username).first()
    if user is None:
        return
    partnerships = [m.partnership for m in Membership.objects.filter(user=user).select_related("partnership")]
    audit_access(partnerships=partnerships, verb=verb, instance=user, changes={"ip_address": ip_address})


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    # An attempt refused while locked is not audited: it checked no password, and the audit rows one address
    # can cause stay bounded (the failures up to the limit, and the lockout).
    if request is None or getattr(request, "traction_refused_while_locked", False):
        return
    signin_failure_audit(
        username=str(credentials.get("username") or ""),
        ip_address=client_ip_address(request),
        verb=VERB_FAILED,
    )


def on_locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **_: Any
) -> None:
    # Axes signals a lockout again for each attempt refused while locked; only the first is the lockout.
    if getattr(request, "traction_refused_while_locked", False):
        return
    signin_failure_audit(username=username or "", ip_address=ip_address or "", verb=VERB_LOCKED)
