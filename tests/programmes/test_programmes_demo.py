"""The demo's leadership programme: 200 participants of the record in 8 cohorts of 25, 30 development days,
past days with realistic registers (a few never taken), future days with none."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count

from traction.governance.demo import load_demo
from traction.governance.models import Person
from traction.programmes.demo import programmes as demo
from traction.programmes.models.programmes import AttendanceRecord, Cohort, Programme, Session
from traction.programmes.selectors import programmes as selectors

TODAY = datetime.date(2026, 3, 18)
pytestmark = pytest.mark.django_db


def test_the_demo_programme() -> None:
    load_demo(today=TODAY)
    programme = Programme.objects.get(partnership__slug="riverside", title=demo.PROGRAMME)
    assert programme.lead is not None
    assert set(programme.outcomes.values_list("title", flat=True)) <= set(demo.OUTCOMES)
    cohorts = Cohort.objects.filter(programme=programme).annotate(n=Count("enrolments"))
    assert [c.n for c in cohorts] == [25] * 8
    people = Person.objects.filter(enrolments__cohort__programme=programme).distinct()
    assert people.count() == 200 == len(demo.PARTICIPANTS)
    assert set(people.values_list("name", flat=True)) == {name for name, _, _ in demo.PARTICIPANTS}
    assert not people.filter(user__isnull=False).exists()
    assert people.filter(organisation__isnull=True).count() == 0
    sessions = Session.objects.filter(cohort__programme=programme)
    assert sessions.count() == 30
    assert sessions.filter(date__lt=TODAY - datetime.timedelta(days=270)).exists()
    future = sessions.filter(date__gt=TODAY)
    assert 1 <= future.count() <= 2
    assert not AttendanceRecord.objects.filter(session__in=future).exists()
    statuses = Counter(
        AttendanceRecord.objects.filter(session__cohort__programme=programme).values_list("status", flat=True)
    )
    assert statuses["attended"] > 5 * statuses["apologies"] > 0 and statuses["absent"] > 0
    page = selectors.programme_page(
        user=get_user_model().objects.get(username="secretary"), programme=programme, today=TODAY
    )
    assert page.figures.enrolled == 200
    assert page.figures.not_recorded >= 50  # two registers never taken, and a few marks missing
    assert 0.8 < (page.figures.rate or 0) < 0.95


def test_the_demo_pilot_shows_what_people_now_do_differently() -> None:
    """The pilot ended long ago: its report publishes reaction, learning and both follow-ups with words a
    facilitator released; the running programme has session feedback only."""
    from traction.programmes.selectors.feedback import report_for

    load_demo(today=TODAY)
    pilot = Programme.objects.get(partnership__slug="riverside", title=demo.PILOT)
    assert Session.objects.filter(cohort__programme=pilot).count() == len(demo.PILOT_DAYS)
    assert pilot.ends_on is not None and (TODAY - pilot.ends_on).days > 270
    facilitator = get_user_model().objects.get(username="facilitator")
    report = report_for(user=facilitator, partnership=pilot.partnership, programme=pilot, today=TODAY)
    assert sum(r.summary.shown for r in report.reaction) >= 3
    assert report.learning_responses and all(lesson.summary.change for lesson in report.learning)
    assert all(b.responses for b in report.behaviour)
    assert any(b.comments for b in report.behaviour)
    running = Programme.objects.get(partnership__slug="riverside", title=demo.PROGRAMME)
    report = report_for(user=facilitator, partnership=running.partnership, programme=running, today=TODAY)
    assert report.learning_responses is None and not any(b.responses for b in report.behaviour)
