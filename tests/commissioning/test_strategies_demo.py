"""The demo's strategies: seventeen, over every phase and two iterations, their gates decided by named
bodies at past meetings, with conditions in the action log (some done, some open, one overdue)."""

from __future__ import annotations

import datetime

import pytest

from traction.commissioning.demo.strategies import TITLES
from traction.commissioning.models import Decision, Gate, GateStatus, Phase, Strategy
from traction.governance.demo import load_demo
from traction.governance.models import Action, ActionStatus

TODAY = datetime.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


def test_the_demo_strategies_cover_every_phase_and_two_iterations() -> None:
    load_demo(today=TODAY)
    strategies = Strategy.objects.filter(partnership__slug="riverside")
    assert sorted(strategies.values_list("title", flat=True)) == sorted(TITLES)
    assert len(TITLES) == 17
    assert set(strategies.values_list("phase", flat=True)) == set(Phase.values)
    assert strategies.filter(iteration=2).count() >= 3
    assert strategies.filter(stopped_on__isnull=False).count() == 1

    decided = Gate.objects.filter(partnership__slug="riverside", status=GateStatus.DECIDED)
    assert decided.filter(meeting__start__date__lt=TODAY).count() == decided.count() > 30
    assert all(g.meeting.body_id == g.body_id and g.decided_item.meeting_id == g.meeting_id for g in decided)
    assert {Decision.PROCEED, Decision.CONDITIONS, Decision.HOLD, Decision.STOP} <= set(
        decided.values_list("decision", flat=True)
    )
    assert len(set(decided.values_list("confidence", flat=True))) >= 4

    conditions = Action.objects.filter(source_model="commissioning.gate", partnership__slug="riverside")
    assert conditions.filter(status=ActionStatus.DONE).exists()
    assert conditions.filter(status=ActionStatus.OPEN, due_date__gte=TODAY).exists()
    assert conditions.filter(status=ActionStatus.OPEN, due_date__lt=TODAY).count() == 1
    assert not conditions.filter(lead__isnull=True).exists()


def test_reloading_the_demo_replaces_the_strategies() -> None:
    load_demo(today=TODAY)
    load_demo(reset=True, today=TODAY)
    assert Strategy.objects.filter(partnership__slug="riverside").count() == 17
