"""The demo health check in Riverside: the default statements and two runs of twelve answers each.

The first run (four months ago) is closed: its low section (trust) has an action in the Executive's log,
recorded for the run, and its contested section (working arrangements) a reason for no action. The second
(answers closed last week) shows the change since: trust has risen, monitoring and learning is now low and
waits for its follow-up. Invented respondents have no account, so their answers are written as response rows
alone (no participation rows); everything else goes through the services as the demo "facilitator".
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping, Sequence

from django.contrib.auth import get_user_model

from traction.core.models import Partnership
from traction.governance.models import Body

from ..models import HealthCheckRun, HealthResponse
from ..services import health as services

FACILITATOR = "facilitator"
BODY = "Integrated Care Partnership Executive"

# Each of the twelve people's answer to every statement of a section (None: "don't know").
SPRING = {
    "need": (4, 4, 5, 4, 3, 4, 5, 4, 4, 3, 4, 5),
    "purpose": (4, 3, 4, 4, 3, 4, 3, 4, 5, 4, 3, 4),
    "commitment": (3, 4, 3, 3, 4, 3, 4, 3, 3, 4, 3, 4),
    "trust": (2, 2, 3, 2, 1, 2, 3, 2, 2, 3, 2, 4),
    "arrangements": (1, 5, 2, 5, 4, 1, 5, 2, 4, 5, 1, 4),
    "learning": (3, 3, 4, 3, 3, 2, 4, 3, None, 4, 3, 3),
}
AUTUMN = {
    "need": (4, 5, 5, 4, 4, 4, 5, 4, 4, 3, 4, 5),
    "purpose": (4, 4, 4, 4, 3, 4, 4, 4, 5, 4, 3, 4),
    "commitment": (4, 4, 3, 3, 4, 4, 4, 3, 3, 4, 3, 4),
    "trust": (3, 4, 3, 3, 2, 4, 3, 4, 3, 3, 4, 3),
    "arrangements": (3, 4, 3, 4, 2, 3, 4, 4, 3, 3, 4, 3),
    "learning": (2, 2, 3, 2, 2, 1, 3, 2, None, 3, 2, 2),
}
TRUST_ACTION = "Agree and publish ground rules for raising difficult issues at the Executive"
ARRANGEMENTS_REASON = (
    "The Executive's terms of reference are being rewritten this quarter; the split view on meetings "
    "goes into that review rather than a separate action."
)


def _answer(run: HealthCheckRun, pattern: Mapping[str, Sequence[int | None]]) -> int:
    for person in range(12):
        answers = {s["key"]: pattern[s["section"]][person] for s in run.statements}
        HealthResponse.objects.create(partnership=run.partnership, run=run, answers=answers)
    return 12


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    facilitator = (
        get_user_model().objects.filter(username=FACILITATOR, memberships__partnership=partnership).first()
    )
    body = Body.objects.filter(partnership=partnership, name=BODY).first()
    if facilitator is None or body is None:
        return Counter()
    counts: Counter[str] = Counter()
    counts["health statements"] += services.statements_ensure(actor=facilitator, partnership=partnership)
    spring = services.run_create(
        actor=facilitator,
        partnership=partnership,
        data={
            "title": "Partnership health check, spring",
            "k": 5,
            "closes_on": today - datetime.timedelta(days=120),
        },
    )
    counts["health-check responses"] += _answer(spring, SPRING)
    services.follow_up_record(
        actor=facilitator,
        run=spring,
        section="trust",
        body=body,
        text=TRUST_ACTION,
        due_date=today - datetime.timedelta(days=60),
        today=today,
    )
    services.follow_up_record(
        actor=facilitator, run=spring, section="arrangements", reason=ARRANGEMENTS_REASON, today=today
    )
    services.run_close(actor=facilitator, run=spring, today=today)
    autumn = services.run_create(
        actor=facilitator,
        partnership=partnership,
        data={
            "title": "Partnership health check, autumn",
            "k": 5,
            "closes_on": today - datetime.timedelta(days=7),
        },
    )
    counts["health-check responses"] += _answer(autumn, AUTUMN)
    counts["health-check runs"] += 2
    return counts
