"""Gate decisions: the only way a strategy's phase moves. A decision names its body and meeting, records (or
links) the decided item, which links back to the gate, and turns conditions into actions with an owner and a
due date; every refusal is plain and writes nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commissioning import kit_strategies as kit
from dbstate import assert_db_unchanged
from factories import World, make_body, make_item, make_meeting
from traction.commissioning.models import (
    PHASE_BY_GATE,
    AppraisalStatus,
    Assessment,
    Decision,
    Gate,
    GateCriterionTemplate,
    GateStatus,
    OptionsAppraisal,
    OutcomeReview,
    Phase,
    Strategy,
)
from traction.commissioning.services import gates, reviews, strategies
from traction.core.services import record_update
from traction.governance.models import Action, AgendaItem, Outcome

DUE = datetime.date(2030, 3, 31)


def _decided(w: World, **overrides: Any) -> gates.GateDecision:
    values: dict[str, Any] = {
        "decision": Decision.PROCEED,
        "confidence": 4,
        "body": w.body,
        "meeting": w.meeting,
        "resolution": "RESOLVED that the strategy moves on.",
    }
    return gates.GateDecision(**{**values, **overrides})


def _refused(secretary: Any, gate: Gate, decided: gates.GateDecision, message: str) -> None:
    with assert_db_unchanged(), pytest.raises(ValidationError) as caught:
        gates.gate_decide(actor=secretary, gate=gate, decided=decided)
    assert message in caught.value.messages


def test_the_phase_cannot_move_without_a_gate(world_a: World, secretary: Any) -> None:
    strategy = kit.world_strategy(world_a)
    strategy.phase = Phase.DO
    with pytest.raises(ValidationError):
        strategy.save()
    with assert_db_unchanged(), pytest.raises(ValidationError) as caught:
        record_update(actor=secretary, instance=kit.world_strategy(world_a), data={"phase": Phase.PLAN})
    assert PHASE_BY_GATE in caught.value.messages
    with assert_db_unchanged(), pytest.raises(ValidationError):
        record_update(actor=secretary, instance=kit.world_strategy(world_a), data={"iteration": 2})


def test_a_forged_phase_in_the_edit_form_changes_nothing(world_a: World, secretary_client: Any) -> None:
    strategy = kit.world_strategy(world_a)
    url = reverse("commissioning:strategy-update", kwargs={"slug": "northshire", "pk": strategy.pk})
    data = {"title": "Falls prevention", "lead_body": world_a.body.pk, "phase": "review", "iteration": "3"}
    assert secretary_client.post(url, data).status_code == 302
    strategy.refresh_from_db()
    assert (strategy.phase, strategy.iteration) == (Phase.ANALYSE, 1)


def test_a_gate_without_a_body_is_refused_in_plain_words(world_a: World, secretary: Any) -> None:
    _refused(secretary, kit.fresh_gate(world_a), _decided(world_a, body=None), gates.NO_BODY)


def test_a_gate_without_a_body_is_refused_over_http(world_a: World, secretary_client: Any) -> None:
    gate = kit.fresh_gate(world_a)
    url = reverse("commissioning:gate-decide", kwargs={"slug": "northshire", "pk": gate.pk})
    data = {"decision": "proceed", "confidence": "4", "meeting": world_a.meeting.pk, "resolution": "Agreed."}
    with assert_db_unchanged():
        response = secretary_client.post(url, data)
    assert response.status_code == 200
    assert gates.NO_BODY in response.content.decode()


def test_the_meeting_must_be_one_of_the_deciding_bodys(world_a: World, secretary: Any) -> None:
    other = make_meeting(world_a.partnership, body=make_body(world_a.partnership, name="Finance Group"))
    message = gates.MEETING_NOT_OF_BODY.format(body=world_a.body)
    _refused(secretary, kit.fresh_gate(world_a), _decided(world_a, meeting=other), message)


def test_conditions_are_required_to_proceed_with_conditions(world_a: World, secretary: Any) -> None:
    decided = _decided(world_a, decision=Decision.CONDITIONS)
    _refused(secretary, kit.fresh_gate(world_a), decided, gates.NO_CONDITIONS)


def test_passing_with_a_criterion_not_met_needs_reasons(world_a: World, secretary: Any) -> None:
    gate = kit.gate(world_a, criteria=("A needs assessment is attached.", "The market has been mapped."))
    gate.criteria.filter(order=1).update(assessment=Assessment.MET)
    message = gates.UNMET_NEEDS_REASONS.format(count=1, s="", are="is")
    _refused(secretary, gate, _decided(world_a), message)
    gates.gate_decide(actor=secretary, gate=gate, decided=_decided(world_a, reasons="Mapped next month."))
    assert Gate.objects.get(pk=gate.pk).reasons == "Mapped next month."


def test_passing_out_of_plan_needs_a_complete_appraisal(world_a: World, secretary: Any) -> None:
    strategy = kit.strategy(world_a, "Stop smoking services", phase=Phase.PLAN)
    gate = kit.gate(world_a, strategy)
    _refused(secretary, gate, _decided(world_a), gates.NO_APPRAISAL)
    OptionsAppraisal.objects.create(
        partnership=world_a.partnership,
        strategy=strategy,
        iteration=1,
        title="Options",
        status=AppraisalStatus.COMPLETE,
    )
    gates.gate_decide(actor=secretary, gate=gate, decided=_decided(world_a))
    strategy.refresh_from_db()
    assert strategy.phase == Phase.DO


def test_the_decided_item_links_back_to_the_gate(world_a: World, secretary: Any) -> None:
    gate = gates.gate_decide(actor=secretary, gate=kit.fresh_gate(world_a), decided=_decided(world_a))
    item = gate.decided_item
    assert item is not None and item.meeting == world_a.meeting and item.outcome == Outcome.DECIDED
    assert (item.source_model, item.source_pk) == ("commissioning.gate", str(gate.pk))
    assert item.source_url == reverse(
        "commissioning:gate-detail", kwargs={"slug": "northshire", "pk": gate.pk}
    )
    strategy = gate.strategy
    assert (strategy.phase, strategy.phase_since) == (Phase.PLAN, world_a.meeting.date)


def test_an_existing_decided_item_of_the_meeting_is_linked_not_duplicated(
    world_a: World, secretary: Any
) -> None:
    item = make_item(
        world_a.partnership, meeting=world_a.meeting, title="Falls: gate", outcome=Outcome.DECIDED
    )
    before = AgendaItem.objects.count()
    gate = gates.gate_decide(
        actor=secretary,
        gate=kit.fresh_gate(world_a),
        decided=_decided(world_a, resolution="", decided_item=item),
    )
    assert gate.decided_item == item and AgendaItem.objects.count() == before


def test_conditions_become_actions_with_owner_and_due_date(world_a: World, secretary: Any) -> None:
    conditions = [gates.Condition("Report the market's capacity", world_a.person, DUE)]
    gate = gates.gate_decide(
        actor=secretary,
        gate=kit.fresh_gate(world_a),
        decided=_decided(world_a, decision=Decision.CONDITIONS, conditions=conditions),
    )
    [action] = gate.conditions.all()
    assert (action.text, action.lead, action.due_date, action.body) == (
        "Report the market's capacity",
        world_a.person,
        DUE,
        world_a.body,
    )
    assert action.agenda_item == gate.decided_item
    assert action in Action.objects.filter(partnership=world_a.partnership).open()


def test_conditions_typed_in_the_form_name_people_by_name(world_a: World, secretary_client: Any) -> None:
    gate = kit.fresh_gate(world_a)
    url = reverse("commissioning:gate-decide", kwargs={"slug": "northshire", "pk": gate.pk})
    data = {
        "decision": "conditions",
        "confidence": "3",
        "body": world_a.body.pk,
        "meeting": world_a.meeting.pk,
        "resolution": "Agreed with conditions.",
        "conditions": f"Confirm the budget | {world_a.person.name.upper()} | 2030-03-31\n\n",
    }
    assert secretary_client.post(url, data).status_code == 302
    [action] = Gate.objects.get(pk=gate.pk).conditions.all()
    assert (action.lead, action.due_date) == (world_a.person, DUE)
    with assert_db_unchanged():
        response = secretary_client.post(
            reverse(
                "commissioning:gate-decide", kwargs={"slug": "northshire", "pk": kit.fresh_gate(world_a).pk}
            ),
            {**data, "conditions": "Confirm the budget | Nobody Known | 2030-03-31"},
        )
    assert "nobody called “Nobody Known”" in response.content.decode()


def test_review_to_analyse_starts_the_next_iteration_and_keeps_the_history(
    world_a: World, secretary: Any
) -> None:
    strategy = kit.strategy(world_a, "Dementia support", phase=Phase.REVIEW)
    earlier = kit.gate(world_a, strategy)
    # The gate out of Review waits for the review of the iteration, and refuses to pass after a review that
    # decided to decommission; nothing is written either time.
    with (
        assert_db_unchanged(),
        pytest.raises(ValidationError, match="outcome review of this iteration first"),
    ):
        gates.gate_decide(actor=secretary, gate=earlier, decided=_decided(world_a))
    review = reviews.review_create(actor=secretary, strategy=strategy, data={"story": "Slow progress."})
    reviews.review_decide(
        actor=secretary, review=review, meeting=world_a.meeting, decision="decommission", reasons="No need."
    )
    with assert_db_unchanged(), pytest.raises(ValidationError, match="decided to decommission"):
        gates.gate_decide(actor=secretary, gate=earlier, decided=_decided(world_a))
    OutcomeReview.objects.filter(pk=review.pk).update(decision="redesign")
    gates.gate_decide(actor=secretary, gate=earlier, decided=_decided(world_a))
    strategy.refresh_from_db()
    assert (strategy.phase, strategy.iteration) == (Phase.ANALYSE, 2)
    later = gates.gate_schedule(actor=secretary, strategy=strategy, scheduled_for=None)
    assert (later.iteration, later.from_phase, later.to_phase) == (2, Phase.ANALYSE, Phase.PLAN)
    assert list(strategy.gates.order_by("iteration").values_list("iteration", "status")) == [
        (1, GateStatus.DECIDED),
        (2, GateStatus.PENDING),
    ]


def test_hold_leaves_the_phase_and_stop_ends_the_strategy(world_a: World, secretary: Any) -> None:
    strategy = kit.world_strategy(world_a)
    gates.gate_decide(
        actor=secretary, gate=kit.gate(world_a, strategy), decided=_decided(world_a, decision=Decision.HOLD)
    )
    strategy.refresh_from_db()
    assert (strategy.phase, strategy.stopped_on) == (Phase.ANALYSE, None)
    gates.gate_decide(
        actor=secretary, gate=kit.gate(world_a, strategy), decided=_decided(world_a, decision=Decision.STOP)
    )
    strategy.refresh_from_db()
    assert (strategy.phase, strategy.stopped_on) == (Phase.ANALYSE, world_a.meeting.date)
    with assert_db_unchanged(), pytest.raises(ValidationError):
        gates.gate_schedule(actor=secretary, strategy=strategy, scheduled_for=None)


def test_scheduling_copies_the_phases_active_criteria(world_a: World, secretary: Any) -> None:
    strategy = strategies.strategy_create(
        actor=secretary,
        partnership=world_a.partnership,
        data={"title": "Community equipment", "lead_body": world_a.body},
    )
    retired = GateCriterionTemplate.objects.filter(
        partnership=world_a.partnership, phase=Phase.ANALYSE, order=1
    )
    retired.update(active=False)
    gate = gates.gate_schedule(actor=secretary, strategy=strategy, scheduled_for=DUE)
    active = GateCriterionTemplate.objects.filter(
        partnership=world_a.partnership, phase=Phase.ANALYSE, active=True
    )
    assert list(gate.criteria.values_list("text", flat=True)) == list(active.values_list("text", flat=True))
    assert len(active) >= 3
    with assert_db_unchanged(), pytest.raises(ValidationError):
        gates.gate_schedule(actor=secretary, strategy=strategy, scheduled_for=None)
    assert Strategy.objects.get(pk=strategy.pk).next_gate_on == DUE


def test_assessing_records_evidence_and_a_paper(world_a: World, secretary_client: Any) -> None:
    gate = kit.fresh_gate_with_criterion(world_a)
    criterion = gate.criteria.get()
    url = reverse("commissioning:gate-assess", kwargs={"slug": "northshire", "pk": gate.pk})
    prefix = f"c{criterion.pk}-"
    data = {
        prefix + "assessment": "na",
        prefix + "evidence": "Not needed here.",
        prefix + "paper": world_a.paper.pk,
    }
    assert secretary_client.post(url, data).status_code == 302
    criterion.refresh_from_db()
    assert (criterion.assessment, criterion.evidence, criterion.paper) == (
        "na",
        "Not needed here.",
        world_a.paper,
    )


def test_another_partnerships_paper_cannot_be_evidence(
    world_a: World, world_b: World, secretary_client: Any
) -> None:
    gate = kit.fresh_gate_with_criterion(world_a)
    criterion = gate.criteria.get()
    url = reverse("commissioning:gate-assess", kwargs={"slug": "northshire", "pk": gate.pk})
    with assert_db_unchanged():
        response = secretary_client.post(url, {f"c{criterion.pk}-paper": world_b.paper.pk})
    assert response.status_code == 200
