"""The audit trail: one event per write, inside the write's transaction, readable by the right roles only,
never editable, and never lost when the record or its author goes."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404

from dbstate import assert_refused
from factories import DUE, MEETING_START, World, make_action, make_body, make_meeting, make_organisation
from traction.core import policy
from traction.core.audit import diff, snapshot
from traction.core.models import AuditEvent, Role
from traction.core.services import record_create, record_delete, record_update
from traction.governance import services
from traction.governance.models import ActionStatus, AgendaItem, Meeting, Organisation, Paper

DAY = datetime.timedelta(days=1)


def new_events(before: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.order_by("id")[before:])


WRITES: dict[str, tuple[Callable[[Any, World], Any], list[tuple[str, str]]]] = {
    "record_create": (
        lambda u, w: record_create(
            actor=u, partnership=w.partnership, model=Organisation, data={"name": "Voluntary Action"}
        ),
        [("created", "organisation")],
    ),
    "record_update": (
        lambda u, w: record_update(
            actor=u, instance=Meeting.objects.get(pk=w.meeting.pk), data={"location": "Online"}
        ),
        [("changed", "meeting")],
    ),
    "record_delete": (
        lambda u, w: record_delete(actor=u, instance=make_organisation(w.partnership)),
        [("deleted", "organisation")],
    ),
    "action_create": (
        lambda u, w: services.action_create(
            actor=u, partnership=w.partnership, data={"body": w.body, "text": "Report back"}
        ),
        [("created", "action")],
    ),
    "action_revise_due": (
        lambda u, w: services.action_revise_due(
            actor=u, action=w.action, new_due_date=DUE + DAY, reason="Late"
        ),
        [("revised due date", "action")],
    ),
    "action_add_update": (
        lambda u, w: services.action_add_update(actor=u, action=w.action, note="Halfway"),
        [("added update", "action")],
    ),
    "action_set_status": (
        lambda u, w: services.action_set_status(actor=u, action=w.action, status=ActionStatus.DROPPED),
        [("set status", "action")],
    ),
    "action_set_status with note": (
        lambda u, w: services.action_set_status(
            actor=u, action=w.action, status=ActionStatus.DONE, completed_on=DUE, note="Sent"
        ),
        [("set status", "action"), ("added update", "action")],
    ),
    "action_bulk_update": (
        lambda u, w: services.action_bulk_update(
            actor=u,
            partnership=w.partnership,
            actions=[w.action, w.revision.action],
            status=ActionStatus.DROPPED,
        ),
        [("set status", "action"), ("set status", "action")],
    ),
    "meeting_mark_held": (
        lambda u, w: services.meeting_mark_held(actor=u, meeting=w.meeting),
        [("marked held", "meeting")],
    ),
}


@pytest.mark.parametrize("name", list(WRITES))
def test_every_write_is_audited_once_with_who_and_where(secretary: Any, world_a: World, name: str) -> None:
    write, expected = WRITES[name]
    before = AuditEvent.objects.count()
    write(secretary, world_a)
    events = new_events(before)
    assert [(e.verb, e.object_type) for e in events] == expected
    assert {(e.actor, e.partnership) for e in events} == {(secretary, world_a.partnership)}
    assert all(e.object_id and e.object_repr for e in events)
    json.dumps([e.changes for e in events])


def test_a_write_that_fails_after_its_audit_event_leaves_no_event(secretary: Any, world_a: World) -> None:
    """record_delete writes its event before deleting; a protected body must take the event back with it."""
    assert_refused(
        lambda: record_delete(actor=secretary, instance=world_a.body),
        exception=(ProtectedError, RestrictedError),
    )


def test_the_snapshot_of_every_field_type_is_json(secretary: Any, world_a: World) -> None:
    paper = Paper.objects.create(
        partnership=world_a.partnership,
        title="Board pack",
        meeting=world_a.meeting,
        file=ContentFile(b"%PDF-1.4", name="pack.pdf"),
        pages=40,
    )
    try:
        record_update(actor=secretary, instance=paper, data={"pages": 41})
        record_delete(actor=secretary, instance=paper)
        meeting = record_create(
            actor=secretary,
            partnership=world_a.partnership,
            model=Meeting,
            data={"body": world_a.body, "start": MEETING_START + 7 * DAY},
        )
        events = list(AuditEvent.objects.order_by("id"))
        stored = json.loads(json.dumps([e.changes for e in events]))
        assert stored[-1]["start"] == [None, (MEETING_START + 7 * DAY).isoformat()]
        assert stored[-2]["deleted"]["file"].startswith("papers/")
        assert stored[-3] == {"pages": [40, 41]}
        assert meeting.pk
    finally:
        paper.file.delete(save=False)


def test_a_long_record_name_is_cut_to_fit(secretary: Any, world_a: World) -> None:
    item = record_create(
        actor=secretary,
        partnership=world_a.partnership,
        model=AgendaItem,
        data={"meeting": world_a.meeting, "title": "Budget " * 70},
    )
    event = AuditEvent.objects.get(object_type="agendaitem", object_id=str(item.pk))
    assert len(event.object_repr) == 200
    assert event.changes["title"][1] == item.title  # the full value is kept in the changes


def test_the_trail_outlives_the_record_and_its_author(world_a: World) -> None:
    from factories import make_member

    author = make_member(world_a.partnership, Role.SECRETARY)
    organisation = record_create(
        actor=author, partnership=world_a.partnership, model=Organisation, data={"name": "Gone Ltd"}
    )
    record_delete(actor=author, instance=organisation)
    get_user_model().objects.filter(pk=author.pk).delete()
    events = AuditEvent.objects.filter(object_type="organisation", object_repr="Gone Ltd").order_by("id")
    assert [(e.verb, e.actor) for e in events] == [("created", None), ("deleted", None)]


def test_deleting_a_meeting_audits_the_meeting_only(secretary: Any, world_a: World) -> None:
    """Cascaded items go with their meeting; the deleted snapshot names the meeting."""
    record_delete(actor=secretary, instance=world_a.meeting)
    [event] = AuditEvent.objects.filter(verb="deleted")
    assert event.object_type == "meeting" and event.changes["deleted"]["location"] == "Civic Centre"


@pytest.mark.parametrize("role", list(Role.values))
def test_who_reads_the_trail(users: dict[str, Any], world_a: World, world_b: World, role: str) -> None:
    user = users[role]
    events = policy.permitted(user=user, partnership=world_a.partnership, action="view", model=AuditEvent)
    if "view" in policy.PERMISSIONS[role]["auditevent"]:
        assert set(events) == set(AuditEvent.objects.filter(partnership=world_a.partnership))
        assert world_b.audit_event not in events
    else:
        assert not events.exists()
    with pytest.raises(Http404):
        policy.get_permitted(
            user=user,
            partnership=world_a.partnership,
            action="view",
            model=AuditEvent,
            pk=world_b.audit_event.pk,
        )


@pytest.mark.parametrize("role", list(Role.values))
def test_nobody_edits_or_deletes_the_trail(users: dict[str, Any], world_a: World, role: str) -> None:
    event = world_a.audit_event
    assert_refused(lambda: record_update(actor=users[role], instance=event, data={"verb": "tampered"}))
    assert_refused(lambda: record_delete(actor=users[role], instance=event))


def test_the_admin_site_shows_the_trail_read_only(world_a: World, client: Any) -> None:
    from factories import make_user

    client.force_login(make_user(is_staff=True, is_superuser=True))
    event = world_a.audit_event
    assert client.get("/admin/core/auditevent/").status_code == 200
    assert client.get("/admin/core/auditevent/add/").status_code == 403
    assert client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.post(f"/admin/core/auditevent/{event.pk}/change/", {"verb": "tampered"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).verb == "created"


def test_diff_lists_changed_fields_only() -> None:
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}) == {"b": [2, 3]}
    assert diff({}, {"a": 1}) == {"a": [None, 1]}


def test_snapshot_leaves_out_the_key_and_the_partnership(world_a: World) -> None:
    values = snapshot(world_a.action)
    assert "id" not in values and "partnership" not in values
    assert values["due_date"] == DUE.isoformat() and values["body"] == str(world_a.body)


def test_events_are_listed_newest_first(secretary: Any, world_a: World) -> None:
    body = make_body(world_a.partnership)
    make_meeting(world_a.partnership, body=body)
    make_action(world_a.partnership, body=body)
    record_update(actor=secretary, instance=body, data={"purpose": "One"})
    record_update(actor=secretary, instance=body, data={"purpose": "Two"})
    latest = AuditEvent.objects.filter(object_type="body").first()
    assert latest is not None and latest.changes == {"purpose": ["One", "Two"]}
