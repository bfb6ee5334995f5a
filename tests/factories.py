"""Plain factory functions for every governance model, and a small complete record per partnership.

Factories write straight to the ORM (no permission check, no audit) so that tests set the scene and then
drive the interface under test: services, selectors or HTTP. Every factory takes the partnership first
and keyword overrides after; anything it needs and is not given, it makes in the same partnership.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import models

from traction.core.models import AuditEvent, Membership, Partnership, Role
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

User = get_user_model()
LONDON = ZoneInfo("Europe/London")
PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test users only

# The meeting every world's action came from, and dates around it.
MEETING_START = datetime.datetime(2025, 3, 10, 14, 0, tzinfo=LONDON)
MEETING_DATE = MEETING_START.date()
DUE = datetime.date(2025, 4, 30)

_seq = itertools.count(1)


def _n() -> int:
    return next(_seq)


def make_partnership(*, name: str | None = None, slug: str | None = None) -> Partnership:
    n = _n()
    return Partnership.objects.create(name=name or f"Partnership {n}", slug=slug or f"partnership-{n}")


def make_user(*, username: str | None = None, password: str | None = None, **extra: Any) -> Any:
    """A user; without a password it cannot log in through the form (tests use force_login)."""
    user = User(username=username or f"user{_n()}", **extra)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user


def make_member(
    partnership: Partnership, role: str, *, username: str | None = None, password: str | None = None
) -> Any:
    user = make_user(username=username, password=password)
    Membership.objects.create(partnership=partnership, user=user, role=role)
    return user


def make_membership(partnership: Partnership, **kw: Any) -> Membership:
    kw.setdefault("user", make_user())
    kw.setdefault("role", Role.VIEWER)
    return Membership.objects.create(partnership=partnership, **kw)


def make_organisation(partnership: Partnership, **kw: Any) -> Organisation:
    kw.setdefault("name", f"Organisation {_n()}")
    return Organisation.objects.create(partnership=partnership, **kw)


def make_person(partnership: Partnership, **kw: Any) -> Person:
    kw.setdefault("name", f"Person {_n()}")
    return Person.objects.create(partnership=partnership, **kw)


def make_body(partnership: Partnership, **kw: Any) -> Body:
    kw.setdefault("name", f"Body {_n()}")
    return Body.objects.create(partnership=partnership, **kw)


def make_body_membership(partnership: Partnership, **kw: Any) -> BodyMembership:
    if "body" not in kw:
        kw["body"] = make_body(partnership)
    if "person" not in kw:
        kw["person"] = make_person(partnership)
    return BodyMembership.objects.create(partnership=partnership, **kw)


def make_meeting(partnership: Partnership, **kw: Any) -> Meeting:
    if "body" not in kw:
        kw["body"] = make_body(partnership)
    kw.setdefault("start", MEETING_START)
    return Meeting.objects.create(partnership=partnership, **kw)


def make_attendance(partnership: Partnership, **kw: Any) -> Attendance:
    if "meeting" not in kw:
        kw["meeting"] = make_meeting(partnership)
    if "person" not in kw:
        kw["person"] = make_person(partnership)
    return Attendance.objects.create(partnership=partnership, **kw)


def make_item(partnership: Partnership, **kw: Any) -> AgendaItem:
    if "meeting" not in kw:
        kw["meeting"] = make_meeting(partnership)
    n = _n()
    kw.setdefault("title", f"Item {n}")
    kw.setdefault("order", n)
    return AgendaItem.objects.create(partnership=partnership, **kw)


def make_paper(partnership: Partnership, **kw: Any) -> Paper:
    kw.setdefault("title", f"Paper {_n()}")
    return Paper.objects.create(partnership=partnership, **kw)


def make_action(partnership: Partnership, **kw: Any) -> Action:
    """An open action; with ``agenda_item`` its body is the item's meeting's body."""
    if "body" not in kw:
        item = kw.get("agenda_item")
        kw["body"] = item.meeting.body if item is not None else make_body(partnership)
    kw.setdefault("text", f"Circulate the dashboard ({_n()})")
    kw.setdefault("original_due_date", kw.get("due_date"))
    kw.setdefault("created_at", MEETING_START - datetime.timedelta(days=30))
    return Action.objects.create(partnership=partnership, **kw)


def make_revision(partnership: Partnership, **kw: Any) -> DueDateRevision:
    if "action" not in kw:
        kw["action"] = make_action(partnership, due_date=DUE)
    kw.setdefault("previous_due_date", kw["action"].due_date)
    kw.setdefault("new_due_date", DUE + datetime.timedelta(days=30))
    kw.setdefault("reason", "Waiting for the audit report")
    kw.setdefault("changed_by", make_user())
    return DueDateRevision.objects.create(partnership=partnership, **kw)


def make_update(partnership: Partnership, **kw: Any) -> ActionUpdate:
    if "action" not in kw:
        kw["action"] = make_action(partnership)
    kw.setdefault("note", "Draft circulated to officers")
    kw.setdefault("author", make_user())
    return ActionUpdate.objects.create(partnership=partnership, **kw)


def make_audit_event(partnership: Partnership, **kw: Any) -> AuditEvent:
    kw.setdefault("verb", "created")
    kw.setdefault("object_type", "organisation")
    kw.setdefault("object_id", "1")
    kw.setdefault("object_repr", "Somewhere")
    return AuditEvent.objects.create(partnership=partnership, **kw)


def make_topic_confirmation(partnership: Partnership, **kw: Any) -> TopicConfirmation:
    kw.setdefault("key", f"topic-{_n()}")
    return TopicConfirmation.objects.create(partnership=partnership, **kw)


FACTORIES: dict[type[models.Model], Callable[..., models.Model]] = {
    Membership: make_membership,
    AuditEvent: make_audit_event,
    Organisation: make_organisation,
    Person: make_person,
    Body: make_body,
    BodyMembership: make_body_membership,
    Meeting: make_meeting,
    Attendance: make_attendance,
    AgendaItem: make_item,
    Paper: make_paper,
    Action: make_action,
    DueDateRevision: make_revision,
    ActionUpdate: make_update,
    TopicConfirmation: make_topic_confirmation,
}


@dataclass
class World:
    """One of everything in a partnership, linked the way a real record is."""

    partnership: Partnership
    organisation: Organisation
    person: Person
    other_person: Person
    body: Body
    sub_body: Body
    body_membership: BodyMembership
    meeting: Meeting
    attendance: Attendance
    paper: Paper
    item: AgendaItem
    action: Action
    revision: DueDateRevision
    update: ActionUpdate
    audit_event: AuditEvent
    membership: Membership
    topic_confirmation: TopicConfirmation


def make_world(partnership: Partnership, *, label: str = "") -> World:
    organisation = make_organisation(partnership, name=f"{label}County Council")
    person = make_person(
        partnership, name=f"{label}Alex Director", role_title="Director", organisation=organisation
    )
    other_person = make_person(partnership, name=f"{label}Sam Officer")
    body = make_body(partnership, name=f"{label}Health and Wellbeing Board")
    body.member_organisations.set([organisation])
    sub_body = make_body(partnership, name=f"{label}Housing Working Group", parent=body)
    meeting = make_meeting(partnership, body=body, location="Civic Centre")
    paper = make_paper(
        partnership,
        title=f"{label}Joint strategy 2025",
        meeting=meeting,
        author_organisation=organisation,
        pages=12,
    )
    item = make_item(
        partnership,
        meeting=meeting,
        number="5",
        title=f"{label}Joint strategy",
        outcome="decided",
        resolution="RESOLVED that the strategy be approved.",
    )
    item.papers.set([paper])
    action = make_action(
        partnership,
        agenda_item=item,
        text=f"{label}Circulate the delivery plan",
        lead=person,
        lead_organisation=organisation,
        due_date=DUE,
        minute_reference="5/1",
    )
    return World(
        partnership=partnership,
        organisation=organisation,
        person=person,
        other_person=other_person,
        body=body,
        sub_body=sub_body,
        body_membership=make_body_membership(partnership, body=body, person=person, role="chair"),
        meeting=meeting,
        attendance=make_attendance(partnership, meeting=meeting, person=person),
        paper=paper,
        item=item,
        action=action,
        revision=make_revision(partnership, action=make_action(partnership, body=body, due_date=DUE)),
        update=make_update(partnership, action=action),
        audit_event=make_audit_event(partnership),
        membership=make_membership(partnership),
        topic_confirmation=make_topic_confirmation(partnership, key="joint-strategy"),
    )


def instance_in(world: World, model: type[models.Model]) -> models.Model:
    """The world's own record of ``model`` (the one other records point at)."""
    return {
        Membership: world.membership,
        AuditEvent: world.audit_event,
        Organisation: world.organisation,
        Person: world.person,
        Body: world.body,
        BodyMembership: world.body_membership,
        Meeting: world.meeting,
        Attendance: world.attendance,
        AgendaItem: world.item,
        Paper: world.paper,
        Action: world.action,
        DueDateRevision: world.revision,
        ActionUpdate: world.update,
        TopicConfirmation: world.topic_confirmation,
    }[model]


