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
