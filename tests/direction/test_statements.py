"""Principles, goals and outcomes: *agreed* only with the decided item that agreed them (form, service, model
and database alike), the decision recorded at a meeting links back, an outcome's claims show from both
sides, and the partnership on a page shows what is agreed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from dbstate import assert_db_unchanged
from factories import World, make_action, make_item
from traction.core.models import AuditEvent, Role
from traction.direction.models import NEEDS_DECISION, NOT_DECIDED, Goal, Principle, SharedOutcome, Status
from traction.direction.services import statements as services
from traction.governance.models import AgendaItem

pytestmark = pytest.mark.django_db


def _url(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"direction:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


@pytest.mark.parametrize("model", [Principle, Goal, SharedOutcome])
def test_agreed_without_a_decision_is_refused_by_the_model_and_the_database(
    world_a: World, model: Any
) -> None:
    statement = model(partnership=world_a.partnership, title="Work as one", status=Status.AGREED)
    with pytest.raises(ValidationError) as refused:
        statement.full_clean()
    assert refused.value.message_dict == {"agreed_item": [NEEDS_DECISION]}
    with pytest.raises(IntegrityError), transaction.atomic():
        statement.save()


def test_the_form_refuses_agreed_without_a_decision_and_writes_nothing(
    world_a: World, client_for: Any
) -> None:
    data = {"title": "We decide in the room", "text": "", "status": "agreed", "agreed_item": "", "order": "0"}
    client = client_for(Role.SECRETARY)
    with assert_db_unchanged():
        response = client.post(_url("principle-create", world_a), data)
    assert response.status_code == 200
    assert NEEDS_DECISION in response.content.decode()


def test_an_item_that_was_only_noted_cannot_agree_anything(
    world_a: World, secretary: Any, client_for: Any
) -> None:
    noted = make_item(world_a.partnership, meeting=world_a.meeting, title="Update noted", outcome="noted")
    principle = Principle(partnership=world_a.partnership, title="x", status=Status.AGREED, agreed_item=noted)
    with pytest.raises(ValidationError, match="decided"):
        principle.full_clean()
    # The form does not even offer it.
    page = client_for(Role.SECRETARY).get(_url("principle-create", world_a)).content.decode()
    assert "Update noted" not in page and world_a.item.title in page


def test_another_partnerships_decision_cannot_agree_a_statement(
    world_a: World, world_b: World, secretary: Any
) -> None:
    with assert_db_unchanged(), pytest.raises(ValidationError):
        services.statement_create(
            actor=secretary,
            partnership=world_a.partnership,
            model=Principle,
            data={"title": "Borrowed", "status": Status.AGREED, "agreed_item": world_b.item},
        )


def test_recording_the_decision_at_a_meeting_agrees_it_and_the_item_links_back(
    world_a: World, secretary: Any, client_for: Any
) -> None:
    goal = Goal.objects.create(partnership=world_a.partnership, title="Care closer to home")
    response = client_for(Role.SECRETARY).post(
        _url("goal-agree", world_a, pk=goal.pk),
        {"meeting": world_a.meeting.pk, "resolution": "RESOLVED that the goal be agreed."},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    item = goal.agreed_item
    assert goal.status == Status.AGREED and item is not None
    assert item.outcome == "decided" and item.meeting == world_a.meeting
    assert item.resolution == "RESOLVED that the goal be agreed."
    assert item.source_model == "direction.goal" and item.source_pk == str(goal.pk)
    assert item.source_url == _url("goal-list", world_a)
    assert AuditEvent.objects.filter(
        object_type="agendaitem", object_id=str(item.pk), verb="created"
    ).exists()
    # Agreeing it again is refused with a plain message and records no second decision.
    with assert_db_unchanged(), pytest.raises(ValidationError, match="already agreed"):
        services.statement_agree(actor=secretary, statement=goal, meeting=world_a.meeting, resolution="Again")


def test_only_who_may_change_the_statement_records_its_decision(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    outcome = SharedOutcome.objects.create(partnership=world_a.partnership, title="Fewer falls")
    url = _url("outcome-agree", world_a, pk=outcome.pk)
    for role in (Role.MEMBER, Role.FACILITATOR, Role.VIEWER):
        client = client_for(role)
        with assert_db_unchanged():
            assert client.post(url, {"meeting": world_a.meeting.pk, "resolution": "x"}).status_code == 403
    assert client_for("outsider").get(url).status_code == 404


def test_an_outcomes_claims_show_on_the_outcome_the_action_and_the_decision_register(
    world_a: World, secretary: Any, client_for: Any
) -> None:
    outcome = SharedOutcome.objects.create(partnership=world_a.partnership, title="Fewer people in crisis")
    action = make_action(world_a.partnership, body=world_a.body, text="Open the falls clinic on Saturdays")
    services.outcome_claims_set(actor=secretary, outcome=outcome, decisions=[world_a.item], actions=[action])
    client = client_for(Role.VIEWER)
    page = client.get(_url("outcome-detail", world_a, pk=outcome.pk)).content.decode()
    assert world_a.item.title in page and "Open the falls clinic on Saturdays" in page
    action_page = client.get(
        reverse("governance:action-detail", kwargs={"slug": world_a.partnership.slug, "pk": action.pk})
    ).content.decode()
    assert "Claims to move" in action_page and "Fewer people in crisis" in action_page
    register = client.get(
        reverse("governance:decision-list", kwargs={"slug": world_a.partnership.slug}),
        {"date_from": "2000-01-01"},
    )
    assert "Fewer people in crisis" in register.content.decode()


def test_a_claim_by_an_item_that_decided_nothing_is_refused(world_a: World, secretary: Any) -> None:
    outcome = SharedOutcome.objects.create(partnership=world_a.partnership, title="Fewer falls")
    noted = make_item(world_a.partnership, meeting=world_a.meeting, title="Falls update", outcome="noted")
    with assert_db_unchanged(), pytest.raises(ValidationError) as refused:
        services.outcome_claims_set(actor=secretary, outcome=outcome, decisions=[noted], actions=[])
    assert refused.value.message_dict == {"decisions": [NOT_DECIDED]}


def test_the_partnership_on_a_page_shows_what_is_agreed_and_counts_the_drafts(
    world_a: World, client_for: Any
) -> None:
    goal = Goal.objects.create(
        partnership=world_a.partnership, title="Start well", status=Status.AGREED, agreed_item=world_a.item
    )
    SharedOutcome.objects.create(
        partnership=world_a.partnership,
        title="Children are ready for school",
        goal=goal,
        status=Status.AGREED,
        agreed_item=world_a.item,
    )
    Principle.objects.create(partnership=world_a.partnership, title="A principle still in draft")
    page = client_for(Role.VIEWER).get(_url("direction-page", world_a)).content.decode()
    assert "Start well" in page and "Children are ready for school" in page
    assert "A principle still in draft" not in page and "1 draft not yet agreed is left out" in page
    pdf = client_for(Role.VIEWER).get(_url("direction-page-pdf", world_a))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")


def test_deleting_an_item_that_agreed_a_statement_is_refused(world_a: World, secretary: Any) -> None:
    Principle.objects.create(
        partnership=world_a.partnership,
        title="We follow through",
        status=Status.AGREED,
        agreed_item=world_a.item,
    )
    from traction.core.services import record_delete

    with assert_db_unchanged(), pytest.raises(Exception, match="protected|Protected|referenced"):
        record_delete(actor=secretary, instance=AgendaItem.objects.get(pk=world_a.item.pk))


def test_an_action_and_a_decision_link_to_outcomes_from_their_own_side(
    world_a: World, client_for: Any
) -> None:
    crisis = SharedOutcome.objects.create(partnership=world_a.partnership, title="Fewer people in crisis")
    healthy = SharedOutcome.objects.create(partnership=world_a.partnership, title="Healthy lives")
    client = client_for(Role.SECRETARY)
    action_page = reverse(
        "governance:action-detail", kwargs={"slug": world_a.partnership.slug, "pk": world_a.action.pk}
    )
    link = _url("action-outcomes", world_a, pk=world_a.action.pk)
    assert link in client.get(action_page).content.decode()
    response = client.post(link, {"outcomes": [crisis.pk, healthy.pk]})
    assert response.status_code == 302 and response["Location"] == action_page
    assert set(world_a.action.shared_outcomes.all()) == {crisis, healthy}
    client.post(link, {"outcomes": [healthy.pk]})
    assert list(world_a.action.shared_outcomes.all()) == [healthy]
    assert AuditEvent.objects.filter(object_type="sharedoutcome", object_id=str(crisis.pk)).count() == 2
    client.post(_url("decision-outcomes", world_a, pk=world_a.item.pk), {"outcomes": [crisis.pk]})
    assert list(crisis.decisions.all()) == [world_a.item]
    # An item that decided nothing cannot claim an outcome; nothing is written.
    noted = make_item(world_a.partnership, meeting=world_a.meeting, title="Falls update", outcome="noted")
    with assert_db_unchanged():
        page = client.post(_url("decision-outcomes", world_a, pk=noted.pk), {"outcomes": [crisis.pk]})
    assert page.status_code == 200 and NOT_DECIDED in page.content.decode()
