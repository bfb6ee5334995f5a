"""Programme feedback records for tests: a small programme with a cohort, sessions, enrolled people with
accounts, learning objectives, and answers written straight to the ORM (no permission, no audit) to set the
scene; tests then drive HTTP or the services.

``fresh_*`` makers build a new programme each call, for URLs that change state; every member of the
partnership gets a person of the record, enrolled, so that whichever role answers is allowed to.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.utils import timezone

from dbstate import assert_db_unchanged
from factories import World, make_person
from traction.core.models import Membership, Partnership
from traction.governance.models import Person
from traction.programmes.models.feedback import (
    FeedbackParticipation,
    FeedbackResponse,
    LearningObjective,
    ObjectiveRating,
    Stage,
)
from traction.programmes.models.programmes import Cohort, Enrolment, Programme, Session
from traction.programmes.selectors.feedback import comment_token

DAY = datetime.timedelta(days=1)
OBJECTIVES = (
    "Hold a difficult conversation across organisations",
    "Use data to frame a shared problem",
    "Coach a colleague through a decision",
)


def today() -> datetime.date:
    return timezone.localdate()


def make_programme(partnership: Partnership, *, title: str = "", k: int = 3, **kw: Any) -> Programme:
    n = Programme.objects.filter(partnership=partnership).count() + 1
    return Programme.objects.create(
        partnership=partnership, title=title or f"Leadership programme {n}", k=k, **kw
    )


def make_cohort(programme: Programme, name: str = "Cohort 1") -> Cohort:
    return Cohort.objects.create(partnership=programme.partnership, programme=programme, name=name)


def make_session(cohort: Cohort, date: datetime.date, title: str = "") -> Session:
    n = cohort.sessions.count() + 1
    return Session.objects.create(
        partnership=cohort.partnership, cohort=cohort, title=title or f"Development day {n}", date=date
    )


def enrol(cohort: Cohort, people: Iterable[Person]) -> None:
    for person in people:
        Enrolment.objects.get_or_create(partnership=cohort.partnership, cohort=cohort, person=person)


def person_of(user: Any, partnership: Partnership) -> Person:
    found = Person.objects.filter(partnership=partnership, user=user).first()
    return found or make_person(partnership, name=f"{user.username.title()} Participant", user=user)


def enrol_members(cohort: Cohort) -> None:
    """Every account of the partnership, as a person of the record enrolled in the cohort."""
    users = [m.user for m in Membership.objects.filter(partnership=cohort.partnership).select_related("user")]
    enrol(cohort, [person_of(u, cohort.partnership) for u in users])


def add_objectives(programme: Programme, texts: Iterable[str] = OBJECTIVES) -> list[LearningObjective]:
    return [
        LearningObjective.objects.create(
            partnership=programme.partnership, programme=programme, text=t, order=n
        )
        for n, t in enumerate(texts, start=1)
    ]


def session_answer(
    session: Session, scores: tuple[int, int, int], comment: str = "", **kw: Any
) -> FeedbackResponse:
    satisfaction, engagement, relevance = scores
    return FeedbackResponse.objects.create(
        partnership=session.partnership,
        programme=session.cohort.programme,
        stage=Stage.SESSION,
        session=session,
        satisfaction=satisfaction,
        engagement=engagement,
        relevance=relevance,
        comment=comment,
        **kw,
    )


def then_and_now_answer(programme: Programme, pairs: Iterable[tuple[int, int]]) -> FeedbackResponse:
    response = FeedbackResponse.objects.create(
        partnership=programme.partnership, programme=programme, stage=Stage.END
    )
    for objective, (before, now) in zip(programme.objectives.all(), pairs, strict=False):
        ObjectiveRating.objects.create(response=response, objective=objective, before=before, now=now)
    return response


def follow_up_answer(
    programme: Programme, months: int, applied: int, impact: int, comment: str = "", **kw: Any
) -> FeedbackResponse:
    stage = Stage.MONTH3 if months == 3 else Stage.MONTH6
    return FeedbackResponse.objects.create(
        partnership=programme.partnership,
        programme=programme,
        stage=stage,
        applied=applied,
        impact=impact,
        comment=comment,
        **kw,
    )


def fresh_session(w: World) -> Session:
    """A session today in a new programme whose cohort enrols every member: its form is open to all."""
    cohort = make_cohort(make_programme(w.partnership))
    enrol_members(cohort)
    return make_session(cohort, today())


def fresh_ended(w: World, *, ended_days_ago: int = 0) -> Programme:
    """A programme with objectives, every member enrolled, its last session ``ended_days_ago`` days ago."""
    programme = make_programme(w.partnership)
    cohort = make_cohort(programme)
    enrol_members(cohort)
    last = today() - ended_days_ago * DAY
    make_session(cohort, last - 30 * DAY)
    make_session(cohort, last)
    programme.ends_on = last
    programme.save(update_fields=["ends_on"])
    add_objectives(programme)
    return programme


def fresh_three_months(w: World) -> Programme:
    return fresh_ended(w, ended_days_ago=100)


def fresh_six_months(w: World) -> Programme:
    return fresh_ended(w, ended_days_ago=200)


def world_programme(w: World) -> Programme:
    found = Programme.objects.filter(partnership=w.partnership, title="Systems leadership programme").first()
    return found or make_programme(w.partnership, title="Systems leadership programme")


def fresh_objective(w: World) -> LearningObjective:
    [objective] = add_objectives(world_programme(w), [f"Objective {LearningObjective.objects.count() + 1}"])
    return objective


def with_comments(w: World) -> Programme:
    """A programme whose session, held 40 days ago (its form has closed), has three answers with comments,
    none released (k 3)."""
    cohort = make_cohort(make_programme(w.partnership))
    enrol_members(cohort)
    session = make_session(cohort, today() - 40 * DAY)
    for n, scores in enumerate([(4, 4, 5), (5, 4, 4), (3, 4, 4)]):
        session_answer(session, scores, comment=f"Comment {n}: more time for the case study.")
    return session.cohort.programme


def first_token(w: World) -> str:
    response = (
        FeedbackResponse.objects.filter(partnership=w.partnership, released=False).exclude(comment="").last()
    )
    return comment_token(response.pk) if response else "none"


def then_and_now_data(programme: Programme, before: int = 2, now: int = 4) -> dict[str, str]:
    data = {}
    for o in programme.objectives.all():
        data[f"before_{o.pk}"] = str(before)
        data[f"now_{o.pk}"] = str(now)
    return data


def participations() -> int:
    return FeedbackParticipation.objects.count()


@contextmanager
def nothing_written() -> Iterator[None]:
    """Every project table unchanged (``dbstate``), and this app's feedback tables too."""
    from django.apps import apps

    models = list(apps.get_app_config("programmes").get_models())

    def state() -> dict[str, list[tuple[Any, ...]]]:
        return {m._meta.label: list(m._default_manager.order_by("pk").values_list()) for m in models}

    before = state()
    with assert_db_unchanged():
        yield
    assert state() == before, "a refused answer wrote to the programmes tables"
