"""The API's permission matrix, read from the same table as the web matrix (``policy.PERMISSIONS`` through
``test_permission_matrix.expected``): every role × endpoint. Permitted calls succeed and are audited; refused
ones answer 403 JSON and change nothing; another partnership's ids and slugs are 404."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.utils import timezone
from test_permission_matrix import expected

from areakit import furnish, topic_of
from dbstate import assert_db_unchanged
from factories import DUE, World
from traction.api.api import READ_ONLY
from traction.api.models import Scope
from traction.commissioning.models import Strategy
from traction.core import policy
from traction.core.models import AuditEvent, Membership, Role
from traction.direction.models import Indicator, Principle, SharedOutcome
from traction.governance.models import Action, AgendaItem, Body, Meeting
from traction.programmes.models.programmes import Programme
from traction.stakeholders.models.stakeholders import Stakeholder

ROLES = tuple(Role.values)


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: Callable[[World], str]  # below /api/v1/partnerships/<slug>/
    model: type[models.Model]
    action: str
    data: Callable[[World], dict[str, Any]] | None = None
    ok: int = 200
    has_id: bool = False


ENDPOINTS: dict[str, Endpoint] = {
    "bodies": Endpoint("get", lambda w: "bodies/", Body, "view"),
    "meetings": Endpoint("get", lambda w: "meetings/", Meeting, "view"),
    "meeting": Endpoint("get", lambda w: f"meetings/{w.meeting.pk}/", Meeting, "view", has_id=True),
    "decisions": Endpoint("get", lambda w: "decisions/", AgendaItem, "view"),
    "actions": Endpoint("get", lambda w: "actions/", Action, "view"),
    "action": Endpoint("get", lambda w: f"actions/{w.action.pk}/", Action, "view", has_id=True),
    "topics": Endpoint("get", lambda w: "topics/", AgendaItem, "view"),
    "topic-items": Endpoint("get", lambda w: f"topics/{topic_of(w)}/items/", AgendaItem, "view", has_id=True),
    "signals": Endpoint("get", lambda w: f"bodies/{w.body.pk}/signals/", Body, "view", has_id=True),
    "principles": Endpoint("get", lambda w: "principles/", Principle, "view"),
    "outcomes": Endpoint("get", lambda w: "outcomes/", SharedOutcome, "view"),
    "indicators": Endpoint("get", lambda w: "indicators/", Indicator, "view"),
    "strategies": Endpoint("get", lambda w: "strategies/", Strategy, "view"),
    "stakeholders": Endpoint("get", lambda w: "stakeholders/", Stakeholder, "view"),
    "programmes": Endpoint("get", lambda w: "programmes/", Programme, "view"),
    "action-create": Endpoint(
        "post",
        lambda w: "actions/",
        Action,
        "add",
        lambda w: {"body": w.body.pk, "text": "Publish the plan", "lead": w.person.pk, "due_date": str(DUE)},
        ok=201,
    ),
    "action-status": Endpoint(
        "post",
        lambda w: f"actions/{w.action.pk}/status/",
        Action,
        "change",
        lambda w: {"status": "done", "completed_on": str(timezone.localdate())},
        has_id=True,
    ),
    "action-due-date": Endpoint(
        "post",
        lambda w: f"actions/{w.action.pk}/due-date/",
        Action,
        "change",
        lambda w: {
            "new_due_date": str(DUE + datetime.timedelta(days=30)),
            "reason": "Waiting for the budget",
        },
        has_id=True,
    ),
    "action-update": Endpoint(
        "post",
        lambda w: f"actions/{w.action.pk}/updates/",
        Action,
        "change",
        lambda w: {"note": "Draft shared with the leads"},
        ok=201,
        has_id=True,
    ),
    "meeting-create": Endpoint(
        "post",
        lambda w: "meetings/",
        Meeting,
        "add",
        lambda w: {"body": w.body.pk, "date": "2027-03-04", "time": "10:30", "location": "Town Hall"},
        ok=201,
    ),
    "meeting-update": Endpoint(
        "patch",
        lambda w: f"meetings/{w.meeting.pk}/",
        Meeting,
        "change",
        lambda w: {"location": "Council Chamber", "duration_minutes": 90},
        has_id=True,
    ),
    "meeting-held": Endpoint(
        "post", lambda w: f"meetings/{w.meeting.pk}/held/", Meeting, "change", has_id=True
    ),
    # The newest meeting: the one just created where the role may create one.
    "meeting-delete": Endpoint(
        "delete", lambda w: f"meetings/{_newest(w, Meeting)}/", Meeting, "delete", ok=204, has_id=True
    ),
    "item-create": Endpoint(
        "post",
        lambda w: f"meetings/{w.meeting.pk}/items/",
        AgendaItem,
        "add",
        lambda w: {"title": "Any other business", "number": "9"},
        ok=201,
        has_id=True,
    ),
    "item-update": Endpoint(
        "patch",
        lambda w: f"items/{w.item.pk}/",
        AgendaItem,
        "change",
        lambda w: {"outcome": "deferred", "resolution": "Deferred to the next meeting."},
        has_id=True,
    ),
    "item-move": Endpoint(
        "post",
        lambda w: f"items/{w.item.pk}/move/",
        AgendaItem,
        "change",
        lambda w: {"direction": "down"},
        has_id=True,
    ),
    "item-delete": Endpoint(
        "delete", lambda w: f"items/{_newest(w, AgendaItem)}/", AgendaItem, "delete", ok=204, has_id=True
    ),
}
WRITES = sorted(name for name, e in ENDPOINTS.items() if e.method != "get")


def _newest(world: World, model: type[models.Model]) -> int:
    return int(model._default_manager.filter(partnership=world.partnership).latest("id").pk)


def url(world: World, endpoint: Endpoint, *, slug: str | None = None, ids_from: World | None = None) -> str:
    return f"/api/v1/partnerships/{slug or world.partnership.slug}/{endpoint.path(ids_from or world)}"


def call(client: Any, world: World, endpoint: Endpoint, **kw: Any) -> Any:
    path = url(world, endpoint, **kw)
    if endpoint.method in {"get", "delete"}:
        return getattr(client, endpoint.method)(path)
    data = json.dumps(endpoint.data(world) if endpoint.data else {})
    return getattr(client, endpoint.method)(path, data, content_type="application/json")


# Reads first; the writes in an order that each leaves the action open for the next, and then the meetings:
# the item added is moved below and deleted, the meeting added is deleted.
ORDER = (
    "bodies",
    "meetings",
    "meeting",
    "decisions",
    "actions",
    "action",
    "topics",
    "topic-items",
    "signals",
    "principles",
    "outcomes",
    "indicators",
    "strategies",
    "stakeholders",
    "programmes",
    "action-create",
    "action-update",
    "action-due-date",
    "action-status",
    "meeting-create",
    "meeting-update",
    "item-create",
    "item-update",
    "item-move",
    "meeting-held",
    "item-delete",
    "meeting-delete",
)


@pytest.fixture(autouse=True)
def _areas(request: pytest.FixtureRequest) -> None:
    """Each world the test uses holds a record of every area the API reads."""
    for name in ("world_a", "world_b"):
        if name in request.fixturenames:
            furnish(request.getfixturevalue(name))


def test_the_order_covers_every_endpoint() -> None:
    assert sorted(ORDER) == sorted(ENDPOINTS)


@pytest.mark.parametrize("role", ROLES)
def test_api_matrix(api_for: Any, world_a: World, role: str) -> None:
    client = api_for(role)
    assert client.get(f"/api/v1/partnerships/{world_a.partnership.slug}/").status_code == 200
    for name in ORDER:
        endpoint = ENDPOINTS[name]
        if expected(role, endpoint.model, endpoint.action):
            before = AuditEvent.objects.count()
            response = call(client, world_a, endpoint)
            assert response.status_code == endpoint.ok, (name, response.status_code, response.content)
            assert response["Content-Type"].startswith("application/json")
            if endpoint.method != "get":
                assert AuditEvent.objects.count() > before, f"{name} left no audit event"
        else:
            with assert_db_unchanged():
                response = call(client, world_a, endpoint)
            assert response.status_code == 403, (name, response.status_code, response.content)
            assert response.json() == {"detail": policy.REFUSED}


def test_a_read_token_writes_nothing(api_for: Any, world_a: World) -> None:
    client = api_for(Role.SECRETARY, Scope.READ)
    client.get("/api/v1/partnerships/")
    for name in WRITES:
        with assert_db_unchanged():
            response = call(client, world_a, ENDPOINTS[name])
        assert response.status_code == 403, name
        assert response.json() == {"detail": READ_ONLY}


def test_another_partnership_is_not_found(api_for: Any, world_a: World, world_b: World) -> None:
    """Its slug, and its records' ids under our slug, are 404, for our admin and for theirs."""
    ours, theirs = api_for(Role.ADMIN), api_for("outsider")
    ours.get("/api/v1/partnerships/")
    theirs.get("/api/v1/partnerships/")
    for name in ORDER:
        endpoint = ENDPOINTS[name]
        with assert_db_unchanged():
            answers = [call(ours, world_a, endpoint, slug=world_b.partnership.slug)]
            answers.append(call(theirs, world_a, endpoint))
            if endpoint.has_id:
                answers.append(call(ours, world_a, endpoint, ids_from=world_b))
        for response in answers:
            assert response.status_code == 404, (name, response.status_code, response.content)
            assert response.json() == {"detail": policy.NOT_FOUND}


def test_a_member_who_left_is_refused(api_for: Any, world_a: World, users: dict[str, Any]) -> None:
    """The role is read at each request: a token outlives nothing its user has lost."""
    client = api_for(Role.SECRETARY)
    assert client.get("/api/v1/partnerships/").json()[0]["role"] == Role.SECRETARY
    Membership.objects.filter(user=users[Role.SECRETARY]).update(role=Role.VIEWER)
    with assert_db_unchanged():
        assert call(client, world_a, ENDPOINTS["action-update"]).status_code == 403
    Membership.objects.filter(user=users[Role.SECRETARY]).delete()
    assert client.get("/api/v1/partnerships/").json() == []
    assert call(client, world_a, ENDPOINTS["actions"]).status_code == 404
