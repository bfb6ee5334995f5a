"""The trust pulse over HTTP and through its services: answering once, refusals that change nothing,
publishing held until every flagged question is followed up, who sees results, and a comment nobody released
that never appears anywhere."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dbstate import assert_db_unchanged
from direction import kit_pulse as kit
from factories import World, make_organisation, make_person
from traction.core.models import AuditEvent, Role
from traction.direction.models import PulseFollowUp, PulseParticipation, PulseResponse, WaveStatus
from traction.direction.selectors import pulse as selectors
from traction.direction.services import pulse as services
from traction.governance.models import Action

pytestmark = pytest.mark.django_db
CANARY = "CANARY-unreleased-words-7731"


def u(world: World, name: str, **kwargs: Any) -> str:
    return reverse(f"direction:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


ANSWER = {
    "reliability": "4",
    "mission": "3",
    "openness": "5",
    "overall": "65",
    "comment": "More joint visits.",
}


def test_the_answer_page_says_cadence_threshold_and_what_is_shared_before_the_questions(
    world_a: World, client_for: Any
) -> None:
    wave = kit.make_wave(world_a.partnership, k=6, cadence="Every four months")
    page = client_for(Role.MEMBER).get(u(world_a, "pulse-answer", pk=wave.pk)).content.decode()
    first_question = page.index(wave.items[0]["text"])
    for said in ("every four months", "at least 6 people", "What will be shared"):
        assert -1 < page.index(said) < first_question, said


def test_a_member_answers_once_and_the_response_names_nobody(
    world_a: World, client_for: Any, member: Any
) -> None:
    make_person(
        world_a.partnership,
        name="Mo",
        user=member,
        organisation=make_organisation(world_a.partnership, name="Riverside NHS", kind="nhs_trust"),
    )
    wave = kit.fresh_open(world_a)
    client = client_for(Role.MEMBER)
    assert client.post(u(world_a, "pulse-answer", pk=wave.pk), ANSWER).status_code == 302
    [response] = PulseResponse.objects.filter(wave=wave)
    assert response.answers == {"reliability": 4, "mission": 3, "openness": 5, "overall": 65}
    assert (
        response.group == "nhs_trust" and response.comment == "More joint visits." and not response.released
    )
    assert PulseParticipation.objects.filter(wave=wave, user=member).count() == 1
    [event] = AuditEvent.objects.filter(actor=member)
    assert event.object_type == "pulseparticipation" and event.changes == {}
    with assert_db_unchanged():
        again = client.post(u(world_a, "pulse-answer", pk=wave.pk), ANSWER)
    assert again.status_code == 200 and services.ALREADY_ANSWERED in again.content.decode()


def test_without_an_organisation_the_group_is_blank(world_a: World, client_for: Any) -> None:
    wave = kit.fresh_open(world_a)
    client_for(Role.MEMBER).post(u(world_a, "pulse-answer", pk=wave.pk), ANSWER)
    assert PulseResponse.objects.get(wave=wave).group == ""


@pytest.mark.parametrize("status", [WaveStatus.CLOSED, WaveStatus.PUBLISHED])
def test_a_closed_wave_refuses_answers(world_a: World, client_for: Any, status: str) -> None:
    wave = kit.make_wave(world_a.partnership, status)
    client = client_for(Role.MEMBER)
    client.get(u(world_a, "pulse-list"))
    with assert_db_unchanged():
        response = client.post(u(world_a, "pulse-answer", pk=wave.pk), ANSWER)
    assert "not open for answers" in response.content.decode()


def test_an_empty_or_impossible_answer_is_refused(world_a: World, users: dict[str, Any]) -> None:
    wave = kit.fresh_open(world_a)
    with assert_db_unchanged(), pytest.raises(Exception, match="Answer at least one"):
        services.pulse_answer(actor=users[Role.MEMBER], wave=wave, answers={})
    with assert_db_unchanged(), pytest.raises(Exception, match="whole number from 1 to 5"):
        services.pulse_answer(actor=users[Role.MEMBER], wave=wave, answers={"reliability": 9})


def test_the_form_never_allows_more_than_five_questions(world_a: World, client_for: Any) -> None:
    data = {"title": "Pulse", "k": "2", "cadence": "Monthly", "flag_below": "3", "item_6": "A sixth?"}
    data |= {f"item_{n}": f"Question {n}" for n in range(1, 6)}
    response = client_for(Role.FACILITATOR).post(u(world_a, "pulse-create"), data)
    assert response.status_code == 200 and "cannot be lower than 3" in response.content.decode()
    response = client_for(Role.FACILITATOR).post(u(world_a, "pulse-create"), {**data, "k": "5"})
    assert response.status_code == 302
    wave = kit.PulseWave.objects.get(title="Pulse")
    assert [i["text"] for i in wave.items] == [f"Question {n}" for n in range(1, 6)]
    blank = {**data, "k": "5", "item_1": "", "item_2": "", "item_3": "", "item_4": "", "item_5": ""}
    assert (
        "Keep at least one question"
        in client_for(Role.FACILITATOR).post(u(world_a, "pulse-create"), blank).content.decode()
    )


def test_publishing_waits_for_a_follow_up_of_each_flagged_question(world_a: World, client_for: Any) -> None:
    wave = kit.fresh_flagged(world_a)
    facilitator = client_for(Role.FACILITATOR)
    with assert_db_unchanged():
        response = facilitator.post(u(world_a, "pulse-publish", pk=wave.pk))
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Before publishing" in message and wave.items[0]["text"] in message
    data = {
        "item": "reliability",
        "action_text": "Publish a tracker of commitments",
        "body": world_a.body.pk,
        "due_date": "2025-09-30",
        "reason": "",
    }
    assert facilitator.post(u(world_a, "pulse-follow-up", pk=wave.pk), data).status_code == 302
    follow_up = PulseFollowUp.objects.get(wave=wave)
    action = Action.objects.get(pk=follow_up.action_id)
    assert action.source_model == "direction.pulsewave" and action.source_pk == str(wave.pk)
    assert action.body == world_a.body and str(action.due_date) == "2025-09-30"
    again = facilitator.post(
        u(world_a, "pulse-follow-up", pk=wave.pk), {**data, "action_text": "", "reason": "x"}
    )
    assert again.status_code == 200
    assert facilitator.post(u(world_a, "pulse-publish", pk=wave.pk)).status_code == 302
    wave.refresh_from_db()
    assert wave.status == WaveStatus.PUBLISHED and wave.published_at is not None


def test_a_follow_up_needs_an_action_or_a_reason(world_a: World, users: dict[str, Any]) -> None:
    wave = kit.fresh_flagged(world_a)
    facilitator = users[Role.FACILITATOR]
    with assert_db_unchanged(), pytest.raises(Exception, match="Choose an action, or write why"):
        services.follow_up_record(actor=facilitator, wave=wave, item="reliability")
    with assert_db_unchanged(), pytest.raises(Exception, match="flagged questions only"):
        services.follow_up_record(actor=facilitator, wave=wave, item="mission", reason="Fine.")
    with assert_db_unchanged(), pytest.raises(Exception, match="Choose the body"):
        services.follow_up_record(actor=facilitator, wave=wave, item="reliability", action_text="Do it")


def test_results_of_an_unpublished_wave_are_for_facilitators_only(world_a: World, client_for: Any) -> None:
    wave = kit.fresh_flagged(world_a)
    url = u(world_a, "pulse-results", pk=wave.pk)
    assert "3 people answered" in client_for(Role.FACILITATOR).get(url).content.decode()
    for role in (Role.MEMBER, Role.SECRETARY, Role.VIEWER):
        page = client_for(role).get(url).content.decode()
        assert "not published yet" in page and "people answered" not in page
    open_wave = kit.fresh_open(world_a)
    kit.low_answers(open_wave, 4)
    page = client_for(Role.FACILITATOR).get(u(world_a, "pulse-results", pk=open_wave.pk)).content.decode()
    assert "still open" in page and "people answered" not in page


def _every_page(world: World, wave: Any) -> list[str]:
    names = ("pulse-detail", "pulse-results", "pulse-comments", "pulse-follow-up", "pulse-update")
    return [
        u(world, "pulse-list"),
        reverse("direction:direction-home", kwargs={"slug": world.partnership.slug}),
    ] + [u(world, name, pk=wave.pk) for name in names]


def test_a_comment_nobody_released_never_appears(
    world_a: World, client_for: Any, users: dict[str, Any]
) -> None:
    wave = kit.make_wave(world_a.partnership, WaveStatus.CLOSED, k=3)
    kit.low_answers(wave, 4)
    kit.answer(wave, {"reliability": 4}, comment=CANARY)
    facilitator = users[Role.FACILITATOR]
    tokens = [
        c.token
        for c in selectors.comments_to_release(user=facilitator, partnership=world_a.partnership, wave=wave)
        or []
        if c.text != CANARY
    ]
    services.comments_release(actor=facilitator, wave=wave, tokens=tokens)
    services.follow_up_record(actor=facilitator, wave=wave, item="reliability", reason="Discussed.")
    services.wave_publish(actor=facilitator, wave=wave)
    release_page = u(world_a, "pulse-comments", pk=wave.pk)
    for role in Role.values:
        for path in _every_page(world_a, wave):
            page = client_for(role).get(path).content.decode()
            # Only the release page lists unreleased words, and only to whoever may release them.
            reviews = path == release_page and role in (Role.FACILITATOR, Role.ADMIN)
            assert (CANARY in page) is reviews, (role, path)
    member_results = client_for(Role.MEMBER).get(u(world_a, "pulse-results", pk=wave.pk)).content.decode()
    assert kit.COMMENT in member_results
    assert not AuditEvent.objects.filter(changes__icontains="CANARY").exists()


def test_the_release_page_lists_comments_only_from_k_responses(world_a: World, client_for: Any) -> None:
    wave = kit.make_wave(world_a.partnership, WaveStatus.CLOSED, k=5)
    kit.low_answers(wave, 4)
    page = client_for(Role.FACILITATOR).get(u(world_a, "pulse-comments", pk=wave.pk)).content.decode()
    assert kit.COMMENT not in page and "No comments can be released yet" in page


class _Rollback(Exception):
    pass


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["", "council", "nhs_trust"]),
            st.integers(1, 5),
            st.one_of(st.none(), st.integers(0, 100)),
            st.booleans(),
        ),
        max_size=9,
    ),
    k=st.integers(3, 5),
)
def test_no_results_page_shows_a_group_below_k(
    world_a: World, client_for: Any, rows: list[tuple[str, int, int | None, bool]], k: int
) -> None:
    """Whatever was answered, the results page (as a facilitator and, once published, as a member) shows a
    figure only for a question at least k answered, a breakdown only when every cell reaches k, and no
    comment unless at least k answered and it was released."""
    facilitator, member = client_for(Role.FACILITATOR), client_for(Role.MEMBER)
    try:
        with transaction.atomic():
            wave = kit.make_wave(world_a.partnership, WaveStatus.PUBLISHED, k=k, flag_below=1)
            for n, (group, reliability, overall, released) in enumerate(rows):
                answers = {"reliability": reliability} | ({} if overall is None else {"overall": overall})
                kit.answer(wave, answers, group=group, comment=f"words-{n}", released=released)
            for client in (facilitator, member):
                response = client.get(u(world_a, "pulse-results", pk=wave.pk))
                results, page = response.context["results"], response.content.decode()
                for item in results.items:
                    answered = {
                        "reliability": len(rows),
                        "overall": sum(1 for _, _, o, _ in rows if o is not None),
                    }.get(item.item.key, 0)
                    assert (item.count is None) == (answered < k)
                if results.breakdown is not None:
                    for size in results.breakdown.sizes.values():
                        assert size >= k
                shown = set(re.findall(r"words-(\d+)", page))
                if len(rows) < k:
                    assert not shown and f"Fewer than {k} people answered" in page
                assert all(rows[int(n)][3] for n in shown)
            raise _Rollback
    except _Rollback:
        pass


def test_the_pulse_list_reads_every_waves_answers_in_one_query(world_a: World, client_for: Any) -> None:
    url = reverse("direction:pulse-list", kwargs={"slug": world_a.partnership.slug})
    client = client_for(Role.FACILITATOR)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for n in range(2):
        kit.low_answers(kit.make_wave(world_a.partnership, WaveStatus.CLOSED, k=3, title=f"Wave {n}"), 3)
    two = queries()
    for n in range(4):
        kit.low_answers(kit.make_wave(world_a.partnership, WaveStatus.CLOSED, k=3, title=f"More {n}"), 3)
    assert queries() == two


def test_which_items_are_flagged_is_not_offered_while_the_wave_is_open(
    world_a: World, client_for: Any
) -> None:
    wave = kit.make_wave(world_a.partnership, WaveStatus.OPEN, k=3)
    kit.low_answers(wave, 3)
    assert services.missing_follow_ups(wave) == []
    url = reverse("direction:pulse-follow-up", kwargs={"slug": world_a.partnership.slug, "pk": wave.pk})
    page = client_for(Role.ADMIN).get(url).content.decode()
    assert 'value="reliability"' not in page


def test_comments_cannot_be_released_before_the_wave_closes_or_below_k(world_a: World, users: Any) -> None:
    from django.core.exceptions import ValidationError

    from traction.direction.selectors.pulse import comment_token

    facilitator = users[Role.FACILITATOR]
    open_wave = kit.make_wave(world_a.partnership, WaveStatus.OPEN, k=3)
    kit.low_answers(open_wave, 3)
    few = kit.make_wave(world_a.partnership, WaveStatus.CLOSED, k=5)
    kit.low_answers(few, 4)
    for wave in (open_wave, few):
        tokens = [comment_token(pk) for pk in wave.responses.values_list("pk", flat=True)]
        with assert_db_unchanged(), pytest.raises(ValidationError, match="only once the wave is closed"):
            services.comments_release(actor=facilitator, wave=wave, tokens=tokens)
