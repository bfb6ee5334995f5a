"""The account's two-factor sign-in page (set up, recovery codes, turn off) and sign-in's second step.

After a right password, an account with an authenticator app is not signed in: the session holds only who is
half-way (``PENDING``, for ``PENDING_SECONDS``), and every page but this step still asks to sign in. The
account is signed in, with the device that took the code, only once a right code is entered.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import django_otp
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters

from traction.core.forms import form_submit
from traction.core.signin import client_ip_address
from traction.core.twofactor import services
from traction.core.twofactor.forms import CodeForm, SetupCodeForm
from traction.core.twofactor.sessions import session_state_keep
from traction.core.views import next_url

T = TypeVar("T")
# A code, above all an unused recovery code, never appears in an error report.
sensitive_code = method_decorator(sensitive_post_parameters("code"), name="post")
PENDING = "traction_twofactor_pending"
PENDING_SECONDS = 600
SETUP_KEY = "traction_twofactor_key"

SIGN_IN_AGAIN = (
    "Your sign-in was not finished within {minutes} minutes, or has not been started. Sign in again with "
    "your username and password."
)
CONFIRMED = "Code accepted: this sign-in now counts as two-factor."
TURNED_OFF = (
    "Two-factor sign-in is off: signing in now needs only your password. Your old recovery codes no longer "
    "work."
)


# Sign-in's second step


def needs_second_step(user: Any) -> bool:
    return services.app_device(user) is not None


def second_step_begin(request: HttpRequest, *, user: Any, next_url: str) -> HttpResponse:
    """Remember who gave a right password (not signing them in) and ask for their code."""
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "hash": user.get_session_auth_hash(),
        "at": time.time(),
        "next": next_url,
    }
    return redirect("login-code")


def _pending_user(request: HttpRequest) -> Any:
    """The account half-way through signing in, or None (none, expired, or its password changed since)."""
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        return None
    user = get_user_model()._default_manager.filter(pk=int(pending.get("user") or 0), is_active=True).first()
    if user is None or not constant_time_compare(user.get_session_auth_hash(), str(pending.get("hash"))):
        return None
    user.backend = pending["backend"]
    return user


@sensitive_code
class SignInCodeView(View):
    template_name = "core/login_code.html"

    def page(self, form: CodeForm | None, *, locked: str = "", status: int = 200) -> HttpResponse:
        context = {
            "title": "Enter your sign-in code",
            "form": form,
            "locked_out": locked,
            "expired": SIGN_IN_AGAIN.format(minutes=PENDING_SECONDS // 60),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(CodeForm() if _pending_user(request) is not None else None)

    def post(self, request: HttpRequest) -> HttpResponse:
        user = _pending_user(request)
        if user is None:
            return self.page(None)
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.page(form)
        try:
            device = services.code_verify(
                user=user, code=form.cleaned_data["code"], ip_address=client_ip_address(request)
            )
        except services.CodeRefused as refusal:
            if refusal.locked:
                request.session.pop(PENDING, None)
                return self.page(None, locked=str(refusal), status=429)
            form.add_error("code", str(refusal))
            return self.page(form)
        destination = request.session.pop(PENDING)["next"]
        auth_login(request, user, backend=user.backend)
        django_otp.login(request, device)
        return redirect(destination)


# The account page


def _code_action(form: CodeForm, action: Callable[[str], T]) -> T | None:
    """``action``'s result for the code entered, or None with the refusal shown on the form."""
    if not form.is_valid():
        return None
    try:
        return action(form.cleaned_data["code"])
    except services.CodeRefused as refusal:
        form.add_error("code", str(refusal))
        return None


def _overview() -> HttpResponse:
    return redirect(reverse("twofactor:overview"))


def _codes_page(request: HttpRequest, codes: list[str], *, first: bool, continue_url: str) -> HttpResponse:
    """The recovery codes, shown this once (after set-up, ``first``, or when new ones are made)."""
    context = {"title": "Your recovery codes", "codes": codes, "first": first, "continue_url": continue_url}
    return render(request, "core/twofactor_codes.html", context)


class TwoFactorView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        context = {
            "title": "Two-factor sign-in",
            "device": services.app_device(user),
            "codes_left": services.recovery_codes_left(user),
            "required_in": services.required_in(user),
            "events": services.history(user),
        }
        return render(request, "core/twofactor.html", context)


