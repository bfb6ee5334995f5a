"""Two-factor sign-in through HTTP: set up an authenticator app (codes computed from the device's own key),
sign in in two steps, wrong and replayed codes, recovery codes used once, lockout, turning it off, and a
partnership's requirement sending members to set it up."""

from __future__ import annotations

import binascii
import time
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from factories import PASSWORD, make_member, make_membership
from traction.core.models import AuditEvent, Partnership, Role, TwoFactorRequirement
from traction.core.twofactor import middleware, services, sessions, views

DASHBOARD = "/p/northshire/"
PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"
SETUP = "/account/two-factor/set-up/"


def code_of(key: str, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app with ``key`` shows now (or ``steps_ahead`` periods of 30 seconds on)."""
    totp = TOTP(binascii.unhexlify(key))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def fresh_code(device: TOTPDevice) -> str:
    """A code the device has not accepted yet: the one after the last time step it used."""
    device.refresh_from_db()
    now = int(time.time()) // 30
    return code_of(device.key, steps_ahead=max(0, device.last_t + 1 - now))


@pytest.fixture
def account(partnership_a: Partnership, partnership_b: Partnership) -> Any:
    user = make_member(partnership_a, Role.MEMBER, username="visitor", password=PASSWORD)
    make_membership(partnership_b, user=user, role=Role.VIEWER)
    return user


def set_up(client: Client) -> list[str]:
    """Set up an app for the signed-in account through the pages; returns the recovery codes shown."""
    client.get(SETUP)
    key = client.session[views.SETUP_KEY]
    response = client.post(SETUP, {"code": code_of(key)})
    assert response.status_code == 200, response.content.decode()[:500]
    return list(response.context["codes"])


@pytest.fixture
def enabled(account: Any) -> tuple[Any, list[str]]:
    client = Client()
    client.force_login(account, backend=PASSWORD_BACKEND)
    return account, set_up(client)


def password_step(client: Client, next_url: str = "") -> Any:
    data = {"username": "visitor", "password": PASSWORD}
    return client.post("/login/" + (f"?next={quote(next_url)}" if next_url else ""), data)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def audited(verb: str) -> int:
    return AuditEvent.objects.filter(verb=verb).count()


def test_set_up_shows_a_qr_code_and_the_key_and_counts_only_after_a_right_code(account: Any) -> None:
    client = Client()
    client.force_login(account, backend=PASSWORD_BACKEND)
    page = client.get(SETUP)
    assert page.status_code == 200
    key = client.session[views.SETUP_KEY]
    html = page.content.decode()
    assert "<svg" in html and 'role="img"' in html and services.key_for_typing(key) in html
    assert "http" not in page.context["qr_svg"].replace(
        "http://www.w3.org", ""
    )  # drawn here, nothing fetched
    assert not TOTPDevice.objects.exists()

    wrong = client.post(SETUP, {"code": "000000" if code_of(key) != "000000" else "111111"})
    assert services.SETUP_WRONG_CODE in wrong.content.decode()
    assert not TOTPDevice.objects.exists()

    done = client.post(SETUP, {"code": code_of(key)})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == services.RECOVERY_CODE_COUNT and len(set(codes)) == len(codes)
    assert all(code in done.content.decode() for code in codes)
    device = TOTPDevice.objects.get(user=account)
    assert device.confirmed and device.key == key
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id  # this sign-in now counts
    assert audited(services.VERB_ON) == 2  # once in each of the account's partnerships
    assert views.SETUP_KEY not in client.session


def test_sign_in_asks_for_the_code_after_the_password_and_nothing_opens_before(enabled: Any) -> None:
    user, _ = enabled
    client = Client()
    response = password_step(client, next_url="/p/northshire/actions/")
    assert response.status_code == 302 and response["Location"] == "/login/code/"
    assert not signed_in(client)
    for path in [DASHBOARD, "/account/two-factor/", "/account/api-tokens/", "/"]:
        refused = client.get(path)
        assert refused.status_code == 302 and refused["Location"].startswith("/login/?next="), path

    wrong = client.post("/login/code/", {"code": "12345x"})
    assert services.WRONG_CODE in wrong.content.decode() and not signed_in(client)

    device = TOTPDevice.objects.get(user=user)
    done = client.post("/login/code/", {"code": fresh_code(device)})
    assert done.status_code == 302 and done["Location"] == "/p/northshire/actions/"
    assert signed_in(client) and client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(DASHBOARD).status_code == 200


def test_an_account_without_two_factor_signs_in_with_its_password(account: Any) -> None:
    client = Client()
    response = password_step(client)
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in(client)


def test_a_code_cannot_be_used_twice(enabled: Any) -> None:
    user, _ = enabled
    device = TOTPDevice.objects.get(user=user)
    code = fresh_code(device)
    first = Client()
    password_step(first)
    assert first.post("/login/code/", {"code": code}).status_code == 302

    second = Client()
    password_step(second)
    replayed = second.post("/login/code/", {"code": code})
    assert services.REPLAYED_CODE in replayed.content.decode()
    assert not signed_in(second)


def test_a_recovery_code_signs_in_once(enabled: Any) -> None:
    user, codes = enabled
    first = Client()
    password_step(first)
    used = first.post("/login/code/", {"code": codes[0].upper().replace("-", " ")})  # as typed from paper
    assert used.status_code == 302 and signed_in(first)
    assert first.session[DEVICE_ID_SESSION_KEY] == StaticDevice.objects.get(user=user).persistent_id
    assert StaticToken.objects.filter(device__user=user).count() == services.RECOVERY_CODE_COUNT - 1
    assert audited(services.VERB_RECOVERY_USED) == 2

    again = Client()
    password_step(again)
    refused = again.post("/login/code/", {"code": codes[0]})
    assert services.WRONG_CODE in refused.content.decode() and not signed_in(again)


def test_wrong_codes_lock_the_second_step_and_are_audited(settings: Any, enabled: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    user, _ = enabled
    client = Client()
    password_step(client)
    for _ in range(2):
        response = client.post("/login/code/", {"code": "99999z"})
        assert response.status_code == 200 and services.WRONG_CODE in response.content.decode()
    locked = client.post("/login/code/", {"code": "99999z"})
    assert locked.status_code == 429 and "Too many wrong codes" in locked.content.decode()
    assert views.PENDING not in client.session  # the password has to be given again

    password_step(client)
    device = TOTPDevice.objects.get(user=user)
    still = client.post("/login/code/", {"code": fresh_code(device)})  # even the right code, while locked
    assert still.status_code == 429 and not signed_in(client)
    assert audited(services.VERB_WRONG) == 3 * 2 and audited(services.VERB_LOCKED) == 1 * 2

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)  # the cool-off ended
    password_step(client)
    slip = client.post("/login/code/", {"code": "99999z"})  # one slip after the cool-off: a fresh count
    assert slip.status_code == 200 and services.WRONG_CODE in slip.content.decode()
    assert client.post("/login/code/", {"code": fresh_code(device)}).status_code == 302


def test_confirming_a_code_gives_the_session_a_new_key(partnership_a: Partnership, enabled: Any) -> None:
    user, _ = enabled
    client = Client()
    client.force_login(user, backend=PASSWORD_BACKEND)
    before = client.session.session_key
    device = TOTPDevice.objects.get(user=user)
    assert client.post(SETUP, {"code": fresh_code(device)}).status_code == 302
    assert client.session.session_key != before and signed_in(client)


def test_the_site_administration_always_asks_for_a_second_factor(account: Any) -> None:
    """Whatever partnerships require: the admin site reaches every partnership's records."""
    account.is_staff = account.is_superuser = True
    account.save()
    client = Client()
    client.force_login(account, backend=PASSWORD_BACKEND)
    refused = client.get("/admin/core/auditevent/")
    assert refused.status_code == 302 and refused["Location"].startswith(SETUP)
    assert "site administration requires two-factor" in client.get(refused["Location"]).content.decode()
    codes = set_up(client)  # the set-up itself counts as this session's second factor
    assert codes and client.get("/admin/core/auditevent/").status_code == 200

    again = Client()
    again.force_login(account, backend=PASSWORD_BACKEND)  # a later session without a code
    assert again.get("/admin/").status_code == 302
    device = TOTPDevice.objects.get(user=account)
    assert again.post(SETUP, {"code": fresh_code(device), "next": "/admin/"})["Location"] == "/admin/"
    assert again.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "view", ["SignInCodeView", "TwoFactorSetupView", "RecoveryCodesView", "TwoFactorDisableView"]
)
def test_a_code_never_appears_in_an_error_report(rf: Any, account: Any, view: str) -> None:
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.views.debug import SafeExceptionReporterFilter

    request = rf.post("/", {"code": "abcd-2345"})
    SessionMiddleware(lambda r: None).process_request(request)
    request.user, request._messages = account, FallbackStorage(request)
    getattr(views, view).as_view()(request)
    assert SafeExceptionReporterFilter().get_post_parameters(request)["code"] != "abcd-2345"


