"""Reads that depend on who is asking. Everything goes through the permission policy."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Count, Max, Prefetch, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone

from traction.core import policy
from traction.core.models import Partnership
from traction.governance.extensions import Invitation, invitations
from traction.governance.models import (
    ACTION_SEARCH_FIELDS,
    ITEM_SEARCH_FIELDS,
    SEARCH_CONFIG,
    Action,
    ActionQuerySet,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    AgendaItemQuerySet,
    Body,
    Meeting,
    MeetingStatus,
    Organisation,
    Outcome,
)

ACTION_VIEWS = {
    "open": "Open",
    "overdue": "Overdue",
    "month": "Due this month",
    "all": "All",
    "closed": "Closed",
}


def action_list_for(
    *,
    user: Any,
    partnership: Partnership,
    view: str = "open",
    body: Body | None = None,
    lead_id: int | None = None,
    today: datetime.date | None = None,
) -> ActionQuerySet:
    today = today or timezone.localdate()
    actions = cast(
        ActionQuerySet, policy.permitted(user=user, partnership=partnership, action="view", model=Action)
    )
    actions = {
        "open": actions.open(),
        "overdue": actions.overdue(today),
        "month": actions.due_in_month(today),
        "closed": actions.exclude(status=ActionStatus.OPEN),
    }.get(view, actions)
    if body is not None:
        actions = actions.filter(body=body)
    if lead_id is not None:
        actions = actions.filter(lead_id=lead_id)
    return actions.select_related("body", "lead", "lead_organisation", "agenda_item__meeting")


def action_counts_by_body(
    *, user: Any, partnership: Partnership, today: datetime.date | None = None
) -> QuerySet[Body]:
    """Bodies with their open and overdue action counts, for the dashboard."""
    today = today or timezone.localdate()
    open_q = Q(actions__status=ActionStatus.OPEN)
    return (
        policy.permitted(user=user, partnership=partnership, action="view", model=Body)
        .annotate(
            open_actions=Count("actions", filter=open_q),
            overdue_actions=Count("actions", filter=open_q & Q(actions__due_date__lt=today)),
        )
        .order_by("name")
    )


def action_owners_for(*, user: Any, partnership: Partnership) -> QuerySet[Any]:
    """People who lead at least one open action, with their counts (the "by owner" view)."""
    from traction.governance.models import Person

    today = timezone.localdate()
    open_q = Q(actions__status=ActionStatus.OPEN)
    return (
        policy.permitted(user=user, partnership=partnership, action="view", model=Person)
        .annotate(
            open_actions=Count("actions", filter=open_q),
            overdue_actions=Count("actions", filter=open_q & Q(actions__due_date__lt=today)),
        )
        .filter(open_actions__gt=0)
        .select_related("organisation")
        .order_by("name")
    )


@dataclass(frozen=True)
class MattersArising:
    body: Body
    next_meeting: Meeting | None
    actions: list[Action]


def matters_arising_for(*, user: Any, partnership: Partnership, body: Body) -> MattersArising:
    """Open actions of a body to review at its next scheduled meeting, oldest minute first."""
    meetings = policy.permitted(user=user, partnership=partnership, action="view", model=Meeting)
    next_meeting = (
        meetings.filter(body=body, status=MeetingStatus.SCHEDULED, start__gte=timezone.now())
        .order_by("start")
        .first()
    )
    actions = oldest_minute_first(action_list_for(user=user, partnership=partnership, view="open", body=body))
    return MattersArising(body=body, next_meeting=next_meeting, actions=actions)


def oldest_minute_first(actions: QuerySet[Action]) -> list[Action]:
    """Actions in matters-arising order: oldest minute first, by the meeting that set the action (or, for an
    action set outside a meeting, when it was logged); each carries its latest update, if any, first in
    ``latest_updates``. The reminder emails' pack reads its body's actions through this too."""
    return list(
        actions.annotate(set_at=Coalesce("agenda_item__meeting__start", "created_at"))
        .order_by("set_at", "minute_reference", "id")
        .prefetch_related(
            Prefetch(
                "updates", queryset=ActionUpdate.objects.order_by("-on", "-id"), to_attr="latest_updates"
            )
        )
    )


def decision_list_for(
    *,
    user: Any,
    partnership: Partnership,
    body: Body | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    query: str = "",
) -> QuerySet[AgendaItem]:
    items = cast(
        AgendaItemQuerySet,
        policy.permitted(user=user, partnership=partnership, action="view", model=AgendaItem),
    ).decided()
    if body is not None:
        items = items.filter(meeting__body=body)
    if date_from is not None:
        items = items.filter(meeting__start__date__gte=date_from)
    if date_to is not None:
        items = items.filter(meeting__start__date__lte=date_to)
    if query.strip():
        items = items.filter(pk__in=item_search_ids(partnership=partnership, query=query))
    visible_actions = policy.permitted(user=user, partnership=partnership, action="view", model=Action)
    return (
        items.select_related("meeting__body")
        .prefetch_related(
            Prefetch("actions", queryset=visible_actions.select_related("lead")),
            "shared_outcomes",  # the outcomes of the shared direction this decision claims to move
        )
        .order_by("-meeting__start", "order", "id")  # ties broken by id: pages never share or skip a row
    )


def _words(query: str) -> list[str]:
    return [word for word in query.split() if word][:12]


def item_search_ids(*, partnership: Partnership, query: str) -> QuerySet[AgendaItem, Mapping[str, Any]]:
    """Items whose title and resolution match, or one of whose actions does: PostgreSQL full text (each
    side read through its GIN index), else every word contained."""
    items = AgendaItem.objects.filter(partnership=partnership)
    if connection.vendor == "postgresql":
        search = _search_query(query)
        own = items.annotate(search=SearchVector(*ITEM_SEARCH_FIELDS, config=SEARCH_CONFIG)).filter(
            search=search
        )
        by_action = _matching_actions(
            Action.objects.filter(partnership=partnership, agenda_item__isnull=False), search
        )
        return items.filter(Q(pk__in=own.values("pk")) | Q(pk__in=by_action.values("agenda_item_id"))).values(
            "pk"
        )
    condition = Q()
    for word in _words(query):
        condition &= (
            Q(title__icontains=word) | Q(resolution__icontains=word) | Q(actions__text__icontains=word)
        )
    return items.filter(condition).values("pk")


def _search_query(query: str) -> SearchQuery:
    return SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")


def _matching_actions(actions: QuerySet[Action], search: SearchQuery) -> QuerySet[Action]:
    """``actions`` whose text or minute reference matches (PostgreSQL; the expression of the GIN index)."""
    vector = SearchVector(*ACTION_SEARCH_FIELDS, config=SEARCH_CONFIG)
    return actions.annotate(search=vector).filter(search=search)


@dataclass(frozen=True)
class SearchResults:
    query: str
    items: list[AgendaItem]
    actions: list[Action]


def search_for(*, user: Any, partnership: Partnership, query: str, limit: int = 50) -> SearchResults:
    if not query.strip():
        return SearchResults(query=query, items=[], actions=[])
    items = policy.permitted(user=user, partnership=partnership, action="view", model=AgendaItem)
    items = items.filter(pk__in=item_search_ids(partnership=partnership, query=query))
    actions = policy.permitted(user=user, partnership=partnership, action="view", model=Action)
    if connection.vendor == "postgresql":
        actions = _matching_actions(actions, _search_query(query))
    else:
        for word in _words(query):
            actions = actions.filter(Q(text__icontains=word) | Q(minute_reference__icontains=word))
    return SearchResults(
        query=query,
        items=list(items.select_related("meeting__body").order_by("-meeting__start")[:limit]),
        actions=list(actions.select_related("body", "lead").order_by("-created_at")[:limit]),
    )


def meeting_detail_for(*, user: Any, partnership: Partnership, pk: object) -> Meeting:
    return policy.get_permitted(user=user, partnership=partnership, action="view", model=Meeting, pk=pk)


def outcome_counts(items: QuerySet[AgendaItem]) -> dict[str, int]:
    counts = dict(items.values_list("outcome").annotate(n=Count("id")))
    return {value: counts.get(value, 0) for value in Outcome.values}


# ---- the pages of the web interface: each reads through the same policy as everything above ----


@dataclass(frozen=True)
class Dashboard:
    mine: MyActions
    bodies: list[Body]
    upcoming: list[Meeting]
    recent_decisions: list[AgendaItem]
    decisions_since: datetime.date
    invitations: list[Invitation]


DUE_SOON_DAYS = 14
QUIET_DAYS = 30  # an open action with no update for this long is "waiting on an update"


@dataclass(frozen=True)
class MyActions:
    """The open actions the signed-in user leads (through their person of the record), in the groups a
    lead works through: overdue, due in the next two weeks, waiting on an update, and the rest."""

    person: Any  # the user's person in this partnership, or None
    overdue: list[Action]
    due_soon: list[Action]
    quiet: list[Action]
    later: list[Action]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.quiet) + len(self.later)


def my_actions_for(*, user: Any, partnership: Partnership, today: datetime.date | None = None) -> MyActions:
    from traction.governance.models import Person

    today = today or timezone.localdate()
    person = Person.objects.filter(partnership=partnership, user=user.pk).first()
    if person is None:
        return MyActions(None, [], [], [], [])
    actions = (
        action_list_for(user=user, partnership=partnership, view="open", lead_id=person.pk)
        .annotate(last_update=Max("updates__on"))
        .order_by("due_date", "id")
    )
    groups: dict[str, list[Action]] = {"overdue": [], "due_soon": [], "quiet": [], "later": []}
    quiet_since = today - datetime.timedelta(days=QUIET_DAYS)
    for action in actions:
        if action.due_date and action.due_date < today:
            groups["overdue"].append(action)
        elif action.due_date and action.due_date <= today + datetime.timedelta(days=DUE_SOON_DAYS):
            groups["due_soon"].append(action)
        elif (action.last_update or action.created_at.date()) < quiet_since:  # type: ignore[attr-defined]
            groups["quiet"].append(action)
        else:
            groups["later"].append(action)
    return MyActions(person, **groups)


def dashboard_for(*, user: Any, partnership: Partnership, today: datetime.date | None = None) -> Dashboard:
    """Per-body action counts, the next meetings, the decisions of the last 90 days and what the user is
    invited to take part in (open rounds and surveys, from the apps that registered them)."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=90)
    return Dashboard(
        mine=my_actions_for(user=user, partnership=partnership, today=today),
        bodies=list(action_counts_by_body(user=user, partnership=partnership, today=today)),
        upcoming=list(meeting_list_for(user=user, partnership=partnership, when="upcoming")[:10]),
        recent_decisions=list(decision_list_for(user=user, partnership=partnership, date_from=since)[:20]),
        decisions_since=since,
        invitations=invitations(user=user, partnership=partnership),
    )


