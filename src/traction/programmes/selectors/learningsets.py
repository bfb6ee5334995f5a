"""Reads of action learning sets. Every read goes through the policy: a set or a meeting the user may not
see is a 404, and a set's notes exist only for its members (``policy.CONFIDENTIAL``), admins included."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from traction.core import policy
from traction.core.models import Partnership
from traction.governance.models import Action
from traction_analysis.programmes.learningsets import SizeVerdict, next_meeting, size_verdict

from ..models.learningsets import LearningSet, SetMeeting, SetMembership, SetNote, SetRole, SetStatus


def set_list_for(*, user: Any, partnership: Partnership) -> QuerySet[LearningSet]:
    return (
        policy.permitted(user=user, partnership=partnership, action="view", model=LearningSet)
        .select_related("facilitator", "programme", "body")
        .annotate(
            member_total=Count("memberships", filter=Q(memberships__role=SetRole.MEMBER)),
            last_met=Max("meetings__date"),
        )
    )


def is_member(*, user: Any, learning_set: LearningSet) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and learning_set.members.filter(user=user.pk).exists()
    )


@dataclass(frozen=True)
class SetPage:
    learning_set: LearningSet
    facilitator: SetMembership | None
    members: list[SetMembership]
    verdict: SizeVerdict
    next_meeting: datetime.date | None
    meetings: list[SetMeeting]
    actions: list[Action]
    reads_notes: bool


def set_page_for(*, user: Any, partnership: Partnership, pk: object) -> SetPage:
    learning_set = policy.get_permitted(
        user=user, partnership=partnership, action="view", model=LearningSet, pk=pk
    )
    memberships = list(learning_set.memberships.select_related("person", "person__organisation"))
    members = [m for m in memberships if m.role == SetRole.MEMBER]
    meetings = list(learning_set.meetings.prefetch_related("attended"))
    last = meetings[0].date if meetings else None
    return SetPage(
        learning_set=learning_set,
        facilitator=next((m for m in memberships if m.role == SetRole.FACILITATOR), None),
        members=members,
        verdict=size_verdict(len(members)),
        next_meeting=(
            next_meeting(last=last, every_weeks=learning_set.every_weeks, today=timezone.localdate())
            if learning_set.status == SetStatus.ACTIVE
            else None
        ),
        meetings=meetings,
        actions=list(actions_of(learning_set=learning_set, user=user)),
        reads_notes=is_member(user=user, learning_set=learning_set),
    )


def actions_of(*, learning_set: LearningSet, user: Any) -> QuerySet[Action]:
    """The actions the set's members committed to, as the action log holds them now."""
    return (
        policy.permitted(user=user, partnership=learning_set.partnership, action="view", model=Action)
        .filter(set_meetings__learning_set=learning_set)
        .select_related("lead")
        .order_by("due_date", "id")
        .distinct()
    )


def meeting_for(*, user: Any, partnership: Partnership, pk: object) -> SetMeeting:
    return policy.get_permitted(user=user, partnership=partnership, action="view", model=SetMeeting, pk=pk)


def notes_set_for(*, user: Any, partnership: Partnership, pk: object) -> LearningSet:
    """The set whose notes this user may read or write: a member of it, else 404 (whatever the role)."""
    learning_set = policy.get_permitted(
        user=user, partnership=partnership, action="view", model=LearningSet, pk=pk
    )
    allowed = policy.allowed(user=user, partnership=partnership, action="view", object_type="setnote")
    if not (allowed and is_member(user=user, learning_set=learning_set)):
        raise Http404(policy.NOT_FOUND)
    return learning_set


def notes_of(*, user: Any, learning_set: LearningSet) -> QuerySet[SetNote]:
    return (
        policy.permitted(user=user, partnership=learning_set.partnership, action="view", model=SetNote)
        .filter(learning_set=learning_set)
        .select_related("author", "meeting")
        .distinct()
    )


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    """This area's part of the app's home page (its template is ``programmes/_home_learningsets.html``)."""
    sets = set_list_for(user=user, partnership=partnership)
    return {
        "learning_sets": list(sets.filter(status=SetStatus.ACTIVE)[:10]),
        "my_learning_sets": list(
            policy.permitted(user=user, partnership=partnership, action="view", model=LearningSet)
            .filter(members__user=user.pk)
            .distinct()
        )
        if getattr(user, "is_authenticated", False)
        else [],
    }
