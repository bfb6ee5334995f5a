"""Personal API tokens over HTTP (made on the settings page and shown once, used, revoked) and what every
answer of the API shares: JSON errors, pagination in a stable order, ETags."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.test import Client
from django.utils import timezone

from apikit import TokenClient, api_client
from dbstate import assert_db_unchanged
from factories import World, make_action
from traction.api.models import ApiToken, Scope
from traction.api.services import LAST_USED_EVERY, token_authenticate
from traction.core.models import AuditEvent, Role


def test_a_token_is_made_shown_once_used_and_revoked(client_for: Any, world_a: World, secretary: Any) -> None:
    web = client_for(Role.SECRETARY)
    assert web.get("/account/api-tokens/").status_code == 200
    made = web.post(
        "/account/api-tokens/",
        {"name": "Board report script", "partnership": world_a.partnership.pk, "scope": Scope.READ},
    )
    assert made.status_code == 200
    secret = made.context["secret"]
    token = ApiToken.objects.get(user=secretary)
    assert secret in made.content.decode()
    assert token.hash == hashlib.sha256(secret.encode()).hexdigest() and secret not in token.hash
    assert token.prefix == secret[:8] and token.last_used_at is None
    listed = web.get("/account/api-tokens/").content.decode()
    assert "Board report script" in listed and token.prefix in listed and secret not in listed
    assert AuditEvent.objects.filter(verb="created API token", actor=secretary).exists()

    api = TokenClient(secret)
    assert api.get("/api/v1/partnerships/").json() == [
        {"slug": "northshire", "name": world_a.partnership.name, "role": Role.SECRETARY}
    ]
    token.refresh_from_db()
    used = token.last_used_at
    assert used is not None
    # Used again within a minute: not written again; after a minute, it is.
    assert token_authenticate(secret=secret, now=used + LAST_USED_EVERY / 2) is not None
    token.refresh_from_db()
    assert token.last_used_at == used
    later = used + LAST_USED_EVERY
    token_authenticate(secret=secret, now=later)
    token.refresh_from_db()
    assert token.last_used_at == later

    revoke = f"/account/api-tokens/{token.pk}/revoke/"
    assert "Revoke token" in web.get(revoke).content.decode()
    assert client_for(Role.MEMBER).get(revoke).status_code == 404  # someone else's token
    assert client_for(Role.MEMBER).post(revoke).status_code == 404
    assert web.post(revoke).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(verb="revoked API token", actor=secretary).exists()
    refused = api.get("/api/v1/partnerships/")
    assert refused.status_code == 401 and refused.json()["detail"].startswith(
        "Send a valid personal API token"
    )


def test_the_token_form_offers_only_the_users_partnerships(client_for: Any, world_b: World) -> None:
    web = client_for(Role.VIEWER)
    refused = web.post(
        "/account/api-tokens/", {"name": "x", "partnership": world_b.partnership.pk, "scope": Scope.READ}
    )
    assert refused.status_code == 200 and refused.context["form"].errors["partnership"]
    assert not ApiToken.objects.exists()


def test_no_token_or_a_bad_one_is_a_json_401(world_a: World, secretary_client: Client) -> None:
    for client in (Client(), TokenClient("not-a-token"), secretary_client):  # a web session is not a token
        response = client.get("/api/v1/partnerships/northshire/actions/")
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Bearer"
        assert set(response.json()) == {"detail"}


def test_the_openapi_document_and_its_page(world_a: World, secretary: Any, secretary_client: Client) -> None:
    assert Client().get("/api/v1/openapi.json").status_code == 401
    document = api_client(secretary, world_a.partnership, Scope.READ).get("/api/v1/openapi.json").json()
    assert (
        document["openapi"].startswith("3.") and "/api/v1/partnerships/{slug}/actions/" in document["paths"]
    )
    page = secretary_client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/api/v1/partnerships/{slug}/actions/{action_id}/due-date/" in html
    assert "cdn" not in html.lower() and '<script src="http' not in html


def test_errors_pages_and_etags(world_a: World, secretary: Any) -> None:
    api = api_client(secretary, world_a.partnership, Scope.READ_WRITE)
    base = "/api/v1/partnerships/northshire/actions/"
    for due in range(3):
        make_action(
            world_a.partnership, body=world_a.body, due_date=datetime.date(2030, 1, 1), text=f"Same {due}"
        )
    everything = api.get(base, {"limit": 100}).json()
    ids = [a["id"] for a in everything["items"]]
    assert everything["count"] == len(ids) == 5
    # Ties on the due date are broken by id, and pages never share or skip a row.
    paged = [
        a["id"]
        for offset in range(0, 5, 2)
        for a in api.get(base, {"limit": 2, "offset": offset}).json()["items"]
    ]
    assert paged == ids
    assert [a["due_date"] for a in everything["items"]] == sorted(
        (a["due_date"] for a in everything["items"]), key=lambda d: (d is None, d)
    )
    too_many = api.get(base, {"limit": 101})
    assert too_many.status_code == 422 and too_many.json()["detail"][0]["loc"][-1] == "limit"
    assert (
        api.get(base, {"status": "open", "body": world_a.body.pk, "due_from": "2030-01-01"}).json()["count"]
        == 3
    )
    assert api.get(base, {"owner": world_a.person.pk}).json()["count"] == 1
    assert api.get(base, {"due_to": "2000-01-01"}).json()["count"] == 0

    detail = f"{base}{world_a.action.pk}/"
    first = api.get(detail)
    etag = first["ETag"]
    assert first["Cache-Control"] == "private, no-cache"
    again = api.get(detail, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    update = api.post_json(f"{base}{world_a.action.pk}/updates/", {"note": "Started"})
    assert update.status_code == 201
    changed = api.get(detail, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag

    invalid = api.post_json(
        f"{base}{world_a.action.pk}/due-date/", {"new_due_date": "2031-01-01", "reason": " "}
    )
    assert invalid.status_code == 400 and invalid.json() == {
        "detail": {"reason": ["Say why the due date is changing."]}
    }
    done = api.post_json(f"{base}{world_a.action.pk}/status/", {"status": "done"})
    assert done.status_code == 400 and "completed_on" in done.json()["detail"]
    closed = api.post_json(
        f"{base}{world_a.action.pk}/status/", {"status": "done", "completed_on": str(timezone.localdate())}
    )
    assert closed.status_code == 200 and closed.json()["status"] == "done"
    assert api.post_json(base, {"body": world_a.body.pk}).status_code == 422


def test_every_api_route_answers_a_stranger_with_json(world_a: World) -> None:
    """The URL walk leaves the API out (tests/web/test_url_walk.py): every operation of it refuses here."""
    from traction.api.api import api

    client, ids = Client(), {"{slug}": "northshire", "{meeting_id}": "1", "{action_id}": "1"}
    ids |= {"{item_id}": "1", "{key}": "a-topic", "{body_id}": "1"}
    operations = [(m, p) for p, methods in api.get_openapi_schema()["paths"].items() for m in methods]
    assert len(operations) == 29
    for method, path in operations:
        for name, value in ids.items():
            path = path.replace(name, value)
        response = getattr(client, method)(path)
        assert response.status_code == 401 and set(response.json()) == {"detail"}, (method, path)


def test_a_null_character_is_refused_by_the_pages_own_forms(world_a: World, secretary: Any) -> None:
    """A note or a reason is read by the page's form: a character no database keeps is a 400, not a crash."""
    api = api_client(secretary, world_a.partnership, Scope.READ_WRITE)
    base = f"/api/v1/partnerships/northshire/actions/{world_a.action.pk}/"
    for path, field, data in (
        ("due-date/", "reason", {"new_due_date": "2031-01-01", "reason": "Budget\x00"}),
        ("updates/", "note", {"note": "Started\x00"}),
    ):
        with assert_db_unchanged():
            response = api.post_json(base + path, data)
        assert response.status_code == 400, response.content
        assert response.json() == {"detail": {field: ["Null characters are not allowed."]}}
