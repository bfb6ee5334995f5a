"""Organisation sign-in: OpenID Connect (Microsoft Entra ID or another provider), by mozilla-django-oidc.

Who may sign in this way:

- the one active account whose email is the provider's verified email (case does not matter); never matched by
  name, and refused when several accounts share the email;
- otherwise someone whose verified email is at a domain a partnership allows (``Partnership.sso_domains``): an
  account is made and joins each such partnership as a viewer;
- nobody else: the refusal page says to ask the partnership's admin to add them.

The email counts as verified when the provider says ``email_verified`` (or Entra ID's ``xms_edov``) is true;
when it says neither, only if the site trusts the provider's emails (``TRACTION_OIDC_TRUST_EMAIL``). The ID
token's signature (RS256, the provider's published keys), audience, issuer, expiry and nonce are checked.
Sign-ins, new accounts and refusals are audited in the partnerships concerned.
"""

from __future__ import annotations

import functools
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.views import LoginView
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from traction.core.audit import audit_access
from traction.core.models import Membership, Partnership, Role
from traction.core.signin import client_ip_address
from traction.core.twofactor import views as twofactor
from traction.core.views import error_page

VERB_SIGNED_IN = "signed in with an organisation account"
VERB_JOINED = "joined by organisation sign-in"
VERB_REFUSED = "refused organisation sign-in"

REFUSED_TITLE = "You cannot sign in with that account"
NO_ACCOUNT = (
    "There is no account for {email} here, and no partnership lets people from that organisation join by "
    "signing in. Ask your partnership's admin to add you as a member with this email address, then sign in "
    "again."
)
SEVERAL_ACCOUNTS = (
    "More than one account here has the email address {email}, so we cannot tell which is yours. Ask your "
    "partnership's admin to give each account its own email address."
)
UNVERIFIED = (
    "Your organisation did not confirm that the email address {email} is yours, so it cannot be used to sign "
    "in. Ask your organisation's IT team, or sign in with your username and password."
)
DEACTIVATED = (
    "The account for {email} is switched off, so it cannot sign in. Ask your partnership's admin if you "
    "should still have access."
)
NO_EMAIL = (
    "Your organisation's account did not give us an email address, so we cannot find your account. Ask your "
    "organisation's IT team, or sign in with your username and password."
)
NOT_COMPLETED = (
    "The sign-in with your organisation account did not complete, and you are not signed in. Try again, or "
    "sign in with your username and password."
)

# mozilla-django-oidc's settings naming the provider's endpoints, and the discovery document's keys for them.
_ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
}


class Refused(Exception):
    """Organisation sign-in refused; the message is shown to the person."""


def configured() -> bool:
    explicit = all(getattr(settings, name, "") for name in _ENDPOINTS)
    return bool(settings.OIDC_RP_CLIENT_ID and (settings.TRACTION_OIDC_ISSUER or explicit))


def button_label() -> str:
    """The label of the organisation sign-in button, or "" when organisation sign-in is off."""
    return str(settings.TRACTION_OIDC_BUTTON_LABEL) if configured() else ""


@functools.cache
def _discovery(issuer: str) -> dict[str, Any]:
    """The provider's discovery document, read once per process (an error is not cached: the next try reads
    it again)."""
    response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    return document


def provider_setting(attr: str, *default: Any) -> Any:
    """mozilla-django-oidc's settings, with the endpoints not set explicitly read from the issuer's discovery
    document."""
    value = import_from_settings(attr, *default)
    if attr in _ENDPOINTS and not value and settings.TRACTION_OIDC_ISSUER:
        value = _discovery(settings.TRACTION_OIDC_ISSUER).get(_ENDPOINTS[attr], "")
    return value


def _user_partnerships(users: list[Any]) -> list[Partnership]:
    memberships = Membership.objects.filter(user__in=users).select_related("partnership")
    return list({m.partnership_id: m.partnership for m in memberships}.values())


