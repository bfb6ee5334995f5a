"""Relationship-network records for tests: surveys in each state, people linked to the partnership's
accounts so they can answer, and ratings.

Factories write straight to the ORM (no permission, no audit) to set the scene; tests then drive HTTP or the
services. ``world_survey`` returns the same record for a world every time; ``fresh_*`` make a new one.
"""

from __future__ import annotations

import datetime
from typing import Any

from factories import World, make_person
from traction.core.models import Membership
from traction.governance.models import Person
from traction.stakeholders.models.network import NetworkSurvey, Rating, SurveyStatus

WORLD_TITLE = "Partnership relationships 2025"
START = datetime.date(2025, 1, 1)
END = datetime.date(2025, 6, 30)


def make_survey(
    partnership: Any, people: list[Person], status: str = SurveyStatus.OPEN, **kw: Any
) -> NetworkSurvey:
    kw.setdefault("title", "Another relationship survey")
    kw.setdefault("starts_on", START)
    kw.setdefault("ends_on", END)
    facilitators = kw.pop("facilitators", [])
    survey = NetworkSurvey.objects.create(partnership=partnership, status=status, **kw)
    survey.people.set(people)
    survey.facilitators.set(facilitators)
    return survey


def rate(survey: NetworkSurvey, rater: Person, ratee: Person, **kw: Any) -> Rating:
    values = {"frequency": 3, "reliability": 3, "mission": 3, "openness": 3, **kw}
    return Rating.objects.create(
        partnership=survey.partnership, survey=survey, rater=rater, ratee=ratee, **values
    )


def person_of(user: Any, partnership: Any) -> Person:
    """The user's person of the record in ``partnership``, made (and linked) when missing."""
    found = Person.objects.filter(partnership=partnership, user=user).first()
    return found or make_person(partnership, name=f"{user.username.title()} Person", user=user)


def account_people(partnership: Any) -> list[Person]:
    """A person for every account of the partnership, so whichever member is logged in can answer."""
    users = [m.user for m in Membership.objects.filter(partnership=partnership).select_related("user")]
    return [person_of(user, partnership) for user in users]


def world_survey(w: World) -> NetworkSurvey:
    survey = NetworkSurvey.objects.filter(partnership=w.partnership, title=WORLD_TITLE).first()
    return survey or make_survey(
        w.partnership, [w.person, w.other_person], SurveyStatus.CLOSED, title=WORLD_TITLE
    )


def fresh_draft(w: World) -> NetworkSurvey:
    return make_survey(w.partnership, [w.person, w.other_person], SurveyStatus.DRAFT)


def fresh_open(w: World) -> NetworkSurvey:
    """Open, with the world's two people and a person for every account (each can answer once)."""
    return make_survey(w.partnership, [w.person, w.other_person, *account_people(w.partnership)])


def fresh_survey(w: World) -> NetworkSurvey:
    return make_survey(
        w.partnership, [w.person, w.other_person], SurveyStatus.DRAFT, title="A survey to delete"
    )


def answer_data(w: World) -> dict[str, str]:
    """A whole row for each of the world's two people."""
    data = {}
    for person in (w.person, w.other_person):
        data |= {
            f"frequency_{person.pk}": "3",
            f"reliability_{person.pk}": "4",
            f"mission_{person.pk}": "3",
            f"openness_{person.pk}": "2",
            f"comment_{person.pk}": "",
        }
    return data


def keeper_accounts(w: World) -> list[int]:
    """The accounts of the partnership whose role may see ratings (possible facilitators)."""
    return list(
        Membership.objects.filter(partnership=w.partnership, role__in=["admin", "secretary", "facilitator"])
        .order_by("pk")
        .values_list("user_id", flat=True)
    )