def test_a_half_finished_sign_in_expires(enabled: Any) -> None:
    client = Client()
    password_step(client)
    session = client.session
    session[views.PENDING] = {**session[views.PENDING], "at": time.time() - views.PENDING_SECONDS - 1}
    session.save()
    page = client.post("/login/code/", {"code": "123456"})
    assert "not finished within" in page.content.decode() and not signed_in(client)
    assert "not finished within" in Client().get("/login/code/").content.decode()


def test_turning_off_needs_a_code(enabled: Any) -> None:
    user, codes = enabled
    client = Client()
    client.force_login(user, backend=PASSWORD_BACKEND)
    wrong = client.post("/account/two-factor/turn-off/", {"code": "000000x"})
    assert services.WRONG_CODE in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()

    done = client.post("/account/two-factor/turn-off/", {"code": codes[1]})
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert audited(services.VERB_OFF) == 2
    page = client.get("/account/two-factor/")
    assert "Turned off two-factor sign-in" in page.content.decode()

    fresh = Client()
    assert password_step(fresh).status_code == 302 and signed_in(fresh)


def test_new_recovery_codes_replace_the_old_ones(enabled: Any) -> None:
    user, old = enabled
    client = Client()
    client.force_login(user, backend=PASSWORD_BACKEND)
    device = TOTPDevice.objects.get(user=user)
    response = client.post("/account/two-factor/recovery-codes/", {"code": fresh_code(device)})
    new = response.context["codes"]
    assert len(new) == services.RECOVERY_CODE_COUNT and not set(new) & set(old)
    assert audited(services.VERB_NEW_CODES) == 2
    signing_in = Client()
    password_step(signing_in)
    assert services.WRONG_CODE in signing_in.post("/login/code/", {"code": old[2]}).content.decode()
    assert signing_in.post("/login/code/", {"code": new[2]}).status_code == 302