@sensitive_code
class TwoFactorSetupView(View):
    """Set up an authenticator app; or, for an account that has one, confirm a code in this session."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if services.app_device(request.user) is not None:
            return self.confirm_page(CodeForm())
        return self.setup_page(SetupCodeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if services.app_device(request.user) is not None:
            return self.confirm(CodeForm(request.POST))
        key = request.session.get(SETUP_KEY)
        form = SetupCodeForm(request.POST)
        if not key:
            return self.setup_page(form)  # the page had expired: a new key, and the form again
        enabled = form_submit(
            form,
            lambda data: services.twofactor_enable(actor=request.user, key=key, code=data["code"]),
        )
        if enabled is None:
            return self.setup_page(form)
        request.session.pop(SETUP_KEY, None)
        request.session.cycle_key()  # a session that now counts as two-factor gets a new key
        django_otp.login(request, enabled.device)  # the code was just entered: this sign-in counts
        session_state_keep(request)  # the account's other sessions end; this one goes on
        continue_url = next_url(request, reverse("twofactor:overview"))
        return _codes_page(request, enabled.recovery_codes, first=True, continue_url=continue_url)

    def setup_page(self, form: CodeForm) -> HttpResponse:
        key = self.request.session.setdefault(SETUP_KEY, services.new_key())
        uri = services.setup_uri(user=self.request.user, key=key)
        context = {
            "title": "Set up two-factor sign-in",
            "form": form,
            "qr_svg": services.qr_svg(uri),
            "typed_key": services.key_for_typing(key),
            "next": self.request.GET.get("next") or self.request.POST.get("next", ""),
        }
        return render(self.request, "core/twofactor_setup.html", context)

    def confirm_page(self, form: CodeForm) -> HttpResponse:
        if getattr(self.request.user, "is_verified", lambda: False)():
            return redirect(next_url(self.request, reverse("twofactor:overview")))
        context = {
            "title": "Confirm your sign-in code",
            "form": form,
            "next": self.request.GET.get("next") or self.request.POST.get("next", ""),
        }
        return render(self.request, "core/twofactor_confirm.html", context)

    def confirm(self, form: CodeForm) -> HttpResponse:
        ip_address = client_ip_address(self.request)
        device = _code_action(
            form, lambda code: services.code_verify(user=self.request.user, code=code, ip_address=ip_address)
        )
        if device is None:
            return self.confirm_page(form)
        self.request.session.cycle_key()  # a session that now counts as two-factor gets a new key
        django_otp.login(self.request, device)
        messages.success(self.request, CONFIRMED)
        return redirect(next_url(self.request, reverse("twofactor:overview")))


class CodeActionView(View, Generic[T]):
    """An action on the account that needs a current code: a form for the code, the code checked (the
    service audits it and the action), then the action done; it changes the second factor, so the account's
    other sessions end. An account without an app is sent to the overview."""

    title: str
    submit_label: str

    def get(self, request: HttpRequest) -> HttpResponse:
        if services.app_device(request.user) is None:
            return self.not_on()
        return self.page(CodeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if services.app_device(request.user) is None:
            return self.not_on()
        form = CodeForm(request.POST)
        ip_address = client_ip_address(request)
        result = _code_action(form, lambda code: self.act(code=code, ip_address=ip_address))
        if result is None:
            return self.page(form)
        session_state_keep(request)  # the account's other sessions end; this one goes on
        return self.done(result)

    def act(self, *, code: str, ip_address: str) -> T:
        """The action itself; raises ``services.CodeRefused`` when the code does not verify."""
        raise NotImplementedError

    def done(self, result: T) -> HttpResponse:
        raise NotImplementedError

    def lead(self) -> str:
        raise NotImplementedError

    def not_on(self) -> HttpResponse:
        return _overview()

    def page(self, form: CodeForm) -> HttpResponse:
        context = {"title": self.title, "form": form, "submit_label": self.submit_label, "lead": self.lead()}
        return render(self.request, "core/twofactor_code_form.html", context)


@sensitive_code
class RecoveryCodesView(CodeActionView[list[str]]):
    title = submit_label = "Make new recovery codes"

    def act(self, *, code: str, ip_address: str) -> list[str]:
        return services.recovery_codes_renew(actor=self.request.user, code=code, ip_address=ip_address)

    def done(self, result: list[str]) -> HttpResponse:
        return _codes_page(self.request, result, first=False, continue_url=reverse("twofactor:overview"))

    def lead(self) -> str:
        return (
            "Your current recovery codes stop working, ten new ones are shown once, and you are signed out "
            "everywhere else you are signed in. Enter a code from your authenticator app (or one of your "
            "current recovery codes) to confirm it is you."
        )


@sensitive_code
class TwoFactorDisableView(CodeActionView[bool]):
    title = "Turn off two-factor sign-in"
    submit_label = "Turn off"

    def act(self, *, code: str, ip_address: str) -> bool:
        return services.twofactor_disable(actor=self.request.user, code=code, ip_address=ip_address)

    def done(self, result: bool) -> HttpResponse:
        messages.success(self.request, TURNED_OFF)
        return _overview()

    def not_on(self) -> HttpResponse:
        messages.info(self.request, services.NOT_ON)
        return _overview()

    def lead(self) -> str:
        lead = (
            "Signing in will need only your password, and you will be signed out everywhere else you are "
            "signed in. Enter a code from your authenticator app (or a recovery code) to confirm it is you."
        )
        required = services.required_in(self.request.user)
        if required:
            names = ", ".join(p.name for p in required)
            verb = "requires" if len(required) == 1 else "require"
            lead += f" {names} {verb} two-factor sign-in: you will be asked to set it up again to open "
            lead += "its pages."
        return lead
