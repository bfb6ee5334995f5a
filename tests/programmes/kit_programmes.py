"""Programme records for tests: a programme with a cohort, a past and a future session, one person enrolled
with a mark. Factories write straight to the ORM (no permission, no audit); ``world_*`` return the same
record for a world every time, ``fresh_*`` make a new one."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

from factories import World, make_person
from traction.programmes.models.programmes import (
    AttendanceRecord,
    Cohort,
    Enrolment,
    Programme,
    Session,
)

WORLD_PROGRAMME = "Leading together"
DAY = datetime.timedelta(days=1)
_n = itertools.count(1)


def make_programme(partnership: Any, **kw: Any) -> Programme:
    kw.setdefault("title", f"Programme {next(_n)}")
    return Programme.objects.create(partnership=partnership, **kw)


def make_cohort(programme: Programme, **kw: Any) -> Cohort:
    kw.setdefault("name", f"Cohort {next(_n)}")
    return Cohort.objects.create(partnership=programme.partnership, programme=programme, **kw)


def make_session(cohort: Cohort, **kw: Any) -> Session:
    kw.setdefault("title", "Development day")
    kw.setdefault("date", timezone.localdate() - 7 * DAY)
    return Session.objects.create(partnership=cohort.partnership, cohort=cohort, **kw)


def enrol(cohort: Cohort, person: Any) -> Enrolment:
    return Enrolment.objects.create(partnership=cohort.partnership, cohort=cohort, person=person)


def mark(session: Session, person: Any, status: str) -> AttendanceRecord:
    return AttendanceRecord.objects.create(
        partnership=session.partnership, session=session, person=person, status=status
    )


def world_programme(w: World) -> Programme:
    found = Programme.objects.filter(partnership=w.partnership, title=WORLD_PROGRAMME).first()
    if found:
        return found
    programme = make_programme(w.partnership, title=WORLD_PROGRAMME, lead=w.person)
    cohort = make_cohort(programme, name="Cohort A")
    enrol(cohort, w.person)
    past = make_session(
        cohort,
        title="Day 1: Leading across boundaries",
        starts_at=datetime.time(9, 30),
        ends_at=datetime.time(16, 0),
        place="Civic Centre",
    )
    make_session(cohort, title="Day 2: Working with residents", date=timezone.localdate() + 14 * DAY)
    mark(past, w.person, "attended")
    return programme


def world_cohort(w: World) -> Cohort:
    return Cohort.objects.get(programme=world_programme(w), name="Cohort A")


def world_session(w: World) -> Session:
    return Session.objects.filter(cohort=world_cohort(w)).order_by("date").first()  # type: ignore[return-value]


def fresh_programme(w: World) -> Programme:
    return make_programme(w.partnership)


def fresh_cohort(w: World) -> Cohort:
    return make_cohort(world_programme(w))


def fresh_session(w: World) -> Session:
    return make_session(world_cohort(w))


def fresh_enrolment(w: World) -> Enrolment:
    return enrol(world_cohort(w), make_person(w.partnership))
