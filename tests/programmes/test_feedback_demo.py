"""The demo feedback, loaded on a programme this test builds with the demo's title: varied answers per past
session with one below k, five objectives rated then and now, 3- and 6-month follow-ups, some comments
released; participation rows by person, one per response; nothing without the programme; removal runs."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from factories import make_member, make_partnership, make_person
from programmes import kit_feedback as kit
from traction.core.models import Role
from traction.programmes.demo import feedback as demo
from traction.programmes.models.feedback import FeedbackParticipation, FeedbackResponse, Stage
from traction.programmes.models.programmes import Programme
from traction.programmes.selectors.feedback import report_for

TODAY = datetime.date(2026, 3, 2)
DAY = datetime.timedelta(days=1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def riverside() -> Programme:
    partnership = make_partnership(name="Riverside Health and Care Partnership", slug="riverside")
    make_member(partnership, Role.FACILITATOR, username="facilitator")
    programme = kit.make_programme(
        partnership, title=demo.TITLE, k=5, starts_on=TODAY - 330 * DAY, ends_on=TODAY - 200 * DAY
    )
    cohort = kit.make_cohort(programme)
    kit.enrol(cohort, [make_person(partnership, name=f"Participant {n}") for n in range(12)])
    for n in range(6):
        kit.make_session(cohort, TODAY - (320 - 24 * n) * DAY)
    kit.make_session(cohort, TODAY + 30 * DAY, title="Reunion day")  # still to come: no feedback
    return programme


def test_the_demo_feedback(riverside: Programme) -> None:
    counts = demo.load(partnership=riverside.partnership, today=TODAY)
    assert counts["learning objectives"] == 5 and counts["feedback comments released"] > 0
    per_session = Counter(
        FeedbackResponse.objects.filter(stage=Stage.SESSION).values_list("session__title", flat=True)
    )
    assert len(set(per_session.values())) > 2 and min(per_session.values()) < riverside.k
    assert "Reunion day" not in per_session
    for stage in Stage:
        assert (
            FeedbackResponse.objects.filter(stage=stage).count()
            == (FeedbackParticipation.objects.filter(stage=stage).count())
            > 0
        )
    report = report_for(user=_facilitator(riverside), partnership=riverside.partnership, programme=riverside)
    assert [r.summary.shown for r in report.reaction].count(
        False
    ) == 2  # the session below k, and the reunion
    assert all(lesson.summary.change and lesson.summary.change > 0 for lesson in report.learning)
    assert all(b.responses for b in report.behaviour)
    assert any(r.summary.comments for r in report.reaction) or any(b.comments for b in report.behaviour)


def test_no_programme_no_feedback() -> None:
    partnership = make_partnership(name="Elsewhere", slug="elsewhere")
    assert demo.load(partnership=partnership, today=TODAY) == Counter()
    assert not FeedbackResponse.objects.exists()


def test_removal_lets_the_partnership_go(riverside: Programme) -> None:
    demo.load(partnership=riverside.partnership, today=TODAY)
    demo.remove(slugs=["riverside"])
    riverside.partnership.delete()
    assert not FeedbackResponse.objects.exists() and not FeedbackParticipation.objects.exists()


def _facilitator(programme: Programme) -> object:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="facilitator")
