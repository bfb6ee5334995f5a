"""The demo's future-scenario event: about two months ago, 64 people of six groups at 8 tables of 8 that keep
the mixing rule, the five-stage agenda, common ground with one draft principle, and a decision and seven
actions with owners in the log (some done within 30 days, some open, one overdue)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from traction.governance.demo import load_demo
from traction.governance.models import Action, AgendaItem
from traction.programmes.models.events import DEFAULT_STAGES, Event, InvitationStatus
from traction.programmes.selectors import events as selectors

TODAY = datetime.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture
def event() -> Event:
    load_demo(today=TODAY)
    return Event.objects.get(partnership__slug="riverside")


def test_the_demo_event_seats_64_people_at_eight_tables_and_its_outputs_are_in_the_log(
    event: Event, client: Any
) -> None:
    assert 55 <= (TODAY - event.date).days <= 65
    assert event.groups.count() == 6
    assert event.invitations.filter(status=InvitationStatus.ATTENDED).count() == 64
    assert event.invitations.filter(status=InvitationStatus.DECLINED).exists()
    tables, unseated = selectors.seated_tables(event)
    assert [len(t.guests) for t in tables] == [8] * 8 and not unseated
    assert not any(t.problem for t in tables)
    assert [s.title for s in event.stages.all()] == [title for title, _, _ in DEFAULT_STAGES]
    # one demo load for both halves: it is the slowest thing in these tests
    outputs_in_the_log(event)
    client.force_login(get_user_model().objects.get(username="secretary"))
    for name in ("event-detail", "event-tables", "event-check", "event-outputs"):
        url = reverse(f"programmes:{name}", kwargs={"slug": "riverside", "pk": event.pk})
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Breaks the rule" not in response.content.decode()


def outputs_in_the_log(event: Event) -> None:
    secretary = get_user_model().objects.get(username="secretary")
    statements = list(event.common_ground.all())
    assert 4 <= len(statements) <= 6
    assert sum(s.principle is not None for s in statements) == 1
    actions = list(selectors.event_actions(event, user=secretary))
    assert 6 <= len(actions) <= 8 and all(a.lead is not None for a in actions)
    assert all(a.completed_on is None or a.completed_on <= TODAY for a in actions)
    overdue = [a for a in actions if a.status == "open" and a.due_date and a.due_date < TODAY]
    assert len(overdue) == 1
    assert any(a.status == "open" and a.due_date and a.due_date >= TODAY for a in actions)
    decisions = AgendaItem.objects.filter(source_model="programmes.event", source_pk=str(event.pk))
    assert decisions.count() == 1 and all(d.topic for d in decisions)
    at30 = selectors.action_standings(event, user=secretary)[0]
    assert at30.reached and at30.done >= 2 and at30.open >= 1
    assert Action.objects.filter(pk__in=[a.pk for a in actions], body=event.body).count() == len(actions)
