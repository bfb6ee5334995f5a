"""Shared scene for the web tests: two partnerships with a full record each, a user per role in the first,
an outsider who administers the second, and logged-in clients for each of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from factories import World, make_member, make_partnership, make_world
from traction.core.models import Partnership, Role

# The Playwright fixtures (chromium, page, problems) and the `browser` marking, for tests in every folder.
pytest_plugins = ["browserfixtures"]

ROLES = tuple(Role.values)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_signin_lockout(settings: Any) -> None:
    """Tests that post wrong passwords are not locked out by each other; the throttling tests turn it on."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings: Any, tmp_path: Any) -> None:
    """Uploaded and generated files never land in the project's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def partnership_a(db: None) -> Partnership:
    return make_partnership(name="Northshire Health and Care Partnership", slug="northshire")


@pytest.fixture
def partnership_b(db: None) -> Partnership:
    return make_partnership(name="Southshire Together", slug="southshire")


@pytest.fixture
def world_a(partnership_a: Partnership) -> World:
    return make_world(partnership_a)


@pytest.fixture
def world_b(partnership_b: Partnership) -> World:
    return make_world(partnership_b, label="Southshire ")


@pytest.fixture
def users(partnership_a: Partnership) -> dict[str, Any]:
    """One member of partnership A per role, keyed by role; usernames are the role names."""
    return {role: make_member(partnership_a, role, username=role) for role in ROLES}


@pytest.fixture
def outsider(partnership_b: Partnership) -> Any:
    """The strongest role, but in partnership B only: in A they must see and change nothing."""
    return make_member(partnership_b, Role.ADMIN, username="outsider")


@pytest.fixture
def secretary(users: dict[str, Any]) -> Any:
    return users[Role.SECRETARY]


@pytest.fixture
def member(users: dict[str, Any]) -> Any:
    return users[Role.MEMBER]


@pytest.fixture
def viewer(users: dict[str, Any]) -> Any:
    return users[Role.VIEWER]


@pytest.fixture
def client_for(users: dict[str, Any], outsider: Any) -> Callable[[str], Client]:
    """``client_for("secretary")``: a client logged in as that role (also "outsider", "anonymous")."""
    people = {**users, "outsider": outsider}

    def build(who: str, **client_kwargs: Any) -> Client:
        client = Client(**client_kwargs)
        if who != "anonymous":
            client.force_login(people[who])
        return client

    return build


@pytest.fixture
def secretary_client(client_for: Callable[[str], Client]) -> Client:
    return client_for(Role.SECRETARY)


@pytest.fixture(autouse=True)
def _empty_cache(settings: Any) -> Any:
    """No cache unless a test asks for one. The diagnosis pages are cached under the record's version, which
    changes when a transaction commits, and a test's transaction never commits: the cache's own tests
    (tests/web/test_diagnosis_period_and_cache.py) turn a real cache on and run the commit callbacks."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    yield
    cache.clear()