# A change to the second factor ends the account's other sessions


def two_sessions(user: Any) -> tuple[Client, Client]:
    """This browser and another one signed in as the same account (a phone, or someone with the password)."""
    here, elsewhere = Client(), Client()
    here.force_login(user, backend=PASSWORD_BACKEND)
    elsewhere.force_login(user, backend=PASSWORD_BACKEND)
    assert elsewhere.get(DASHBOARD).status_code == 200
    return here, elsewhere


def assert_signed_out_and_told(client: Client) -> None:
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    assert not signed_in(client)
    page = client.get(response["Location"])
    assert sessions.SIGNED_OUT in page.content.decode()


def test_turning_two_factor_on_signs_out_the_accounts_other_sessions(account: Any) -> None:
    here, elsewhere = two_sessions(account)
    set_up(here)
    assert_signed_out_and_told(elsewhere)
    assert audited(services.VERB_SIGNED_OUT) == 2  # once in each of the account's partnerships
    event = AuditEvent.objects.filter(verb=services.VERB_SIGNED_OUT).first()
    assert event is not None and event.changes == {"ip_address": "127.0.0.1"}
    assert here.get(DASHBOARD).status_code == 200 and signed_in(here)
    assert services.VERB_SIGNED_OUT in [event.verb for event in services.history(account)]

    again = Client()  # a new sign-in now needs the code
    assert password_step(again)["Location"] == "/login/code/" and not signed_in(again)


