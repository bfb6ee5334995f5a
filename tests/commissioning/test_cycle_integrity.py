"""The cycle's record cannot be rewritten behind its decisions: an appraisal that carried a strategy through
its Plan gate cannot be reopened (so neither edited nor deleted), a strategy with gates cannot be deleted,
no bulk write and no create can place a strategy in another phase, and reading the settings writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from commissioning import kit_appraisals, kit_strategies
from dbstate import assert_db_unchanged
from factories import World
from traction.commissioning.models import (
    PHASE_BY_GATE,
    AppraisalStatus,
    CommissioningSettings,
    Decision,
    Gate,
    GateStatus,
    Phase,
    Strategy,
)
from traction.commissioning.services import appraisals, strategies
from traction.core.models import Role

pytestmark = pytest.mark.django_db


def test_an_appraisal_behind_a_passed_plan_gate_cannot_be_reopened(world_a: World, secretary: Any) -> None:
    strategy = kit_strategies.strategy(world_a, "Community equipment", phase=Phase.DO)
    appraisal = kit_appraisals.make_appraisal(strategy, status=AppraisalStatus.COMPLETE)
    Gate.objects.create(
        partnership=world_a.partnership,
        strategy=strategy,
        iteration=appraisal.iteration,
        from_phase=Phase.PLAN,
        to_phase=Phase.DO,
        status=GateStatus.DECIDED,
        decision=Decision.PROCEED,
        body=world_a.body,
        meeting=world_a.meeting,
        decided_item=world_a.item,
    )
    with assert_db_unchanged(), pytest.raises(ValidationError, match="gate out of Plan was passed"):
        appraisals.appraisal_reopen(actor=secretary, appraisal=appraisal)
    with assert_db_unchanged(), pytest.raises(ValidationError, match="read-only"):
        appraisals.appraisal_delete(actor=secretary, appraisal=appraisal)


def test_a_strategy_with_gates_cannot_be_deleted(world_a: World, client_for: Any) -> None:
    strategy = kit_strategies.strategy(world_a, "Dementia support")
    kit_strategies.gate(world_a, strategy)
    client = client_for(Role.SECRETARY)
    url = reverse(
        "commissioning:strategy-delete", kwargs={"slug": world_a.partnership.slug, "pk": strategy.pk}
    )
    with assert_db_unchanged():
        response = client.post(url)
    assert response.status_code == 200 and "cannot be deleted" in response.content.decode()


def test_no_bulk_write_and_no_create_places_a_strategy_in_another_phase(
    world_a: World, secretary: Any
) -> None:
    strategy = kit_strategies.strategy(world_a, "Carers' support")
    for write in (
        lambda: Strategy.objects.filter(pk=strategy.pk).update(phase=Phase.PLAN),
        lambda: Strategy.objects.bulk_update([strategy], ["iteration"]),
    ):
        with assert_db_unchanged(), pytest.raises(ValidationError, match="only through a gate decision"):
            write()
    created = strategies.strategy_create(
        actor=secretary,
        partnership=world_a.partnership,
        data={"title": "Sexual health", "lead_body": world_a.body, "phase": Phase.REVIEW, "iteration": 3},
    )
    assert (created.phase, created.iteration) == (Phase.ANALYSE, 1)
    assert PHASE_BY_GATE.startswith("The phase changes only through a gate decision")


def test_reading_the_portfolio_and_the_settings_writes_nothing(world_a: World, client_for: Any) -> None:
    client = client_for(Role.VIEWER)
    slug = world_a.partnership.slug
    with assert_db_unchanged():
        for name in ("portfolio", "settings"):
            assert client.get(reverse(f"commissioning:{name}", kwargs={"slug": slug})).status_code == 200
    assert not CommissioningSettings.objects.exists()


def test_the_appraisal_page_offers_no_reopening_once_its_plan_gate_passed(
    world_a: World, client_for: Any
) -> None:
    strategy = kit_strategies.strategy(world_a, "Falls prevention", phase=Phase.DO)
    appraisal = kit_appraisals.make_appraisal(strategy, status=AppraisalStatus.COMPLETE)
    url = reverse(
        "commissioning:appraisal-detail", kwargs={"slug": world_a.partnership.slug, "pk": appraisal.pk}
    )
    assert "Reopen as a draft" in client_for(Role.SECRETARY).get(url).content.decode()
    Gate.objects.create(
        partnership=world_a.partnership,
        strategy=strategy,
        iteration=appraisal.iteration,
        from_phase=Phase.PLAN,
        to_phase=Phase.DO,
        status=GateStatus.DECIDED,
        decision=Decision.CONDITIONS,
        body=world_a.body,
        meeting=world_a.meeting,
        decided_item=world_a.item,
    )
    page = client_for(Role.SECRETARY).get(url).content.decode()
    assert "Reopen as a draft" not in page and "stays as it was decided" in page
