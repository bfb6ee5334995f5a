"""Two-factor sign-in in a real browser: a partnership that requires it sends a member to set it up, they add
the key shown (typed, as from the page) and confirm a code, keep their recovery codes, and next time sign in
with a code; axe scans the set-up page and the code step, every page of the account's two-factor section
(overview off and on, set-up, recovery codes, turn off), and the pages that ask for a code (sign-in's code
step wrong, locked and expired; confirming a code in a sign-in that did not use one), with and without
errors."""

from __future__ import annotations

import base64
import re
import time
from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from factories import PASSWORD, make_member, make_partnership, make_world
from traction.core.models import Role, TwoFactorRequirement
from traction.core.twofactor import services

pytestmark = pytest.mark.django_db(transaction=True)


def code_from_typed_key(typed: str, *, after_step: int = -1) -> str:
    """What an authenticator app given the key as typed from the page shows (after ``after_step``, the last
    time step the device accepted, so the code is one it has not used)."""
    secret = typed.replace(" ", "").upper()
    totp = TOTP(base64.b32decode(secret + "=" * (-len(secret) % 8)))
    now = time.time()
    totp.time = max(now, (after_step + 1) * 30)
    return f"{totp.token():06d}"


@pytest.fixture
def scene() -> Any:
    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    partnership.two_factor_required = TwoFactorRequirement.EVERYONE
    partnership.save()
    world = make_world(partnership)
    make_member(partnership, Role.MEMBER, username="mo.member", password=PASSWORD)
    return world