def test_turning_two_factor_off_signs_out_the_accounts_other_sessions(enabled: Any) -> None:
    user, codes = enabled
    here, elsewhere = two_sessions(user)
    assert here.post("/account/two-factor/turn-off/", {"code": codes[0]}).status_code == 302
    assert_signed_out_and_told(elsewhere)
    assert here.get(DASHBOARD).status_code == 200 and signed_in(here)


def test_new_recovery_codes_sign_out_the_accounts_other_sessions(enabled: Any) -> None:
    user, codes = enabled
    here, elsewhere = two_sessions(user)
    assert here.post("/account/two-factor/recovery-codes/", {"code": codes[0]}).status_code == 200
    assert_signed_out_and_told(elsewhere)
    assert here.get(DASHBOARD).status_code == 200 and signed_in(here)


def test_every_two_factor_verb_fits_the_audit_trail() -> None:
    """SQLite keeps a longer one; PostgreSQL refuses it, and the request that audits it fails."""
    longest = AuditEvent._meta.get_field("verb").max_length
    assert all(len(verb) <= longest for verb in services.VERBS)


def test_a_wrong_code_or_signing_in_with_a_recovery_code_signs_nobody_out(enabled: Any) -> None:
    user, codes = enabled
    here, elsewhere = two_sessions(user)
    here.post("/account/two-factor/turn-off/", {"code": "000000x"})
    signing_in = Client()
    password_step(signing_in)
    assert signing_in.post("/login/code/", {"code": codes[3]}).status_code == 302
    for client in (here, elsewhere, signing_in):
        assert client.get(DASHBOARD).status_code == 200
    assert audited(services.VERB_SIGNED_OUT) == 0


def test_a_session_that_kept_no_state_is_signed_out_without_a_message(account: Any) -> None:
    """A session signed in before sessions kept the state: ended, as Django ends one with no auth hash."""
    client = Client()
    client.force_login(account, backend=PASSWORD_BACKEND)
    session = client.session
    del session[sessions.SESSION_STATE]
    session.save()
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and not signed_in(client)
    assert sessions.SIGNED_OUT not in client.get(response["Location"]).content.decode()
    assert audited(services.VERB_SIGNED_OUT) == 0


# htmx: a refusal sends the browser to the page, not the page into a fragment's place

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "action-results"}


def test_an_htmx_request_the_requirement_refuses_is_sent_to_set_up_as_a_page(
    partnership_a: Partnership, account: Any
) -> None:
    _require(partnership_a, TwoFactorRequirement.EVERYONE)
    client = Client()
    client.force_login(account, backend=PASSWORD_BACKEND)
    response = client.get("/p/northshire/actions/?view=all", **HTMX)
    assert response.status_code == 200 and "Location" not in response
    assert response["HX-Redirect"] == SETUP + "?next=" + quote("/p/northshire/actions/?view=all", safe="")
    assert "HX-Request" in response["Vary"] and response.content == b""
    plain = client.get("/p/northshire/actions/?view=all")
    assert plain.status_code == 302 and plain["Location"] == response["HX-Redirect"]


def test_an_htmx_request_to_the_site_administration_without_a_second_factor_is_sent_as_a_page(
    account: Any,
) -> None:
    account.is_staff = True
    account.save()
    client = Client()
    client.force_login(account, backend=PASSWORD_BACKEND)
    response = client.get("/admin/", **HTMX)
    assert response.status_code == 200 and response["HX-Redirect"] == SETUP + "?next=%2Fadmin%2F"


def test_an_htmx_request_from_a_signed_out_session_is_sent_to_sign_in_as_a_page(account: Any) -> None:
    response = Client().get("/p/northshire/actions/", **HTMX)
    assert response.status_code == 200 and "Location" not in response
    assert response["HX-Redirect"] == "/login/?next=/p/northshire/actions/"

    here, elsewhere = two_sessions(account)
    set_up(here)
    ended = elsewhere.get("/p/northshire/actions/", **HTMX)
    assert ended["HX-Redirect"] == "/login/?next=/p/northshire/actions/" and not signed_in(elsewhere)


