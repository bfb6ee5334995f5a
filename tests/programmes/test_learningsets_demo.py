"""The demo's action learning sets: two sets of 6 and 7 members, a facilitator each, three or four meetings
each with commitments in the action log (some done, some open), notes by members; the demo user "member"
reads the first set's notes only and the "admin" user none."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from traction.core import policy
from traction.governance.demo import load_demo
from traction.governance.models import Action, ActionStatus
from traction.programmes.models.learningsets import LearningSet, SetNote, SetRole

TODAY = datetime.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


def test_the_demo_has_two_working_sets_and_their_notes_are_confined() -> None:
    load_demo(today=TODAY)
    sets = list(LearningSet.objects.filter(partnership__slug="riverside").order_by("name"))
    assert [s.memberships.filter(role=SetRole.MEMBER).count() for s in sets] == [6, 7]
    assert all(s.memberships.filter(role=SetRole.FACILITATOR, person=s.facilitator).exists() for s in sets)
    assert [s.meetings.count() for s in sets] == [4, 3]
    for learning_set in sets:
        assert all(m.date < TODAY for m in learning_set.meetings.all())
        actions = Action.objects.filter(set_meetings__learning_set=learning_set)
        assert {a.status for a in actions} == {ActionStatus.DONE, ActionStatus.OPEN}
        members = set(learning_set.memberships.values_list("person", flat=True))
        assert all(a.lead_id in members and a.source_pk == str(learning_set.pk) for a in actions)
        assert not actions.filter(completed_on__gt=min(TODAY, timezone.localdate())).exists()
        assert learning_set.notes.exists()
    users = {u.username: u for u in get_user_model().objects.all()}
    riverside = sets[0].partnership

    def readable(username: str) -> set[int]:
        notes = policy.permitted(user=users[username], partnership=riverside, action="view", model=SetNote)
        return set(notes.values_list("learning_set", flat=True))

    assert readable("member") == {sets[0].pk} and readable("facilitator") == {sets[0].pk}
    assert readable("admin") == set() and readable("viewer") == set()
