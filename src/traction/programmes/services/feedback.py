"""Writes of programme feedback: answers after a session, then-and-now ratings, follow-ups, learning
objectives, and releasing comments.

One transaction each, audited inside it. An answer writes a participation that names the person (its audit
event says they answered) and a response that names nobody and is never audited on its own, so nothing ties
the two together. Who may answer: a user whose person in the record is enrolled in the programme (for a
session, in the session's cohort), within the form's window (``traction_analysis.programmes.feedback``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.services import record_create, record_delete, record_update
from traction.governance.models import Person
from traction_analysis.programmes import feedback as pure

from ..models.feedback import (
    FOLLOW_UP_STAGES,
    FeedbackParticipation,
    FeedbackResponse,
    LearningObjective,
    ObjectiveRating,
    Stage,
)
from ..models.programmes import Enrolment, Programme, Session
from ..selectors.feedback import comment_groups, comment_token, window_for

NOT_ENROLLED = "Only people enrolled in this programme can give this feedback; you are not enrolled."
NOT_IN_COHORT = "Only people enrolled in this session's cohort can give feedback on it."
ALREADY_ANSWERED = "You have already given this feedback: each person answers once."
BAD_SCORE = "“{question}” needs a whole number from 1 to 5."
EMPTY_ANSWER = "Answer at least one question."
NOT_YET_OPEN = "This feedback opens on {date:%-d %B %Y}."
CLOSED = "This feedback closed on {date:%-d %B %Y}."
NO_SESSIONS = "The programme has no sessions yet, so there is nothing to rate."
NO_END = "The programme has no end date or sessions yet, so its follow-ups have no dates."
NO_OBJECTIVES = "The programme has no learning objectives to rate yet."
OBJECTIVE_RATED = (
    "People have already rated this objective, so its wording can no longer change: their ratings answer "
    "the words they saw. Add a new objective instead; you can still change the order."
)
RATE_EVERY_OBJECTIVE = "Rate every objective, before the programme and now."
UNKNOWN_OBJECTIVE = "Rate only this programme's objectives."
BAD_MONTHS = "Follow-ups are at three or six months."
UNKNOWN_COMMENT = "Choose among the comments listed."
NOTHING_TO_RELEASE = (
    "No comments can be released yet: a group of answers needs at least {k} responses, "
    "and its form must have closed."
)
TOO_LONG = "Keep it under {n} characters."
MAX_COMMENT = 2000

QUESTIONS = {
    "satisfaction": "How satisfied were you with the session?",
    "engagement": "How engaged did you feel?",
    "relevance": "How relevant was it to your work?",
    "applied": "How far have you applied what you learned?",
    "impact": "How much difference has it made to your work?",
}


def _window(programme: Programme, stage: str) -> pure.Window:
    window = window_for(programme=programme, stage=stage)
    if window is None:
        raise ValidationError(NO_SESSIONS if stage == Stage.END else NO_END)
    return window


def _check_window(window: pure.Window, today: datetime.date) -> None:
    if today < window.opens:
        raise ValidationError(NOT_YET_OPEN.format(date=window.opens))
    if today > window.closes:
        raise ValidationError(CLOSED.format(date=window.closes))


def enrolled_person(*, user: Any, programme: Programme, session: Session | None = None) -> Person | None:
    """The user's person in the record enrolled in the programme (in the session's cohort), or None."""
    enrolments = Enrolment.objects.filter(partnership=programme.partnership, person__user=user.pk)
    if session is not None:
        enrolments = enrolments.filter(cohort=session.cohort_id)
    else:
        enrolments = enrolments.filter(cohort__programme=programme)
    found = enrolments.select_related("person").first()
    return found.person if found else None


def _scores(values: Mapping[str, Any], names: Iterable[str]) -> dict[str, int | None]:
    kept: dict[str, int | None] = {}
    for name in names:
        value = values.get(name)
        if value in (None, ""):
            kept[name] = None
        elif not pure.valid_score(value):
            raise ValidationError({name: BAD_SCORE.format(question=QUESTIONS[name])})
        else:
            kept[name] = value
    return kept


def _comment(text: str) -> str:
    text = (text or "").strip()
    if len(text) > MAX_COMMENT:
        raise ValidationError({"comment": TOO_LONG.format(n=MAX_COMMENT)})
    return text


def _participate(
    actor: Any, programme: Programme, stage: str, person: Person, session: Session | None
) -> None:
    """The participation row, refused when the person has answered this form before."""
    already = FeedbackParticipation.objects.filter(person=person, stage=stage, programme=programme)
    if already.filter(session=session).exists():
        raise ValidationError(ALREADY_ANSWERED)
    try:
        with transaction.atomic():
            participation = FeedbackParticipation.objects.create(
                partnership=programme.partnership,
                programme=programme,
                stage=stage,
                session=session,
                person=person,
            )
    except IntegrityError as exc:  # a second answer sent at the same moment
        raise ValidationError(ALREADY_ANSWERED) from exc
    # The audit says who answered, never what: the response itself is not audited.
    audit_record(actor=actor, partnership=programme.partnership, verb="answered", instance=participation)


def _require_answer(actor: Any, programme: Programme) -> None:
    policy.require(
        user=actor, partnership=programme.partnership, action="add", object_type="feedbackresponse"
    )


def _locked(programme: Programme) -> Programme:
    return Programme.objects.select_for_update().get(pk=programme.pk)


@transaction.atomic
def session_feedback_give(
    *, actor: Any, session: Session, answers: Mapping[str, Any], today: datetime.date | None = None
) -> FeedbackResponse:
    """Answer the short form after a session, once: three scores (any may be left blank) and a comment."""
    programme = _locked(session.cohort.programme)
    _require_answer(actor, programme)
    person = enrolled_person(user=actor, programme=programme, session=session)
    if person is None:
        raise ValidationError(NOT_IN_COHORT)
    _check_window(pure.session_window(session.date), today or timezone.localdate())
    scores = _scores(answers, pure.SESSION_QUESTIONS)
    comment = _comment(answers.get("comment", ""))
    if all(v is None for v in scores.values()) and not comment:
        raise ValidationError(EMPTY_ANSWER)
    _participate(actor, programme, Stage.SESSION, person, session)
    return FeedbackResponse.objects.create(
        partnership=programme.partnership,
        programme=programme,
        stage=Stage.SESSION,
        session=session,
        comment=comment,
        **scores,
    )


def _ratings(programme: Programme, ratings: Mapping[Any, Any]) -> list[tuple[LearningObjective, int, int]]:
    objectives = list(programme.objectives.all())
    if not objectives:
        raise ValidationError(NO_OBJECTIVES)
    known = {o.pk: o for o in objectives}
    if not set(ratings) <= set(known):
        raise ValidationError(UNKNOWN_OBJECTIVE)
    kept = []
    for objective in objectives:
        pair = ratings.get(objective.pk)
        if not isinstance(pair, tuple | list) or len(pair) != 2 or not all(pure.valid_score(v) for v in pair):
            raise ValidationError(RATE_EVERY_OBJECTIVE)
        kept.append((objective, pair[0], pair[1]))
    return kept


@transaction.atomic
def then_and_now_give(
    *,
    actor: Any,
    programme: Programme,
    ratings: Mapping[int, tuple[int, int]],
    today: datetime.date | None = None,
) -> FeedbackResponse:
    """Rate every learning objective before the programme and now, once, from the last session on."""
    programme = _locked(programme)
    _require_answer(actor, programme)
    person = enrolled_person(user=actor, programme=programme)
    if person is None:
        raise ValidationError(NOT_ENROLLED)
    _check_window(_window(programme, Stage.END), today or timezone.localdate())
    kept = _ratings(programme, ratings)
    _participate(actor, programme, Stage.END, person, None)
    response = FeedbackResponse.objects.create(
        partnership=programme.partnership, programme=programme, stage=Stage.END
    )
    ObjectiveRating.objects.bulk_create(
        ObjectiveRating(response=response, objective=o, before=b, now=n) for o, b, n in kept
    )
    return response


@transaction.atomic
def follow_up_give(
    *,
    actor: Any,
    programme: Programme,
    months: int,
    answers: Mapping[str, Any],
    today: datetime.date | None = None,
) -> FeedbackResponse:
    """The follow-up three or six months after the programme ends: what the person now does differently,
    and two scores."""
    if months not in FOLLOW_UP_STAGES:
        raise ValidationError(BAD_MONTHS)
    stage = FOLLOW_UP_STAGES[months]
    programme = _locked(programme)
    _require_answer(actor, programme)
    person = enrolled_person(user=actor, programme=programme)
    if person is None:
        raise ValidationError(NOT_ENROLLED)
    _check_window(_window(programme, stage), today or timezone.localdate())
    scores = _scores(answers, pure.FOLLOW_UP_QUESTIONS)
    comment = _comment(answers.get("comment", ""))
    if all(v is None for v in scores.values()) and not comment:
        raise ValidationError(EMPTY_ANSWER)
    _participate(actor, programme, stage, person, None)
    return FeedbackResponse.objects.create(
        partnership=programme.partnership, programme=programme, stage=stage, comment=comment, **scores
    )


@transaction.atomic
def objective_create(*, actor: Any, programme: Programme, data: Mapping[str, Any]) -> LearningObjective:
    return record_create(
        actor=actor,
        partnership=programme.partnership,
        model=LearningObjective,
        data={**data, "programme": programme},
    )


@transaction.atomic
def objective_update(
    *, actor: Any, objective: LearningObjective, data: Mapping[str, Any], seen: str | None = None
) -> LearningObjective:
    """Refused for a change of wording once people have rated the objective; the order may still change."""
    if "text" in data:
        stored = LearningObjective.objects.filter(pk=objective.pk).values_list("text", flat=True).first()
        if data["text"] != stored and objective.ratings.exists():
            raise ValidationError({"text": OBJECTIVE_RATED})
    return record_update(actor=actor, instance=objective, data=data, seen=seen)


@transaction.atomic
def objective_delete(*, actor: Any, objective: LearningObjective) -> None:
    """Refused (RestrictedError) once people have rated the objective."""
    record_delete(actor=actor, instance=objective)


@transaction.atomic
def comments_release(*, actor: Any, programme: Programme, tokens: Iterable[str]) -> int:
    """Release these comments (named by ``selectors.feedback.comment_token``) for the report; only comments
    of groups with at least ``k`` responses can be chosen. The audit counts them and names none."""
    policy.require(user=actor, partnership=programme.partnership, action="change", object_type="programme")
    programme = _locked(programme)
    pending = {
        comment_token(pk): pk
        for group in comment_groups(programme)
        for pk, _text, released in group.comments
        if not released
    }
    wanted = set(tokens)
    if not pending:
        raise ValidationError(NOTHING_TO_RELEASE.format(k=programme.k))
    if not wanted or wanted - set(pending):
        raise ValidationError(UNKNOWN_COMMENT)
    chosen = [pending[t] for t in wanted]
    FeedbackResponse.objects.filter(pk__in=chosen, programme=programme).update(released=True)
    audit_record(
        actor=actor,
        partnership=programme.partnership,
        verb="released comments",
        instance=programme,
        changes={"comments released": [None, len(chosen)]},
    )
    return len(chosen)
