"""The permission matrix, generated from ``policy.PERMISSIONS``: every role × record type × action, in the
user's own partnership and in another one. A permitted call succeeds and is audited; a refused one raises and
leaves the database exactly as it was (OpenSlides style)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from dbstate import assert_db_unchanged, assert_refused
from factories import World, create_data, deletable, instance_in, update_data
from traction.core import policy
from traction.core.models import AuditEvent, Membership, Role
from traction.core.services import record_create, record_delete, record_update
from traction.governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Body,
    BodyMembership,
    DueDateRevision,
    Meeting,
    Organisation,
    Paper,
    Person,
    TopicConfirmation,
)
from urlspec import PARTNERSHIP_URLS, Spec, url_for

ROLES = tuple(Role.values)
MODELS = (
    Membership,
    AuditEvent,
    Organisation,
    Person,
    Body,
    BodyMembership,
    Meeting,
    Attendance,
    AgendaItem,
    Paper,
    Action,
    DueDateRevision,
    ActionUpdate,
    TopicConfirmation,
)


def expected(role: str, model: type[models.Model], action: str) -> bool:
    """What the table grants: a child record (attendance, revision…) is written by changing its parent."""
    if model._meta.model_name in policy.CHILD_TYPES and action != "view":
        action = "change"
    return action in policy.PERMISSIONS[role][policy.object_type_of(model)]


def test_the_matrix_covers_every_tenant_model_and_object_type() -> None:
    from django.apps import apps

    tenant = {
        m
        for label in ("core", "governance")
        for m in apps.get_app_config(label).get_models()
        if any(f.name == "partnership" for f in m._meta.concrete_fields)
    }
    assert tenant == set(MODELS), "add the new model to MODELS and to tests/factories.py"
    covered = {policy.object_type_of(m) for m in MODELS}
    # The other apps' object types are covered over HTTP: each is the permission of some URL in urlspec.
    over_http = {
        policy.object_type_of(spec.model) for spec in PARTNERSHIP_URLS.values() if spec.model is not None
    }
    assert (covered | over_http) - {"partnership"} == set(policy.OBJECT_TYPES) - {"partnership"}


def _reload(instance: models.Model) -> models.Model:
    return type(instance)._default_manager.get(pk=instance.pk)


def _view(user: Any, world: World, model: type[models.Model]) -> Callable[[], models.Model]:
    def call() -> models.Model:
        obj = instance_in(world, model)
        found = policy.get_permitted(
            user=user, partnership=world.partnership, action="view", model=model, pk=obj.pk
        )
        assert found in policy.permitted(user=user, partnership=world.partnership, action="view", model=model)
        return found

    return call


def _add(user: Any, world: World, model: type[models.Model]) -> Callable[[], models.Model]:
    data = create_data(world, model, actor=user)
    return lambda: record_create(actor=user, partnership=world.partnership, model=model, data=data)


def _change(user: Any, world: World, model: type[models.Model]) -> Callable[[], models.Model]:
    instance = _reload(instance_in(world, model))
    return lambda: record_update(actor=user, instance=instance, data=update_data(model))


def _delete(user: Any, world: World, model: type[models.Model]) -> Callable[[], None]:
    instance = deletable(world, model)
    return lambda: record_delete(actor=user, instance=instance)


CALLS = {"view": _view, "add": _add, "change": _change, "delete": _delete}
VERBS = {"add": "created", "change": "changed", "delete": "deleted"}


def _check_success(action: str, result: Any, user: Any, world: World, model: type[models.Model]) -> None:
    if action == "view":
        assert result == instance_in(world, model)
        return
    [event] = AuditEvent.objects.filter(actor=user)
    assert (event.verb, event.object_type, event.partnership) == (
        VERBS[action],
        model._meta.model_name,
        world.partnership,
    )
    if action == "add":
        assert _reload(result).partnership == world.partnership
        assert event.object_id == str(result.pk)
    elif action == "change":
        stored = _reload(result)
        for name, value in update_data(model).items():
            assert getattr(stored, name) == value
    else:
        assert not model._default_manager.filter(pk=event.object_id).exists()


@pytest.mark.parametrize("where", ["own", "other"])
@pytest.mark.parametrize("action", policy.ACTIONS)
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", ROLES)
def test_service_matrix(
    request: pytest.FixtureRequest,
    users: dict[str, Any],
    role: str,
    model: type[models.Model],
    action: str,
    where: str,
) -> None:
    world: World = request.getfixturevalue("world_a" if where == "own" else "world_b")
    user = users[role]
    call = CALLS[action](user, world, model)
    if where == "own" and expected(role, model, action):
        _check_success(action, call(), user, world, model)
    else:
        assert_refused(call, exception=Http404 if action == "view" else PermissionDenied)


@pytest.mark.parametrize("object_type", policy.OBJECT_TYPES)
@pytest.mark.parametrize("role", ROLES)
def test_the_partnership_row(
    users: dict[str, Any], partnership_a: Any, partnership_b: Any, role: str, object_type: str
) -> None:
    """The partnership itself is not a record inside it; the table still answers for it."""
    for action in policy.ACTIONS:
        own = policy.allowed(
            user=users[role], partnership=partnership_a, action=action, object_type=object_type
        )
        other = policy.allowed(
            user=users[role], partnership=partnership_b, action=action, object_type=object_type
        )
        assert own is (action in policy.PERMISSIONS[role][object_type])
        assert other is False


# --- the same matrix over HTTP ------------------------------------------------------------------------------

NOT_FOUND_TEXT = "not shared with you"


@dataclass
class Worlds:
    a: World
    b: World


@pytest.fixture
def http_worlds(world_a: World, world_b: World) -> Worlds:
    return Worlds(world_a, world_b)


def http_allowed(role: str, spec: Spec) -> bool:
    if spec.model is None:  # the partnership's own pages
        return "view" in policy.PERMISSIONS[role]["partnership"]
    return expected(role, spec.model, spec.action)


def _form_errors(response: Any) -> str:
    context = getattr(response, "context", None) or {}
    form = context.get("form") if hasattr(context, "get") else None
    return f" form errors: {form.errors.as_data()}" if form is not None else ""


def _post_data(spec: Spec, world: World) -> dict[str, Any]:
    """The POST data, built before the database is compared: building it may create the records it names."""
    return spec.data(world) if spec.data else {}


def _check_get(client: Any, url: str, spec: Spec, allowed: bool) -> None:
    response = client.get(url)
    if spec.kind == "redirect":
        assert response.status_code == 302, url
    elif allowed:
        assert response.status_code == 200, (url, response.status_code)
    else:
        assert response.status_code == 403, (url, response.status_code)
        assert policy.REFUSED in response.content.decode()


def _check_post(client: Any, url: str, spec: Spec, world: World, allowed: bool) -> None:
    if allowed:
        before = AuditEvent.objects.count()
        response = client.post(url, _post_data(spec, world))
        assert response.status_code == 302, f"{url}: {response.status_code}{_form_errors(response)}"
        assert AuditEvent.objects.count() > before, f"{url}: a successful write left no audit event"
    else:
        data = _post_data(spec, world)
        with assert_db_unchanged():
            response = client.post(url, data)
        assert response.status_code == 403, (url, response.status_code)


@pytest.mark.parametrize("name", sorted(PARTNERSHIP_URLS))
@pytest.mark.parametrize("role", ROLES)
def test_http_matrix(client_for: Any, http_worlds: Worlds, role: str, name: str) -> None:
    """Reading pages 200 (or 403 where the table refuses); permitted writes 302 and audit; refused ones 403
    and change nothing."""
    spec = PARTNERSHIP_URLS[name]
    world = http_worlds.a
    client = client_for(role)
    allowed = http_allowed(role, spec)
    target = spec.target(world) if spec.target else None
    url = url_for(name, spec, world, target=target)
    if spec.target is not None and spec.model is not None and not expected(role, spec.model, "view"):
        # A record the role may not even see does not exist for it: 404, never a 403 that confirms it.
        _not_found(client, url, spec, world)
        return
    if spec.kind != "post":
        _check_get(client, url, spec, allowed)
    if spec.kind in {"form", "delete", "post", "redirect"}:
        _check_post(client, url, spec, world, allowed)


def _not_found(client: Any, url: str, spec: Spec, world: World, hidden: str = "") -> None:
    if spec.kind != "post":
        response = client.get(url)
        assert response.status_code == 404, (url, response.status_code)
        body = response.content.decode()
        assert NOT_FOUND_TEXT in body
        assert not hidden or hidden not in body, f"{url} names the hidden record"
    if spec.kind in {"form", "delete", "post", "redirect"}:
        data = _post_data(spec, world)
        with assert_db_unchanged():
            response = client.post(url, data)
        assert response.status_code == 404, (url, response.status_code)


WITH_PK = sorted(name for name, spec in PARTNERSHIP_URLS.items() if spec.target is not None)


@pytest.mark.parametrize("name", WITH_PK)
def test_another_partnerships_record_is_not_found_under_your_own_slug(
    client_for: Any, http_worlds: Worlds, name: str
) -> None:
    """For every role: partnership B's record id under A's slug is a 404, GET or POST, and changes nothing."""
    spec = PARTNERSHIP_URLS[name]
    theirs = spec.target(http_worlds.b)
    url = url_for(name, spec, http_worlds.a, target=theirs)
    for role in ROLES:
        _not_found(client_for(role), url, spec, http_worlds.b, hidden=str(theirs))


@pytest.mark.parametrize("name", sorted(PARTNERSHIP_URLS))
def test_another_partnerships_pages_are_not_found(client_for: Any, http_worlds: Worlds, name: str) -> None:
    """For every role of A: every page of partnership B, with B's own records, is a 404."""
    spec = PARTNERSHIP_URLS[name]
    target = spec.target(http_worlds.b) if spec.target else None
    url = url_for(name, spec, http_worlds.b, target=target)
    for role in ROLES:
        _not_found(client_for(role), url, spec, http_worlds.b, hidden=http_worlds.b.partnership.name)


