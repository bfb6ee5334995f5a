"""The demo partnership's relationship network: two closed surveys of 25 people of the Riverside record,
a year apart, facilitated by the demo's facilitator.

Ratings follow the organisations (colleagues work together weekly or daily and mostly trust each other),
with a few brokers who work across organisations, two people nobody rated and who did not answer
(isolates), and a handful who did not answer at all. The earlier survey has fewer ties across organisations
and one broker fewer, so the comparison shows the network knitting together.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter

from django.contrib.auth import get_user_model

from traction.core.models import Partnership
from traction.governance.models import Person
from traction.stakeholders.models.network import NetworkSurvey, Rating, SurveyStatus

FACILITATOR = "facilitator"
LEFT_OUT = (
    "Cllr Susan Whitfield",
    "Dr Peter Lindqvist",
    "Prof. Michael Adeyemi",
    "Samuel Ortega",
    "Rachel Kowalski",
    "Joanne Price",
    "Owen Fletcher",
)
BROKERS = ("Deborah Kent", "Angela Murray", "Graham Oduya")
ISOLATES = ("Steve Tranter", "Ruth Castellano")
SILENT = ("Cllr David Rowe", "Dr Tom Hadley")
TITLES = ("Partnership relationships survey", "Partnership relationships survey, a year earlier")


def _ratings(
    survey: NetworkSurvey, people: list[Person], brokers: tuple[str, ...], across: float, seed: int
) -> int:
    rng = random.Random(seed)
    written = 0
    raters = [p for p in people if p.name not in ISOLATES + SILENT]
    for rater in raters:
        for ratee in people:
            if ratee.pk == rater.pk or ratee.name in ISOLATES:
                continue
            same = rater.organisation_id == ratee.organisation_id
            broker = rater.name in brokers or ratee.name in brokers
            if same:
                frequency, trust = rng.choice((3, 4, 4)), rng.choice((3, 3, 4))
            elif broker and rng.random() < 0.7:
                frequency, trust = rng.choice((2, 3)), rng.choice((3, 4))
            elif rng.random() < across:
                frequency, trust = rng.choice((1, 1, 2)), rng.choice((1, 2, 2, 3))
            else:
                continue
            Rating.objects.create(
                partnership=survey.partnership,
                survey=survey,
                rater=rater,
                ratee=ratee,
                frequency=frequency,
                reliability=trust,
                mission=min(4, trust + rng.choice((0, 0, 1))),
                openness=max(1, trust - rng.choice((0, 0, 1))),
            )
            written += 1
    return written


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    facilitator = (
        get_user_model().objects.filter(username=FACILITATOR, memberships__partnership=partnership).first()
    )
    people = list(
        Person.objects.filter(partnership=partnership, organisation__isnull=False)
        .exclude(name__in=LEFT_OUT)
        .order_by("name")[:25]
    )
    if facilitator is None or len(people) < 25:
        return Counter()
    counts: Counter[str] = Counter()
    plans = (
        (TITLES[0], today - datetime.timedelta(days=150), BROKERS, 0.12, 1),
        (TITLES[1], today - datetime.timedelta(days=515), BROKERS[:2], 0.05, 2),
    )
    for title, starts_on, brokers, across, seed in plans:
        survey = NetworkSurvey.objects.create(
            partnership=partnership,
            title=title,
            starts_on=starts_on,
            ends_on=min(starts_on + datetime.timedelta(days=90), today),
            status=SurveyStatus.CLOSED,
            k=5,
        )
        survey.people.set(people)
        survey.facilitators.set([facilitator])
        counts["network surveys"] += 1
        counts["network ratings"] += _ratings(survey, people, brokers, across, seed)
    return counts


def remove(*, slugs: list[str]) -> None:
    """Nothing here RESTRICTs a governance record: surveys and ratings go with the partnership's cascade."""
