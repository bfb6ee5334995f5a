"""The API tokens page and the API reference in a browser: make a token (shown once), use it, revoke it; no
serious accessibility violation and nothing refused by the CSP or loaded from elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_findings, log_in

from factories import PASSWORD, make_member, make_partnership, make_world
from traction.api.models import ApiToken
from traction.api.services import token_authenticate
from traction.core.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_make_use_and_revoke_a_token(page: Any, problems: PageProblems) -> None:
    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    make_world(partnership)
    make_member(partnership, Role.MEMBER, username="mo.member", password=PASSWORD)
    log_in(page, "mo.member", PASSWORD)
    found = []
    page.get_by_role("link", name="API tokens").click()
    page.wait_for_load_state()
    found += axe_findings(page, "API tokens")
    page.get_by_role("button", name="Make token").click()  # no name: the error summary
    page.wait_for_load_state()
    found += axe_findings(page, "API tokens with errors")
    page.get_by_label("Name").fill("Board report script")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Make token").click()
    page.wait_for_load_state()
    found += axe_findings(page, "new token")
    secret = page.locator("#api-token-secret").input_value()
    assert token_authenticate(secret=secret) is not None
    page.get_by_role("link", name="API reference").click()
    page.wait_for_load_state()
    assert (
        page.get_by_role("heading", name="POST /api/v1/partnerships/{slug}/actions/", exact=True).count() == 1
    )
    found += axe_findings(page, "API reference")
    page.goto("/account/api-tokens/")
    assert secret not in page.content()
    page.get_by_role("link", name="Revoke Board report script").click()
    page.wait_for_load_state()
    found += axe_findings(page, "revoke token")
    page.get_by_role("button", name="Revoke token").click()
    page.wait_for_load_state()
    assert "no longer opens the API" in page.content()
    assert ApiToken.objects.get().revoked_at is not None and token_authenticate(secret=secret) is None
    assert not found, "serious or critical accessibility violations:\n" + "\n".join(found)
    assert not problems.all(), problems.all()