@pytest.mark.parametrize("name", sorted(PARTNERSHIP_URLS))
def test_an_outsider_finds_nothing_in_your_partnership(
    client_for: Any, http_worlds: Worlds, name: str
) -> None:
    """The outsider administers partnership B; in A every page and record is a 404."""
    spec = PARTNERSHIP_URLS[name]
    target = spec.target(http_worlds.a) if spec.target else None
    url = url_for(name, spec, http_worlds.a, target=target)
    _not_found(client_for("outsider"), url, spec, http_worlds.a, hidden=http_worlds.a.partnership.name)


def _pk_url(name: str, slug: str, pk: str) -> str:
    from django.urls import reverse

    return reverse(name, kwargs={"slug": slug, "pk": 1}).replace("/1/", f"/{pk}/")


@pytest.mark.parametrize("name", WITH_PK)
def test_a_record_that_does_not_exist_is_not_found(
    secretary_client: Any, http_worlds: Worlds, name: str
) -> None:
    _not_found(
        secretary_client, _pk_url(name, "northshire", "999999999"), PARTNERSHIP_URLS[name], http_worlds.a
    )


@pytest.mark.parametrize("bad", ["0", "99999999999999999999", "9223372036854775808"])
@pytest.mark.parametrize("name", ["governance:meeting-detail", "governance:action-close"])
def test_an_out_of_range_id_is_not_found(
    secretary_client: Any, http_worlds: Worlds, name: str, bad: str
) -> None:
    _not_found(secretary_client, _pk_url(name, "northshire", bad), PARTNERSHIP_URLS[name], http_worlds.a)


HTMX_WRITES = [
    "governance:agendaitem-outcome",
    "governance:action-close",
    "governance:action-add-update",
    "governance:action-revise-due",
    "governance:action-update",
]


@pytest.mark.parametrize("name", HTMX_WRITES)
@pytest.mark.parametrize("role", ROLES)
def test_htmx_writes_follow_the_same_table(
    client_for: Any, http_worlds: Worlds, role: str, name: str
) -> None:
    """The in-page (htmx) variants of the write forms answer a fragment, but the permission is the same."""
    spec = PARTNERSHIP_URLS[name]
    world = http_worlds.a
    url = url_for(name, spec, world)
    client = client_for(role)
    if http_allowed(role, spec):
        response = client.post(url, spec.data(world), HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and b"<html" not in response.content[:200].lower()
    else:
        data = spec.data(world)
        with assert_db_unchanged():
            response = client.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code == 403
    foreign = url_for(name, spec, world, target=spec.target(http_worlds.b))
    data = spec.data(http_worlds.b)
    with assert_db_unchanged():
        assert client.post(foreign, data, HTTP_HX_REQUEST="true").status_code == 404
