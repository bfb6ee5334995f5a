"""Health-check runs through the services and over HTTP: default statements, one answer per person kept
apart from their name, results only from k people and only once answers close, follow-ups into the action
log, and closing refused until every flagged section is followed up."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dbstate import assert_db_unchanged, assert_refused
from direction import kit_health as kit
from factories import World
from traction.core.models import AuditEvent, Role
from traction.direction.models import (
    HealthCheckRun,
    HealthFollowUp,
    HealthParticipation,
    HealthResponse,
    HealthStatement,
    RunStatus,
)
from traction.direction.selectors import health as selectors
from traction.direction.services import health as services
from traction.governance.models import Action
from traction_analysis.direction.health import DEFAULT_STATEMENTS

DAY = datetime.timedelta(days=1)


def _url(name: str, run: HealthCheckRun) -> str:
    return reverse(f"direction:{name}", kwargs={"slug": run.partnership.slug, "pk": run.pk})


def _signed_in(client_for: Any, role: str, world: World) -> Any:
    """A client that has already made its first request (which records the sign-in on the user row)."""
    client = client_for(role)
    client.get(reverse("direction:healthrun-list", kwargs={"slug": world.partnership.slug}))
    return client


def _four(run: HealthCheckRun, value: int | None = 4) -> dict[str, int | None]:
    return {s["key"]: value for s in run.statements}


# --- statements and runs ------------------------------------------------------------------------------------


def test_the_default_statements_are_made_once_and_a_run_asks_the_active_ones(
    world_a: World, users: dict[str, Any]
) -> None:
    facilitator = users[Role.FACILITATOR]
    made = services.statements_ensure(actor=facilitator, partnership=world_a.partnership)
    assert made == sum(len(t) for t in DEFAULT_STATEMENTS.values())
    assert services.statements_ensure(actor=facilitator, partnership=world_a.partnership) == 0
    retired = HealthStatement.objects.filter(partnership=world_a.partnership, section="trust").first()
    assert retired is not None
    services.statement_update(actor=facilitator, statement=retired, data={"active": False})
    run = services.run_create(
        actor=facilitator,
        partnership=world_a.partnership,
        data={"title": "Spring", "k": 5, "closes_on": kit.today() + DAY},
    )
    assert len(run.statements) == made - 1
    assert f"s{retired.pk}" not in {s["key"] for s in run.statements}
    assert run.statements[0]["section"] == "need"  # the instrument's order, not the alphabet's
    retired.text = "Changed later"
    retired.save()
    assert "Changed later" not in str(HealthCheckRun.objects.get(pk=run.pk).statements)


def test_a_run_made_over_http_snapshots_the_defaults(world_a: World, client_for: Any) -> None:
    client = client_for(Role.FACILITATOR)
    closes = (kit.today() + 10 * DAY).isoformat()
    path = reverse("direction:healthrun-create", kwargs={"slug": world_a.partnership.slug})
    response = client.post(path, {"title": "Autumn", "k": "5", "closes_on": closes})
    run = HealthCheckRun.objects.get(partnership=world_a.partnership, title="Autumn")
    assert response.status_code == 302 and response["Location"] == _url("healthrun-detail", run)
    assert len(run.statements) == HealthStatement.objects.filter(partnership=world_a.partnership).count()


@pytest.mark.parametrize("k", ["2", "0", "-1", "three"])
def test_k_below_three_is_a_form_error(world_a: World, client_for: Any, k: str) -> None:
    path = reverse("direction:healthrun-create", kwargs={"slug": world_a.partnership.slug})
    client = _signed_in(client_for, Role.FACILITATOR, world_a)
    with assert_db_unchanged():
        response = client.post(path, {"title": "Low k", "k": k, "closes_on": "2030-01-01"})
    assert response.status_code == 200 and response.context["form"].errors["k"]


def test_a_run_needs_its_closing_date(world_a: World, users: dict[str, Any]) -> None:
    with assert_db_unchanged(), pytest.raises(ValidationError, match="close on"):
        services.run_create(
            actor=users[Role.FACILITATOR], partnership=world_a.partnership, data={"title": "x", "k": 5}
        )


# --- answering ----------------------------------------------------------------------------------------------


def test_an_answer_is_kept_apart_from_who_gave_it(world_a: World, users: dict[str, Any]) -> None:
    run = kit.world_open_run(world_a)
    member = users[Role.MEMBER]
    response = services.response_give(actor=member, run=run, answers=_four(run, 2))
    assert HealthParticipation.objects.filter(run=run, user=member).count() == 1
    assert response.answers == _four(run, 2)
    assert not any(f.name == "user" for f in HealthResponse._meta.fields)
    [event] = AuditEvent.objects.filter(actor=member)
    assert event.verb == "answered" and event.object_type == "healthparticipation"
    assert "2" not in str(event.changes) and event.changes == {}


def test_answering_twice_is_refused_plainly(world_a: World, users: dict[str, Any], client_for: Any) -> None:
    run = kit.world_open_run(world_a)
    services.response_give(actor=users[Role.MEMBER], run=run, answers=_four(run))
    with assert_db_unchanged(), pytest.raises(ValidationError, match=services.ALREADY_ANSWERED):
        services.response_give(actor=users[Role.MEMBER], run=run, answers=_four(run, 1))
    client = _signed_in(client_for, Role.MEMBER, world_a)
    with assert_db_unchanged():
        page = client.post(_url("healthrun-answer", run), kit.answer_data(run, "1"))
    assert page.status_code == 200 and services.ALREADY_ANSWERED in page.content.decode()


@pytest.mark.parametrize("closing", ["status", "date"])
def test_a_closed_run_refuses_answers(world_a: World, users: dict[str, Any], closing: str) -> None:
    if closing == "status":
        run = kit.fresh_closed_run(world_a)
    else:
        run = kit.make_run(world_a.partnership, closes_on=kit.today() - DAY)
    with assert_db_unchanged(), pytest.raises(ValidationError, match=services.NOT_TAKING_ANSWERS):
        services.response_give(actor=users[Role.MEMBER], run=run, answers=_four(run))


def test_answers_are_taken_on_the_closing_day(world_a: World, users: dict[str, Any]) -> None:
    run = kit.make_run(world_a.partnership, closes_on=kit.today())
    services.response_give(actor=users[Role.MEMBER], run=run, answers=_four(run))
    assert run.responses.count() == 1


@pytest.mark.parametrize("bad", [{}, {"s0": 4}, "missing one", "zero", "six", "text", "true"])
def test_every_statement_must_be_answered_on_the_scale(
    world_a: World, users: dict[str, Any], bad: Any
) -> None:
    run = kit.world_open_run(world_a)
    first = run.statements[0]["key"]
    answers: Any = (
        {
            "missing one": {k: v for k, v in _four(run).items() if k != first},
            "zero": {**_four(run), first: 0},
            "six": {**_four(run), first: 6},
            "text": {**_four(run), first: "4"},
            "true": {**_four(run), first: True},
        }.get(bad, bad)
        if isinstance(bad, str)
        else bad
    )
    with assert_db_unchanged(), pytest.raises(ValidationError, match="Answer every statement"):
        services.response_give(actor=users[Role.MEMBER], run=run, answers=answers)


@pytest.mark.parametrize("value", ["", "0", "6", "maybe", "1.5"])
def test_a_bad_answer_over_http_is_a_form_error(world_a: World, client_for: Any, value: str) -> None:
    run = kit.world_open_run(world_a)
    data = {**kit.answer_data(run), run.statements[0]["key"]: value}
    client = _signed_in(client_for, Role.MEMBER, world_a)
    with assert_db_unchanged():
        response = client.post(_url("healthrun-answer", run), data)
    assert response.status_code == 200
    assert "Choose how far you agree" in response.content.decode()


def test_dont_know_is_accepted_and_left_out(world_a: World, client_for: Any) -> None:
    run = kit.world_open_run(world_a)
    response = client_for(Role.MEMBER).post(_url("healthrun-answer", run), kit.answer_data(run, "dk"))
    assert response.status_code == 302
    assert set(HealthResponse.objects.get(run=run).answers.values()) == {None}


def test_a_viewer_cannot_answer(world_a: World, users: dict[str, Any]) -> None:
    run = kit.world_open_run(world_a)
    assert_refused(lambda: services.response_give(actor=users[Role.VIEWER], run=run, answers=_four(run)))


# --- results ------------------------------------------------------------------------------------------------


def test_while_answers_are_open_only_the_count_is_said_and_only_from_k(
    world_a: World, client_for: Any
) -> None:
    run = kit.make_run(world_a.partnership, k=3)
    kit.answer(run, {"purpose": (1, 1), "trust": (1, 1), "learning": (1, 1)})
    page = client_for(Role.MEMBER).get(_url("healthrun-results", run)).content.decode()
    assert "Fewer than 3 people have answered" in page and "Median" not in page
    kit.answer(run, {"purpose": (1,), "trust": (1,), "learning": (1,)})
    page = client_for(Role.MEMBER).get(_url("healthrun-results", run)).content.decode()
    assert "3 people answered" in page and "Median" not in page and "Low" not in page


def test_results_show_per_section_figures_and_flags_once_answers_close(
    world_a: World, client_for: Any
) -> None:
    run = kit.world_ready_run(world_a)
    results = selectors.results_for(run=run, today=kit.today())
    by_section = {row.section: row.result for row in results.rows}
    assert (by_section["trust"].median, by_section["trust"].low) == (2.0, True)
    assert by_section["learning"].no_consensus and not by_section["learning"].low
    assert not by_section["purpose"].flagged
    page = client_for(Role.VIEWER).get(_url("healthrun-results", run)).content.decode()
    assert "Low" in page and "No consensus" in page and "interquartile range" in page


def test_a_section_fewer_than_k_rated_shows_no_figure(world_a: World, client_for: Any) -> None:
    run = kit.make_run(world_a.partnership, k=3, closes_on=kit.today() - DAY)
    kit.answer(run, {"purpose": (5, 5, 5), "trust": (1, 1, None), "learning": (3, 3, 3)})
    rows = {row.section: row.result for row in selectors.results_for(run=run, today=kit.today()).rows}
    assert rows["purpose"].people == 3 and rows["trust"].people is None and rows["trust"].median is None
    assert selectors.flagged_sections(run) == []  # an unshown section is not flagged either
    page = client_for(Role.MEMBER).get(_url("healthrun-results", run)).content.decode()
    assert "fewer than 3 people rated this section" in page


def test_the_next_run_shows_the_change_since_the_last_closed_one(world_a: World) -> None:
    before = kit.fresh_closed_run(world_a, title="Spring")
    kit.answer(before, {"purpose": (4, 4, 4), "trust": (2, 2, 2), "learning": (3, 3, 3)})
    now = kit.world_ready_run(world_a)
    results = selectors.results_for(run=now, today=kit.today())
    assert results.previous == before
    trust = next(row for row in results.rows if row.section == "trust")
    assert (trust.before, trust.result.median, trust.change) == (2.0, 2.0, 0.0)
    purpose = next(row for row in results.rows if row.section == "purpose")
    assert (purpose.before, purpose.result.median) == (4.0, 4.0)


# --- follow-up and closing ----------------------------------------------------------------------------------


def test_closing_is_refused_naming_the_sections_without_follow_up(
    world_a: World, users: dict[str, Any]
) -> None:
    run = kit.world_ready_run(world_a)
    facilitator = users[Role.FACILITATOR]
    with assert_db_unchanged(), pytest.raises(ValidationError) as refused:
        services.run_close(actor=facilitator, run=run)
    assert "Trust" in str(refused.value) and "Monitoring and learning" in str(refused.value)
    assert "Clarity of purpose" not in str(refused.value)
    services.follow_up_record(
        actor=facilitator, run=run, section="trust", reason="Discussed at the away day."
    )
    with pytest.raises(ValidationError) as still:
        services.run_close(actor=facilitator, run=run)
    assert "Trust" not in str(still.value) and "Monitoring and learning" in str(still.value)
    services.follow_up_record(
        actor=facilitator,
        run=run,
        section="learning",
        body=world_a.body,
        text="Review the evidence",
        due_date=None,
    )
    closed = services.run_close(actor=facilitator, run=run)
    assert closed.status == RunStatus.CLOSED and closed.closed_at is not None


def test_closing_over_http_says_what_is_missing(world_a: World, client_for: Any) -> None:
    run = kit.world_ready_run(world_a)
    client = _signed_in(client_for, Role.FACILITATOR, world_a)
    with assert_db_unchanged():
        response = client.post(_url("healthrun-close", run), follow=True)
    assert (
        "Before closing, add an action or record why no action is needed for: Trust"
        in response.content.decode()
    )


def test_closing_waits_for_answers_to_close(world_a: World, users: dict[str, Any]) -> None:
    run = kit.world_open_run(world_a)
    with assert_db_unchanged(), pytest.raises(ValidationError, match="Answers are taken until"):
        services.run_close(actor=users[Role.FACILITATOR], run=run)


def test_the_follow_up_action_is_in_the_action_log_with_the_run_as_its_source(
    world_a: World, client_for: Any
) -> None:
    run = kit.world_ready_run(world_a)
    due = (kit.today() + 30 * DAY).isoformat()
    data = {
        "section": "trust",
        "body": world_a.body.pk,
        "text": "Agree ground rules",
        "due_date": due,
        "reason": "",
    }
    response = client_for(Role.FACILITATOR).post(_url("healthfollowup-create", run), data)
    assert response.status_code == 302
    action = Action.objects.get(text="Agree ground rules")
    assert (action.body, action.source_model, action.source_pk) == (
        world_a.body,
        "direction.healthcheckrun",
        str(run.pk),
    )
    assert action.source_url == _url("healthrun-results", run)
    assert HealthFollowUp.objects.get(run=run, section="trust").action == action
    log = client_for(Role.MEMBER).get(
        reverse("governance:action-list", kwargs={"slug": run.partnership.slug})
    )
    assert "Agree ground rules" in log.content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"section": "purpose", "reason": "Fine"}, "Select a valid choice"),
        ({"section": "trust"}, "not both"),
        ({"section": "trust", "text": "Do it", "reason": "Or not"}, "not both"),
        ({"section": "trust", "text": "Do it"}, "Choose the body"),
    ],
)
def test_a_follow_up_needs_a_flagged_section_and_an_action_or_a_reason(
    world_a: World, client_for: Any, data: dict[str, str], message: str
) -> None:
    run = kit.world_ready_run(world_a)
    client = _signed_in(client_for, Role.FACILITATOR, world_a)
    with assert_db_unchanged():
        response = client.post(_url("healthfollowup-create", run), data)
    assert response.status_code == 200 and message in response.content.decode()


def test_a_section_is_followed_up_once_and_not_before_answers_close(
    world_a: World, users: dict[str, Any]
) -> None:
    facilitator = users[Role.FACILITATOR]
    run = kit.world_ready_run(world_a)
    services.follow_up_record(actor=facilitator, run=run, section="trust", reason="Known.")
    with assert_db_unchanged(), pytest.raises(ValidationError, match="already has"):
        services.follow_up_record(actor=facilitator, run=run, section="trust", reason="Again.")
    with assert_db_unchanged(), pytest.raises(ValidationError, match="Only a section flagged"):
        services.follow_up_record(actor=facilitator, run=run, section="purpose", reason="Fine.")
    open_run = kit.world_open_run(world_a)
    with assert_db_unchanged(), pytest.raises(ValidationError, match="once answers have closed"):
        services.follow_up_record(actor=facilitator, run=open_run, section="trust", reason="Early.")


def test_only_those_who_may_change_the_run_follow_it_up(world_a: World, users: dict[str, Any]) -> None:
    run = kit.world_ready_run(world_a)
    for role in (Role.SECRETARY, Role.MEMBER, Role.VIEWER):
        assert_refused(
            lambda role=role: services.follow_up_record(
                actor=users[role], run=run, section="trust", body=world_a.body, text="x"
            ),
            exception=PermissionDenied,
        )
