"""Sign-in throttling: repeated wrong passwords lock the username from that address, the sign-in page says so,
even the right password is refused until the cool-off ends, and failures and the lockout are audited."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.utils import timezone

from factories import PASSWORD, make_member, make_membership
from traction.core import signin
from traction.core.models import AuditEvent, Partnership

LIMIT = 3


@pytest.fixture
def throttled(settings: Any) -> None:
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT


@pytest.fixture
def account(partnership_a: Partnership, partnership_b: Partnership) -> Any:
    user = make_member(partnership_a, "viewer", username="visitor", password=PASSWORD)
    make_membership(partnership_b, user=user, role="member")
    return user


def sign_in(client: Client, password: str) -> Any:
    return client.post("/login/", {"username": "visitor", "password": password})


def locked_message() -> str:
    return signin.LOCKED_OUT.format(minutes=signin.lockout_minutes())


def test_wrong_passwords_lock_the_account_until_the_cool_off_ends(
    throttled: None, account: Any, partnership_a: Partnership, partnership_b: Partnership
) -> None:
    client = Client()
    for _ in range(LIMIT - 1):
        response = sign_in(client, "wrong password")
        assert response.status_code == 200 and locked_message() not in response.content.decode()

    response = sign_in(client, "wrong password")
    assert response.status_code == 429
    page = response.content.decode()
    assert locked_message() in page and 'role="alert"' in page and "<h1>Sign in</h1>" in page

    refused = sign_in(client, PASSWORD)  # the right password while locked
    assert refused.status_code == 429 and locked_message() in refused.content.decode()
    assert "_auth_user_id" not in client.session

    verbs = AuditEvent.objects.filter(
        partnership=partnership_a, object_type="user", object_id=str(account.pk)
    ).values_list("verb", flat=True)
    assert Counter(verbs) == {signin.VERB_FAILED: LIMIT, signin.VERB_LOCKED: 1}  # refusals add none
    event = AuditEvent.objects.filter(partnership=partnership_a, verb=signin.VERB_LOCKED).get()
    assert event.actor is None and event.changes == {"ip_address": "127.0.0.1"}
    assert AuditEvent.objects.filter(partnership=partnership_b, verb=signin.VERB_LOCKED).count() == 1
    version = Partnership.objects.get(pk=partnership_a.pk).record_version
    assert version == partnership_a.record_version  # nobody's sign-in changes the record's version

    # The cool-off passes (the attempt is dated back past it): the right password now signs in, and resets.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(account.pk)
    assert not AccessAttempt.objects.exists()


def test_other_addresses_and_other_accounts_are_not_locked(throttled: None, account: Any) -> None:
    for _ in range(LIMIT):
        sign_in(Client(), "wrong password")
    elsewhere = Client(REMOTE_ADDR="192.0.2.7").post("/login/", {"username": "visitor", "password": PASSWORD})
    assert elsewhere.status_code == 302


def test_a_success_resets_the_count(throttled: None, account: Any) -> None:
    client = Client()
    for _ in range(LIMIT - 1):
        sign_in(client, "wrong password")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        assert sign_in(client, "wrong password").status_code == 200


def test_a_site_administrator_unlocks_with_axes_reset_username(throttled: None, account: Any) -> None:
    for _ in range(LIMIT):
        sign_in(Client(), "wrong password")
    assert sign_in(Client(), PASSWORD).status_code == 429
    call_command("axes_reset_username", "visitor")
    assert sign_in(Client(), PASSWORD).status_code == 302


def test_an_unknown_username_is_throttled_but_audits_nothing(
    throttled: None, partnership_a: Partnership
) -> None:
    client = Client()
    for _ in range(LIMIT):
        response = client.post("/login/", {"username": "nobody", "password": "wrong password"})
    assert response.status_code == 429
    assert not AuditEvent.objects.filter(object_type="user").exists()


def test_behind_the_proxy_failures_count_against_the_address_it_forwarded(settings: Any) -> None:
    request = RequestFactory().post(
        "/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7"
    )
    assert signin.client_ip_address(request) == "10.0.0.2"  # not behind a proxy: the header is anyone's
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert signin.client_ip_address(request) == "192.0.2.7"  # the proxy's own entry, not the client's claim
