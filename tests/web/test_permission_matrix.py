"""The permission matrix, generated from ``policy.PERMISSIONS``: every role × record type × action, in the
user's own partnership and in another one. A permitted call succeeds and is audited; a refused one raises and
leaves the database exactly as it was (OpenSlides style)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404

from dbstate import assert_refused
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
)

ROLES = tuple(Role.values)
MODELS = (Membership, AuditEvent, Organisation, Person, Body, BodyMembership, Meeting, Attendance, AgendaItem,
          Paper, Action, DueDateRevision, ActionUpdate)


def expected(role: str, model: type[models.Model], action: str) -> bool:
    """What the table grants: a child record (attendance, revision…) is written by changing its parent."""
    if model._meta.model_name in policy.CHILD_TYPES and action != "view":
        action = "change"
    return action in policy.PERMISSIONS[role][policy.object_type_of(model)]


def test_the_matrix_covers_every_tenant_model_and_object_type() -> None:
    from django.apps import apps

    tenant = {m for label in ("core", "governance") for m in apps.get_app_config(label).get_models()
              if any(f.name == "partnership" for f in m._meta.concrete_fields)}
    assert tenant == set(MODELS), "add the new model to MODELS and to tests/factories.py"
    covered = {policy.object_type_of(m) for m in MODELS}
    assert covered == set(policy.OBJECT_TYPES) - {"partnership"}


def _reload(instance: models.Model) -> models.Model:
    return type(instance)._default_manager.get(pk=instance.pk)


def _view(user: Any, world: World, model: type[models.Model]) -> Callable[[], models.Model]:
    def call() -> models.Model:
        obj = instance_in(world, model)
        found = policy.get_permitted(user=user, partnership=world.partnership, action="view", model=model,
                                     pk=obj.pk)
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
    assert (event.verb, event.object_type, event.partnership) == (VERBS[action], model._meta.model_name,
                                                                  world.partnership)
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
def test_service_matrix(request: pytest.FixtureRequest, users: dict[str, Any], role: str,
                        model: type[models.Model], action: str, where: str) -> None:
    world: World = request.getfixturevalue("world_a" if where == "own" else "world_b")
    user = users[role]
    call = CALLS[action](user, world, model)
    if where == "own" and expected(role, model, action):
        _check_success(action, call(), user, world, model)
    else:
        assert_refused(call, exception=Http404 if action == "view" else PermissionDenied)


@pytest.mark.parametrize("object_type", policy.OBJECT_TYPES)
@pytest.mark.parametrize("role", ROLES)
def test_the_partnership_row(users: dict[str, Any], partnership_a: Any, partnership_b: Any, role: str,
                             object_type: str) -> None:
    """The partnership itself is not a record inside it; the table still answers for it."""
    for action in policy.ACTIONS:
        own = policy.allowed(user=users[role], partnership=partnership_a, action=action, object_type=object_type)
        other = policy.allowed(user=users[role], partnership=partnership_b, action=action,
                               object_type=object_type)
        assert own is (action in policy.PERMISSIONS[role][object_type])
        assert other is False


EXPECTED_SHAPE = {
    # A readable statement of intent, checked against the table so that a change to either is deliberate.
    Role.ADMIN: {"organisation": "vacd", "membership": "vacd", "auditevent": "v", "partnership": "vc"},
    Role.SECRETARY: {"organisation": "vacd", "membership": "v", "auditevent": "v", "partnership": "v"},
    Role.MEMBER: {"organisation": "v", "action": "vc", "membership": "", "auditevent": "", "partnership": "v"},
    Role.FACILITATOR: {"organisation": "v", "action": "v", "membership": "", "auditevent": ""},
    Role.VIEWER: {"organisation": "v", "action": "v", "meeting": "v", "membership": "", "auditevent": ""},
}


@pytest.mark.parametrize("role", ROLES)
def test_the_table_says_what_the_product_promises(role: str) -> None:
    letters = {"v": "view", "a": "add", "c": "change", "d": "delete"}
    for object_type, shape in EXPECTED_SHAPE[role].items():
        assert policy.PERMISSIONS[role][object_type] == {letters[c] for c in shape}, (role, object_type)


_ = (Action, ActionUpdate, AgendaItem, Attendance, Body, BodyMembership, DueDateRevision, Meeting, Organisation,
     Paper, Person)
