"""Action learning sets for tests: each world keeps one set (``world_set``) facilitated by the person of the
"facilitator" member, with the people of the admin, secretary, member and viewer users among its seven
members, a
meeting and a note; so every role that may read notes reads this set's, and the viewer reads none.

Factories write straight to the ORM (no permission, no audit) to set the scene.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model

from factories import World, make_person
from traction.core.models import Partnership
from traction.governance.models import Person
from traction.programmes.models.learningsets import LearningSet, SetMeeting, SetMembership, SetNote, SetRole

MET = datetime.date(2025, 5, 6)
NOTE = "We tried the three-minute round: everyone spoke before anyone advised."


def person_of(partnership: Partnership, username: str, name: str) -> Person:
    """A person of the record for the member with this username (a person without a user when there is
    none, as in partnership B)."""
    user = get_user_model().objects.filter(username=username, memberships__partnership=partnership).first()
    return make_person(partnership, name=name, user=user)


def make_set(
    partnership: Partnership, *, facilitator: Person, members: list[Person], body: Any, **kw: Any
) -> LearningSet:
    kw.setdefault("name", "Leading across boundaries set")
    learning_set = LearningSet.objects.create(
        partnership=partnership, facilitator=facilitator, body=body, **kw
    )
    join(learning_set, facilitator, SetRole.FACILITATOR)
    for person in members:
        join(learning_set, person)
    return learning_set


def join(learning_set: LearningSet, person: Person, role: str = SetRole.MEMBER) -> SetMembership:
    return SetMembership.objects.create(
        partnership=learning_set.partnership, learning_set=learning_set, person=person, role=role, joined=MET
    )


def make_note(learning_set: LearningSet, author: Person, text: str = NOTE) -> SetNote:
    return SetNote.objects.create(
        partnership=learning_set.partnership, learning_set=learning_set, author=author, text=text
    )


def world_set(w: World) -> LearningSet:
    if not hasattr(w, "_learningset"):
        p = w.partnership
        facilitator = person_of(p, "facilitator", "Fran Facilitator")
        members = [
            person_of(p, "admin", "Ada Admin"),
            person_of(p, "secretary", "Sid Secretary"),
            person_of(p, "member", "Meg Member"),
            person_of(p, "viewer", "Vic Viewer"),
            *[make_person(p, name=n) for n in ("Priya Shah", "Tom Okafor", "Lena Novak")],
        ]
        learning_set = make_set(p, facilitator=facilitator, members=members, body=w.body)
        meeting = SetMeeting.objects.create(partnership=p, learning_set=learning_set, date=MET)
        meeting.attended.set(members[:4])
        note = make_note(learning_set, members[2])
        w._learningset = (learning_set, meeting, note)  # type: ignore[attr-defined]
    return w._learningset[0]  # type: ignore[attr-defined]


def world_meeting(w: World) -> SetMeeting:
    world_set(w)
    return w._learningset[1]  # type: ignore[attr-defined]


def world_note(w: World) -> SetNote:
    world_set(w)
    return w._learningset[2]  # type: ignore[attr-defined]


def fresh_note(w: World) -> SetNote:
    learning_set = world_set(w)
    return make_note(learning_set, learning_set.memberships.filter(role=SetRole.MEMBER).first().person)


def fresh_membership(w: World) -> SetMembership:
    return join(world_set(w), make_person(w.partnership, name="Ola Member"))


def fresh_set(w: World) -> LearningSet:
    p = w.partnership
    return make_set(
        p,
        name=f"Set to delete {LearningSet.objects.count()}",
        facilitator=make_person(p),
        members=[make_person(p) for _ in range(5)],
        body=w.body,
    )


def set_data(w: World, **kw: Any) -> dict[str, Any]:
    data = {
        "name": "Health and care leaders set",
        "programme": "",
        "facilitator": w.other_person.pk,
        "every_weeks": "6",
        "cadence_note": "Thursday afternoons",
        "body": w.body.pk,
        "status": "active",
    }
    return {**data, **kw}


def member_pks(w: World, n: int) -> list[int]:
    return [make_person(w.partnership, name=f"Member {i}").pk for i in range(n)]


def meeting_data(w: World, **kw: Any) -> dict[str, Any]:
    learning_set = world_set(w)
    members = list(learning_set.memberships.filter(role=SetRole.MEMBER).values_list("person", flat=True))
    data = {
        "date": "2025-06-17",
        "attended": members[:3],
        "owner_1": members[0],
        "text_1": "Ask the finance lead to the next meeting",
        "due_1": "2025-07-29",
        "owner_2": members[1],
        "text_2": "Try the three-minute round at my own team meeting",
        "due_2": "",
    }
    return {**data, **kw}