class OrganisationBackend(OIDCAuthenticationBackend):
    """Answers only the organisation sign-in's callback (a request with a code and a state); a password
    sign-in passes through it untouched. A refusal is kept on the request for the callback view to show."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The provider's settings are read when a callback is answered, not on every password sign-in.
        self.UserModel = get_user_model()

    get_settings = staticmethod(provider_setting)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        if request is None or "nonce" not in kwargs or not configured():
            return None
        try:
            super().__init__()
            return super().authenticate(request, **kwargs)
        except Refused as refusal:
            request.traction_sso_refused = str(refusal)  # type: ignore[attr-defined]
        except (SuspiciousOperation, requests.RequestException, ValueError, KeyError):
            request.traction_sso_refused = NOT_COMPLETED  # type: ignore[attr-defined]
        return None

    def _verify_jws(self, payload: Any, key: Any) -> dict[str, Any]:
        """The library checks the signature and algorithm; the audience, issuer and expiry are checked too."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The ID token is not signed with the expected algorithm.")
        try:
            claims: dict[str, Any] = jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.TRACTION_OIDC_ISSUER or None,
                options={"require": ["exp", "iat", "aud", "sub"]},
                leeway=60,
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error
        return claims

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The ID token's claims, with what the userinfo endpoint adds (about the same subject only)."""
        info = super().get_userinfo(access_token, id_token, payload)
        if info.get("sub") not in (None, payload["sub"]):
            raise SuspiciousOperation("The userinfo is about another subject.")
        return {**info, **payload}  # the signed ID token wins over the userinfo where both say something

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claims = self.get_userinfo(access_token, id_token, payload)
        email = str(claims.get("email") or "").strip()
        if not email or "@" not in email:
            raise Refused(NO_EMAIL)
        users = list(self.UserModel._default_manager.filter(email__iexact=email, is_active=True))
        if not email_verified(claims):
            self._refuse(users, email, "email not verified", UNVERIFIED)
        if len(users) > 1:
            self._refuse(users, email, "several accounts have this email", SEVERAL_ACCOUNTS)
        if users:
            user = users[0]
            self._audit(_user_partnerships([user]), VERB_SIGNED_IN, user, email)
            return user
        switched_off = list(self.UserModel._default_manager.filter(email__iexact=email, is_active=False))
        if switched_off:  # never a fresh account beside one an admin switched off
            self._refuse(switched_off, email, "account switched off", DEACTIVATED)
        return self._join_by_domain(email)

    def _join_by_domain(self, email: str) -> Any:
        domain = email.rsplit("@", 1)[1].lower()
        partnerships = [p for p in Partnership.objects.exclude(sso_domains="") if domain in p.sso_domain_list]
        if not partnerships:
            raise Refused(NO_ACCOUNT.format(email=email))
        with transaction.atomic():
            user = self.UserModel._default_manager.create_user(
                username=self._free_username(email), email=email.lower()
            )  # no usable password: this account signs in through the organisation only
            Membership.objects.bulk_create(
                Membership(partnership=p, user=user, role=Role.VIEWER) for p in partnerships
            )
            self._audit(partnerships, VERB_JOINED, user, email)
        return user

    def _free_username(self, email: str) -> str:
        base = email.lower()[:140]
        username, n = base, 1
        while self.UserModel._default_manager.filter(username__iexact=username).exists():
            n += 1
            username = f"{base}-{n}"
        return username

    def _refuse(self, users: list[Any], email: str, reason: str, message: str) -> None:
        for user in users:
            self._audit(_user_partnerships([user]), VERB_REFUSED, user, email, reason=reason)
        raise Refused(message.format(email=email))

    def _audit(
        self, partnerships: list[Partnership], verb: str, user: Any, email: str, reason: str = ""
    ) -> None:
        changes = {"email": email, "ip_address": client_ip_address(self.request)}
        if reason:
            changes["reason"] = reason
        audit_access(partnerships=partnerships, verb=verb, instance=user, changes=changes)


def email_verified(claims: dict[str, Any]) -> bool:
    """Whether the provider vouches for the email: ``email_verified`` (or Entra ID's ``xms_edov``, "email
    domain owner verified") when it sends one; otherwise only if the site is set to trust its emails."""
    for claim in ("email_verified", "xms_edov"):
        if claim in claims:
            value = claims[claim]
            return value is True or str(value).lower() == "true"
    return bool(settings.TRACTION_OIDC_TRUST_EMAIL)


class OrganisationSignInView(OIDCAuthenticationRequestView):
    """Sends the person to their organisation's sign-in page (404 when organisation sign-in is off)."""

    get_settings = staticmethod(provider_setting)

    def __init__(self, **kwargs: Any) -> None:
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        for key, value in kwargs.items():
            setattr(self, key, value)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not configured():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except (requests.RequestException, ValueError):
            return refused_page(request, NOT_COMPLETED)
        response: HttpResponse = super().get(request)
        return response


class OrganisationCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the person back: signed in, or a page saying why not."""

    get_settings = staticmethod(provider_setting)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not configured():
            raise Http404
        try:
            response: HttpResponse = super().get(request)
        except SuspiciousOperation:  # a state this browser did not start
            return refused_page(request, NOT_COMPLETED)
        return response

    def login_failure(self) -> HttpResponse:
        return refused_page(self.request, getattr(self.request, "traction_sso_refused", NOT_COMPLETED))


def refused_page(request: HttpRequest, message: str) -> HttpResponse:
    return error_page(request, {"title": REFUSED_TITLE, "message": message}, status=403)


class SignInView(LoginView):
    """The sign-in page: the username and password form, and the organisation sign-in button when it is on."""

    template_name = "core/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["organisation_sign_in"] = button_label()
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        """The password is right: an account with two-factor sign-in is not signed in yet, but asked for its
        code (traction.core.twofactor)."""
        user = form.get_user()
        if twofactor.needs_second_step(user):
            return twofactor.second_step_begin(self.request, user=user, next_url=self.get_success_url())
        response: HttpResponse = super().form_valid(form)
        return response
