"""Change options and priorities exercises through their services and pages: positions appended over time,
the comparison, answers stored apart from who gave them, results never shown below k or while open, and the
agreed list recorded as principles agreed by a decided item. Every refusal leaves the database unchanged."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from dbstate import assert_db_unchanged, assert_refused
from factories import World, make_meeting
from stakeholders import kit_options as kit
from traction.core.models import SAME_PARTNERSHIP, AuditEvent
from traction.direction.models import Principle, Status
from traction.governance.models import AgendaItem, Outcome
from traction.stakeholders.models.options import (
    ExerciseStatus,
    Method,
    OptionPosition,
    PrioritiesExercise,
    PrioritiesParticipation,
    PrioritiesResponse,
)
from traction.stakeholders.selectors.options import comparison_for, exercise_results
from traction.stakeholders.services import options as services
from traction_analysis.anonymity import K_TOO_LOW

pytestmark = pytest.mark.django_db


def _url(name: str, world: World, **kw: Any) -> str:
    return reverse(f"stakeholders:{name}", kwargs={"slug": world.partnership.slug, **kw})


# --- options and positions -------------------------------------------------------------------------------


def test_positions_are_appended_and_the_comparison_shows_the_latest(world_a: World, secretary: Any) -> None:
    single, two = kit.world_option(world_a), kit.make_option(world_a.partnership, "Two councils")
    county, district = kit.world_stakeholder(world_a), kit.make_stakeholder(world_a.partnership, "District")
    for option, stakeholder, stand, day in (
        (single, county, "oppose", 5),
        (single, district, "oppose", 6),
        (two, district, "support", 6),
        (single, district, "conditional", 20),
    ):
        services.position_record(
            actor=secretary,
            option=option,
            data={"stakeholder": stakeholder, "stated_on": datetime.date(2025, 3, day), "stand": stand},
        )
    assert single.positions.filter(stakeholder=district).count() == 2  # the earlier one is kept
    found = comparison_for(user=secretary, partnership=world_a.partnership)
    assert [o.title for o in found.options] == ["One unitary council for the whole county", "Two councils"]
    cells = {s.name: [p.stand if p else None for p in row] for s, row in found.rows}
    assert cells == {"County Council": ["oppose", None], "District": ["conditional", "support"]}
    assert found.counts[0] == {"support": 0, "conditional": 1, "neutral": 0, "oppose": 1}
    chosen = comparison_for(user=secretary, partnership=world_a.partnership, chosen=[str(two.pk), "x"])
    assert chosen.options == [two]


def test_a_position_in_the_future_or_on_another_partnerships_stakeholder_is_refused(
    world_a: World, world_b: World, secretary: Any
) -> None:
    option = kit.world_option(world_a)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    data = {"stakeholder": kit.world_stakeholder(world_a), "stated_on": tomorrow, "stand": "support"}
    assert_refused(
        lambda: services.position_record(actor=secretary, option=option, data=data),
        exception=ValidationError,
        match="after today",
    )
    theirs = {**data, "stated_on": datetime.date(2025, 1, 1), "stakeholder": kit.world_stakeholder(world_b)}
    assert_refused(
        lambda: services.position_record(actor=secretary, option=option, data=theirs),
        exception=ValidationError,
        match=SAME_PARTNERSHIP,
    )


def test_the_position_form_refuses_another_partnerships_stakeholder(
    world_a: World, world_b: World, secretary_client: Any
) -> None:
    option = kit.world_option(world_a)
    data = {
        "stakeholder": kit.world_stakeholder(world_b).pk,
        "stated_on": "2025-01-01",
        "stand": "support",
        "note": "",
    }
    with assert_db_unchanged():
        response = secretary_client.post(_url("position-create", world_a, pk=option.pk), data)
    assert response.status_code == 200 and response.context["form"].errors["stakeholder"]


def test_members_read_options_but_do_not_write_them(world_a: World, member: Any) -> None:
    option = kit.world_option(world_a)
    data = {
        "stakeholder": kit.world_stakeholder(world_a),
        "stated_on": datetime.date(2025, 1, 1),
        "stand": "support",
    }
    assert_refused(lambda: services.position_record(actor=member, option=option, data=data))


# --- exercises ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["Only one"], services.TOO_FEW),
        (["Open books", " open books "], "listed twice"),
        ([f"Item {n}" for n in range(21)], services.TOO_MANY),
        (["x" * 201, "Short"], "under 200 characters"),
    ],
)
def test_a_bad_list_is_refused(world_a: World, secretary: Any, lines: list[str], message: str) -> None:
    assert_refused(
        lambda: services.exercise_create(
            actor=secretary, partnership=world_a.partnership, data={"title": "Values"}, priorities=lines
        ),
        exception=ValidationError,
        match=message,
    )


def test_k_below_three_is_refused_by_the_model_and_the_database(world_a: World, secretary: Any) -> None:
    assert_refused(
        lambda: services.exercise_create(
            actor=secretary,
            partnership=world_a.partnership,
            data={"title": "Values", "k": 2},
            priorities=["A", "B"],
        ),
        exception=ValidationError,
        match=K_TOO_LOW,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PrioritiesExercise.objects.create(partnership=world_a.partnership, title="Values", k=2)


def test_only_a_draft_is_edited_and_its_list_follows_the_form(world_a: World, secretary: Any) -> None:
    draft = kit.fresh_draft(world_a)
    services.exercise_update(
        actor=secretary,
        exercise=draft,
        data={"title": "Renamed"},
        priorities=["Value for money", "New one", "Services close to home"],
    )
    assert list(draft.priorities.values_list("title", flat=True)) == [
        "Value for money",
        "New one",
        "Services close to home",
    ]
    services.exercise_open(actor=secretary, exercise=draft)
    assert_refused(
        lambda: services.exercise_update(
            actor=secretary, exercise=draft, data={"title": "Again"}, priorities=["A", "B"]
        ),
        exception=ValidationError,
        match="Only a draft",
    )
    assert_refused(lambda: services.exercise_open(actor=secretary, exercise=draft), exception=ValidationError)


def test_an_answer_is_stored_apart_from_who_gave_it_and_only_once(world_a: World, member: Any) -> None:
    exercise = kit.fresh_open(world_a)
    keys = list(exercise.priorities.values_list("pk", flat=True))
    services.priorities_answer(actor=member, exercise=exercise, answers={keys[0]: 2, keys[1]: 1, keys[2]: 3})
    [response] = PrioritiesResponse.objects.filter(exercise=exercise)
    assert response.answers == {str(keys[0]): 2, str(keys[1]): 1, str(keys[2]): 3}
    assert "user" not in {f.name for f in PrioritiesResponse._meta.fields}
    assert PrioritiesParticipation.objects.filter(exercise=exercise, user=member).exists()
    [event] = AuditEvent.objects.filter(actor=member)
    assert event.object_type == "prioritiesparticipation" and "answers" not in str(event.changes)
    assert_refused(
        lambda: services.priorities_answer(
            actor=member, exercise=exercise, answers={keys[0]: 1, keys[1]: 2, keys[2]: 3}
        ),
        exception=ValidationError,
        match="already answered",
    )


@pytest.mark.parametrize(
    "places",
    [(1, 1, 2), (1, 2, 4), (0, 1, 2), (1, 2)],
    ids=["repeated", "out of range", "zero", "missing"],
)
def test_a_ranking_that_is_not_a_permutation_is_refused(
    world_a: World, member: Any, places: tuple[int, ...]
) -> None:
    exercise = kit.fresh_open(world_a)
    keys = list(exercise.priorities.values_list("pk", flat=True))
    answers = dict(zip(keys, places, strict=False))
    assert_refused(
        lambda: services.priorities_answer(actor=member, exercise=exercise, answers=answers),
        exception=ValidationError,
        match="each place once",
    )


def test_a_forged_answer_page_post_writes_nothing(world_a: World, client_for: Any) -> None:
    exercise = kit.fresh_open(world_a)
    keys = list(exercise.priorities.values_list("pk", flat=True))
    client = client_for("member")
    url = _url("priorities-answer", world_a, pk=exercise.pk)
    for data in (
        {f"priority_{k}": "1" for k in keys},
        {f"priority_{k}": "9" for k in keys},
        {f"priority_{keys[0]}": "1", f"priority_{keys[1]}": "2"},
        {f"priority_{k}": "abc" for k in keys},
    ):
        with assert_db_unchanged():
            response = client.post(url, data)
        assert response.status_code == 200 and response.context["form"].errors


def test_scores_are_one_to_five_for_every_item(world_a: World, member: Any) -> None:
    exercise = kit.make_exercise(world_a.partnership, ExerciseStatus.OPEN, method=Method.SCORE)
    keys = list(exercise.priorities.values_list("pk", flat=True))
    assert_refused(
        lambda: services.priorities_answer(
            actor=member, exercise=exercise, answers={keys[0]: 6, keys[1]: 3, keys[2]: 3}
        ),
        exception=ValidationError,
    )
    services.priorities_answer(actor=member, exercise=exercise, answers={keys[0]: 5, keys[1]: 5, keys[2]: 1})


@pytest.mark.parametrize("status", [ExerciseStatus.DRAFT, ExerciseStatus.CLOSED])
def test_answers_only_while_open(world_a: World, member: Any, status: str) -> None:
    exercise = kit.make_exercise(world_a.partnership, status)
    keys = list(exercise.priorities.values_list("pk", flat=True))
    answers = {k: n for n, k in enumerate(keys, start=1)}
    assert_refused(
        lambda: services.priorities_answer(actor=member, exercise=exercise, answers=answers),
        exception=ValidationError,
        match="not open",
    )


def test_a_viewer_cannot_answer(world_a: World, viewer: Any) -> None:
    exercise = kit.fresh_open(world_a)
    assert_refused(lambda: services.priorities_answer(actor=viewer, exercise=exercise, answers={}))


# --- results and the threshold ----------------------------------------------------------------------------


def test_results_are_never_shown_below_k_nor_while_open(world_a: World, client_for: Any) -> None:
    exercise = kit.make_exercise(world_a.partnership, ExerciseStatus.OPEN, k=5, title="Small exercise")
    for ranks in ((1, 2, 3), (2, 1, 3), (1, 3, 2), (3, 2, 1)):
        kit.respond(exercise, ranks)
    client = client_for("member")
    url = _url("priorities-results", world_a, pk=exercise.pk)
    assert exercise_results(exercise) is None
    assert "results are worked out when it closes" in client.get(url).content.decode()
    exercise.status = ExerciseStatus.CLOSED
    exercise.save()
    found = exercise_results(exercise)
    assert found is not None and found.responses is None and found.rows == []
    page = client.get(url).content.decode()
    assert "below the anonymity threshold" in page and "Borda points" not in page
    detail = client.get(_url("priorities-detail", world_a, pk=exercise.pk)).content.decode()
    assert "Fewer than 5" in detail
    kit.respond(exercise, (1, 2, 3))
    page = client.get(url).content.decode()
    assert "5 responses" in page and "Borda points" in page and "Borda count" in page
    assert "Worst rank" not in page and "shown from 10 responses" in page
    for ranks in ((1, 2, 3), (2, 1, 3), (1, 3, 2), (3, 2, 1), (2, 3, 1)):
        kit.respond(exercise, ranks)
    page = client.get(url).content.decode()
    assert "10 responses" in page and "Worst rank" in page and "shown from 10 responses" not in page


# --- the agreed list ---------------------------------------------------------------------------------------


def test_the_agreed_list_becomes_principles_agreed_by_a_decided_item(world_a: World, secretary: Any) -> None:
    exercise = kit.world_exercise(world_a)
    agreed = services.agreed_list_record(
        actor=secretary,
        exercise=exercise,
        meeting=world_a.meeting,
        titles=["Services close to home", "", "Value for money"],
    )
    assert agreed.status == ExerciseStatus.AGREED
    item = agreed.agreed_item
    assert item is not None and item.outcome == Outcome.DECIDED and item.meeting == world_a.meeting
    assert item.source_model == "stakeholders.prioritiesexercise" and item.source_pk == str(exercise.pk)
    assert "Services close to home; Value for money" in item.resolution
    principles = list(agreed.principles.order_by("order"))
    assert [(p.title, p.status, p.agreed_item_id, p.order) for p in principles] == [
        ("Services close to home", Status.AGREED, item.pk, 1),
        ("Value for money", Status.AGREED, item.pk, 2),
    ]
    audited = set(AuditEvent.objects.filter(actor=secretary).values_list("object_type", flat=True))
    assert {"agendaitem", "principle", "prioritiesexercise"} <= audited
    assert_refused(
        lambda: services.agreed_list_record(
            actor=secretary, exercise=exercise, meeting=world_a.meeting, titles=["Again"]
        ),
        exception=ValidationError,
        match="once the exercise is closed",
    )


def test_the_agreed_list_is_refused_with_nothing_written(
    world_a: World, world_b: World, secretary: Any, users: dict[str, Any]
) -> None:
    exercise = kit.fresh_closed(world_a)
    call = services.agreed_list_record
    assert_refused(
        lambda: call(actor=secretary, exercise=exercise, meeting=world_b.meeting, titles=["A"]),
        exception=ValidationError,
        match=SAME_PARTNERSHIP,
    )
    assert_refused(
        lambda: call(actor=secretary, exercise=exercise, meeting=world_a.meeting, titles=["", "  "]),
        exception=ValidationError,
        match="Write the agreed list",
    )
    assert_refused(
        lambda: call(actor=users["facilitator"], exercise=exercise, meeting=world_a.meeting, titles=["A"])
    )
    open_one = kit.fresh_open(world_a)
    assert_refused(
        lambda: call(actor=secretary, exercise=open_one, meeting=world_a.meeting, titles=["A"]),
        exception=ValidationError,
    )
    assert not Principle.objects.filter(partnership=world_a.partnership).exists()


def test_the_agree_page_refuses_no_meeting_and_another_partnerships_meeting(
    world_a: World, world_b: World, secretary_client: Any
) -> None:
    exercise = kit.fresh_closed(world_a)
    url = _url("priorities-agree", world_a, pk=exercise.pk)
    page = secretary_client.get(url).content.decode()
    assert "Services close to home" in page
    for meeting in ("", world_b.meeting.pk, "abc"):
        with assert_db_unchanged():
            response = secretary_client.post(url, {"meeting": meeting, "principles": "Open books"})
        assert response.status_code == 200 and response.context["form"].errors["meeting"]
    with assert_db_unchanged():
        response = secretary_client.post(url, {"meeting": world_a.meeting.pk, "principles": "\n \n"})
    assert response.status_code == 200 and response.context["form"].errors
    other = make_meeting(world_a.partnership, body=world_a.body)
    response = secretary_client.post(url, {"meeting": other.pk, "principles": "Open books\nOne front door"})
    assert response.status_code == 302
    exercise.refresh_from_db()
    assert AgendaItem.objects.get(pk=exercise.agreed_item_id).meeting == other
    detail = secretary_client.get(_url("priorities-detail", world_a, pk=exercise.pk)).content.decode()
    assert "Open books" in detail and "Agreed by" in detail


def test_a_facilitator_runs_the_exercise_and_is_told_who_records_the_list(
    world_a: World, client_for: Any
) -> None:
    exercise = kit.fresh_closed(world_a)
    client = client_for("facilitator")
    page = client.get(_url("priorities-detail", world_a, pk=exercise.pk)).content.decode()
    assert "The secretary records the agreed list" in page
    assert client.get(_url("priorities-agree", world_a, pk=exercise.pk)).status_code == 403
    assert OptionPosition.objects.count() == 0