def _require(partnership: Partnership, requirement: str) -> None:
    Partnership.objects.filter(pk=partnership.pk).update(two_factor_required=requirement)


@pytest.mark.parametrize(
    ("requirement", "role", "sent_to_set_up"),
    [
        (TwoFactorRequirement.NO, Role.ADMIN, False),
        (TwoFactorRequirement.ADMINS, Role.ADMIN, True),
        (TwoFactorRequirement.ADMINS, Role.MEMBER, False),
        (TwoFactorRequirement.EVERYONE, Role.MEMBER, True),
        (TwoFactorRequirement.EVERYONE, Role.VIEWER, True),
    ],
)
def test_a_partnerships_requirement_sends_those_it_applies_to_to_set_it_up(
    partnership_a: Partnership, users: dict[str, Any], requirement: str, role: str, sent_to_set_up: bool
) -> None:
    _require(partnership_a, requirement)
    client = Client()
    client.force_login(users[role], backend=PASSWORD_BACKEND)
    response = client.get("/p/northshire/actions/")
    if not sent_to_set_up:
        assert response.status_code == 200
        return
    assert response.status_code == 302
    assert response["Location"] == SETUP + "?next=" + quote("/p/northshire/actions/", safe="")
    page = client.get(response["Location"])
    assert "requires two-factor sign-in" in page.content.decode()
    assert client.get("/account/two-factor/").status_code == 200  # the account pages stay open

    key = client.session[views.SETUP_KEY]
    done = client.post(response["Location"], {"code": code_of(key), "next": "/p/northshire/actions/"})
    assert done.context["continue_url"] == "/p/northshire/actions/"
    assert client.get("/p/northshire/actions/").status_code == 200


def test_another_partnerships_requirement_does_not_apply(partnership_b: Partnership, users: Any) -> None:
    _require(partnership_b, TwoFactorRequirement.EVERYONE)
    client = Client()
    client.force_login(users[Role.MEMBER], backend=PASSWORD_BACKEND)
    assert client.get(DASHBOARD).status_code == 200
    assert client.get("/p/southshire/").status_code == 404  # not a member: not found, not sent to set up


def test_a_sign_in_from_before_two_factor_confirms_a_code_before_a_required_page(
    partnership_a: Partnership, enabled: Any
) -> None:
    user, _ = enabled
    _require(partnership_a, TwoFactorRequirement.EVERYONE)
    client = Client()
    client.force_login(user, backend=PASSWORD_BACKEND)  # a session that did not use a code
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    page = client.get(response["Location"])
    assert "Confirm your sign-in code" in page.content.decode()
    device = TOTPDevice.objects.get(user=user)
    done = client.post(SETUP, {"code": fresh_code(device), "next": DASHBOARD})
    assert done.status_code == 302 and done["Location"] == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200


def test_an_organisation_sign_in_meets_the_requirement(partnership_a: Partnership, account: Any) -> None:
    _require(partnership_a, TwoFactorRequirement.EVERYONE)
    client = Client()
    client.force_login(account, backend=middleware.ORGANISATION_BACKEND)
    assert client.get(DASHBOARD).status_code == 200
    password_only = Client()
    password_only.force_login(account, backend=PASSWORD_BACKEND)
    assert password_only.get(DASHBOARD).status_code == 302


# The partnership settings page (admins only)

SETTINGS = "/p/northshire/settings/"


def test_admins_set_the_requirement_and_the_domains(partnership_a: Partnership, users: Any) -> None:
    client = Client()
    client.force_login(users[Role.ADMIN], backend=PASSWORD_BACKEND)
    assert client.get(SETTINGS).status_code == 200
    response = client.post(
        SETTINGS, {"two_factor_required": "admins", "sso_domains": "@NHS.net, northshire.gov.uk"}
    )
    assert response.status_code == 302
    partnership_a.refresh_from_db()
    assert partnership_a.two_factor_required == "admins"
    assert partnership_a.sso_domains == "nhs.net, northshire.gov.uk"
    event = AuditEvent.objects.get(verb="changed settings")
    assert event.changes["two_factor_required"] == ["no", "admins"]


