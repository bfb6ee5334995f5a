"""Reads of the relationship network: surveys, the declared network (facilitators only), the aggregates
everyone else sees (through the anonymity service), and the network observed in the record.

Observed ties, for a date range (both directions, strengths added and capped at 1):

- sitting in the same meeting (``governance.Attendance``, present): each shared meeting adds frequency 1
  at trust 4 (a strength of 0.25), so four shared meetings make a full-strength tie;
- leading actions from the same agenda item (``Action.lead``): each shared item adds frequency 2 at
  trust 4 (0.5), since owning work together is a closer tie than sitting in the same room;
- a body referring a topic to another (the diagnosis's referral map, "pass the parcel" windows): each
  referred topic that arrived adds frequency 1 at trust 4 (0.25) between every member of the referring
  body and every member of the body it arrived at: the bodies' members are linked by the work they pass.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Any, NamedTuple

from django.urls import reverse
from django.utils import timezone

from traction.core import policy
from traction.core.models import Partnership
from traction.diagnosis.referrals import referral_map_for
from traction.diagnosis.thresholds import signal_params_for
from traction.governance.extensions import Invitation
from traction.governance.models import Action, Attendance, BodyMembership, Person
from traction_analysis.signals import Period
from traction_analysis.stakeholders.network import ASPECTS, Aggregates, Node, Tie, aggregates

from ..models.network import NetworkSurvey, Rating, SurveyStatus

MEETING_FREQUENCY = 1
ACTION_FREQUENCY = 2
REFERRAL_FREQUENCY = 1
OBSERVED_TRUST = 4.0


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    """This area's part of the app's home page (its template is ``stakeholders/_home_network.html``)."""
    surveys = policy.permitted(user=user, partnership=partnership, action="view", model=NetworkSurvey)
    return {"network_surveys": list(surveys[:5]), "network_survey_count": surveys.count()}


def surveys_for(*, user: Any, partnership: Partnership) -> list[NetworkSurvey]:
    return list(
        policy.permitted(
            user=user, partnership=partnership, action="view", model=NetworkSurvey
        ).prefetch_related("facilitators")
    )


def is_facilitator(*, user: Any, survey: NetworkSurvey) -> bool:
    return survey.facilitators.filter(pk=user.pk).exists()


def nodes_of(people: Iterable[Person]) -> list[Node]:
    return [Node(p.pk, p.name, p.organisation.name if p.organisation else "") for p in people]


def survey_people(survey: NetworkSurvey) -> list[Person]:
    return list(survey.people.select_related("organisation").order_by("name", "pk"))


def survey_nodes(survey: NetworkSurvey) -> list[Node]:
    """The survey's people as the network's nodes, in one query of three columns (no model per person)."""
    return [
        Node(pk, name, organisation or "")
        for pk, name, organisation in survey.people.order_by("name", "pk").values_list(
            "pk", "name", "organisation__name"
        )
    ]


class RatingRow(NamedTuple):
    """One declared rating as the page shows it: what ``ties_of`` needs and the names of both people."""

    rater_id: int
    ratee_id: int
    rater_name: str
    ratee_name: str
    frequency: int
    reliability: int
    mission: int
    openness: int
    comment: str

    @property
    def trust(self) -> float:
        return (self.reliability + self.mission + self.openness) / 3


def declared_ratings(*, user: Any, survey: NetworkSurvey) -> list[RatingRow]:
    """Who rated whom: through the policy, so only the survey's facilitators get any. One query of the
    columns the page shows: a survey of 2,000 people can hold tens of thousands of ratings."""
    return [
        RatingRow(*row)
        for row in policy.permitted(user=user, partnership=survey.partnership, action="view", model=Rating)
        .filter(survey=survey)
        .order_by("rater__name", "ratee__name", "pk")
        .values_list(
            "rater_id",
            "ratee_id",
            "rater__name",
            "ratee__name",
            "frequency",
            "reliability",
            "mission",
            "openness",
            "comment",
        )
    ]


def ties_of(ratings: Iterable[Rating | RatingRow]) -> list[Tie]:
    return [Tie(r.rater_id, r.ratee_id, r.frequency, r.trust) for r in ratings]


def has_answered(*, user: Any, survey: NetworkSurvey) -> bool:
    return Rating.objects.filter(survey=survey, rater__user=user.pk).exists()


def aggregates_for(*, survey: NetworkSurvey) -> Aggregates:
    """What everyone may see of the survey: means that pass the anonymity service at the survey's k
    (``traction_analysis.stakeholders.network.aggregates``), so no one person's ratings can be worked out."""
    rows = [
        {"rater": row.pop("rater_id"), **row}
        for row in Rating.objects.filter(survey=survey).values("rater_id", *ASPECTS)
    ]
    groups = {
        p.pk: (p.organisation.name if p.organisation else "No organisation") for p in survey_people(survey)
    }
    return aggregates(rows, groups=groups, k=survey.k, closed=survey.status == SurveyStatus.CLOSED)


