"""Reads of principles, goals and outcomes, through the permission table."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from traction.core import policy
from traction.core.models import Partnership
from traction.governance.models import Action, AgendaItem

from ..models import Goal, Indicator, Principle, SharedOutcome, Statement, Status


def visible(*, user: Any, partnership: Partnership, model: type[Statement]) -> QuerySet[Any]:
    return policy.permitted(user=user, partnership=partnership, action="view", model=model).select_related(
        "agreed_item__meeting__body"
    )


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    who = {"user": user, "partnership": partnership}
    return {
        "principles": visible(**who, model=Principle),
        "goals": visible(**who, model=Goal),
        "outcomes": visible(**who, model=SharedOutcome).select_related("goal"),
    }


def statement_list(*, user: Any, partnership: Partnership, model: type[Statement]) -> QuerySet[Any]:
    queryset = visible(user=user, partnership=partnership, model=model)
    if model is Goal:
        return queryset.select_related("owner").prefetch_related("outcomes")
    if model is SharedOutcome:
        return queryset.select_related("owner", "goal").prefetch_related("indicators")
    return queryset


def outcome_detail(*, user: Any, partnership: Partnership, outcome: SharedOutcome) -> dict[str, Any]:
    """What an outcome's page shows: its indicators, and the decisions and actions claiming to move it."""

    def permitted(model: Any) -> Any:
        return policy.permitted(user=user, partnership=partnership, action="view", model=model)

    return {
        "indicators": permitted(Indicator).filter(outcomes=outcome),
        "decisions": permitted(AgendaItem)
        .filter(shared_outcomes=outcome)
        .select_related("meeting__body")
        .order_by("-meeting__start"),
        "actions": permitted(Action)
        .filter(shared_outcomes=outcome)
        .select_related("body", "lead")
        .order_by("status", "due_date", "id"),
    }


def on_a_page(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    """The agreed principles, goals and outcomes (outcomes under their goal), with their indicators."""

    def agreed(model: type[Statement]) -> QuerySet[Any]:
        return visible(user=user, partnership=partnership, model=model).filter(status=Status.AGREED)

    indicators = policy.permitted(user=user, partnership=partnership, action="view", model=Indicator)
    outcomes = (
        agreed(SharedOutcome)
        .select_related("owner")
        .prefetch_related(Prefetch("indicators", queryset=indicators, to_attr="shown_indicators"))
    )
    goals = (
        agreed(Goal)
        .select_related("owner")
        .prefetch_related(Prefetch("outcomes", queryset=outcomes, to_attr="agreed_outcomes"))
    )
    goal_ids = {goal.pk for goal in goals}
    return {
        "principles": agreed(Principle),
        "goals": goals,
        "loose_outcomes": [o for o in outcomes if o.goal_id not in goal_ids],
        "drafts": sum(
            visible(user=user, partnership=partnership, model=m).filter(status=Status.DRAFT).count()
            for m in (Principle, Goal, SharedOutcome)
        ),
    }
