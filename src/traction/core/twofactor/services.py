"""Two-factor sign-in for local accounts: an authenticator app (TOTP, django-otp) with single-use recovery
codes.

A device counts once its owner has entered a code from it. Every code is checked against the account's own
devices inside one transaction with the device rows locked: a TOTP code is accepted once (django-otp keeps
the last time step used), a recovery code is deleted as it is used. Wrong codes are counted on the account's
app device (django-otp's failure counter); after ``AXES_FAILURE_LIMIT`` in a row the second step is locked for
``AXES_COOLOFF_TIME``, as a password is. Each change, wrong code and lockout is audited in every partnership
the account belongs to.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import time
from dataclasses import dataclass
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from traction.core.audit import audit_account
from traction.core.models import AuditEvent, Membership, Partnership, Role, TwoFactorRequirement

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
STATE_SALT = "traction.core.twofactor.sign_in_state"

VERB_ON = "turned on two-factor sign-in"
VERB_OFF = "turned off two-factor sign-in"
VERB_NEW_CODES = "made new recovery codes"
VERB_RECOVERY_USED = "used a recovery code"
VERB_WRONG = "entered a wrong two-factor code"
VERB_LOCKED = "locked out of two-factor sign-in"
VERB_SIGNED_OUT = "signed out by a two-factor change"  # verb is at most 40 characters
VERBS = (VERB_ON, VERB_OFF, VERB_NEW_CODES, VERB_RECOVERY_USED, VERB_WRONG, VERB_LOCKED, VERB_SIGNED_OUT)

CODE_REQUIRED = "Enter the code."
WRONG_CODE = (
    "That code is not right. Enter the 6-digit code your authenticator app shows now, or one of your "
    "recovery codes."
)
REPLAYED_CODE = "That code has already been used. Wait for your authenticator app to show the next one."
SETUP_WRONG_CODE = (
    "That code does not match. Check that you added the key shown on this page, then enter the 6-digit code "
    "the app shows now."
)
LOCKED = (
    "Too many wrong codes for this account. Try again in {minutes} minutes, or ask your site administrator "
    "to unlock it."
)
ALREADY_ON = "Two-factor sign-in is already on for your account."
NOT_ON = "Two-factor sign-in is not on for your account."


class CodeRefused(Exception):
    """A code that did not verify; the message is shown to the person."""

    def __init__(self, message: str, *, locked: bool = False) -> None:
        super().__init__(message)
        self.locked = locked


@dataclass(frozen=True)
class Enabled:
    device: TOTPDevice
    recovery_codes: list[str]  # shown once, then only their use is known


# Reading


def app_device(user: Any) -> TOTPDevice | None:
    """The account's confirmed authenticator app, if it has one."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user.pk, confirmed=True).first()


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user.pk).count()


def required_in(user: Any) -> list[Partnership]:
    """The partnerships that require this account to use two-factor sign-in (by its role in each)."""
    memberships = Membership.objects.filter(user=user.pk).select_related("partnership")
    return [
        m.partnership for m in memberships if requirement_applies(m.partnership.two_factor_required, m.role)
    ]


def requirement_applies(requirement: str, role: str | None) -> bool:
    if role is None or requirement == TwoFactorRequirement.NO:
        return False
    return requirement == TwoFactorRequirement.EVERYONE or role == Role.ADMIN


def history(user: Any, limit: int = 20) -> list[AuditEvent]:
    """The account's two-factor events, newest first, once each (they are written in every partnership)."""
    events = AuditEvent.objects.filter(object_type="user", object_id=str(user.pk), verb__in=VERBS)
    seen: set[tuple[str, Any]] = set()
    listed: list[AuditEvent] = []
    for event in events.order_by("-created_at", "-pk")[: limit * 20]:
        key = (event.verb, event.created_at.replace(microsecond=0))
        if key not in seen:
            seen.add(key)
            listed.append(event)
    return listed[:limit]


def sign_in_state(user: Any) -> str:
    """A keyed hash of what the account's second factor is: its app's secret and its set of recovery codes
    (each set is a new row, and row ids are never reused). Each session keeps the one it signed in with;
    turning two-factor sign-in on or off, or making new recovery codes, changes it, so the account's other
    sessions end, as Django ends them when the password changes. One query."""
    app = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True).values("key")[:1]
    codes = StaticDevice.objects.filter(user=OuterRef("pk")).values("pk")[:1]
    row = (
        get_user_model()
        ._default_manager.filter(pk=user.pk)
        .annotate(app=Subquery(app), codes=Subquery(codes))
        .values_list("app", "codes")
        .first()
    )
    return salted_hmac(STATE_SALT, repr(row), algorithm="sha256").hexdigest()


def new_key() -> str:
    """A fresh secret for an authenticator app (hex, as django-otp stores it)."""
    return str(default_key())


def key_for_typing(key: str) -> str:
    """The secret as an authenticator app asks for it when typed in: base32, in groups of four."""
    text = base64.b32encode(bytes.fromhex(key)).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def setup_uri(*, user: Any, key: str) -> str:
    return str(TOTPDevice(user=user, key=key).config_url)


def qr_svg(uri: str) -> str:
    """The setup address as an inline SVG QR code (drawn here: nothing is fetched from elsewhere)."""
    code = segno.make(uri, error="m")
    svg: str = code.svg_inline(scale=4, dark="#000", light="#fff", title="QR code to add Traction to an app")
    return svg.replace(
        "<svg ", '<svg role="img" aria-label="QR code to add Traction to an authenticator app" ', 1
    )


def recovery_code_shown(token: str) -> str:
    return f"{token[:4]}-{token[4:]}"


def _clean_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code).lower()


# Writing


