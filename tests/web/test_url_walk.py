"""Walk every URL pattern the project serves and check that an anonymous visitor is sent to the login page.

Only a named allowlist answers anonymously. Each pattern's parameters are filled with real records (the
partnership's slug, the pk of a record of the kind the URL expects); a new pattern that this walk does not
know how to fill fails the test, so a page cannot be added without being walked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from factories import World
from traction.core.middleware import PUBLIC_URL_NAMES
from urlspec import PARTNERSHIP_URLS

# Pages an anonymous visitor may open (static files are served before URL resolution and are checked by the
# browser tests). The admin's login page is not: anonymous visitors are sent to the one login page.
# A calendar feed and a reminder email's unsubscribe link: their signed addresses are the key. The
# organisation sign-in's start and callback, and the second step of a two-factor sign-in (a form only for
# someone half-way through), are the sign-in itself.
ALLOWLIST = {
    "login",
    "login-code",
    "oidc-start",
    "oidc-callback",
    "health",
    "calendar-feed",
    "reminder-unsubscribe",
}


@dataclass(frozen=True)
class Walked:
    name: str  # "namespace:name", or the route when unnamed
    route: str  # the pattern chain, for messages
    parts: tuple[Any, ...]  # the pattern objects, outermost first
    namespaces: tuple[str, ...] = ()

    @property
    def in_admin(self) -> bool:
        return self.namespaces[:1] == ("admin",)


def walk(
    patterns: list[Any], parts: tuple[Any, ...] = (), namespaces: tuple[str, ...] = ()
) -> Iterator[Walked]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            spaces = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from walk(entry.url_patterns, (*parts, entry.pattern), spaces)
        elif isinstance(entry, URLPattern):
            chain = (*parts, entry.pattern)
            route = "".join(str(p) for p in chain)
            name = ":".join((*namespaces, entry.name)) if entry.name else route
            yield Walked(name=name, route=route, parts=chain, namespaces=namespaces)


# The JSON API (namespace "api-v1") is not walked here: it answers strangers with a JSON 401, no login page,
# and has its own matrix of roles × endpoints from the same permission table (tests/api/).
ALL = [w for w in walk(get_resolver().url_patterns) if w.namespaces[:1] != ("api-v1",)]
_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)")


class Unfillable(Exception):
    pass


def _value(walked: Walked, parameter: str, converter: str, world: World) -> str:
    if parameter == "slug":
        return world.partnership.slug
    if walked.name in PARTNERSHIP_URLS and parameter == "pk":
        spec = PARTNERSHIP_URLS[walked.name]
        if spec.target is None:
            raise Unfillable(f"{walked.name}: urlspec gives no record for <{parameter}>")
        return str(spec.target(world).pk)
    if walked.name == "api:token-revoke" and parameter == "pk":  # one of the user's own API tokens
        return "1"  # anyone else's, or none: 404 (tests/api/test_api_tokens.py)
    if parameter == "token":  # a signed address (calendar, unsubscribe): a forged one answers 404
        return "forged:not-a-signature"
    if walked.in_admin:  # the admin's own ids: any real one will do
        if parameter == "content_type_id":
            return str(ContentType.objects.get_for_model(type(world.action)).pk)
        if parameter in {"object_id", "url", "id", "pk"}:  # "pk": django-otp's device pages
            return str(world.action.pk)
        if parameter == "app_label":
            return "governance"
    raise Unfillable(f"{walked.name}: no filler for <{converter}:{parameter}> in {walked.route}")


def _fill_route(walked: Walked, text: str, world: World) -> str:
    return _CONVERTER.sub(lambda m: _value(walked, m["parameter"], m["converter"] or "str", world), text)


def _fill_regex(walked: Walked, text: str, world: World) -> str:
    text = _GROUP.sub(lambda m: _value(walked, m["name"], "regex", world), text.lstrip("^").rstrip("$"))
    if re.search(r"[\\()\[\]|*+?{}^$]", text):
        raise Unfillable(f"{walked.name}: cannot turn the regex {text!r} into a path")
    return text


def fill(walked: Walked, world: World) -> str:
    path = "/"
    for part in walked.parts:
        if isinstance(part, RoutePattern):
            path += _fill_route(walked, str(part), world)
        elif isinstance(part, RegexPattern):
            path += _fill_regex(walked, str(part), world)
        else:
            raise Unfillable(f"{walked.name}: unknown pattern type {type(part).__name__}")
    return path


@pytest.fixture
def filled(world_a: World) -> list[tuple[Walked, str]]:
    urls, problems = [], []
    for walked in ALL:
        try:
            urls.append((walked, fill(walked, world_a)))
        except Unfillable as exc:
            problems.append(str(exc))
    assert not problems, (
        "URL patterns the walk cannot fill (teach tests/urlspec.py about them):\n" + "\n".join(problems)
    )
    return urls


def test_the_walk_finds_the_whole_site() -> None:
    names = {w.name for w in ALL}
    assert set(PARTNERSHIP_URLS) <= names, (
        f"urlspec describes URLs that no longer exist: {sorted(set(PARTNERSHIP_URLS) - names)}"
    )
    assert {"login", "logout", "health", "core:home", "admin:index"} <= names


def test_every_partnership_url_is_described_for_the_permission_tests() -> None:
    partnership_urls = {w.name for w in ALL if "<slug:slug>" in w.route}
    missing = sorted(partnership_urls - set(PARTNERSHIP_URLS))
    assert not missing, f"add these to tests/urlspec.py so the permission matrix covers them: {missing}"


def test_every_filled_url_resolves_to_its_own_pattern(filled: list[tuple[Walked, str]]) -> None:
    wrong = [
        (walked.route, path, resolve(path).route)
        for walked, path in filled
        if resolve(path).route.replace("^", "") != walked.route.replace("^", "")
    ]
    assert not wrong, wrong


def _login_redirect(response: Any, path: str) -> bool:
    login = reverse(settings.LOGIN_URL)
    return response.status_code == 302 and response["Location"].split("?")[0] == login


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_log_in(filled: list[tuple[Walked, str]], method: str) -> None:
    client = Client()
    answered = {}
    for walked, path in filled:
        response = getattr(client, method)(path)
        if walked.name in ALLOWLIST:
            continue
        if not _login_redirect(response, path):
            answered[walked.name] = (path, response.status_code)
        else:
            assert "next=" in response["Location"], path
    assert not answered, f"answered an anonymous {method.upper()} without asking to log in: {answered}"


def test_the_allowlist_is_open_and_is_all_that_is(filled: list[tuple[Walked, str]]) -> None:
    client = Client()
    public = {walked.name for walked, path in filled if not _login_redirect(client.get(path), path)}
    assert public == ALLOWLIST
    assert ALLOWLIST == set(PUBLIC_URL_NAMES)


def test_an_unknown_path_asks_anonymous_visitors_to_log_in(db: None) -> None:
    """No 404 map for strangers: paths that do not exist look the same as pages that do."""
    for path in ["/nowhere/", "/p/northshire/secret/", "/p/no-such-partnership/", "/.env", "/wp-admin/"]:
        assert _login_redirect(Client().get(path), path), path


@pytest.mark.parametrize("path", ["/login/", "/health/"])
def test_public_pages_answer(db: None, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    if path == "/health/":
        assert response.json() == {"status": "ok"}


def test_every_page_renders_for_the_secretary(
    filled: list[tuple[Walked, str]], secretary_client: Client
) -> None:
    """A smoke pass over every GET: no page of the site crashes for a logged-in member, and none (pages,
    downloads, refusals) may be kept by a browser or a proxy cache."""
    failures, cacheable, doubled = {}, {}, []
    for walked, path in filled:
        if walked.in_admin or walked.name == "logout":
            continue
        response = secretary_client.get(path)
        if response.status_code >= 500:
            failures[walked.name] = (path, response.status_code)
        if "no-store" not in response.get("Cache-Control", ""):
            cacheable[walked.name] = (path, response.status_code, response.get("Cache-Control"))
        if not response.streaming and b"(optional) (optional)" in response.content:
            doubled.append(walked.name)
    assert not failures, failures
    assert not cacheable, cacheable
    assert not doubled, f"a label says “(optional)” twice on {doubled}"


def test_what_a_signed_out_visitor_sees_may_be_cached_as_usual(db: None) -> None:
    assert "no-store" not in Client().get("/health/").get("Cache-Control", "")
