"""The subject-access export: what is held about one person, as JSON, for admins only; another person's rows
and confidential listening notes stay out."""

from __future__ import annotations

import json
from typing import Any

import pytest

from factories import World, make_action
from listening import kit
from traction.core.models import AuditEvent, Role
from traction.core.services import record_update
from traction.privacy.selectors import CONFIDENTIAL_NOTE
from traction.programmes.services import calendars

pytestmark = pytest.mark.django_db
MINE = "Canary about them 41c7"
THEIRS = "Canary about another 9e02"
SECRET = "Canary in a listening note d55a"


def _export(client: Any, world: World, pk: int) -> Any:
    return client.get(f"/p/{world.partnership.slug}/privacy/people/{pk}/export/")


def test_the_export_holds_the_rows_about_the_person_and_nothing_about_others(
    world_a: World, client_for: Any, users: dict[str, Any]
) -> None:
    p = world_a.partnership
    make_action(p, body=world_a.body, text=f"Review the budget {MINE}", lead=world_a.person)
    make_action(p, body=world_a.body, text=f"Review the rota {THEIRS}", lead=world_a.other_person)
    record_update(actor=users[Role.ADMIN], instance=world_a.person, data={"email": "canary41c7@example.org"})
    exercise = kit.make_exercise(p, facilitators=[users[Role.FACILITATOR]])
    exercise.participants.add(world_a.person)
    kit.make_note(exercise, participant=world_a.person, facts=f"{kit.FACTS} {SECRET}")
    feed = calendars.subscribe(actor=users[Role.VIEWER], partnership=p, person=world_a.person)

    response = _export(client_for("admin"), world_a, world_a.person.pk)

    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    data = json.loads(body)
    assert MINE in body and "canary41c7@example.org" in body
    assert THEIRS not in body and SECRET not in body and exercise.title not in body
    assert feed.nonce not in body  # another user's calendar subscription to their sessions is not about them
    assert data["person"]["name"] == world_a.person.name
    assert {"governance.attendance (person)", "governance.bodymembership (person)"} <= set(data["records"])
    assert data["not_included"] == CONFIDENTIAL_NOTE
    assert any(e["verb"] == "changed" for e in data["audit_events"])
    assert AuditEvent.objects.filter(verb="exported", object_id=str(world_a.person.pk)).exists()


def test_the_export_of_a_person_never_listened_to_reads_the_same_about_confidential_records(
    world_a: World, client_for: Any
) -> None:
    data = json.loads(_export(client_for("admin"), world_a, world_a.other_person.pk).content)
    assert data["not_included"] == CONFIDENTIAL_NOTE
    assert not any("listening" in key for key in data["records"])


@pytest.mark.parametrize("role", ["secretary", "member", "facilitator", "viewer", "outsider"])
def test_only_admins_may_export(world_a: World, client_for: Any, role: str) -> None:
    assert _export(client_for(role), world_a, world_a.person.pk).status_code == 404