@transaction.atomic
def twofactor_enable(*, actor: Any, key: str, code: str) -> Enabled:
    """Turn on two-factor sign-in with the app the actor added ``key`` to: the code it shows now proves it."""
    if app_device(actor) is not None:
        raise ValidationError(ALREADY_ON)
    totp = _totp(key)
    cleaned = _clean_code(code)
    if totp is None or not cleaned.isdigit() or not totp.verify(int(cleaned), tolerance=1):
        raise ValidationError({"code": SETUP_WRONG_CODE})
    TOTPDevice.objects.filter(user=actor).delete()  # an unfinished set-up (none are kept, but be sure)
    device = TOTPDevice.objects.create(
        user=actor, name=APP_DEVICE_NAME, key=key, confirmed=True, last_t=totp.t()
    )  # the code just used cannot be used again to sign in
    codes = _new_recovery_codes(actor)
    audit_account(actor=actor, user=actor, verb=VERB_ON)
    return Enabled(device=device, recovery_codes=codes)


def _totp(key: str) -> TOTP | None:
    try:
        totp = TOTP(binascii.unhexlify(key.encode()))
    except (binascii.Error, ValueError):
        return None
    totp.time = time.time()
    return totp


def _new_recovery_codes(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    tokens = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=token) for token in tokens)
    return [recovery_code_shown(token) for token in tokens]


def twofactor_disable(*, actor: Any, code: str, ip_address: str) -> bool:
    """Turn off two-factor sign-in; a current code (or a recovery code) proves it is the account's owner."""
    code_verify(user=actor, code=code, ip_address=ip_address)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor).delete()
        StaticDevice.objects.filter(user=actor).delete()
        audit_account(actor=actor, user=actor, verb=VERB_OFF)
    return True


def recovery_codes_renew(*, actor: Any, code: str, ip_address: str) -> list[str]:
    """New recovery codes, the old ones no longer accepted; a current code proves it is the owner."""
    code_verify(user=actor, code=code, ip_address=ip_address)
    with transaction.atomic():
        codes = _new_recovery_codes(actor)
        audit_account(actor=actor, user=actor, verb=VERB_NEW_CODES)
    return codes


def session_end_audit(*, user: Any, ip_address: str) -> None:
    """A session of the account was ended because its second factor changed in another one."""
    audit_account(actor=None, user=user, verb=VERB_SIGNED_OUT, changes={"ip_address": ip_address})


def code_verify(*, user: Any, code: str, ip_address: str) -> Device:
    """The device that accepts ``code`` for ``user``, or ``CodeRefused`` saying why (wrong, used already,
    locked). A wrong code is counted and audited whatever else happens."""
    if not _clean_code(code):
        raise CodeRefused(CODE_REQUIRED)
    device, refusal = _check(user, _clean_code(code))
    if device is not None:
        if isinstance(device, StaticDevice):
            audit_account(actor=user, user=user, verb=VERB_RECOVERY_USED, changes={"ip_address": ip_address})
        return device
    assert refusal is not None
    _audit_failure(user, ip_address, refusal)
    raise refusal


@transaction.atomic
def _check(user: Any, code: str) -> tuple[Device | None, CodeRefused | None]:
    """Inside one transaction, the device rows locked: the device that took the code, or the refusal.
    Returned, not raised, so the failure count it wrote is kept."""
    app = TOTPDevice.objects.select_for_update().filter(user=user.pk, confirmed=True).first()
    if app is None:
        return None, CodeRefused(NOT_ON)
    if locked(app):
        return None, CodeRefused(_locked_message(), locked=True)
    if app.throttling_failure_count >= settings.AXES_FAILURE_LIMIT:
        app.throttle_reset()  # the cool-off is over: a fresh count, as for passwords
    if code.isdigit():
        if app.verify_token(code):
            return app, None
        message = REPLAYED_CODE if _was_used(app, code) else WRONG_CODE
    else:
        recovery = StaticDevice.objects.select_for_update().filter(user=user.pk, confirmed=True).first()
        if recovery is not None and recovery.verify_token(code):
            app.throttle_reset()
            return recovery, None
        app.throttle_increment()
        message = WRONG_CODE
    return None, (_lockout() if locked(app) else CodeRefused(message))


class _JustLocked(CodeRefused):
    """The wrong code that locked the account (audited as a lockout as well as a wrong code)."""


def _lockout() -> CodeRefused:
    return _JustLocked(_locked_message(), locked=True)


def locked(device: TOTPDevice) -> bool:
    """Whether the account's second step is locked: ``AXES_FAILURE_LIMIT`` wrong codes in a row, the last
    less than ``AXES_COOLOFF_TIME`` ago."""
    if device.throttling_failure_count < settings.AXES_FAILURE_LIMIT:
        return False
    last = device.throttling_failure_timestamp
    return last is not None and timezone.now() - last < settings.AXES_COOLOFF_TIME


def _locked_message() -> str:
    minutes = max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return LOCKED.format(minutes=minutes)


def _was_used(app: TOTPDevice, code: str) -> bool:
    """Whether ``code`` is one the app showed within the tolerance, already used (so: replayed)."""
    totp = TOTP(app.bin_key, app.step, app.t0, app.digits, app.drift)
    totp.time = time.time()
    return bool(totp.verify(int(code), app.tolerance))


def _audit_failure(user: Any, ip_address: str, refusal: CodeRefused) -> None:
    # A code sent while locked checked nothing: it is not audited, so one address cannot fill the trail.
    if refusal.locked and not isinstance(refusal, _JustLocked):
        return
    if refusal.args[0] == NOT_ON:
        return
    audit_account(actor=None, user=user, verb=VERB_WRONG, changes={"ip_address": ip_address})
    if isinstance(refusal, _JustLocked):
        audit_account(actor=None, user=user, verb=VERB_LOCKED, changes={"ip_address": ip_address})