def test_set_up_then_sign_in_with_a_code(page: Any, scene: Any, problems: PageProblems) -> None:
    from playwright.sync_api import expect

    log_in(page, "mo.member", PASSWORD)  # no device yet: the password signs in
    page.goto("/p/northshire/actions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_text("requires two-factor sign-in for all its members")).to_be_visible()
    expect(page.get_by_role("img", name="QR code to add Traction to an authenticator app")).to_be_visible()
    setup = describe("set-up", axe_violations(page))

    typed = page.locator("#typed-key").inner_text()
    page.get_by_label("Code", exact=True).fill(
        "000000" if code_from_typed_key(typed) != "000000" else "111111"
    )
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("alert")).to_contain_text("That code does not match")
    setup_error = describe("set-up (wrong code)", axe_violations(page))

    page.get_by_label("Code", exact=True).fill(code_from_typed_key(typed))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    expect(page.get_by_role("list", name="Recovery codes").get_by_role("listitem")).to_have_count(10)
    page.get_by_role("link", name="I have kept my codes – continue").click()
    expect(page).to_have_url(re.compile(r"/p/northshire/actions/$"))

    page.get_by_role("button", name="Sign out").click()
    log_in(page, "mo.member", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    step = describe("code step", axe_violations(page))
    device = TOTPDevice.objects.get(user__username="mo.member")
    page.get_by_label("Code", exact=True).fill(code_from_typed_key(typed, after_step=device.last_t))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Enter your sign-in code")
    page.goto("/p/northshire/actions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Action log")

    found = "\n".join(r for r in (setup, setup_error, step) if r)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def first_recovery_code(page: Any) -> str:
    return str(page.get_by_role("list", name="Recovery codes").get_by_role("listitem").first.inner_text())


def test_account_pages_have_no_serious_accessibility_violations(
    page: Any, scene: Any, problems: PageProblems
) -> None:
    """Set up, make new recovery codes and turn off from the account's own pages; the actions that need a
    code are confirmed with a recovery code just shown, so no test waits for the app's next code."""
    from playwright.sync_api import expect

    report = []

    def scan(where: str, heading: str) -> None:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        report.append(describe(where, axe_violations(page)))

    def submit(button: str, code: str = "") -> None:
        page.get_by_label("Code", exact=True).fill(code)
        page.get_by_role("button", name=button).click()

    log_in(page, "mo.member", PASSWORD)
    page.goto(reverse("twofactor:overview"))
    scan("overview (off)", "Two-factor sign-in")
    page.get_by_role("link", name="Set up two-factor sign-in").click()
    scan("set-up", "Set up two-factor sign-in")
    submit("Turn on two-factor sign-in", code_from_typed_key(page.locator("#typed-key").inner_text()))
    scan("recovery codes (first)", "Your recovery codes")
    code = first_recovery_code(page)

    page.get_by_role("link", name="I have kept my codes – continue").click()
    scan("overview (on)", "Two-factor sign-in")
    page.get_by_role("link", name="Make new recovery codes").click()
    scan("new recovery codes", "Make new recovery codes")
    submit("Make new recovery codes")
    expect(page.get_by_role("alert")).to_contain_text("Enter the code.")
    scan("new recovery codes (no code)", "Make new recovery codes")
    submit("Make new recovery codes", code)
    scan("recovery codes (new)", "Your recovery codes")
    code = first_recovery_code(page)

    page.get_by_role("link", name="I have kept my codes – continue").click()
    page.get_by_role("link", name="Turn off two-factor sign-in").click()
    scan("turn off", "Turn off two-factor sign-in")
    submit("Turn off")
    expect(page.get_by_role("alert")).to_contain_text("Enter the code.")
    scan("turn off (no code)", "Turn off two-factor sign-in")
    submit("Turn off", code)
    expect(page.get_by_text("Two-factor sign-in is off")).to_be_visible()
    scan("overview (turned off, with history)", "Two-factor sign-in")
    expect(page.get_by_role("region", name="Two-factor sign-in history")).to_be_visible()

    found = "\n".join(r for r in report if r)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def sign_in_without_a_code(page: Any, live_server: Any, user: Any) -> None:
    """Give the browser a session of ``user`` that did not use a code (as one from before two-factor sign-in
    was on, or an organisation sign-in)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def test_pages_that_ask_for_a_code_have_no_serious_accessibility_violations(
    page: Any, scene: Any, problems: PageProblems, live_server: Any, settings: Any
) -> None:
    """Confirming a code on a required page (none, then right), then sign-in's code step: a wrong code, the
    lockout it leads to and the step once it has expired."""
    from django.contrib.auth import get_user_model
    from playwright.sync_api import expect

    settings.AXES_FAILURE_LIMIT = 2
    user = get_user_model().objects.get(username="mo.member")
    key = services.new_key()
    typed = services.key_for_typing(key)
    services.twofactor_enable(actor=user, key=key, code=code_from_typed_key(typed))
    report = []

    def scan(where: str, heading: str) -> None:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        report.append(describe(where, axe_violations(page)))

    def submit(button: str, code: str) -> None:
        page.get_by_label("Code", exact=True).fill(code)
        page.get_by_role("button", name=button).click()

    sign_in_without_a_code(page, live_server, user)
    page.goto("/p/northshire/actions/")
    scan("confirm a code", "Confirm your sign-in code")
    expect(page.get_by_text("requires two-factor sign-in for all its members")).to_be_visible()
    submit("Confirm", "")
    expect(page.get_by_role("alert")).to_contain_text("Enter the code.")
    scan("confirm a code (no code)", "Confirm your sign-in code")
    device = TOTPDevice.objects.get(user=user)
    submit("Confirm", code_from_typed_key(typed, after_step=device.last_t))
    scan("after confirming", "Action log")
    expect(page.get_by_text("Code accepted")).to_be_visible()
    assert not problems.all(), problems.all()

    page.get_by_role("button", name="Sign out").click()
    log_in(page, "mo.member", PASSWORD)
    submit("Sign in", "12345x")
    expect(page.get_by_role("alert")).to_contain_text("That code is not right")
    scan("code step (wrong code)", "Enter your sign-in code")
    submit("Sign in", "12345y")  # the second wrong code in a row locks the step (429)
    expect(page.get_by_role("alert")).to_contain_text("Too many wrong codes")
    scan("code step (locked)", "Enter your sign-in code")
    page.goto("/login/code/")
    expect(page.get_by_text("Your sign-in was not finished")).to_be_visible()
    scan("code step (expired)", "Enter your sign-in code")

    found = "\n".join(r for r in report if r)
    assert not found, "serious or critical accessibility violations:\n" + found
