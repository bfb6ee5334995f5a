"""The dashboard's "Open for you to take part" panel: the open agreement rounds, relationship surveys, trust
pulses, health checks, priorities exercises and programme feedback forms a user may answer and has not yet,
with a link to take part; nothing closed, nothing for a role that may not take part, nothing of another
partnership."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from direction import kit_health, kit_pulse
from factories import World
from programmes import kit_feedback
from stakeholders import kit_network, kit_options
from traction.core.models import Role
from traction.direction.models import HealthParticipation, PulseParticipation, RunStatus, WaveStatus
from traction.programmes.services import feedback as feedback_services
from traction.stakeholders.models.network import SurveyStatus
from traction.stakeholders.models.options import ExerciseStatus
from traction.stakeholders.services import options as options_services
from traction.workshop.models import Position, RoundStatus
from workshop import kit as workshop_kit

pytestmark = pytest.mark.django_db

PANEL = "Open for you to take part"


def _dashboard(client: Client, world: World) -> str:
    response = client.get(reverse("governance:dashboard", kwargs={"slug": world.partnership.slug}))
    assert response.status_code == 200
    return response.content.decode()


def _url(name: str, record: Any) -> str:
    return reverse(name, kwargs={"slug": record.partnership.slug, "pk": record.pk})


def test_a_member_is_invited_to_an_open_round_until_they_take_their_position(
    client_for: Callable[[str], Client], world_a: World, member: Any
) -> None:
    round_ = workshop_kit.make_round(world_a, RoundStatus.OPEN, title="Adopt the shared picture")
    page = _dashboard(client_for(Role.MEMBER), world_a)
    assert PANEL in page
    assert "Agreement round:</span> Adopt the shared picture (round 1)" in page
    assert f'href="{_url("workshop:position-take", round_)}"' in page

    Position.objects.create(partnership=world_a.partnership, round=round_, voter=member, value="1")
    assert PANEL not in _dashboard(client_for(Role.MEMBER), world_a)


@pytest.mark.parametrize("status", [RoundStatus.DRAFT, RoundStatus.REVEALED, RoundStatus.CLOSED])
def test_a_round_that_is_not_open_is_not_shown(
    client_for: Callable[[str], Client], world_a: World, users: dict[str, Any], status: str
) -> None:
    round_ = workshop_kit.make_round(world_a, status, title="Adopt the shared picture")
    page = _dashboard(client_for(Role.MEMBER), world_a)
    assert PANEL not in page
    assert _url("workshop:position-take", round_) not in page


@pytest.mark.parametrize(
    ("role", "invited"),
    [(Role.MEMBER, True), (Role.SECRETARY, True), (Role.VIEWER, False), (Role.FACILITATOR, False)],
)
def test_only_roles_that_may_take_a_position_are_invited(
    client_for: Callable[[str], Client], world_a: World, users: dict[str, Any], role: str, invited: bool
) -> None:
    round_ = workshop_kit.make_round(world_a, RoundStatus.OPEN)
    page = _dashboard(client_for(role), world_a)
    assert (_url("workshop:position-take", round_) in page) is invited


def test_another_partnerships_open_round_is_not_shown(
    client_for: Callable[[str], Client], world_a: World, world_b: World, users: dict[str, Any]
) -> None:
    theirs = workshop_kit.make_round(world_b, RoundStatus.OPEN, title="Southshire's own proposal")
    page = _dashboard(client_for(Role.MEMBER), world_a)
    assert PANEL not in page
    assert "Southshire's own proposal" not in page and _url("workshop:position-take", theirs) not in page
    # and its members, who are invited on their own dashboard, find no dashboard of partnership A at all
    outsider = client_for("outsider")
    assert _url("workshop:position-take", theirs) in _dashboard(outsider, world_b)
    slug_a = world_a.partnership.slug
    assert outsider.get(reverse("governance:dashboard", kwargs={"slug": slug_a})).status_code == 404


def test_a_survey_invites_the_people_in_it_until_they_answer(
    client_for: Callable[[str], Client], world_a: World, users: dict[str, Any]
) -> None:
    me = kit_network.person_of(users[Role.MEMBER], world_a.partnership)
    survey = kit_network.make_survey(world_a.partnership, [me, world_a.person], title="Who works with whom")
    closed = kit_network.make_survey(world_a.partnership, [me, world_a.person], SurveyStatus.CLOSED)
    page = _dashboard(client_for(Role.MEMBER), world_a)
    assert "Relationship survey:</span> Who works with whom" in page
    assert f'href="{_url("stakeholders:network-survey-answer", survey)}"' in page
    assert _url("stakeholders:network-survey-answer", closed) not in page
    # a secretary who is not one of the survey's people is not invited
    assert _url("stakeholders:network-survey-answer", survey) not in _dashboard(
        client_for(Role.SECRETARY), world_a
    )

    kit_network.rate(survey, me, world_a.person)
    assert PANEL not in _dashboard(client_for(Role.MEMBER), world_a)


def test_an_open_pulse_invites_until_answered_and_not_after_its_closing_day(
    client_for: Callable[[str], Client], world_a: World, member: Any
) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    wave = kit_pulse.make_wave(world_a.partnership, title="Autumn trust pulse")
    past = kit_pulse.make_wave(world_a.partnership, title="Lapsed pulse", closes_on=yesterday)
    shut = kit_pulse.make_wave(world_a.partnership, WaveStatus.CLOSED, title="Closed pulse")
    page = _dashboard(client_for(Role.MEMBER), world_a)
    assert f'href="{_url("direction:pulse-answer", wave)}"' in page
    assert "Lapsed pulse" not in page and "Closed pulse" not in page
    assert (
        _url("direction:pulse-answer", past) not in page and _url("direction:pulse-answer", shut) not in page
    )

    PulseParticipation.objects.create(partnership=world_a.partnership, wave=wave, user=member)
    assert PANEL not in _dashboard(client_for(Role.MEMBER), world_a)


def test_an_open_health_check_invites_until_answered(
    client_for: Callable[[str], Client], world_a: World, member: Any
) -> None:
    run = kit_health.make_run(world_a.partnership, title="Winter health check", status=RunStatus.OPEN)
    kit_health.make_run(world_a.partnership, title="Last year's check", status=RunStatus.CLOSED)
    page = _dashboard(client_for(Role.MEMBER), world_a)
    assert f'href="{_url("direction:healthrun-answer", run)}"' in page
    assert f"closes {run.closes_on:%-d %B %Y}" in page
    assert "Last year&#x27;s check" not in page and "Last year's check" not in page

    HealthParticipation.objects.create(partnership=world_a.partnership, run=run, user=member)
    assert PANEL not in _dashboard(client_for(Role.MEMBER), world_a)


def test_an_open_priorities_exercise_invites_until_answered(
    client_for: Callable[[str], Client], world_a: World, member: Any
) -> None:
    exercise = kit_options.make_exercise(world_a.partnership, ExerciseStatus.OPEN, title="What matters most")
    draft = kit_options.make_exercise(world_a.partnership, title="Not yet open")
    page = _dashboard(client_for(Role.MEMBER), world_a)
    assert "Priorities exercise:</span> What matters most" in page
    assert f'href="{_url("stakeholders:priorities-answer", exercise)}"' in page
    assert _url("stakeholders:priorities-answer", draft) not in page
    assert PANEL not in _dashboard(client_for(Role.VIEWER), world_a)  # a viewer takes no part

    ranks = {p.pk: n for n, p in enumerate(exercise.priorities.order_by("order"), start=1)}
    options_services.priorities_answer(actor=member, exercise=exercise, answers=ranks)
    assert PANEL not in _dashboard(client_for(Role.MEMBER), world_a)


def test_a_session_just_held_invites_its_cohort_to_give_feedback_until_they_do(
    client_for: Callable[[str], Client], world_a: World, member: Any, secretary: Any
) -> None:
    cohort = kit_feedback.make_cohort(
        kit_feedback.make_programme(world_a.partnership, title="Leading together")
    )
    session = kit_feedback.make_session(cohort, kit_feedback.today(), title="Systems day")
    kit_feedback.enrol(cohort, [kit_feedback.person_of(member, world_a.partnership)])
    page = _dashboard(client_for(Role.MEMBER), world_a)
    assert "Programme feedback:</span> Feedback on" in page and "Systems day" in page
    assert f'href="{_url("programmes:feedback-session", session)}"' in page
    assert _url("programmes:feedback-session", session) not in _dashboard(client_for(Role.SECRETARY), world_a)

    feedback_services.session_feedback_give(
        actor=member,
        session=session,
        answers={"satisfaction": 4, "engagement": 4, "relevance": 4, "comment": ""},
    )
    after = _dashboard(client_for(Role.MEMBER), world_a)
    assert _url("programmes:feedback-session", session) not in after
    # its only session held, the programme has ended: the then-and-now form is open to the cohort now
    assert f'href="{_url("programmes:feedback-then-and-now", cohort.programme)}"' in after
