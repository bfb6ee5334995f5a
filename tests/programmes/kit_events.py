"""Whole-system events for tests: ``world_*`` return the same record for a world every time; ``fresh_*`` make
a new one for URLs that change or delete it. Written straight to the ORM (no permission, no audit) to set
the scene; tests then drive HTTP or the services."""

from __future__ import annotations

import datetime
from typing import Any

from factories import World, make_person
from traction.governance.models import Person
from traction.programmes.models.events import (
    AgendaStage,
    CommonGround,
    Event,
    EventGroup,
    EventTable,
    Invitation,
    InvitationStatus,
)

TITLE = "Northshire 2035: a future-scenario day"
EVENT_DATE = datetime.date(2025, 3, 20)
GROUPS = ("Councillors", "NHS leaders", "Residents")


def make_event(w: World, title: str = TITLE, **kw: Any) -> Event:
    kw.setdefault("date", EVENT_DATE)
    kw.setdefault("meeting", w.meeting)
    return Event.objects.create(
        partnership=w.partnership, title=title, body=w.body, place="Civic Centre", **kw
    )


def group(event: Event, name: str) -> EventGroup:
    found, _ = EventGroup.objects.get_or_create(partnership=event.partnership, event=event, name=name)
    return found


def invite(
    event: Event, person: Person, group_name: str, status: str = InvitationStatus.ACCEPTED
) -> Invitation:
    return Invitation.objects.create(
        partnership=event.partnership,
        event=event,
        person=person,
        group=group(event, group_name),
        status=status,
    )


def resident(w: World) -> Person:
    found = Person.objects.filter(partnership=w.partnership, name="Pat Resident").first()
    return found or make_person(w.partnership, name="Pat Resident")


def world_event(w: World) -> Event:
    found = Event.objects.filter(partnership=w.partnership, title=TITLE).first()
    if found:
        return found
    event = make_event(w)
    for name in GROUPS:
        group(event, name)
    invite(event, w.person, "Councillors")
    invite(event, resident(w), "Residents")
    table = EventTable.objects.create(partnership=w.partnership, event=event, number=1, capacity=8)
    event.invitations.update(table=table)
    EventTable.objects.create(partnership=w.partnership, event=event, number=2, capacity=8)
    AgendaStage.objects.create(partnership=w.partnership, event=event, order=1, title="Review the past")
    CommonGround.objects.create(
        partnership=w.partnership, event=event, text="Nobody should tell their story twice."
    )
    return event


def world_group(w: World) -> EventGroup:
    return group(world_event(w), "Councillors")


def world_table(w: World) -> EventTable:
    return world_event(w).tables.get(number=1)


def world_second_table(w: World) -> EventTable:
    return world_event(w).tables.get(number=2)


def world_invitation(w: World) -> Invitation:
    return world_event(w).invitations.get(person=w.person)


def world_stage(w: World) -> AgendaStage:
    return world_event(w).stages.get(title="Review the past")


def world_commonground(w: World) -> CommonGround:
    return world_event(w).common_ground.order_by("id").first()  # type: ignore[return-value]


def fresh_event(w: World) -> Event:
    return make_event(w, "Young people's futures day", meeting=None)


def fresh_group(w: World) -> EventGroup:
    return group(world_event(w), "Young people")


def fresh_invitation(w: World) -> Invitation:
    return invite(world_event(w), make_person(w.partnership, name="Kim Volunteer"), "Residents")


def fresh_stage(w: World) -> AgendaStage:
    return AgendaStage.objects.create(partnership=w.partnership, event=world_event(w), order=9, title="Lunch")


def fresh_commonground(w: World) -> CommonGround:
    return CommonGround.objects.create(
        partnership=w.partnership,
        event=world_event(w),
        text="Decisions are made with the people they affect.",
    )


def event_data(w: World, **kw: Any) -> dict[str, Any]:
    return {
        "title": TITLE,
        "date": EVENT_DATE.isoformat(),
        "place": "Civic Centre",
        "purpose": "Agree where health and care should be in ten years.",
        "body": w.body.pk,
        "meeting": w.meeting.pk,
        **kw,
    }


def actions_data(w: World, **kw: Any) -> dict[str, Any]:
    return {
        "action_1": "Set up the residents' panel",
        "owner_1": w.person.pk,
        "due_1": "2025-09-30",
        "action_2": "",
        "owner_2": "",
        "due_2": "",
        **kw,
    }
