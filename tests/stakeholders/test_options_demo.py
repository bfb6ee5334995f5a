"""The demo's change options and priorities exercise: three rival options for the merger with sponsors
among the stakeholders, ten key stakeholders' positions at two or three dates, and a closed exercise with
fourteen anonymous rankings whose agreed list is recorded as principles agreed by a decided item."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from traction.direction.models import Principle, Status
from traction.governance.demo import load_demo
from traction.governance.models import Outcome
from traction.stakeholders.models.options import (
    ChangeOption,
    ExerciseStatus,
    OptionPosition,
    PrioritiesExercise,
    PrioritiesParticipation,
)
from traction.stakeholders.selectors.options import comparison_for, exercise_results

TODAY = datetime.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


def _three_rival_options_with_positions_over_time() -> None:
    options = ChangeOption.objects.filter(partnership__slug="riverside")
    assert {o.title for o in options} == {
        "One unitary council for the whole county",
        "Two unitary councils, north and south",
        "Unitary council with strong locality boards",
    }
    assert all(o.sponsor is not None for o in options)
    positions = OptionPosition.objects.filter(partnership__slug="riverside")
    assert positions.values("stakeholder").distinct().count() == 10
    dates = positions.values("stakeholder", "option").annotate(n=Count("stated_on", distinct=True))
    assert {row["n"] for row in dates} <= {2, 3} and any(row["n"] == 3 for row in dates)
    assert all(p.stated_on <= TODAY for p in positions)
    member = get_user_model().objects.get(username="member")
    compared = comparison_for(user=member, partnership=options[0].partnership)
    assert len(compared.rows) == 10 and len(compared.options) == 3
    assert all(sum(c.values()) == 10 for c in compared.counts)


def _the_closed_exercise_has_its_agreed_list_as_principles() -> None:
    exercise = PrioritiesExercise.objects.get(partnership__slug="riverside")
    assert exercise.status == ExerciseStatus.AGREED and exercise.k == 5
    assert exercise.priorities.count() == 8 and exercise.responses.count() >= 12
    assert not PrioritiesParticipation.objects.filter(exercise=exercise).exists()
    results = exercise_results(exercise)
    assert results is not None and results.responses == exercise.responses.count()
    principles = list(exercise.principles.order_by("order"))
    assert [p.title for p in principles] == [priority.title for priority, _ in results.rows[:5]]
    item = exercise.agreed_item
    assert item is not None and item.outcome == Outcome.DECIDED and item.topic
    assert item.source_model == "stakeholders.prioritiesexercise" and item.source_pk == str(exercise.pk)
    assert all(p.status == Status.AGREED and p.agreed_item_id == item.pk for p in principles)
    assert item.meeting.start.date() <= TODAY

    client = Client()
    client.force_login(get_user_model().objects.get(username="member"))
    url = reverse("stakeholders:priorities-results", kwargs={"slug": "riverside", "pk": exercise.pk})
    page = client.get(url).content.decode()
    assert "Borda" in page and principles[0].title in page


def test_the_demo_options_and_exercise_survive_a_reload() -> None:
    """One test, so the demo is loaded only twice: checked once loaded, then reloaded from scratch."""
    load_demo(today=TODAY)
    _three_rival_options_with_positions_over_time()
    _the_closed_exercise_has_its_agreed_list_as_principles()
    load_demo(reset=True, today=TODAY)
    assert ChangeOption.objects.filter(partnership__slug="riverside").count() == 3
    assert PrioritiesExercise.objects.filter(partnership__slug="riverside").count() == 1
    assert Principle.objects.filter(
        partnership__slug="riverside", title="Value for money for council-tax payers"
    )
