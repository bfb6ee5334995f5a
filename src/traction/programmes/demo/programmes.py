"""The demo partnership's leadership programme: 200 participants in 8 cohorts of 25, 30 development days; and
its pilot the year before, one cohort of 24 of the same people over five days, long finished.

Everything here is fiction. The participants are people of the record (no user accounts); the register is
realistic: most people attend, some send apologies, a few are absent, and a few registers were never taken
(those places are "not recorded", not absent). Rows are bulk-created so the demo stays fast to load; the
programme's creation is audited as the demo "secretary".
"""

from __future__ import annotations

import datetime
import random
from collections import Counter

from django.contrib.auth import get_user_model
from django.utils import timezone

from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.direction.models import SharedOutcome
from traction.governance.models import Organisation, Person

from ..models.programmes import (
    AttendanceRecord,
    AttendanceStatus,
    Cohort,
    Enrolment,
    Programme,
    Session,
    SessionKind,
)

SECRETARY = "secretary"
PROGRAMME = "Riverside Collaborative Leadership Programme"
LEAD = "Nadia Hussain"
FACILITATOR = "Dr Sarah Okafor"
OUTCOMES = ("More people live healthy lives for longer", "Fewer people go into hospital in a crisis")
COHORTS = 8
COHORT_SIZE = 25
# Development days per cohort: 30 in all; the last two cohorts each have one day still to come.
DAYS = (4, 4, 4, 4, 4, 4, 3, 3)
PILOT = "Riverside Leadership Pilot"
PILOT_SIZE = 24
PILOT_DAYS = (
    "Pilot day 1: Why lead across boundaries",
    "Pilot day 2: The system as it is",
    "Pilot day 3: Shared problems, shared data",
    "Pilot day 4: Difficult conversations",
    "Pilot day 5: What we will do differently",
)
DAY_TITLES = (
    "Day 1: Leading across boundaries",
    "Day 2: Understanding the system",
    "Day 3: Working with residents",
    "Day 4: Leading change that lasts",
)
PLACES = (
    "Riverside Civic Centre",
    "Eastbrook Community Hub",
    "Riverside University Hospitals Education Centre",
)
# (cohort index, day index): registers never taken.
UNRECORDED = {(1, 2), (4, 0)}

_FIRST = (
    "Aisha", "Ben", "Chloe", "Daniel", "Emma", "Farid", "Grace", "Harry", "Imogen", "Jack",
    "Kiran", "Laura", "Mohammed", "Natalie", "Oliver", "Priya", "Rachel", "Samuel", "Tanya", "Usman",
    "Victoria", "William", "Yasmin", "Zoe", "Adam", "Bethany", "Callum", "Deborah", "Ethan", "Fatima",
    "George", "Hannah", "Isaac", "Joanna", "Kwame", "Lucy", "Matthew", "Nia", "Owen", "Paula",
)  # fmt: skip
_LAST = (
    "Abbott", "Begum", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal", "Jones",
    "Khan", "Lewis", "Morgan", "Nowak", "O'Brien", "Patel", "Quinn", "Roberts", "Shah", "Taylor",
    "Umar", "Vaughan", "Walker", "Young", "Ahmed", "Bennett", "Campbell", "Dixon", "Ellis", "Foster",
    "Gray", "Harris", "Ince", "Jackson", "Kaur", "Lloyd", "Mensah", "Nicholls", "Owusu", "Parker",
)  # fmt: skip
_ROLES = (
    ("rcc", "Social Work Team Manager"),
    ("rcc", "Commissioning Manager"),
    ("edc", "Housing Options Manager"),
    ("ruh", "Ward Sister"),
    ("ruh", "Discharge Coordinator"),
    ("rcp", "Community Mental Health Team Leader"),
    ("icb", "Senior Commissioning Manager"),
    ("gpf", "Practice Manager"),
    ("gpf", "Social Prescribing Link Worker"),
    ("cvs", "Development Officer"),
    ("awr", "Services Manager"),
    ("hsg", "Tenancy Sustainment Manager"),
    ("hwr", "Engagement Officer"),
    ("rcc", "Public Health Practitioner"),
)
_ORG_NAMES = {
    "rcc": "Riverside County Council",
    "edc": "Eastbrook District Council",
    "ruh": "Riverside University Hospitals NHS Foundation Trust",
    "rcp": "Riverside Community and Mental Health NHS Trust",
    "icb": "NHS Riverside Integrated Care Board",
    "gpf": "Riverside GP Federation",
    "cvs": "Riverside Council for Voluntary Service",
    "awr": "Age Well Riverside",
    "hsg": "Riverside Valley Homes",
    "hwr": "Healthwatch Riverside",
}
# The 200 participants: (name, role title, organisation), in cohort order (25 to a cohort).
PARTICIPANTS: tuple[tuple[str, str, str], ...] = tuple(
    (
        f"{_FIRST[i % 40]} {_LAST[(7 * i + i // 40) % 40]}",
        _ROLES[(i * 5) % len(_ROLES)][1],
        _ORG_NAMES[_ROLES[(i * 5) % len(_ROLES)][0]],
    )
    for i in range(COHORTS * COHORT_SIZE)
)


def _weekday(day: datetime.date) -> datetime.date:
    """The Tuesday of that week: development days run midweek."""
    return day - datetime.timedelta(days=day.weekday() - 1)


