"""Organisation sign-in against a small OpenID Connect provider served on loopback: discovery, the
authorisation redirect (with the state, nonce and PKCE challenge), the token endpoint returning an RS256 ID
token signed with a key made here, the published keys and userinfo. The flow runs through Django's test
client; only the hop to the provider's /authorize (a browser's job) is made with requests."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from django.test import Client

from factories import make_member
from traction.core import signin, sso
from traction.core.models import AuditEvent, Membership, Partnership, Role

CLIENT_ID = "traction-test-client"
SECRET = "client-secret"


class Provider:
    """The provider's state: its key, the person who signs in (claims), and what the next token gets wrong."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "key-1"
        self.claims: dict[str, Any] = {}
        self.token_changes: dict[str, Any] = {}  # claims the next ID token has instead of the right ones
        self.sign_with: Any = None  # another key, for a bad signature
        self.codes: dict[str, dict[str, str]] = {}
        self.issuer = ""

    def jwks(self) -> dict[str, Any]:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def id_token(self, nonce: str) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": "subject-1",
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            **self.claims,
            **self.token_changes,
        }
        return jwt.encode(claims, self.sign_with or self.key, algorithm="RS256", headers={"kid": self.kid})


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _json(self, body: dict[str, Any], status: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                base = provider.issuer
                self._json(
                    {
                        "issuer": base,
                        "authorization_endpoint": f"{base}/authorize",
                        "token_endpoint": f"{base}/token",
                        "jwks_uri": f"{base}/jwks",
                        "userinfo_endpoint": f"{base}/userinfo",
                    }
                )
            elif url.path == "/authorize":
                assert query["client_id"] == CLIENT_ID and query["response_type"] == "code"
                assert query["code_challenge_method"] == "S256"
                code = secrets.token_urlsafe(16)
                provider.codes[code] = query
                target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()
            elif url.path == "/jwks":
                self._json(provider.jwks())
            elif url.path == "/userinfo":
                if self.headers.get("Authorization") != "Bearer access-for-subject-1":
                    self._json({"error": "invalid_token"}, 401)
                    return
                self._json({"sub": "subject-1", "email": provider.claims.get("email", "")})
            else:
                self._json({"error": "not_found"}, 404)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if urlsplit(self.path).path != "/token":
                self._json({"error": "not_found"}, 404)
                return
            request = provider.codes.pop(form.get("code", ""), None)
            challenge = base64.urlsafe_b64encode(
                hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            ).rstrip(b"=")
            if (
                request is None
                or form.get("client_id") != CLIENT_ID
                or form.get("client_secret") != SECRET
                or form.get("redirect_uri") != request["redirect_uri"]
                or challenge.decode() != request["code_challenge"]
            ):
                self._json({"error": "invalid_grant"}, 400)
                return
            self._json(
                {
                    "access_token": "access-for-subject-1",
                    "token_type": "Bearer",
                    "id_token": provider.id_token(request["nonce"]),
                }
            )

    return Handler


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    state = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def oidc(provider: Provider, settings: Any) -> Provider:
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = SECRET
    settings.TRACTION_OIDC_ISSUER = provider.issuer
    settings.TRACTION_OIDC_TRUST_EMAIL = False
    provider.claims = {"email": "Ada.Lovelace@Northshire.nhs.uk", "email_verified": True}
    provider.token_changes = {}
    provider.sign_with = None
    sso._discovery.cache_clear()
    return provider


def sign_in(client: Client) -> Any:
    """Start at the sign-in button, pass the provider's /authorize, and come back to the callback."""
    start = client.get("/login/organisation/?next=/p/northshire/")
    assert start.status_code == 302
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302
    back = urlsplit(at_provider.headers["Location"])
    assert back.path == "/login/organisation/callback/"
    return client.get(f"{back.path}?{back.query}")


def signed_in_as(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def test_the_sign_in_page_offers_the_organisation_account_only_when_configured(
    db: None, settings: Any, oidc: Provider
) -> None:
    page = Client().get("/login/?next=/p/northshire/").content.decode()
    assert 'href="/login/organisation/?next=/p/northshire/"' in page
    assert "Sign in with your organisation account" in page
    assert page.index('name="password"') < page.index(
        "/login/organisation/"
    )  # after the form, in focus order

    settings.OIDC_RP_CLIENT_ID = ""
    assert "/login/organisation/" not in Client().get("/login/").content.decode()
    assert Client().get("/login/organisation/").status_code == 404


def test_an_account_with_the_verified_email_signs_in(
    oidc: Provider, partnership_a: Partnership, partnership_b: Partnership
) -> None:
    user = make_member(partnership_a, Role.MEMBER, username="ada")
    user.email = "ada.lovelace@northshire.nhs.uk"
    user.save()
    make_member(partnership_b, Role.MEMBER, username="Ada.Lovelace")  # the same name, another email: not her

    client = Client()
    response = sign_in(client)
    assert response.status_code == 302 and response["Location"] == "/p/northshire/"
    assert signed_in_as(client) == str(user.pk)
    assert client.get("/p/northshire/").status_code == 200
    event = AuditEvent.objects.get(partnership=partnership_a, verb=sso.VERB_SIGNED_IN)
    assert event.object_id == str(user.pk) and event.changes["email"] == "Ada.Lovelace@Northshire.nhs.uk"


def test_an_unknown_email_is_refused_and_no_account_is_made(
    oidc: Provider, partnership_a: Partnership
) -> None:
    before = get_user_model().objects.count()
    client = Client()
    response = sign_in(client)
    page = response.content.decode()
    assert response.status_code == 403 and sso.REFUSED_TITLE in page
    assert "Ask your partnership&#x27;s admin to add you" in page
    assert signed_in_as(client) is None and get_user_model().objects.count() == before


def test_an_allowed_domain_makes_a_viewer_account(
    oidc: Provider, partnership_a: Partnership, partnership_b: Partnership
) -> None:
    partnership_a.sso_domains = "nhs.net, northshire.nhs.uk"
    partnership_a.save()
    client = Client()
    assert sign_in(client).status_code == 302
    user = get_user_model().objects.get(email="ada.lovelace@northshire.nhs.uk")
    assert signed_in_as(client) == str(user.pk) and not user.has_usable_password()
    assert list(Membership.objects.filter(user=user).values_list("partnership", "role")) == [
        (partnership_a.pk, Role.VIEWER)
    ]
    assert AuditEvent.objects.filter(partnership=partnership_a, verb=sso.VERB_JOINED).count() == 1

    again = Client()  # the second time, the account is matched
    assert sign_in(again).status_code == 302 and signed_in_as(again) == str(user.pk)
    assert get_user_model().objects.filter(email__iexact="ada.lovelace@northshire.nhs.uk").count() == 1

    user.is_active = False  # switched off by an admin: no sign-in, and no fresh account beside it
    user.save()
    again = Client()
    response = sign_in(again)
    assert response.status_code == 403 and "switched off" in response.content.decode()
    assert signed_in_as(again) is None
    assert get_user_model().objects.filter(email__iexact="ada.lovelace@northshire.nhs.uk").count() == 1


@pytest.mark.parametrize(
    "fault",
    ["bad signature", "wrong audience", "wrong nonce", "wrong issuer", "expired", "email not verified"],
)
def test_a_token_that_fails_a_check_signs_nobody_in(
    oidc: Provider, partnership_a: Partnership, fault: str
) -> None:
    user = make_member(partnership_a, Role.ADMIN, username="ada")
    user.email = "ada.lovelace@northshire.nhs.uk"
    user.save()
    if fault == "bad signature":
        oidc.sign_with = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        oidc.token_changes = {
            "wrong audience": {"aud": "another-client"},
            "wrong nonce": {"nonce": "not-the-one-sent"},
            "wrong issuer": {"iss": "https://login.example.com/other"},
            "expired": {"exp": int(time.time()) - 3600},
            "email not verified": {"email_verified": False},
        }[fault]
    client = Client()
    response = sign_in(client)
    assert response.status_code == 403 and sso.REFUSED_TITLE in response.content.decode()
    assert signed_in_as(client) is None
    assert not AuditEvent.objects.filter(verb=sso.VERB_SIGNED_IN).exists()
    if fault == "email not verified":
        assert "did not confirm that the email address" in response.content.decode()
        assert AuditEvent.objects.get(verb=sso.VERB_REFUSED).changes["reason"] == "email not verified"


def test_an_email_without_a_verified_claim_counts_only_when_trusted(
    oidc: Provider, partnership_a: Partnership, settings: Any
) -> None:
    user = make_member(partnership_a, Role.MEMBER, username="ada")
    user.email = "ada.lovelace@northshire.nhs.uk"
    user.save()
    oidc.claims = {"email": "ada.lovelace@northshire.nhs.uk"}  # as Entra ID sends it
    client = Client()
    assert sign_in(client).status_code == 403 and signed_in_as(client) is None

    settings.TRACTION_OIDC_TRUST_EMAIL = True
    assert sign_in(client).status_code == 302 and signed_in_as(client) == str(user.pk)


def test_two_accounts_with_the_email_are_refused(oidc: Provider, partnership_a: Partnership) -> None:
    for username in ("ada", "ada2"):
        user = make_member(partnership_a, Role.MEMBER, username=username)
        user.email = "ada.lovelace@northshire.nhs.uk"
        user.save()
    client = Client()
    response = sign_in(client)
    assert response.status_code == 403 and "More than one account" in response.content.decode()
    assert signed_in_as(client) is None


def test_a_callback_this_browser_did_not_start_is_refused(oidc: Provider, db: None) -> None:
    response = Client().get("/login/organisation/callback/?code=forged&state=forged")
    assert response.status_code == 403 and sso.REFUSED_TITLE in response.content.decode()


def test_with_sign_in_throttling_on_refusals_are_counted_and_a_sign_in_still_works(
    oidc: Provider, partnership_a: Partnership, settings: Any
) -> None:
    """Axes' backend, first in the list, sees the callback's request; refused organisation sign-ins are
    counted against the address like failed passwords, and do not lock the account's password sign-in."""
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 2
    user = make_member(partnership_a, Role.MEMBER, username="ada", password="a long enough password")
    user.email = "ada.lovelace@northshire.nhs.uk"
    user.save()
    client = Client()
    assert sign_in(client).status_code == 302 and signed_in_as(client) == str(user.pk)

    oidc.token_changes = {"aud": "another-client"}
    refusals = [sign_in(Client()) for _ in range(3)]
    assert [r.status_code for r in refusals] == [403, 429, 429]  # refused, then the address is locked out
    assert signin.LOCKED_OUT.format(minutes=signin.lockout_minutes()) in refusals[2].content.decode()
    password = Client()
    password.post("/login/", {"username": "ada", "password": "a long enough password"})
    assert signed_in_as(password) == str(user.pk)
