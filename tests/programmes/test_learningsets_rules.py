"""Action learning sets through HTTP and the services: the size rule at every boundary, commitments that
become actions led by the member and linked back to the set, and bad input refused with nothing written."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from dbstate import assert_db_unchanged
from factories import World, make_partnership, make_person, make_world
from programmes import kit_learningsets as kit
from traction.core.models import Role
from traction.governance.models import Action
from traction.programmes.models.learningsets import LearningSet, SetMeeting, SetRole
from traction.programmes.services import learningsets as services
from traction_analysis.programmes.learningsets import next_meeting, size_verdict

pytestmark = pytest.mark.django_db


def u(w: World, name: str, **kw: Any) -> str:
    return reverse(f"programmes:{name}", kwargs={"slug": w.partnership.slug, **kw})


@pytest.mark.parametrize(
    ("n", "outcome"),
    [
        (2, "refused"),
        (3, "warn"),
        (4, "warn"),
        (5, "fine"),
        (8, "fine"),
        (9, "warn"),
        (10, "warn"),
        (11, "refused"),
    ],
)
def test_creating_a_set_follows_the_size_rule(client_for: Any, world_a: World, n: int, outcome: str) -> None:
    client = client_for(Role.FACILITATOR)
    data = {**kit.set_data(world_a), "members": kit.member_pks(world_a, n)}
    if outcome == "refused":
        with assert_db_unchanged():
            response = client.post(u(world_a, "set-create"), data)
        assert response.status_code == 200 and "Nothing was saved" in response.content.decode()
        return
    response = client.post(u(world_a, "set-create"), data, follow=True)
    learning_set = LearningSet.objects.get(name=data["name"])
    assert services.member_count(learning_set) == n
    assert learning_set.memberships.get(role=SetRole.FACILITATOR).person == world_a.other_person
    page = response.content.decode()
    assert ("sets work best with 5 to 8" in page) == (outcome == "warn")
    [message] = [str(m) for m in response.context["messages"]]  # the warning also comes after saving
    assert message.startswith("“Health and care leaders set” was created.")
    assert ("sets work best with 5 to 8" in message) == (outcome == "warn")


def test_adding_an_eleventh_and_removing_below_three_are_refused(client_for: Any, world_a: World) -> None:
    client = client_for(Role.FACILITATOR)
    p = world_a.partnership
    big = kit.make_set(
        p,
        name="Big",
        facilitator=make_person(p),
        members=[make_person(p) for _ in range(10)],
        body=world_a.body,
    )
    newcomer = make_person(p)
    with assert_db_unchanged():
        response = client.post(u(world_a, "set-member-add", pk=big.pk), {"person": newcomer.pk})
    assert "at most 10 members" in response.content.decode()
    small = kit.make_set(
        p,
        name="Small",
        facilitator=make_person(p),
        members=[make_person(p) for _ in range(3)],
        body=world_a.body,
    )
    leaving = small.memberships.filter(role=SetRole.MEMBER).first()
    with assert_db_unchanged():
        response = client.post(u(world_a, "set-member-remove", pk=leaving.pk))
    assert "at least 3 members" in response.content.decode()
    response = client.post(
        u(world_a, "set-member-add", pk=small.pk), {"person": make_person(p).pk}, follow=True
    )
    assert services.member_count(small) == 4 and "sets work best with 5 to 8" in response.content.decode()


@given(st.integers(min_value=0, max_value=40))
def test_the_size_verdict_has_one_answer_for_every_size(n: int) -> None:
    verdict = size_verdict(n)
    assert verdict.allowed == (3 <= n <= 10)
    assert bool(verdict.warning) == (n in {3, 4, 9, 10})


@given(
    st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2030, 1, 1)),
    st.integers(min_value=1, max_value=26),
    st.integers(min_value=0, max_value=400),
)
def test_the_next_meeting_is_on_the_cadence_and_not_in_the_past(
    last: datetime.date, weeks: int, days: int
) -> None:
    today = last + datetime.timedelta(days=days)
    upcoming = next_meeting(last=last, every_weeks=weeks, today=today)
    assert upcoming is not None and upcoming >= today and upcoming > last
    assert (upcoming - last).days % (7 * weeks) == 0
    assert (
        upcoming - datetime.timedelta(weeks=weeks) < today
        or upcoming - datetime.timedelta(weeks=weeks) == last
    )


def test_commitments_become_actions_led_by_the_member_linked_to_the_set(
    client_for: Any, world_a: World
) -> None:
    client = client_for(Role.FACILITATOR)
    learning_set = kit.world_set(world_a)
    data = kit.meeting_data(world_a)
    response = client.post(u(world_a, "set-meeting-create", pk=learning_set.pk), data)
    assert response.status_code == 302
    meeting = SetMeeting.objects.get(learning_set=learning_set, date=datetime.date(2025, 6, 17))
    actions = list(meeting.actions.order_by("pk"))
    assert [(a.lead_id, a.text, a.due_date) for a in actions] == [
        (data["owner_1"], data["text_1"], datetime.date(2025, 7, 29)),
        (data["owner_2"], data["text_2"], None),
    ]
    for action in actions:
        assert action.body == learning_set.body and action.source_model == "programmes.learningset"
        assert action.source_pk == str(learning_set.pk)
        assert action.source_url == u(world_a, "set-detail", pk=learning_set.pk)
    assert set(meeting.attended.values_list("pk", flat=True)) == set(data["attended"])
    page = client.get(u(world_a, "set-detail", pk=learning_set.pk)).content.decode()
    assert data["text_1"] in page and "Open" in page
    action_page = client.get(
        reverse("governance:action-detail", kwargs={"slug": world_a.partnership.slug, "pk": actions[0].pk})
    )
    assert action_page.status_code == 200


def _refused(client: Any, url: str, data: dict[str, Any]) -> str:
    actions = Action.objects.count()
    with assert_db_unchanged():
        response = client.post(url, data)
    assert response.status_code == 200, response.status_code
    assert Action.objects.count() == actions
    return response.content.decode()


def test_bad_meetings_are_refused_with_nothing_written(
    client_for: Any, world_a: World, world_b: World
) -> None:
    client = client_for(Role.FACILITATOR)
    learning_set = kit.world_set(world_a)
    url = u(world_a, "set-meeting-create", pk=learning_set.pk)
    outsider = make_person(world_a.partnership, name="Not In The Set")
    theirs = make_person(world_b.partnership, name="Another Partnership")
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    for bad in (
        {"owner_1": outsider.pk},  # not a member
        {"owner_1": theirs.pk},  # another partnership's person
        {"owner_1": learning_set.facilitator_id},  # the facilitator makes no commitment here
        {"owner_1": "x1"},
        {"date": "17/13/2025"},  # a date in the wrong form
        {"date": "next Tuesday"},
        {"due_1": "2025-02-30"},
        {"due_1": "2025-06-01"},  # due before the meeting
        {"date": tomorrow},
        {"attended": [outsider.pk]},
        {"text_1": ""},
    ):
        _refused(client, url, kit.meeting_data(world_a, **bad))


def test_a_set_with_another_partnerships_body_or_people_is_refused(
    client_for: Any, world_a: World, world_b: World
) -> None:
    client = client_for(Role.FACILITATOR)
    theirs = [make_person(world_b.partnership).pk for _ in range(5)]
    for bad in (
        {"body": world_b.body.pk},
        {"facilitator": world_b.person.pk},
        {"members": theirs},
        {"members": [*kit.member_pks(world_a, 4), world_a.other_person.pk]},  # the facilitator as a member
        {"every_weeks": "0"},
        {"every_weeks": "six"},
    ):
        data = {**kit.set_data(world_a), "members": kit.member_pks(world_a, 5), **bad}
        before = LearningSet.objects.count()
        response = client.post(u(world_a, "set-create"), data)
        assert response.status_code == 200 and LearningSet.objects.count() == before, bad
    learning_set = kit.world_set(world_a)
    with assert_db_unchanged():
        client.post(u(world_a, "set-member-add", pk=learning_set.pk), {"person": world_b.person.pk})
        client.post(u(world_a, "set-member-add", pk=learning_set.pk), {"person": learning_set.facilitator_id})


def test_the_set_page_computes_the_next_meeting_and_a_closed_set_has_none(
    client_for: Any, world_a: World
) -> None:
    learning_set = kit.world_set(world_a)
    page = client_for(Role.MEMBER).get(u(world_a, "set-detail", pk=learning_set.pk)).context["page"]
    expected = next_meeting(last=kit.MET, every_weeks=6, today=datetime.date.today())
    assert page.next_meeting == expected and page.reads_notes
    learning_set.status = "closed"
    learning_set.save()
    assert (
        client_for(Role.MEMBER).get(u(world_a, "set-detail", pk=learning_set.pk)).context["page"].next_meeting
        is None
    )


def test_a_world_without_users_still_has_a_set() -> None:
    world = make_world(make_partnership())
    assert services.member_count(kit.world_set(world)) == 7
