"""The demo's stakeholder map: forty stakeholders of the merger, each assessed at four dates, movers (one
towards resistant last month, which the partnership overview raises), engagements with their next steps."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from traction.core.models import Partnership
from traction.governance.demo import load_demo
from traction.governance.models import Action
from traction.stakeholders.demo.stakeholders import STAKEHOLDERS
from traction.stakeholders.findings import partnership_findings
from traction.stakeholders.models.stakeholders import Assessment, Engagement, Stakeholder
from traction.stakeholders.selectors.stakeholders import points
from traction_analysis.stakeholders import grid as pure

TODAY = datetime.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


def test_the_demo_map() -> None:
    """One load of the demo, every promise checked on it (the load is the slow part)."""
    load_demo(today=TODAY)
    riverside = Partnership.objects.get(slug="riverside")
    _forty_stakeholders_each_assessed_at_four_dates(riverside)
    _at_least_six_move_some_towards_supportive_and_one_towards_resistant(riverside)
    _engagements_have_next_steps_in_the_action_log(riverside)
    _the_recent_move_towards_resistant_is_a_finding(riverside)
    _the_map_replays_from_the_first_date_to_the_last(riverside)


def _forty_stakeholders_each_assessed_at_four_dates(riverside: Partnership) -> None:
    stakeholders = Stakeholder.objects.filter(partnership=riverside)
    assert stakeholders.count() == len(STAKEHOLDERS) == 40
    assert sorted(stakeholders.values_list("name", flat=True)) == sorted(n for n, _, _ in STAKEHOLDERS)
    assessments = Assessment.objects.filter(partnership=riverside)
    assert assessments.values("assessed_on").distinct().count() == 4
    assert all(s.assessments.count() == 4 for s in stakeholders)
    assert not assessments.filter(assessed_on__gt=TODAY).exists()
    assert {"organisation", "group", "person"} == set(stakeholders.values_list("kind", flat=True))
    assert stakeholders.filter(person__isnull=False).count() >= 3
    assert stakeholders.filter(organisation__isnull=False).count() >= 7


def _at_least_six_move_some_towards_supportive_and_one_towards_resistant(riverside: Partnership) -> None:
    secretary = get_user_model().objects.get(username="secretary")
    rows = points(user=secretary, partnership=riverside)
    movers = {s for s in {p.stakeholder for p in rows} if len({p.stance for p in pure.trail(rows, s)}) > 1}
    assert len(movers) >= 6
    towards_support = [
        s
        for s in movers
        if pure.trail(rows, s)[-1].stance in {"supportive", "leading"}
        and pure.trail(rows, s)[0].stance not in {"supportive", "leading"}
    ]
    assert len(towards_support) >= 3
    assert pure.moves_towards_resistant(rows)
    assert pure.gaps(rows, TODAY)


def _engagements_have_next_steps_in_the_action_log(riverside: Partnership) -> None:
    engagements = Engagement.objects.filter(partnership=riverside)
    assert engagements.count() >= 5
    assert engagements.filter(next_step__isnull=False).count() >= 4
    assert not engagements.filter(held_on__gt=TODAY).exists()
    steps = Action.objects.filter(partnership=riverside, source_model="stakeholders.engagement")
    assert steps.count() == engagements.filter(next_step__isnull=False).count()
    assert Action.objects.filter(partnership=riverside, source_model="stakeholders.stakeholder").exists()


def _the_recent_move_towards_resistant_is_a_finding(riverside: Partnership) -> None:
    secretary = get_user_model().objects.get(username="secretary")
    found = partnership_findings(user=secretary, partnership=riverside, today=TODAY)
    assert [f.headline for f in found] == ["Westbridge Borough Council has moved towards resistant"]
    westbridge = Stakeholder.objects.get(partnership=riverside, name="Westbridge Borough Council")
    assert found[0].url.endswith(f"/stakeholders/list/{westbridge.pk}/")


def _the_map_replays_from_the_first_date_to_the_last(riverside: Partnership) -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username="viewer"))
    url = reverse("stakeholders:stakeholder-map", kwargs={"slug": riverside.slug})
    days = sorted(set(Assessment.objects.filter(partnership=riverside).values_list("assessed_on", flat=True)))
    day: datetime.date | None = days[0]
    seen = []
    while day is not None:
        response = client.get(url, {"on": day.isoformat()})
        assert response.status_code == 200
        assert len(response.context["rows"]) == 40
        seen.append(day)
        day = response.context["next_date"]
    assert seen == days
    before = client.get(url, {"on": (days[0] - datetime.timedelta(days=1)).isoformat()})
    assert before.context["rows"] == [] and before.context["next_date"] == days[0]