def _schedule(today: datetime.date) -> list[list[datetime.date]]:
    """Each cohort's days: cohorts start five weeks apart over the past ten months, days five weeks apart."""
    return [
        [_weekday(today - datetime.timedelta(days=300 - 35 * c - 35 * d)) for d in range(days)]
        for c, days in enumerate(DAYS)
    ]


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    rng = random.Random(2026)
    now = min(today, timezone.localdate())
    orgs = {o.name: o for o in Organisation.objects.filter(partnership=partnership)}
    known = {p.name: p for p in Person.objects.filter(partnership=partnership, name__in=(LEAD, FACILITATOR))}
    schedule = _schedule(today)
    first, last = schedule[0][0], max(days[-1] for days in schedule)
    programme = Programme.objects.create(
        partnership=partnership,
        title=PROGRAMME,
        description=(
            "A year-long programme for middle and senior leaders from across the partnership: eight cohorts "
            "of 25 people from the councils, the NHS, housing and the voluntary sector, each meeting for "
            "development days on leading across organisational boundaries."
        ),
        lead=known.get(LEAD),
        starts_on=first,
        ends_on=last,
    )
    programme.outcomes.set(SharedOutcome.objects.filter(partnership=partnership, title__in=OUTCOMES))
    actor = get_user_model().objects.filter(username=SECRETARY).first()
    audit_record(actor=actor, partnership=partnership, verb="created", instance=programme)
    people = Person.objects.bulk_create(
        [
            Person(partnership=partnership, name=name, role_title=role, organisation=orgs.get(org))
            for name, role, org in PARTICIPANTS
        ]
    )
    cohorts = Cohort.objects.bulk_create(
        [Cohort(partnership=partnership, programme=programme, name=f"Cohort {c + 1}") for c in range(COHORTS)]
    )
    enrolments: list[Enrolment] = []
    sessions: list[tuple[int, int, Session]] = []
    for c, cohort in enumerate(cohorts):
        members = people[c * COHORT_SIZE : (c + 1) * COHORT_SIZE]
        enrolments += [
            Enrolment(partnership=partnership, cohort=cohort, person=p, enrolled_on=schedule[c][0])
            for p in members
        ]
        for d, day in enumerate(schedule[c]):
            session = Session(
                partnership=partnership,
                cohort=cohort,
                title=DAY_TITLES[d],
                kind=SessionKind.DEVELOPMENT_DAY,
                date=day,
                starts_at=datetime.time(9, 30),
                ends_at=datetime.time(16, 30),
                place=PLACES[(c + d) % len(PLACES)],
                facilitator=known.get(FACILITATOR),
            )
            sessions.append((c, d, session))
    Enrolment.objects.bulk_create(enrolments)
    Session.objects.bulk_create([s for _, _, s in sessions])
    records: list[AttendanceRecord] = []
    for c, d, session in sessions:
        if session.date > now or (c, d) in UNRECORDED:
            continue
        for person in people[c * COHORT_SIZE : (c + 1) * COHORT_SIZE]:
            roll = rng.random()
            if roll < 0.02:
                continue  # this one's mark was never written down
            status = (
                AttendanceStatus.ATTENDED
                if roll < 0.86
                else AttendanceStatus.APOLOGIES
                if roll < 0.96
                else AttendanceStatus.ABSENT
            )
            records.append(
                AttendanceRecord(partnership=partnership, session=session, person=person, status=status)
            )
    AttendanceRecord.objects.bulk_create(records)
    counts = Counter(
        {
            "programmes": 1,
            "cohorts": len(cohorts),
            "participants": len(people),
            "sessions": len(sessions),
            "attendance records": len(records),
        }
    )
    return counts + _pilot(partnership, people[-PILOT_SIZE:], known.get(FACILITATOR), rng, today, now)


def _pilot(
    partnership: Partnership,
    people: list[Person],
    facilitator: Person | None,
    rng: random.Random,
    today: datetime.date,
    now: datetime.date,
) -> Counter[str]:
    """The pilot the year before: one cohort that ended about eleven months ago, so its then-and-now and both
    follow-ups have been answered and their forms have closed (the feedback demo fills them)."""
    days = [_weekday(today - datetime.timedelta(days=470 - 28 * d)) for d in range(len(PILOT_DAYS))]
    programme = Programme.objects.create(
        partnership=partnership,
        title=PILOT,
        description=(
            "The one-cohort pilot of the leadership programme: five development days for leaders from the "
            "councils, the trust and the voluntary sector, run before the full programme was commissioned."
        ),
        lead=Person.objects.filter(partnership=partnership, name=LEAD).first(),
        starts_on=days[0],
        ends_on=days[-1],
    )
    programme.outcomes.set(SharedOutcome.objects.filter(partnership=partnership, title__in=OUTCOMES[1:]))
    cohort = Cohort.objects.create(partnership=partnership, programme=programme, name="Pilot cohort")
    Enrolment.objects.bulk_create(
        Enrolment(partnership=partnership, cohort=cohort, person=p, enrolled_on=days[0]) for p in people
    )
    sessions = Session.objects.bulk_create(
        Session(
            partnership=partnership,
            cohort=cohort,
            title=title,
            kind=SessionKind.DEVELOPMENT_DAY,
            date=day,
            starts_at=datetime.time(9, 30),
            ends_at=datetime.time(16, 0),
            place=PLACES[d % len(PLACES)],
            facilitator=facilitator,
        )
        for d, (day, title) in enumerate(zip(days, PILOT_DAYS, strict=True))
    )
    records = [
        AttendanceRecord(
            partnership=partnership,
            session=session,
            person=person,
            status=AttendanceStatus.ATTENDED if rng.random() < 0.88 else AttendanceStatus.APOLOGIES,
        )
        for session in sessions
        if session.date <= now
        for person in people
    ]
    AttendanceRecord.objects.bulk_create(records)
    return Counter(
        {"programmes": 1, "cohorts": 1, "sessions": len(sessions), "attendance records": len(records)}
    )


def remove(*, slugs: list[str]) -> None:
    """Nothing here RESTRICTs a governance record: the partnership's cascade removes it all."""