def observed_for(
    *, user: Any, partnership: Partnership, start: datetime.date, end: datetime.date
) -> tuple[list[Node], list[Tie]]:
    """The people of the record and the ties the record shows between them in ``start``–``end``."""
    nodes = [
        Node(pk, name, organisation or "")
        for pk, name, organisation in policy.permitted(
            user=user, partnership=partnership, action="view", model=Person
        ).values_list("pk", "name", "organisation__name")
    ]
    known = {n.key for n in nodes}
    strength: Counter[tuple[int, int]] = Counter()
    meetings: dict[int, set[int]] = defaultdict(set)
    attendance = policy.permitted(user=user, partnership=partnership, action="view", model=Attendance).filter(
        meeting__start__date__gte=start, meeting__start__date__lte=end, status=Attendance.Status.PRESENT
    )
    for meeting, person in attendance.values_list("meeting_id", "person_id"):
        meetings[meeting].add(person)
    for present in meetings.values():
        for a, b in combinations(sorted(present & known), 2):
            strength[a, b] += MEETING_FREQUENCY
    items: dict[int, set[int]] = defaultdict(set)
    actions = policy.permitted(user=user, partnership=partnership, action="view", model=Action).filter(
        agenda_item__isnull=False,
        lead__isnull=False,
        agenda_item__meeting__start__date__gte=start,
        agenda_item__meeting__start__date__lte=end,
    )
    for item, lead in actions.values_list("agenda_item_id", "lead_id"):
        items[item].add(lead)
    for leads in items.values():
        for a, b in combinations(sorted(leads & known), 2):
            strength[a, b] += ACTION_FREQUENCY
    strength.update(referral_ties(user=user, partnership=partnership, start=start, end=end, known=known))
    ties = []
    for (a, b), frequency in strength.items():
        capped = min(frequency, 4)
        ties += [Tie(a, b, capped, OBSERVED_TRUST), Tie(b, a, capped, OBSERVED_TRUST)]
    return nodes, ties


def organisations_of(nodes: Iterable[Node]) -> list[str]:
    return sorted({n.organisation for n in nodes if n.organisation})


def referral_ties(
    *, user: Any, partnership: Partnership, start: datetime.date, end: datetime.date, known: set[int]
) -> Counter[tuple[int, int]]:
    """Pairs (lower id first) of members of two bodies one of which referred topics to the other in
    ``start``–``end``, with ``REFERRAL_FREQUENCY`` per topic that arrived."""
    found = referral_map_for(
        user=user,
        partnership=partnership,
        period=Period(start, end + datetime.timedelta(days=1)),
        as_of=timezone.localdate(),
        params=signal_params_for(user=user, partnership=partnership),
    )
    edges = [(edge.source.pk, edge.target.pk, edge.topics) for edge in found.edges if edge.target is not None]
    members: dict[int, set[int]] = defaultdict(set)
    bodies = {body for source, target, _ in edges for body in (source, target)}
    memberships = policy.permitted(user=user, partnership=partnership, action="view", model=BodyMembership)
    for body, person in memberships.filter(body__in=bodies).values_list("body_id", "person_id"):
        members[body].add(person)
    pairs: Counter[tuple[int, int]] = Counter()
    for source, target, topics in edges:
        for a in members[source] & known:
            for b in members[target] & known:
                if a != b:
                    pairs[min(a, b), max(a, b)] += REFERRAL_FREQUENCY * topics
    return pairs


def survey_invitations(*, user: Any, partnership: Partnership) -> list[Invitation]:
    """The open surveys that name the user's person of the record and that they have not answered yet."""
    if not policy.allowed(user=user, partnership=partnership, action="add", object_type="rating"):
        return []
    surveys = (
        policy.permitted(user=user, partnership=partnership, action="view", model=NetworkSurvey)
        .filter(status=SurveyStatus.OPEN, people__user=user.pk)
        .exclude(ratings__rater__user=user.pk)
        .distinct()
        .order_by("starts_on", "pk")
    )
    return [
        Invitation(
            kind="Relationship survey",
            title=survey.title,
            url=reverse(
                "stakeholders:network-survey-answer", kwargs={"slug": partnership.slug, "pk": survey.pk}
            ),
        )
        for survey in surveys
    ]
