"""The demo health check in Riverside: two runs of twelve answers, the first closed with its flagged sections
followed up (an action in the Executive's log, recorded for the run, and a reason), the second showing the
change since; reloading the demo replaces them cleanly."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from traction.direction.demo.health import TRUST_ACTION
from traction.direction.models import HealthCheckRun, HealthStatement, RunStatus
from traction.direction.selectors import health as selectors
from traction.governance.demo import load_demo
from traction.governance.models import Action

TODAY = timezone.localdate()
pytestmark = pytest.mark.django_db


def _runs() -> tuple[HealthCheckRun, HealthCheckRun]:
    spring, autumn = HealthCheckRun.objects.filter(partnership__slug="riverside").order_by("created_at", "pk")
    return spring, autumn


def test_the_demo_has_two_runs_of_twelve_and_the_second_shows_the_change() -> None:
    load_demo(today=TODAY)
    assert HealthStatement.objects.filter(partnership__slug="riverside").count() >= 18
    spring, autumn = _runs()
    assert spring.responses.count() == autumn.responses.count() == 12
    assert spring.status == RunStatus.CLOSED and autumn.status == RunStatus.OPEN
    assert {f.section for f in spring.follow_ups.all()} == {"trust", "arrangements"}
    action = Action.objects.get(text=TRUST_ACTION)
    assert (action.source_model, action.source_pk) == ("direction.healthcheckrun", str(spring.pk))
    results = selectors.results_for(run=autumn, today=TODAY)
    assert results.previous == spring
    trust = next(r for r in results.rows if r.section == "trust")
    assert (trust.before, trust.result.median) == (2.0, 3.0)
    assert selectors.pending_sections(autumn) == ["learning"]

    client = Client()
    client.force_login(get_user_model().objects.get(username="facilitator"))
    page = client.get(reverse("direction:healthrun-results", kwargs={"slug": "riverside", "pk": autumn.pk}))
    assert "2.0 → 3.0" in page.content.decode()


def test_reset_replaces_the_runs() -> None:
    load_demo(today=TODAY)
    first, _ = _runs()
    load_demo(reset=True, today=TODAY + datetime.timedelta(days=1))
    again, _ = _runs()
    assert again.pk != first.pk and HealthCheckRun.objects.count() == 2