def organisation_list_for(*, user: Any, partnership: Partnership) -> QuerySet[Organisation]:
    """The partnership's organisations with how many people each has, by name."""
    organisations = policy.permitted(user=user, partnership=partnership, action="view", model=Organisation)
    return organisations.annotate(people_count=Count("people")).order_by("name")


def items_by_pk(*, user: Any, partnership: Partnership, pks: list[int]) -> dict[int, AgendaItem]:
    """The agenda items of ``pks`` this user may see, keyed by id; another partnership's are absent."""
    items = policy.permitted(user=user, partnership=partnership, action="view", model=AgendaItem)
    return {item.pk: item for item in items.filter(pk__in=pks).select_related("meeting__body")}


def body_list_for(*, user: Any, partnership: Partnership) -> QuerySet[Body]:
    return action_counts_by_body(user=user, partnership=partnership).select_related("parent")


def meeting_list_for(
    *, user: Any, partnership: Partnership, body: Body | None = None, when: str = "all"
) -> QuerySet[Meeting]:
    """Meetings with their item counts; ``when`` is "upcoming" (soonest first), "past" or "all"."""
    meetings = policy.permitted(user=user, partnership=partnership, action="view", model=Meeting)
    if body is not None:
        meetings = meetings.filter(body=body)
    now = timezone.now()
    if when == "upcoming":
        meetings = meetings.filter(start__gte=now, status=MeetingStatus.SCHEDULED).order_by("start")
    elif when == "past":
        meetings = meetings.filter(start__lt=now).order_by("-start")
    else:
        meetings = meetings.order_by("-start")
    return meetings.select_related("body").annotate(
        item_count=Count("items", distinct=True),
        decided_count=Count("items", filter=Q(items__outcome=Outcome.DECIDED), distinct=True),
    )


