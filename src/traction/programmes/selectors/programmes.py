"""Reads of programmes, cohorts, sessions and attendance: a fixed number of queries whatever the rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.safestring import mark_safe

from traction.core import policy
from traction.core.models import Partnership
from traction.direction.models import SharedOutcome
from traction.governance.models import Person
from traction_analysis.programmes import attendance as pure

from ..models.programmes import AttendanceRecord, Cohort, Enrolment, Programme, Session

Records = dict[tuple[int, int], str]
CODES = {"attended": "A", "apologies": "Ap", "absent": "X", "": "–"}


def programmes_for(*, user: Any, partnership: Partnership) -> list[Programme]:
    return list(
        policy.permitted(user=user, partnership=partnership, action="view", model=Programme)
        .select_related("lead")
        .annotate(cohort_count=Count("cohorts", distinct=True), people_count=Count("cohorts__enrolments"))
    )


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    """This area's part of the app's home page (its template is ``programmes/_home_programmes.html``)."""
    if not policy.allowed(user=user, partnership=partnership, action="view", object_type="programme"):
        return {}
    today = timezone.localdate()
    programmes = programmes_for(user=user, partnership=partnership)
    upcoming = list(
        policy.permitted(user=user, partnership=partnership, action="view", model=Session)
        .filter(date__gte=today)
        .select_related("cohort__programme")
        .order_by("date", "starts_at")[:5]
    )
    return {"programmes_home": {"programmes": programmes, "upcoming": upcoming}}


def _records(sessions: list[Session]) -> Records:
    return {
        (s, p): status
        for s, p, status in AttendanceRecord.objects.filter(session__in=[s.pk for s in sessions]).values_list(
            "session_id", "person_id", "status"
        )
    }


@dataclass(frozen=True)
class CohortRow:
    cohort: Cohort
    figures: pure.Figures
    sessions: int


@dataclass(frozen=True)
class ProgrammePage:
    programme: Programme
    cohorts: list[CohortRow]
    sessions: list[Session]
    outcomes: list[Any]
    figures: pure.Figures
    today: datetime.date


def programme_page(*, user: Any, programme: Programme, today: datetime.date | None = None) -> ProgrammePage:
    today = today or timezone.localdate()
    cohorts = list(Cohort.objects.filter(programme=programme).order_by("name"))
    sessions = list(
        Session.objects.filter(cohort__programme=programme)
        .select_related("cohort", "facilitator")
        .order_by("date", "starts_at", "pk")
    )
    people: dict[int, list[int]] = {c.pk: [] for c in cohorts}
    for cohort_id, person_id in Enrolment.objects.filter(cohort__programme=programme).values_list(
        "cohort_id", "person_id"
    ):
        people[cohort_id].append(person_id)
    records = _records(sessions)
    rows = []
    for cohort in cohorts:
        own = [s.pk for s in sessions if s.cohort_id == cohort.pk]
        held = [s.pk for s in sessions if s.cohort_id == cohort.pk and s.date <= today]
        rows.append(
            CohortRow(cohort, pure.for_group(people=people[cohort.pk], held=held, records=records), len(own))
        )
    return ProgrammePage(
        programme=programme,
        cohorts=rows,
        sessions=sessions,
        outcomes=list(
            policy.permitted(
                user=user, partnership=programme.partnership, action="view", model=SharedOutcome
            ).filter(programmes=programme)
        ),
        figures=pure.total(r.figures for r in rows),
        today=today,
    )


def _grid(cells: list[str]) -> str:
    """A row's cells as table cells, written here: 6,000 of them through the template engine are slow."""
    return mark_safe("".join(f"<td>{CODES[c]}</td>" for c in cells))  # noqa: S308  (constant codes only)


@dataclass(frozen=True)
class RegisterRow:
    person: Person
    cells: list[str]  # the status at each session, "" when not recorded
    grid: str  # the cells as table cells (key: A, Ap, X, – for not recorded)
    figures: pure.Figures
    enrolment_id: int


@dataclass(frozen=True)
class Register:
    cohort: Cohort
    sessions: list[Session]
    held: set[int]
    rows: list[RegisterRow]
    session_rows: list[tuple[Session, pure.Figures]]
    figures: pure.Figures


def register(*, cohort: Cohort, today: datetime.date | None = None) -> Register:
    """The people × sessions grid of a cohort with each person's, each session's and the cohort's figures."""
    today = today or timezone.localdate()
    sessions = list(
        Session.objects.filter(cohort=cohort)
        .select_related("facilitator")
        .order_by("date", "starts_at", "pk")
    )
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort)
        .select_related("person__organisation")
        .order_by("person__name")
    )
    people = [e.person for e in enrolments]
    enrolment_of = {e.person_id: e.pk for e in enrolments}
    pks = [p.pk for p in people]
    held = [s.pk for s in sessions if s.date <= today]
    records = _records(sessions)
    per_person = pure.by_person(people=pks, held=held, records=records)
    per_session = pure.by_session(
        people=pks, sessions=[s.pk for s in sessions], held=set(held), records=records
    )
    rows = [
        RegisterRow(p, cells, _grid(cells), per_person[p.pk], enrolment_of[p.pk])
        for p in people
        for cells in [[records.get((s.pk, p.pk), "") for s in sessions]]
    ]
    return Register(
        cohort=cohort,
        sessions=sessions,
        held=set(held),
        rows=rows,
        session_rows=[(s, per_session[s.pk]) for s in sessions],
        figures=pure.for_group(people=pks, held=held, records=records),
    )


def session_register(*, session: Session) -> tuple[list[Person], dict[int, str]]:
    """The people enrolled in the session's cohort and their current marks."""
    people = [
        e.person
        for e in Enrolment.objects.filter(cohort=session.cohort_id)
        .select_related("person")
        .order_by("person__name")
    ]
    current = dict(AttendanceRecord.objects.filter(session=session).values_list("person_id", "status"))
    return people, current


def programme_sessions(*, programme: Programme) -> list[Session]:
    return list(
        Session.objects.filter(cohort__programme=programme)
        .select_related("cohort__programme", "facilitator")
        .order_by("date", "starts_at", "pk")
    )


def person_sessions(*, user: Any, partnership: Partnership, person: Person) -> list[Session]:
    """The sessions of every cohort ``person`` is enrolled in, of the programmes ``user`` may view."""
    return list(
        policy.permitted(user=user, partnership=partnership, action="view", model=Session)
        .filter(cohort__enrolments__person=person)
        .select_related("cohort__programme", "facilitator")
        .order_by("date", "starts_at", "pk")
    )
