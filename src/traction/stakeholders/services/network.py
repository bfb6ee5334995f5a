"""Writes of the relationship network: surveys (create, change, open, close) and answers.

One transaction each, audited inside it. An answer writes one rating per person rated; its audit events say
that a rating was created in the survey and name nobody, so the audit log does not tell who rated whom.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Membership, Partnership
from traction.core.services import record_create, record_update
from traction.governance.models import Person

from ..models.network import SELF_RATING, NetworkSurvey, Rating, SurveyStatus

NO_PERSON = (
    "Your account is not linked to a person of the record in this partnership, so you cannot answer. "
    "Ask the partnership's secretary to link it."
)
NOT_IN_SURVEY = "You are not one of the people this survey asks."
NOT_OPEN = "This survey is not open for answers (it is {status})."
ALREADY_ANSWERED = "You have already answered this survey: each person answers once."
UNKNOWN_PERSON = "Rate only the people listed in the survey."
BAD_VALUE = "Choose {what} from the scale offered ({low} to {high})."
EMPTY_ANSWER = "Rate at least one person, or leave the page without sending."
NOT_EDITABLE = "A closed survey cannot be changed."
NOT_OPENABLE = "Only a draft survey can be opened; this one is {status}."
NOT_CLOSABLE = "Only an open survey can be closed; this one is {status}."
TOO_FEW_PEOPLE = "A survey needs at least two people to rate each other."
PEOPLE_FIXED = "People have already answered, so the people in scope can no longer be changed."
NOT_A_FACILITATOR = "Choose facilitators among this partnership's members whose role may see ratings."
NO_FACILITATOR = "A survey needs at least one facilitator."
FACILITATORS_FIXED = (
    "People have already answered, so only someone who facilitates this survey can change its facilitators."
)
SCALES = {"frequency": (0, 4), "reliability": (1, 4), "mission": (1, 4), "openness": (1, 4)}
WHAT = {
    "frequency": "how often you work together",
    "reliability": "a trust level for reliability",
    "mission": "a trust level for support of the shared mission",
    "openness": "a trust level for openness",
}


def _locked(survey: NetworkSurvey) -> NetworkSurvey:
    return NetworkSurvey.objects.select_for_update().get(pk=survey.pk)


def _check_people(data: Mapping[str, Any]) -> None:
    if "people" in data and len(list(data["people"])) < 2:
        raise ValidationError({"people": TOO_FEW_PEOPLE})


def _facilitators(partnership: Partnership, users: Iterable[Any]) -> list[Any]:
    """The chosen facilitators: accounts of this partnership whose role may see ratings."""
    chosen = {getattr(u, "pk", u) for u in users}
    found = [
        m.user
        for m in Membership.objects.filter(partnership=partnership, user__in=chosen).select_related("user")
        if policy.allowed(user=m.user, partnership=partnership, action="view", object_type="rating")
    ]
    if len(found) != len(chosen):
        raise ValidationError({"facilitators": NOT_A_FACILITATOR})
    return found


def _set_facilitators(actor: Any, survey: NetworkSurvey, users: list[Any]) -> None:
    before = sorted(u.username for u in survey.facilitators.all())
    survey.facilitators.set(users)
    after = sorted(u.username for u in users)
    if before != after:
        audit_record(
            actor=actor,
            partnership=survey.partnership,
            verb="changed",
            instance=survey,
            changes={"facilitators": [before, after]},
        )


@transaction.atomic
def survey_create(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> NetworkSurvey:
    """A draft survey; whoever creates it facilitates it, with anyone else chosen."""
    _check_people(data)
    data = dict(data)
    chosen = list(data.pop("facilitators", None) or [])
    survey = record_create(
        actor=actor, partnership=partnership, model=NetworkSurvey, data={**data, "status": SurveyStatus.DRAFT}
    )
    _set_facilitators(actor, survey, _facilitators(partnership, [actor, *chosen]))
    return survey


@transaction.atomic
def survey_update(
    *, actor: Any, survey: NetworkSurvey, data: Mapping[str, Any], seen: str | None = None
) -> NetworkSurvey:
    policy.require(user=actor, partnership=survey.partnership, action="change", object_type="networksurvey")
    locked = _locked(survey)
    if locked.status == SurveyStatus.CLOSED:
        raise ValidationError(NOT_EDITABLE)
    _check_people(data)
    if "people" in data and locked.ratings.exists():
        if {p.pk for p in data["people"]} != set(locked.people.values_list("pk", flat=True)):
            raise ValidationError({"people": PEOPLE_FIXED})
    data = dict(data)
    chosen = data.pop("facilitators", None)
    if chosen is not None and locked.ratings.exists():
        current = set(locked.facilitators.values_list("pk", flat=True))
        if {getattr(u, "pk", u) for u in chosen} != current and actor.pk not in current:
            raise ValidationError({"facilitators": FACILITATORS_FIXED})
    updated = record_update(actor=actor, instance=survey, data=data, seen=seen)
    if chosen is not None:
        users = _facilitators(survey.partnership, chosen)
        if not users:
            raise ValidationError({"facilitators": NO_FACILITATOR})
        _set_facilitators(actor, updated, users)
    return updated


def _step(actor: Any, survey: NetworkSurvey, *, before: str, after: str, message: str) -> NetworkSurvey:
    policy.require(user=actor, partnership=survey.partnership, action="change", object_type="networksurvey")
    locked = _locked(survey)
    if locked.status != before:
        raise ValidationError(message.format(status=locked.get_status_display().lower()))
    return record_update(actor=actor, instance=locked, data={"status": after})


@transaction.atomic
def survey_open(*, actor: Any, survey: NetworkSurvey) -> NetworkSurvey:
    return _step(actor, survey, before=SurveyStatus.DRAFT, after=SurveyStatus.OPEN, message=NOT_OPENABLE)


@transaction.atomic
def survey_close(*, actor: Any, survey: NetworkSurvey) -> NetworkSurvey:
    return _step(actor, survey, before=SurveyStatus.OPEN, after=SurveyStatus.CLOSED, message=NOT_CLOSABLE)


def rater_for(*, user: Any, survey: NetworkSurvey) -> Person:
    """The person of the record who answers as ``user`` in this survey, or a plain refusal."""
    people = Person.objects.filter(partnership=survey.partnership, user=user.pk)
    if not people.exists():
        raise ValidationError(NO_PERSON)
    rater = people.filter(pk__in=survey.people.values("pk")).first()
    if rater is None:
        raise ValidationError(NOT_IN_SURVEY)
    return rater


def _value(name: str, value: Any) -> int:
    low, high = SCALES[name]
    if isinstance(value, bool):
        raise ValidationError(BAD_VALUE.format(what=WHAT[name], low=low, high=high))
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(BAD_VALUE.format(what=WHAT[name], low=low, high=high)) from None
    if str(number) != str(value).strip() or not low <= number <= high:
        raise ValidationError(BAD_VALUE.format(what=WHAT[name], low=low, high=high))
    return number


@transaction.atomic
def ratings_record(*, actor: Any, survey: NetworkSurvey, answers: Mapping[int, Mapping[str, Any]]) -> int:
    """Record ``actor``'s answer: ``{ratee id: {frequency, reliability, mission, openness, comment}}``, all
    at once and once only. Returns how many ratings were written."""
    policy.require(user=actor, partnership=survey.partnership, action="add", object_type="rating")
    locked = _locked(survey)
    if locked.status != SurveyStatus.OPEN:
        raise ValidationError(NOT_OPEN.format(status=locked.get_status_display().lower()))
    rater = rater_for(user=actor, survey=locked)
    if Rating.objects.filter(survey=locked, rater=rater).exists():
        raise ValidationError(ALREADY_ANSWERED)
    if not answers:
        raise ValidationError(EMPTY_ANSWER)
    in_scope = set(locked.people.values_list("pk", flat=True))
    ratings = []
    for ratee, values in answers.items():
        if ratee == rater.pk:
            raise ValidationError(SELF_RATING)
        if ratee not in in_scope:
            raise ValidationError(UNKNOWN_PERSON)
        comment = str(values.get("comment") or "").strip()
        if len(comment) > 200:
            raise ValidationError("Keep each comment under 200 characters.")
        rating = Rating(
            partnership=locked.partnership,
            survey=locked,
            rater=rater,
            ratee_id=ratee,
            comment=comment,
            **{name: _value(name, values.get(name)) for name in SCALES},
        )
        rating.full_clean()
        ratings.append(rating)
    for rating in ratings:
        rating.save()
        audit_record(actor=actor, partnership=locked.partnership, verb="created", instance=rating)
    return len(ratings)
