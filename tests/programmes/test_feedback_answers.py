"""Answering the feedback forms through the services: one answer per person and form, stored apart from who
answered; refused, with nothing written, for scores out of range, a second answer, a person not enrolled,
another partnership's session or programme, and an answer outside the form's window."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from factories import World, make_member, make_person
from programmes import kit_feedback as kit
from traction.core.models import AuditEvent, Role
from traction.programmes.models.feedback import (
    FeedbackParticipation,
    FeedbackResponse,
    ObjectiveRating,
    Stage,
)
from traction.programmes.services import feedback as services

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def member(world_a: World) -> Any:
    return make_member(world_a.partnership, Role.MEMBER, username="mo.member")


def _refused(call: Any, message: str, exception: type[Exception] = ValidationError) -> None:
    with kit.nothing_written(), pytest.raises(exception) as caught:
        call()
    if message:
        assert message in " ".join(getattr(caught.value, "messages", [str(caught.value)]))


def test_a_session_answer_is_stored_apart_from_who_answered(world_a: World, member: Any) -> None:
    session = kit.fresh_session(world_a)
    response = services.session_feedback_give(
        actor=member,
        session=session,
        answers={"satisfaction": 4, "engagement": 5, "relevance": None, "comment": " Good "},
    )
    assert (response.satisfaction, response.engagement, response.relevance, response.comment) == (
        4,
        5,
        None,
        "Good",
    )
    participation = FeedbackParticipation.objects.get()
    assert participation.person.user == member and participation.session == session
    field_names = {f.name for f in FeedbackResponse._meta.get_fields()}
    assert not field_names & {"person", "user", "participation"}
    [event] = AuditEvent.objects.filter(actor=member)
    assert (event.verb, event.object_type) == ("answered", "feedbackparticipation")


@pytest.mark.parametrize("bad", [0, 6, -1, 99, "4", 2.5, True])
def test_a_score_out_of_range_is_refused(world_a: World, member: Any, bad: Any) -> None:
    session = kit.fresh_session(world_a)
    _refused(
        lambda: services.session_feedback_give(
            actor=member, session=session, answers={"satisfaction": bad, "engagement": 3}
        ),
        "needs a whole number from 1 to 5",
    )


def test_an_empty_answer_is_refused(world_a: World, member: Any) -> None:
    session = kit.fresh_session(world_a)
    _refused(
        lambda: services.session_feedback_give(actor=member, session=session, answers={}),
        services.EMPTY_ANSWER,
    )


def test_a_second_answer_is_refused(world_a: World, member: Any) -> None:
    session = kit.fresh_session(world_a)
    services.session_feedback_give(actor=member, session=session, answers={"satisfaction": 4})
    _refused(
        lambda: services.session_feedback_give(actor=member, session=session, answers={"satisfaction": 2}),
        services.ALREADY_ANSWERED,
    )
    programme = kit.fresh_ended(world_a)
    services.then_and_now_give(
        actor=member, programme=programme, ratings={o.pk: (2, 4) for o in programme.objectives.all()}
    )
    _refused(
        lambda: services.then_and_now_give(
            actor=member, programme=programme, ratings={o.pk: (1, 5) for o in programme.objectives.all()}
        ),
        services.ALREADY_ANSWERED,
    )


def test_the_database_refuses_a_second_participation(world_a: World, member: Any) -> None:
    session = kit.fresh_session(world_a)
    person = kit.person_of(member, world_a.partnership)
    row = {"partnership": world_a.partnership, "programme": session.cohort.programme, "person": person}
    FeedbackParticipation.objects.create(stage=Stage.SESSION, session=session, **row)
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackParticipation.objects.create(stage=Stage.SESSION, session=session, **row)
    FeedbackParticipation.objects.create(stage=Stage.MONTH3, **row)
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackParticipation.objects.create(stage=Stage.MONTH3, **row)


@pytest.mark.parametrize("column", ["satisfaction", "applied"])
@pytest.mark.parametrize("value", [0, 6])
def test_the_database_refuses_a_score_out_of_range(world_a: World, column: str, value: int) -> None:
    session = kit.fresh_session(world_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackResponse.objects.create(
            partnership=world_a.partnership,
            programme=session.cohort.programme,
            stage=Stage.SESSION,
            session=session,
            **{column: value},
        )


def test_a_person_not_enrolled_is_refused(world_a: World) -> None:
    session = kit.fresh_session(world_a)  # enrols the members there are now
    late = make_member(world_a.partnership, Role.MEMBER, username="not.enrolled")
    make_person(world_a.partnership, name="Nat Enrolled", user=late)
    _refused(
        lambda: services.session_feedback_give(actor=late, session=session, answers={"satisfaction": 4}),
        services.NOT_IN_COHORT,
    )
    programme = kit.fresh_ended(world_a, ended_days_ago=100)
    programme.cohorts.get().enrolments.filter(person__user=late).delete()
    _refused(
        lambda: services.follow_up_give(actor=late, programme=programme, months=3, answers={"applied": 4}),
        services.NOT_ENROLLED,
    )


def test_an_account_without_a_person_is_refused(world_a: World) -> None:
    session = kit.fresh_session(world_a)
    stranger = make_member(world_a.partnership, Role.MEMBER, username="no.person")
    _refused(
        lambda: services.session_feedback_give(actor=stranger, session=session, answers={"satisfaction": 4}),
        services.NOT_IN_COHORT,
    )


def test_another_cohorts_session_is_refused(world_a: World, member: Any) -> None:
    session = kit.fresh_session(world_a)
    other = kit.make_cohort(session.cohort.programme, name="Cohort 2")
    elsewhere = kit.make_session(other, kit.today())
    _refused(
        lambda: services.session_feedback_give(actor=member, session=elsewhere, answers={"satisfaction": 4}),
        services.NOT_IN_COHORT,
    )


def test_another_partnerships_session_is_refused(world_a: World, world_b: World, member: Any) -> None:
    theirs = kit.fresh_session(world_b)
    _refused(
        lambda: services.session_feedback_give(actor=member, session=theirs, answers={"satisfaction": 4}),
        "",
        PermissionDenied,
    )


def test_a_viewer_cannot_answer(world_a: World) -> None:
    viewer = make_member(world_a.partnership, Role.VIEWER, username="vi.viewer")
    session = kit.fresh_session(world_a)
    _refused(
        lambda: services.session_feedback_give(actor=viewer, session=session, answers={"satisfaction": 4}),
        "",
        PermissionDenied,
    )


def test_a_session_form_opens_on_its_date_and_closes_four_weeks_later(world_a: World, member: Any) -> None:
    session = kit.fresh_session(world_a)
    give = services.session_feedback_give
    _refused(
        lambda: give(actor=member, session=session, answers={"satisfaction": 4}, today=session.date - DAY),
        "This feedback opens on",
    )
    _refused(
        lambda: give(
            actor=member, session=session, answers={"satisfaction": 4}, today=session.date + 29 * DAY
        ),
        "This feedback closed on",
    )
    give(actor=member, session=session, answers={"satisfaction": 4}, today=session.date + 28 * DAY)


def test_then_and_now_opens_at_the_last_session(world_a: World, member: Any) -> None:
    programme = kit.fresh_ended(world_a)
    ratings = {o.pk: (2, 4) for o in programme.objectives.all()}
    last = programme.ends_on
    give = services.then_and_now_give
    _refused(lambda: give(actor=member, programme=programme, ratings=ratings, today=last - DAY), "opens on")
    _refused(
        lambda: give(actor=member, programme=programme, ratings=ratings, today=last + 57 * DAY), "closed on"
    )
    response = give(actor=member, programme=programme, ratings=ratings, today=last)
    assert (
        sorted(ObjectiveRating.objects.filter(response=response).values_list("before", "now")) == [(2, 4)] * 3
    )


def test_then_and_now_rates_every_objective_of_this_programme_only(world_a: World, member: Any) -> None:
    programme = kit.fresh_ended(world_a)
    other = kit.fresh_ended(world_a)
    objectives = list(programme.objectives.all())
    give = services.then_and_now_give
    partial = {objectives[0].pk: (2, 4)}
    _refused(lambda: give(actor=member, programme=programme, ratings=partial), services.RATE_EVERY_OBJECTIVE)
    foreign = {**{o.pk: (2, 4) for o in objectives}, other.objectives.first().pk: (1, 2)}
    _refused(lambda: give(actor=member, programme=programme, ratings=foreign), services.UNKNOWN_OBJECTIVE)
    bad = {o.pk: (2, 6) for o in objectives}
    _refused(lambda: give(actor=member, programme=programme, ratings=bad), services.RATE_EVERY_OBJECTIVE)


@pytest.mark.parametrize(
    ("months", "opens", "closes"),
    [
        (3, datetime.date(2026, 4, 15), datetime.date(2026, 7, 14)),
        (6, datetime.date(2026, 7, 15), datetime.date(2026, 10, 14)),
    ],
)
def test_follow_ups_open_three_and_six_months_after_the_end(
    world_a: World, member: Any, months: int, opens: datetime.date, closes: datetime.date
) -> None:
    programme = kit.fresh_ended(world_a)
    programme.ends_on = datetime.date(2026, 1, 15)
    programme.save()
    give = services.follow_up_give
    answers = {"comment": "I chair with the problem first.", "applied": 4, "impact": 3}
    for day, message in ((opens - DAY, "opens on"), (closes + DAY, "closed on")):
        _refused(
            lambda day=day: give(
                actor=member, programme=programme, months=months, answers=answers, today=day
            ),
            message,
        )
    response = give(actor=member, programme=programme, months=months, answers=answers, today=closes)
    assert response.stage == f"month{months}"


def test_a_follow_up_at_another_month_is_refused(world_a: World, member: Any) -> None:
    programme = kit.fresh_ended(world_a, ended_days_ago=100)
    _refused(
        lambda: services.follow_up_give(actor=member, programme=programme, months=4, answers={"applied": 4}),
        services.BAD_MONTHS,
    )
