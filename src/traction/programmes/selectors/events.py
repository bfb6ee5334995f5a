"""Reads of whole-system future-scenario events: lists, an event's page, its table plan and its outputs, and
the invitation check. Every read goes through the policy (another partnership's record is a 404)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from traction.core import policy
from traction.core.models import Partnership
from traction.governance.models import Action, AgendaItem, Organisation
from traction.stakeholders.models.stakeholders import Assessment, Stakeholder
from traction_analysis.programmes.follow_through import ActionFact, Standing, standings
from traction_analysis.programmes.tables import allowed_per_group, rule_breaches

from ..models.events import Event, EventTable, Invitation, InvitationStatus

SOURCE_MODEL = "programmes.event"
IMPORTANT_POWER = 3
NO_ACTIONS = "This event produced no actions in the log."
BREACH = "More than half of this table ({count} of {size}) is one group: {group}. Move someone."


def event_list(*, user: Any, partnership: Partnership) -> QuerySet[Event]:
    return (
        policy.permitted(user=user, partnership=partnership, action="view", model=Event)
        .select_related("body")
        .annotate(invited=Count("invitations", distinct=True))
    )


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    """This area's part of the app's home page (its template is ``programmes/_home_events.html``)."""
    return {"recent_events": list(event_list(user=user, partnership=partnership)[:5])}


def event_actions(event: Event, *, user: Any) -> QuerySet[Action]:
    return (
        policy.permitted(user=user, partnership=event.partnership, action="view", model=Action)
        .filter(partnership=event.partnership, source_model=SOURCE_MODEL, source_pk=str(event.pk))
        .select_related("lead", "body")
    )


def event_decisions(event: Event, *, user: Any) -> QuerySet[AgendaItem]:
    return (
        policy.permitted(user=user, partnership=event.partnership, action="view", model=AgendaItem)
        .filter(partnership=event.partnership, source_model=SOURCE_MODEL, source_pk=str(event.pk))
        .select_related("meeting__body")
    )


def action_standings(event: Event, *, user: Any) -> list[Standing]:
    facts = [ActionFact(a.status, a.due_date, a.completed_on) for a in event_actions(event, user=user)]
    return standings(facts, held_on=event.date, today=timezone.localdate())


@dataclass(frozen=True)
class SeatedTable:
    table: EventTable
    guests: list[Invitation]
    problem: str


def seated_tables(event: Event) -> tuple[list[SeatedTable], list[Invitation]]:
    """The tables with who sits at each (and a plain message where one breaks the rule), and who is coming
    but has no seat."""
    coming = list(
        event.invitations.exclude(status=InvitationStatus.DECLINED).select_related("person", "group", "table")
    )
    tables = list(event.tables.all())
    at: dict[int, list[Invitation]] = {t.pk: [] for t in tables}
    unseated: list[Invitation] = []
    for invitation in coming:
        (at[invitation.table_id] if invitation.table_id in at else unseated).append(invitation)
    breaches = set(rule_breaches([[i.group.name for i in at[t.pk]] for t in tables]))
    seated = []
    for index, table in enumerate(tables):
        guests = at[table.pk]
        problem = ""
        if index in breaches:
            group, count = Counter(i.group.name for i in guests).most_common(1)[0]
            problem = BREACH.format(count=count, size=len(guests), group=group)
        seated.append(SeatedTable(table, guests, problem))
    return seated, unseated


def status_counts(event: Event) -> list[tuple[str, int]]:
    counts = Counter(event.invitations.values_list("status", flat=True))
    return [(label, counts.get(value, 0)) for value, label in InvitationStatus.choices]


def group_counts(event: Event) -> list[tuple[Any, int, int]]:
    """Each group, how many are invited, and how many are coming."""
    return [
        (g, g.n, g.coming)
        for g in event.groups.annotate(
            n=Count("invitations"),
            coming=Count("invitations", filter=~Q(invitations__status=InvitationStatus.DECLINED)),
        )
    ]


@dataclass(frozen=True)
class Gap:
    name: str
    reason: str
    power: int | None = None


def invitation_check(event: Event) -> tuple[str, list[Gap]]:
    """Important stakeholders not invited or not coming. From the stakeholder map when it holds assessments
    (power of the latest assessment ≥ 3, matched to invitees by person or organisation); otherwise the
    partnership's organisations with nobody invited. Returns which source was used and the gaps."""
    invitations = list(event.invitations.select_related("person"))
    coming_people = {i.person_id for i in invitations if i.status != InvitationStatus.DECLINED}
    invited_people = {i.person_id for i in invitations}
    coming_orgs = {i.person.organisation_id for i in invitations if i.person_id in coming_people}
    invited_orgs = {i.person.organisation_id for i in invitations}
    latest = Assessment.objects.filter(stakeholder=OuterRef("pk")).order_by("-assessed_on", "-id")
    stakeholders = Stakeholder.objects.filter(partnership=event.partnership).annotate(
        power=Subquery(latest.values("power")[:1])
    )
    assessed = [s for s in stakeholders if s.power is not None]
    if assessed:
        gaps = []
        for s in sorted(assessed, key=lambda s: (-s.power, s.name)):
            if s.power < IMPORTANT_POWER:
                continue
            people, orgs = (invited_people, coming_people), (invited_orgs, coming_orgs)
            key, (invited, coming) = (s.person_id, people) if s.person_id else (s.organisation_id, orgs)
            if key is None or key not in invited:
                gaps.append(Gap(s.name, "not invited", s.power))
            elif key not in coming:
                gaps.append(Gap(s.name, "invited but not coming", s.power))
        return "map", gaps
    organisations = Organisation.objects.filter(partnership=event.partnership).exclude(
        pk__in=[o for o in invited_orgs if o is not None]
    )
    return "organisations", [Gap(o.name, "nobody from it is invited") for o in organisations]


def event_page(event: Event, *, user: Any) -> dict[str, Any]:
    tables, unseated = seated_tables(event)
    actions = list(event_actions(event, user=user))
    return {
        "groups": group_counts(event),
        "status_counts": status_counts(event),
        "tables": tables,
        "unseated": unseated,
        "stages": list(event.stages.all()),
        "common_ground": list(event.common_ground.select_related("principle")),
        "decisions": list(event_decisions(event, user=user)),
        "actions": actions,
        "standings": action_standings(event, user=user),
        "no_actions": NO_ACTIONS,
        "allowed_per_group": allowed_per_group,
    }