def test_a_domain_that_is_not_one_is_refused_with_a_clear_message(
    partnership_a: Partnership, users: Any
) -> None:
    client = Client()
    client.force_login(users[Role.ADMIN], backend=PASSWORD_BACKEND)
    response = client.post(SETTINGS, {"two_factor_required": "no", "sso_domains": "nhs.net, jo@council"})
    assert response.status_code == 200
    assert "“jo@council” is not an email domain" in response.content.decode()
    partnership_a.refresh_from_db()
    assert partnership_a.sso_domains == "" and not AuditEvent.objects.filter(verb="changed settings").exists()


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.MEMBER, Role.FACILITATOR, Role.VIEWER])
def test_only_admins_open_the_settings(partnership_a: Partnership, users: Any, role: str) -> None:
    client = Client()
    client.force_login(users[role], backend=PASSWORD_BACKEND)
    assert client.get(SETTINGS).status_code == 403
    assert client.post(SETTINGS, {"two_factor_required": "everyone", "sso_domains": ""}).status_code == 403
    partnership_a.refresh_from_db()
    assert partnership_a.two_factor_required == "no"


def test_another_partnerships_settings_are_not_found(outsider: Any, partnership_a: Partnership) -> None:
    client = Client()
    client.force_login(outsider, backend=PASSWORD_BACKEND)  # an admin, of the other partnership
    assert client.get(SETTINGS).status_code == 404
    assert client.post(SETTINGS, {"two_factor_required": "everyone", "sso_domains": ""}).status_code == 404


# Copies of the record: backups, subject-access exports, erasure


def test_an_archive_carries_no_two_factor_secret_or_recovery_code(enabled: Any, tmp_path: Any) -> None:
    import json
    import zipfile

    from traction.core.backup import Scope, archive_write

    user, codes = enabled
    key = TOTPDevice.objects.get(user=user).key
    written = archive_write(path=tmp_path / "all.zip", scope=Scope())
    assert not {"otp_totp.totpdevice", "otp_static.staticdevice", "otp_static.statictoken"} & set(
        written.counts
    )
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        text = "".join(archive.read(name).decode(errors="replace") for name in archive.namelist())
    assert key not in text and not any(code.replace("-", "") in text for code in codes)
    assert json.dumps("visitor") in text  # the account itself is carried


def test_an_export_says_two_factor_is_on_and_erasure_removes_it(
    partnership_a: Partnership, users: Any
) -> None:
    import json

    from factories import make_person
    from traction.privacy.selectors import personal_data
    from traction.privacy.services import person_erase

    user = make_member(partnership_a, Role.MEMBER, username="solo")
    person = make_person(partnership_a, user=user)
    client = Client()
    client.force_login(user, backend=PASSWORD_BACKEND)
    codes = set_up(client)
    exported = personal_data(person=person)
    assert exported["account"]["two_factor_sign_in"]["on"] is True
    assert exported["account"]["two_factor_sign_in"]["recovery_codes_left"] == len(codes)
    text = json.dumps(exported, default=str)
    assert TOTPDevice.objects.get(user=user).key not in text and codes[0] not in text

    person_erase(actor=users[Role.ADMIN], person=person)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()


def test_no_api_token_for_a_partnership_whose_requirement_this_sign_in_has_not_met(
    partnership_a: Partnership, account: Any
) -> None:
    from traction.api.models import ApiToken

    _require(partnership_a, TwoFactorRequirement.EVERYONE)
    client = Client()
    client.force_login(account, backend=PASSWORD_BACKEND)
    data = {"partnership": partnership_a.pk, "name": "Board report", "scope": "read"}
    refused = client.post("/account/api-tokens/", data)
    assert "requires two-factor sign-in" in refused.content.decode() and not ApiToken.objects.exists()
    set_up(client)  # this sign-in now used a code
    assert client.post("/account/api-tokens/", data).status_code == 200 and ApiToken.objects.count() == 1