def create_data(world: World, model: type[models.Model], *, actor: Any = None) -> dict[str, Any]:
    """Valid ``data`` for ``record_create`` of ``model`` in the world's partnership, written by ``actor``."""
    w = world
    n = _n()
    return {
        Membership: lambda: {"user": make_user(), "role": Role.VIEWER},
        AuditEvent: lambda: {
            "verb": "forged",
            "object_type": "organisation",
            "object_id": "1",
            "object_repr": "forged",
        },
        Organisation: lambda: {"name": f"New organisation {n}", "kind": "voluntary"},
        Person: lambda: {"name": f"New person {n}", "organisation": w.organisation},
        Body: lambda: {
            "name": f"New body {n}",
            "kind": "committee",
            "parent": w.body,
            "member_organisations": [w.organisation],
        },
        BodyMembership: lambda: {"body": w.sub_body, "person": w.person, "role": "member"},
        Meeting: lambda: {
            "body": w.body,
            "start": MEETING_START + datetime.timedelta(days=28),
            "location": "Online",
        },
        Attendance: lambda: {"meeting": w.meeting, "person": w.other_person, "status": "apologies"},
        AgendaItem: lambda: {
            "meeting": w.meeting,
            "title": f"New item {n}",
            "order": 50,
            "papers": [w.paper],
        },
        Paper: lambda: {
            "title": f"New paper {n}",
            "meeting": w.meeting,
            "author_organisation": w.organisation,
        },
        Action: lambda: {
            "body": w.body,
            "agenda_item": w.item,
            "text": f"New action {n}",
            "lead": w.person,
            "due_date": DUE,
        },
        DueDateRevision: lambda: {
            "action": w.action,
            "previous_due_date": DUE,
            "new_due_date": DUE + datetime.timedelta(days=7),
            "reason": "Slipped",
            "changed_by": actor,
        },
        ActionUpdate: lambda: {"action": w.action, "note": "On track", "author": actor},
        TopicConfirmation: lambda: {"key": f"new-topic-{n}", "confirmed_by": actor},
    }[model]()