@dataclass(frozen=True)
class BodyDetail:
    body: Body
    upcoming: list[Meeting]
    past: list[Meeting]
    memberships: list[Any]
    organisations: list[Any]
    children: list[Body]
    open_actions: int
    overdue_actions: int


def body_detail_for(*, user: Any, partnership: Partnership, pk: object) -> BodyDetail:
    body = policy.get_permitted(user=user, partnership=partnership, action="view", model=Body, pk=pk)
    actions = action_list_for(user=user, partnership=partnership, view="open", body=body)
    return BodyDetail(
        body=body,
        upcoming=list(meeting_list_for(user=user, partnership=partnership, body=body, when="upcoming")[:5]),
        past=list(meeting_list_for(user=user, partnership=partnership, body=body, when="past")[:10]),
        memberships=list(body.memberships.select_related("person__organisation")),
        organisations=list(body.member_organisations.all()),
        children=list(body.children.all()),
        open_actions=actions.count(),
        overdue_actions=actions.overdue().count(),
    )


@dataclass(frozen=True)
class MeetingRecord:
    meeting: Meeting
    items: list[AgendaItem]
    attendance: list[Any]
    papers: list[Any]


def meeting_record_for(*, user: Any, partnership: Partnership, pk: object) -> MeetingRecord:
    """A meeting with its agenda (each item's papers and visible actions), attendance and papers."""
    meeting = meeting_detail_for(user=user, partnership=partnership, pk=pk)
    visible_actions = policy.permitted(user=user, partnership=partnership, action="view", model=Action)
    items = meeting.items.prefetch_related(
        Prefetch("actions", queryset=visible_actions.select_related("lead")), "papers"
    )
    return MeetingRecord(
        meeting=meeting,
        items=list(items),
        attendance=list(meeting.attendance.select_related("person__organisation")),
        papers=list(meeting.papers.select_related("author_organisation")),
    )


def attendance_people_for(*, user: Any, partnership: Partnership, meeting: Meeting) -> list[Any]:
    """Whom the attendance register lists: the body's members and anyone already recorded."""
    from traction.governance.models import Person

    people = policy.permitted(user=user, partnership=partnership, action="view", model=Person)
    return list(
        people.filter(Q(body_memberships__body=meeting.body) | Q(attendance__meeting=meeting))
        .distinct()
        .order_by("name")
    )


def paper_list_for(*, user: Any, partnership: Partnership) -> QuerySet[Any]:
    from traction.governance.models import Paper

    return (
        policy.permitted(user=user, partnership=partnership, action="view", model=Paper)
        .select_related("meeting__body", "author_organisation")
        .order_by("-created_at", "-id")
    )


def action_detail_for(*, user: Any, partnership: Partnership, pk: object) -> Action:
    """One action with its history: revisions (who, why, when) and dated updates."""
    action = policy.get_permitted(user=user, partnership=partnership, action="view", model=Action, pk=pk)
    prefetch_related_objects([action], "revisions__changed_by", "updates__author", "shared_outcomes")
    return action


def agenda_next_place(*, meeting: Meeting) -> int:
    """The place after the last item on the meeting's agenda."""
    last = meeting.items.order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1
