"""Writes: validation, permission and audit in one transaction; a refused or invalid write changes nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError, RestrictedError

from dbstate import assert_db_unchanged, assert_refused
from factories import (
    DUE,
    MEETING_DATE,
    MEETING_START,
    World,
    make_action,
    make_body,
    make_item,
    make_meeting,
    make_organisation,
)
from traction.core.models import SAME_PARTNERSHIP, AuditEvent, Role
from traction.core.services import record_create, record_delete, record_update
from traction.governance import services
from traction.governance.models import (
    DUE_BEFORE_MEETING,
    Action,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Body,
    BodyMembership,
    DueDateRevision,
    Meeting,
    MeetingStatus,
    Organisation,
    Paper,
    Person,
)

DAY = datetime.timedelta(days=1)


def events(**filters: Any) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(**filters).order_by("id"))


def reload(instance: Any) -> Any:
    return type(instance).objects.get(pk=instance.pk)


# --- record_create / record_update / record_delete ---------------------------------------------------------


def test_create_saves_the_record_and_one_audit_event(secretary: Any, world_a: World) -> None:
    body = record_create(
        actor=secretary,
        partnership=world_a.partnership,
        model=Body,
        data={
            "name": "Finance Committee",
            "kind": "committee",
            "parent": world_a.body,
            "member_organisations": [world_a.organisation],
        },
    )
    assert reload(body).parent == world_a.body
    assert list(body.member_organisations.all()) == [world_a.organisation]
    [event] = events(object_type="body", object_id=str(body.pk))
    assert (event.verb, event.actor, event.partnership) == ("created", secretary, world_a.partnership)
    assert event.changes["name"] == [None, "Finance Committee"]
    assert event.changes["parent"] == [None, str(world_a.body)]
    assert event.changes["member_organisations"] == [None, [str(world_a.organisation)]]


@pytest.mark.parametrize(
    ("model", "data", "field"),
    [
        (Organisation, {"name": ""}, "name"),
        (Organisation, {"name": "x" * 201}, "name"),
        (Organisation, {"name": "Somewhere", "kind": "bank"}, "kind"),
        (Body, {"name": "Board", "kind": "cabal"}, "kind"),
        (Person, {"name": "Jo", "email": "not-an-email"}, "email"),
        (Paper, {"title": "Pack", "pages": -1}, "pages"),
        (AgendaItem, {"title": ""}, "title"),
    ],
    ids=lambda v: v.__name__ if isinstance(v, type) else None,
)
def test_an_invalid_create_stores_nothing_and_audits_nothing(
    secretary: Any, world_a: World, model: type, data: dict[str, Any], field: str
) -> None:
    if model is AgendaItem:
        data = {**data, "meeting": world_a.meeting}
    info = assert_refused(
        lambda: record_create(actor=secretary, partnership=world_a.partnership, model=model, data=data),
        exception=ValidationError,
    )
    assert field in info.value.message_dict


def test_a_meeting_must_last_between_a_minute_and_a_day(secretary: Any, world_a: World) -> None:
    for minutes in (0, 24 * 60 + 1):
        info = assert_refused(
            lambda minutes=minutes: record_create(
                actor=secretary,
                partnership=world_a.partnership,
                model=Meeting,
                data={"body": world_a.body, "start": MEETING_START, "duration_minutes": minutes},
            ),
            exception=ValidationError,
        )
        assert "duration_minutes" in info.value.message_dict


def test_names_are_unique_within_a_partnership_only(secretary: Any, world_a: World, world_b: World) -> None:
    assert_refused(
        lambda: record_create(
            actor=secretary,
            partnership=world_a.partnership,
            model=Organisation,
            data={"name": world_a.organisation.name},
        ),
        exception=ValidationError,
    )
    created = record_create(
        actor=secretary,
        partnership=world_a.partnership,
        model=Organisation,
        data={"name": world_b.organisation.name},
    )
    assert created.partnership == world_a.partnership


CROSS_PARTNERSHIP_FKS = [
    (Person, "organisation", "organisation", {"name": "Jo"}),
    (Body, "parent", "body", {"name": "Sub-group"}),
    (BodyMembership, "body", "body", {"person": "person"}),
    (BodyMembership, "person", "person", {"body": "sub_body"}),
    (Meeting, "body", "body", {"start": MEETING_START}),
    (Attendance, "meeting", "meeting", {"person": "other_person"}),
    (Attendance, "person", "person", {"meeting": "meeting"}),
    (Paper, "meeting", "meeting", {"title": "Pack"}),
    (Paper, "author_organisation", "organisation", {"title": "Pack"}),
    (AgendaItem, "meeting", "meeting", {"title": "Item"}),
    (Action, "body", "body", {"text": "Do it"}),
    (Action, "agenda_item", "item", {"text": "Do it", "body": "body"}),
    (Action, "lead", "person", {"text": "Do it", "body": "body"}),
    (Action, "lead_organisation", "organisation", {"text": "Do it", "body": "body"}),
    # Regression (found by these tests, fixed in 54637c4): revisions and updates had no clean() at all.
    (DueDateRevision, "action", "action", {"new_due_date": DUE, "reason": "Slipped", "changed_by": "actor"}),
    (ActionUpdate, "action", "action", {"note": "Done", "author": "actor"}),
]


def _resolve(world: World, data: dict[str, Any]) -> dict[str, Any]:
    return {
        key: getattr(world, value) if isinstance(value, str) and hasattr(world, value) else value
        for key, value in data.items()
    }


@pytest.mark.parametrize(
    ("model", "field", "target", "data"),
    CROSS_PARTNERSHIP_FKS,
    ids=[f"{m.__name__}.{f}" for m, f, _, _ in CROSS_PARTNERSHIP_FKS],
)
def test_create_refuses_a_link_to_another_partnerships_record(
    secretary: Any, world_a: World, world_b: World, model: type, field: str, target: str, data: dict[str, Any]
) -> None:
    data = {**_resolve(world_a, data), field: getattr(world_b, target)}
    data = {key: secretary if value == "actor" else value for key, value in data.items()}
    info = assert_refused(
        lambda: record_create(actor=secretary, partnership=world_a.partnership, model=model, data=data),
        exception=ValidationError,
    )
    assert info.value.message_dict.get(field) == [SAME_PARTNERSHIP]


@pytest.mark.parametrize(
    ("model", "field", "target"),
    [
        (Person, "organisation", "organisation"),
        (Body, "parent", "body"),
        (Meeting, "body", "body"),
        (AgendaItem, "meeting", "meeting"),
        (Paper, "meeting", "meeting"),
        (Action, "lead", "person"),
    ],
    ids=lambda v: v.__name__ if isinstance(v, type) else None,
)
def test_update_refuses_a_link_to_another_partnerships_record(
    secretary: Any, world_a: World, world_b: World, model: type, field: str, target: str
) -> None:
    instance = {
        Person: world_a.person,
        Body: world_a.sub_body,
        Meeting: world_a.meeting,
        AgendaItem: world_a.item,
        Paper: world_a.paper,
        Action: world_a.action,
    }[model]
    assert_refused(
        lambda: record_update(
            actor=secretary, instance=reload(instance), data={field: getattr(world_b, target)}
        ),
        exception=ValidationError,
    )


# Regression (found by these tests, fixed in 54637c4): many-to-many values were set after full_clean() with no
# same-partnership check. Values may be records or bare primary keys (``.set()`` accepts both).
# Bare pks slipped through the first fix (no ``partnership_id`` to compare); fixed in fce5b13.
M2M_CASES = [
    (Body, "member_organisations", "organisation", {"name": "Leaky board"}),
    (AgendaItem, "papers", "paper", {"title": "Leaky item", "meeting": "meeting"}),
]


@pytest.mark.parametrize("as_pk", [False, True], ids=["records", "bare pks"])
@pytest.mark.parametrize(
    ("model", "field", "target", "data"), M2M_CASES, ids=["Body.member_organisations", "AgendaItem.papers"]
)
def test_create_refuses_many_to_many_links_to_another_partnership(
    secretary: Any,
    world_a: World,
    world_b: World,
    model: type,
    field: str,
    target: str,
    data: dict[str, Any],
    as_pk: bool,
) -> None:
    foreign = getattr(world_b, target)
    data = {**_resolve(world_a, data), field: [foreign.pk if as_pk else foreign]}
    with assert_db_unchanged(), pytest.raises((ValidationError, ValueError, TypeError)):
        record_create(actor=secretary, partnership=world_a.partnership, model=model, data=data)


@pytest.mark.parametrize("as_pk", [False, True], ids=["records", "bare pks"])
def test_update_refuses_many_to_many_links_to_another_partnership(
    secretary: Any, world_a: World, world_b: World, as_pk: bool
) -> None:
    foreign = world_b.organisation
    with assert_db_unchanged(), pytest.raises((ValidationError, ValueError, TypeError)):
        record_update(
            actor=secretary,
            instance=reload(world_a.body),
            data={"member_organisations": [world_a.organisation, foreign.pk if as_pk else foreign]},
        )


# Regression (found by these tests, fixed in 54637c4): ``data`` could set ``partnership``, ``id`` or ``pk``.
# The
# permission check ran against partnership A, then the record was written into (or moved to) partnership B;
# with ``id`` an update overwrote another partnership's record.
SMUGGLED = ["partnership", "id", "pk", "partnership_id", "body_id"]


def _smuggled(key: str, world_b: World) -> Any:
    return {
        "partnership": world_b.partnership,
        "partnership_id": world_b.partnership.pk,
        "body_id": world_b.body.pk,
    }.get(key, world_b.organisation.pk)


@pytest.mark.parametrize("key", SMUGGLED)
def test_create_cannot_write_into_another_partnership_through_data(
    secretary: Any, world_a: World, world_b: World, key: str
) -> None:
    with assert_db_unchanged(), pytest.raises((ValidationError, PermissionDenied, ValueError, TypeError)):
        record_create(
            actor=secretary,
            partnership=world_a.partnership,
            model=Organisation,
            data={"name": "Planted", key: _smuggled(key, world_b)},
        )


@pytest.mark.parametrize("key", SMUGGLED)
def test_update_cannot_reach_another_partnerships_record_through_data(
    secretary: Any, world_a: World, world_b: World, key: str
) -> None:
    organisation = make_organisation(world_a.partnership, name="Movable")
    with assert_db_unchanged(), pytest.raises((ValidationError, PermissionDenied, ValueError, TypeError)):
        record_update(
            actor=secretary, instance=organisation, data={"name": "Hijacked", key: _smuggled(key, world_b)}
        )
    assert reload(world_b.organisation).name == "Southshire County Council"


def test_update_records_only_what_changed(secretary: Any, world_a: World) -> None:
    record_update(
        actor=secretary,
        instance=reload(world_a.organisation),
        data={"name": "Northshire County Council", "kind": world_a.organisation.kind},
    )
    [event] = events(verb="changed")
    assert event.changes == {"name": ["County Council", "Northshire County Council"]}
    assert (event.object_type, event.object_id, event.actor) == (
        "organisation",
        str(world_a.organisation.pk),
        secretary,
    )


def test_an_update_that_changes_nothing_writes_no_audit_event(secretary: Any, world_a: World) -> None:
    with assert_db_unchanged():
        record_update(
            actor=secretary, instance=reload(world_a.organisation), data={"name": world_a.organisation.name}
        )


def test_an_update_of_many_to_many_is_audited(secretary: Any, world_a: World) -> None:
    other = make_organisation(world_a.partnership, name="Voluntary Action")
    record_update(actor=secretary, instance=reload(world_a.body), data={"member_organisations": [other]})
    [event] = events(verb="changed")
    assert event.changes == {"member_organisations": [[str(world_a.organisation)], [str(other)]]}
    assert list(world_a.body.member_organisations.all()) == [other]


def test_an_invalid_update_leaves_the_stored_record_and_audit_as_they_were(
    secretary: Any, world_a: World
) -> None:
    assert_refused(
        lambda: record_update(actor=secretary, instance=reload(world_a.organisation), data={"name": ""}),
        exception=ValidationError,
    )
    assert_refused(
        lambda: record_update(
            actor=secretary, instance=reload(world_a.action), data={"status": ActionStatus.DONE}
        ),
        exception=ValidationError,
    )


@pytest.mark.parametrize("parent", ["self", "child"])
def test_a_body_cannot_report_to_itself_or_below_itself(secretary: Any, world_a: World, parent: str) -> None:
    body = reload(world_a.body)
    target = body if parent == "self" else world_a.sub_body
    info = assert_refused(
        lambda: record_update(actor=secretary, instance=body, data={"parent": target}),
        exception=ValidationError,
    )
    assert "parent" in info.value.message_dict


def test_delete_removes_the_record_and_audits_what_it_was(secretary: Any, world_a: World) -> None:
    organisation = make_organisation(world_a.partnership, name="Short-lived Trust")
    pk = organisation.pk
    record_delete(actor=secretary, instance=organisation)
    assert not Organisation.objects.filter(pk=pk).exists()
    [event] = events(verb="deleted")
    assert (event.object_type, event.object_id, event.object_repr) == (
        "organisation",
        str(pk),
        "Short-lived Trust",
    )
    assert event.changes["deleted"]["name"] == "Short-lived Trust"


@pytest.mark.parametrize("target", ["body", "sub_body_with_action"])
def test_a_protected_delete_changes_nothing(secretary: Any, world_a: World, target: str) -> None:
    """A body with meetings or actions cannot be deleted; the audit event written first is rolled back."""
    if target == "body":
        instance = world_a.body
    else:
        instance = world_a.sub_body
        make_action(world_a.partnership, body=instance)
    assert_refused(
        lambda: record_delete(actor=secretary, instance=reload(instance)),
        exception=(ProtectedError, RestrictedError),
    )


def test_deleting_a_meeting_takes_its_items_but_keeps_their_actions(secretary: Any, world_a: World) -> None:
    record_delete(actor=secretary, instance=reload(world_a.meeting))
    assert not AgendaItem.objects.filter(pk=world_a.item.pk).exists()
    action = reload(world_a.action)
    assert action.agenda_item is None and action.body == world_a.body
    assert reload(world_a.paper).meeting is None


@pytest.mark.parametrize("role", [Role.MEMBER, Role.FACILITATOR, Role.VIEWER])
def test_a_refused_write_changes_nothing(users: dict[str, Any], world_a: World, role: str) -> None:
    user = users[role]
    p = world_a.partnership
    assert_refused(lambda: record_create(actor=user, partnership=p, model=Organisation, data={"name": "X"}))
    assert_refused(
        lambda: record_update(actor=user, instance=reload(world_a.meeting), data={"location": "Y"})
    )
    assert_refused(lambda: record_delete(actor=user, instance=reload(world_a.paper)))
    assert_refused(lambda: services.meeting_mark_held(actor=user, meeting=reload(world_a.meeting)))


def test_an_outsider_cannot_write_anything(outsider: Any, world_a: World) -> None:
    p = world_a.partnership
    action = reload(world_a.action)
    assert_refused(
        lambda: record_create(actor=outsider, partnership=p, model=Organisation, data={"name": "X"})
    )
    assert_refused(
        lambda: record_update(actor=outsider, instance=reload(world_a.body), data={"purpose": "x"})
    )
    assert_refused(lambda: record_delete(actor=outsider, instance=reload(world_a.organisation)))
    assert_refused(
        lambda: services.action_create(
            actor=outsider, partnership=p, data={"body": world_a.body, "text": "x"}
        )
    )
    assert_refused(
        lambda: services.action_revise_due(actor=outsider, action=action, new_due_date=DUE + DAY, reason="x")
    )
    assert_refused(lambda: services.action_add_update(actor=outsider, action=action, note="x"))
    assert_refused(lambda: services.action_set_status(actor=outsider, action=action, status="dropped"))
    assert_refused(
        lambda: services.action_bulk_update(actor=outsider, partnership=p, actions=[action], status="dropped")
    )
    assert_refused(lambda: services.meeting_mark_held(actor=outsider, meeting=reload(world_a.meeting)))


def test_a_permission_check_comes_before_validation(viewer: Any, world_a: World) -> None:
    """Refusal must not depend on the data: a viewer learns nothing from validation messages."""
    assert_refused(
        lambda: record_create(
            actor=viewer, partnership=world_a.partnership, model=Organisation, data={"name": ""}
        )
    )


# --- action_create ------------------------------------------------------------------------------------------


def test_action_create_keeps_the_first_due_date_as_the_original(secretary: Any, world_a: World) -> None:
    action = services.action_create(
        actor=secretary,
        partnership=world_a.partnership,
        data={
            "body": world_a.body,
            "agenda_item": world_a.item,
            "text": "Report back on the pilot",
            "due_date": DUE,
        },
    )
    assert (action.original_due_date, action.due_date) == (DUE, DUE)
    services.action_revise_due(
        actor=secretary, action=action, new_due_date=DUE + 30 * DAY, reason="Pilot late"
    )
    services.action_revise_due(actor=secretary, action=action, new_due_date=DUE + 60 * DAY, reason="Again")
    action = reload(action)
    assert (action.original_due_date, action.due_date) == (DUE, DUE + 60 * DAY)
    [event] = events(verb="created", object_type="action")
    assert event.actor == secretary


def test_action_create_without_a_due_date(secretary: Any, world_a: World) -> None:
    action = services.action_create(
        actor=secretary,
        partnership=world_a.partnership,
        data={"body": world_a.body, "text": "Somebody should look at this"},
    )
    assert action.original_due_date is None and action.due_date is None
    assert action in Action.objects.orphaned()


def test_action_create_refuses_a_due_date_before_its_meeting(secretary: Any, world_a: World) -> None:
    info = assert_refused(
        lambda: services.action_create(
            actor=secretary,
            partnership=world_a.partnership,
            data={
                "body": world_a.body,
                "agenda_item": world_a.item,
                "text": "Too late",
                "due_date": MEETING_DATE - DAY,
            },
        ),
        exception=ValidationError,
    )
    assert DUE_BEFORE_MEETING in str(info.value)


def test_action_create_refuses_an_item_of_another_bodys_meeting(secretary: Any, world_a: World) -> None:
    other_item = make_item(world_a.partnership, meeting=make_meeting(world_a.partnership))
    info = assert_refused(
        lambda: services.action_create(
            actor=secretary,
            partnership=world_a.partnership,
            data={"body": world_a.body, "agenda_item": other_item, "text": "Mixed up"},
        ),
        exception=ValidationError,
    )
    assert "agenda_item" in info.value.message_dict


def test_a_member_may_not_create_actions(member: Any, world_a: World) -> None:
    assert_refused(
        lambda: services.action_create(
            actor=member,
            partnership=world_a.partnership,
            data={"body": world_a.body, "text": "x", "due_date": DUE},
        )
    )


# --- action_revise_due -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.ADMIN, Role.SECRETARY, Role.MEMBER])
def test_revising_a_due_date_records_from_to_who_and_why(
    users: dict[str, Any], world_a: World, role: str
) -> None:
    user = users[role]
    action = reload(world_a.action)
    revision = services.action_revise_due(
        actor=user, action=action, new_due_date=DUE + 14 * DAY, reason="  Waiting for the finance report  "
    )
    revision = reload(revision)
    assert (revision.previous_due_date, revision.new_due_date) == (DUE, DUE + 14 * DAY)
    assert (revision.changed_by, revision.reason, revision.partnership) == (
        user,
        "Waiting for the finance report",
        world_a.partnership,
    )
    action = reload(action)
    assert (action.original_due_date, action.due_date) == (DUE, DUE + 14 * DAY)
    [event] = events(verb="revised due date")
    assert event.actor == user and event.object_id == str(action.pk)
    assert event.changes == {
        "due_date": [str(DUE), str(DUE + 14 * DAY)],
        "reason": "Waiting for the finance report",
    }


def test_a_first_due_date_given_by_revision_becomes_the_original(secretary: Any, world_a: World) -> None:
    action = make_action(world_a.partnership, body=world_a.body)
    revision = services.action_revise_due(
        actor=secretary, action=action, new_due_date=DUE, reason="Agreed now"
    )
    assert revision.previous_due_date is None
    assert (reload(action).original_due_date, reload(action).due_date) == (DUE, DUE)


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_a_revision_needs_a_reason(secretary: Any, world_a: World, reason: str) -> None:
    info = assert_refused(
        lambda: services.action_revise_due(
            actor=secretary, action=reload(world_a.action), new_due_date=DUE + DAY, reason=reason
        ),
        exception=ValidationError,
    )
    assert info.value.message_dict == {"reason": [services.REASON_REQUIRED]}


def test_a_revision_must_change_the_date(secretary: Any, world_a: World) -> None:
    info = assert_refused(
        lambda: services.action_revise_due(
            actor=secretary, action=reload(world_a.action), new_due_date=DUE, reason="No change"
        ),
        exception=ValidationError,
    )
    assert info.value.message_dict == {"new_due_date": [services.SAME_DUE_DATE]}


@pytest.mark.parametrize("days_before", [1, 365])
def test_a_revision_cannot_go_before_the_meeting(secretary: Any, world_a: World, days_before: int) -> None:
    info = assert_refused(
        lambda: services.action_revise_due(
            actor=secretary,
            action=reload(world_a.action),
            new_due_date=MEETING_DATE - days_before * DAY,
            reason="Typo",
        ),
        exception=ValidationError,
    )
    assert info.value.message_dict == {"new_due_date": [DUE_BEFORE_MEETING]}


def test_a_revision_to_the_meeting_day_itself_is_allowed(secretary: Any, world_a: World) -> None:
    services.action_revise_due(
        actor=secretary, action=reload(world_a.action), new_due_date=MEETING_DATE, reason="Done on the day"
    )
    assert reload(world_a.action).due_date == MEETING_DATE


@pytest.mark.parametrize("status", [ActionStatus.DONE, ActionStatus.DROPPED, ActionStatus.SUPERSEDED])
def test_a_closed_action_must_be_reopened_before_its_date_moves(
    secretary: Any, world_a: World, status: str
) -> None:
    action = make_action(
        world_a.partnership,
        body=world_a.body,
        due_date=DUE,
        status=status,
        completed_on=DUE if status == ActionStatus.DONE else None,
    )
    info = assert_refused(
        lambda: services.action_revise_due(
            actor=secretary, action=action, new_due_date=DUE + DAY, reason="Late"
        ),
        exception=ValidationError,
    )
    assert info.value.message_dict == {"new_due_date": [services.REOPEN_FIRST]}


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.VIEWER])
def test_readers_cannot_revise(users: dict[str, Any], world_a: World, role: str) -> None:
    assert_refused(
        lambda: services.action_revise_due(
            actor=users[role], action=reload(world_a.action), new_due_date=DUE + DAY, reason="x"
        )
    )


# --- action_set_status / action_add_update -----------------------------------------------------------------


def test_done_needs_a_completion_date(secretary: Any, world_a: World) -> None:
    info = assert_refused(
        lambda: services.action_set_status(
            actor=secretary, action=reload(world_a.action), status=ActionStatus.DONE
        ),
        exception=ValidationError,
    )
    assert "completed_on" in info.value.message_dict


def test_closing_and_reopening(member: Any, world_a: World) -> None:
    done_on = DUE - DAY
    action = services.action_set_status(
        actor=member,
        action=reload(world_a.action),
        status=ActionStatus.DONE,
        completed_on=done_on,
        note="Plan circulated on the 29th",
    )
    action = reload(action)
    assert (action.status, action.completed_on) == (ActionStatus.DONE, done_on)
    assert action.updates.filter(note="Plan circulated on the 29th", on=done_on, author=member).exists()
    reopened = reload(
        services.action_set_status(
            actor=member, action=action, status=ActionStatus.OPEN, completed_on=done_on
        )
    )
    assert (reopened.status, reopened.completed_on) == (ActionStatus.OPEN, None)
    verbs = [e.verb for e in events(object_type="action", object_id=str(action.pk))]
    assert verbs == ["set status", "added update", "set status"]
    assert events(verb="set status")[0].changes == {
        "status": ["open", "done"],
        "completed_on": [None, str(done_on)],
    }


@pytest.mark.parametrize("status", [ActionStatus.DROPPED, ActionStatus.SUPERSEDED])
def test_dropping_or_superseding_clears_any_completion_date(
    secretary: Any, world_a: World, status: str
) -> None:
    action = services.action_set_status(
        actor=secretary, action=reload(world_a.action), status=status, completed_on=DUE
    )
    assert (reload(action).status, reload(action).completed_on) == (status, None)


@pytest.mark.parametrize("status", ["finished", "", "DONE", "closed"])
def test_an_unknown_status_is_refused(secretary: Any, world_a: World, status: str) -> None:
    assert_refused(
        lambda: services.action_set_status(
            actor=secretary, action=reload(world_a.action), status=status, completed_on=DUE
        ),
        exception=ValidationError,
    )


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.VIEWER])
def test_readers_cannot_close_actions_or_add_updates(
    users: dict[str, Any], world_a: World, role: str
) -> None:
    action = reload(world_a.action)
    assert_refused(
        lambda: services.action_set_status(
            actor=users[role], action=action, status=ActionStatus.DONE, completed_on=DUE
        )
    )
    assert_refused(lambda: services.action_add_update(actor=users[role], action=action, note="Progress"))


def test_an_update_needs_a_note(member: Any, world_a: World) -> None:
    assert_refused(
        lambda: services.action_add_update(actor=member, action=reload(world_a.action), note="   "),
        exception=ValidationError,
    )


def test_an_update_is_recorded_with_its_author(member: Any, world_a: World) -> None:
    update = services.action_add_update(
        actor=member, action=reload(world_a.action), note=" Half done ", on=DUE - 10 * DAY
    )
    assert (reload(update).note, update.author, update.on) == ("Half done", member, DUE - 10 * DAY)
    [event] = events(verb="added update")
    assert event.changes == {"update": [None, "Half done"], "on": [None, str(DUE - 10 * DAY)]}


# --- action_bulk_update: all or nothing ---------------------------------------------------------------------


@pytest.fixture
def three_actions(world_a: World) -> list[Action]:
    return [make_action(world_a.partnership, body=world_a.body, due_date=DUE + n * DAY) for n in range(3)]


def test_bulk_update_changes_every_selected_action(
    member: Any, world_a: World, three_actions: list[Action]
) -> None:
    count = services.action_bulk_update(
        actor=member,
        partnership=world_a.partnership,
        actions=three_actions,
        status=ActionStatus.DONE,
        completed_on=DUE,
        note="Closed at the review",
    )
    assert count == 3
    for action in three_actions:
        action = reload(action)
        assert (action.status, action.completed_on) == (ActionStatus.DONE, DUE)
        assert action.updates.filter(note="Closed at the review").count() == 1
    assert len(events(verb="set status")) == 3


def test_bulk_update_with_one_foreign_action_changes_nothing(
    secretary: Any, world_a: World, world_b: World, three_actions: list[Action]
) -> None:
    mixed = [*three_actions[:2], world_b.action, three_actions[2]]
    assert_refused(
        lambda: services.action_bulk_update(
            actor=secretary, partnership=world_a.partnership, actions=mixed, status=ActionStatus.DROPPED
        ),
        exception=ValidationError,
    )


def test_bulk_done_without_a_date_changes_nothing(
    secretary: Any, world_a: World, three_actions: list[Action]
) -> None:
    assert_refused(
        lambda: services.action_bulk_update(
            actor=secretary,
            partnership=world_a.partnership,
            actions=three_actions,
            status=ActionStatus.DONE,
            completed_on=None,
            note="All done",
        ),
        exception=ValidationError,
    )


def test_bulk_update_fails_late_and_still_changes_nothing(
    secretary: Any, world_a: World, three_actions: list[Action]
) -> None:
    """Two valid actions are written before the third fails clean(); the transaction takes them back."""
    broken = three_actions[2]
    broken.agenda_item = make_item(world_a.partnership, meeting=make_meeting(world_a.partnership))
    Action.objects.filter(pk=broken.pk).update(agenda_item=broken.agenda_item)  # stored inconsistently
    assert_refused(
        lambda: services.action_bulk_update(
            actor=secretary,
            partnership=world_a.partnership,
            actions=three_actions,
            status=ActionStatus.DROPPED,
            note="Tidy-up",
        ),
        exception=ValidationError,
    )


def test_bulk_update_needs_a_selection(secretary: Any, world_a: World) -> None:
    info = assert_refused(
        lambda: services.action_bulk_update(
            actor=secretary, partnership=world_a.partnership, actions=[], status=ActionStatus.DROPPED
        ),
        exception=ValidationError,
    )
    assert info.value.messages == [services.NOTHING_SELECTED]


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.VIEWER])
def test_readers_cannot_bulk_update(
    users: dict[str, Any], world_a: World, three_actions: list[Action], role: str
) -> None:
    assert_refused(
        lambda: services.action_bulk_update(
            actor=users[role],
            partnership=world_a.partnership,
            actions=three_actions,
            status=ActionStatus.DROPPED,
        )
    )


def test_bulk_update_in_another_partnership_is_refused(secretary: Any, world_b: World) -> None:
    assert_refused(
        lambda: services.action_bulk_update(
            actor=secretary,
            partnership=world_b.partnership,
            actions=[world_b.action],
            status=ActionStatus.DROPPED,
        )
    )


# --- meeting_mark_held ------------------------------------------------------------------------------------


def test_marking_a_meeting_held_holds_over_only_open_actions_due_by_then(
    secretary: Any, world_a: World
) -> None:
    p, body = world_a.partnership, world_a.body
    meeting = make_meeting(p, body=body, start=MEETING_START + 60 * DAY)
    day = meeting.date
    made = {
        "due_before": make_action(p, body=body, due_date=day - 10 * DAY),
        "due_on_the_day": make_action(p, body=body, due_date=day),
        "held_twice_already": make_action(p, body=body, due_date=day - 40 * DAY, held_over=2),
        "due_after": make_action(p, body=body, due_date=day + DAY),
        "no_due_date": make_action(p, body=body),
        "done": make_action(p, body=body, due_date=day - DAY, status="done", completed_on=day - DAY),
        "dropped": make_action(p, body=body, due_date=day - DAY, status="dropped"),
        "other_body": make_action(p, body=world_a.sub_body, due_date=day - DAY),
        "set_at_this_meeting": make_action(p, body=body, due_date=day, created_at=meeting.start),
        "other_partnership": None,
    }
    already_open = [world_a.action, world_a.revision.action]  # both on this body, due before the meeting
    before = {name: action.held_over for name, action in made.items() if action}
    count = services.meeting_mark_held(actor=secretary, meeting=meeting)
    after = {name: reload(action).held_over for name, action in made.items() if action}
    held = {name for name in after if after[name] == before[name] + 1}
    assert held == {"due_before", "due_on_the_day", "held_twice_already"}
    assert [reload(action).held_over for action in already_open] == [1, 1]
    assert count == 3 + len(already_open)
    assert reload(meeting).status == MeetingStatus.HELD
    [event] = events(verb="marked held")
    assert event.changes["actions held over"] == [None, count]


def test_marking_held_twice_holds_over_once(secretary: Any, world_a: World) -> None:
    body = make_body(world_a.partnership)
    action = make_action(world_a.partnership, body=body, due_date=DUE)
    meeting = make_meeting(world_a.partnership, body=body, start=MEETING_START + 60 * DAY)
    assert services.meeting_mark_held(actor=secretary, meeting=meeting) == 1
    with assert_db_unchanged():
        assert services.meeting_mark_held(actor=secretary, meeting=reload(meeting)) == 0
    assert reload(action).held_over == 1


def test_marking_held_does_not_touch_another_partnership(
    secretary: Any, world_a: World, world_b: World
) -> None:
    meeting = make_meeting(world_a.partnership, body=world_a.body, start=MEETING_START + 60 * DAY)
    services.meeting_mark_held(actor=secretary, meeting=meeting)
    assert reload(world_b.action).held_over == 0
