"""A change to an account's second factor ends its other sessions, as a password change does.

Django ends a session whose password hash no longer matches the account's (the session auth hash); the
session that changed the password keeps itself with ``update_session_auth_hash``. Here the same is done for
the second factor: each session keeps the account's ``sign_in_state`` from when it signed in, and a session
whose state no longer matches (two-factor sign-in turned on or off, or new recovery codes, in another
session) is signed out, audited and told why. The session that made the change keeps itself with
``session_state_keep``. So a password someone else already used to sign in stops working for them the
moment its owner turns two-factor sign-in on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from traction.core.signin import client_ip_address
from traction.core.twofactor import services

SESSION_STATE = "traction_twofactor_state"
SIGNED_OUT = (
    "You have been signed out because two-factor sign-in was turned on or off, or new recovery codes were "
    "made, for your account in another session. Sign in again."
)


def session_state_keep(request: HttpRequest) -> None:
    """Let this session go on after it changed the account's second factor (the others end)."""
    request.session[SESSION_STATE] = services.sign_in_state(request.user)


def on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """``user_logged_in``: the session starts with the account's second factor as it is now."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STATE] = services.sign_in_state(user)


class TwoFactorSessionMiddleware:
    """Signs out a session whose account's second factor changed since it signed in (after
    ``AuthenticationMiddleware``, before ``LoginRequiredMiddleware``, which then sends it to sign in). A
    session without a state signed in before sessions kept one: it is ended too, as Django ends one
    without a session auth hash."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            kept = request.session.get(SESSION_STATE)
            if kept != services.sign_in_state(user):
                self.end(request, user, changed=kept is not None)
        return self.get_response(request)

    @staticmethod
    def end(request: HttpRequest, user: Any, *, changed: bool) -> None:
        logout(request)
        if changed:
            services.session_end_audit(user=user, ip_address=client_ip_address(request))
            messages.warning(request, SIGNED_OUT)