def update_data(model: type[models.Model]) -> dict[str, Any]:
    """A valid change to the world's record of ``model``."""
    return {
        Membership: {"role": Role.MEMBER},
        AuditEvent: {"verb": "tampered"},
        Organisation: {"name": "Renamed Council"},
        Person: {"role_title": "Chief Executive"},
        Body: {"purpose": "Improve health and reduce inequality"},
        BodyMembership: {"role": "vice_chair"},
        Meeting: {"location": "Online"},
        Attendance: {"status": "absent"},
        AgendaItem: {"outcome": "deferred", "resolution": "Deferred to April."},
        Paper: {"title": "Joint strategy 2025, revised"},
        Action: {"text": "Circulate the revised delivery plan"},
        DueDateRevision: {"reason": "Rewritten reason"},
        ActionUpdate: {"note": "Rewritten note"},
        TopicConfirmation: {"key": "renamed-topic"},
    }[model]


def deletable(world: World, model: type[models.Model]) -> models.Model:
    """A fresh record of ``model`` that nothing protects, so a permitted delete succeeds."""
    p = world.partnership
    if model is BodyMembership:
        return make_body_membership(p, body=world.sub_body, person=world.other_person)
    if model is Attendance:
        return make_attendance(p, meeting=world.meeting, person=world.other_person)
    if model in (DueDateRevision, ActionUpdate):
        return FACTORIES[model](p, action=world.action)
    return FACTORIES[model](p)


def race_trials(default: int) -> range:
    """How many times a race test runs: ``default`` in the suite; ``TRACTION_RACE_TRIALS=20`` for the
    20-of-20 measurement on PostgreSQL (docs/benchmarks.md)."""
    import os

    return range(int(os.environ.get("TRACTION_RACE_TRIALS", default)))
