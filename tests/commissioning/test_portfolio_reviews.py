"""Outcome reviews, self-assessments and the settings through their services and pages: refusals write
nothing; a review's decision is a decided item that links back to it and seeds the next Analyse; a
self-assessment's actions are in the action log."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from commissioning import kit_portfolio as kit
from dbstate import assert_db_unchanged
from factories import World
from traction.commissioning.models import CommissioningSettings, Phase, SelfAssessment
from traction.commissioning.selectors.reviews import measures_for, seed_for
from traction.commissioning.services import portfolio as settings_services
from traction.commissioning.services import reviews, self_assessment
from traction.direction.models import Indicator, IndicatorValue
from traction.governance.models import AgendaItem


def test_a_review_needs_the_review_phase(world_a: World, secretary: Any) -> None:
    strategy = kit.make_strategy(world_a.partnership, lead_body=world_a.body, phase=Phase.DO)
    with assert_db_unchanged(), pytest.raises(ValidationError, match="Review phase"):
        reviews.review_create(actor=secretary, strategy=strategy, data={"story": "x"})


def test_one_review_per_iteration(world_a: World, secretary: Any) -> None:
    strategy = kit.fresh_review_strategy(world_a)
    reviews.review_create(actor=secretary, strategy=strategy, data={"story": "First"})
    with assert_db_unchanged(), pytest.raises(ValidationError, match="already has"):
        reviews.review_create(actor=secretary, strategy=strategy, data={"story": "Second"})


def test_the_decision_is_an_item_that_links_back(world_a: World, secretary: Any) -> None:
    review = kit.fresh_undecided_review(world_a)
    decided = reviews.review_decide(
        actor=secretary, review=review, meeting=world_a.meeting, decision="redesign", reasons="Low uptake."
    )
    item = AgendaItem.objects.get(pk=decided.decided_item_id)
    assert (decided.decision, decided.decision_reasons) == ("redesign", "Low uptake.")
    assert item.meeting == world_a.meeting and item.outcome == "decided"
    assert (item.source_model, item.source_pk) == ("commissioning.outcomereview", str(review.pk))
    assert "redesign" in item.resolution
    with assert_db_unchanged(), pytest.raises(ValidationError, match="already recorded"):
        reviews.review_decide(
            actor=secretary, review=review, meeting=world_a.meeting, decision="continue", reasons="No."
        )


@pytest.mark.parametrize("role", ["member", "viewer", "facilitator"])
def test_only_those_who_keep_commissioning_decide(world_a: World, users: dict[str, Any], role: str) -> None:
    review = kit.fresh_undecided_review(world_a)
    with assert_db_unchanged(), pytest.raises(PermissionDenied):
        reviews.review_decide(
            actor=users[role], review=review, meeting=world_a.meeting, decision="continue", reasons="Fine."
        )


def test_a_decided_review_seeds_the_next_analyse(world_a: World, secretary: Any) -> None:
    review = kit.fresh_undecided_review(world_a)
    strategy = review.strategy
    assert seed_for(strategy) is None  # the review is of the current iteration
    reviews.review_decide(
        actor=secretary, review=review, meeting=world_a.meeting, decision="resource", reasons="New provider."
    )
    strategy.phase, strategy.iteration = Phase.ANALYSE, 2
    strategy._gate_moves_it = True  # as the gate service does for the one save that moves it
    strategy.save()
    seed = seed_for(strategy)
    assert seed is not None and (seed.iteration, seed.decision, seed.reasons) == (
        1,
        "Re-source",
        "New provider.",
    )


def test_the_review_page_splits_measures_and_shows_their_trend(
    world_a: World, viewer: Any, client_for: Any
) -> None:
    review = kit.world_review(world_a)
    p = world_a.partnership
    population = Indicator.objects.create(partnership=p, title="Falls admissions", area_code="E1")
    service = Indicator.objects.create(
        partnership=p, title="Classes held", level="service", question="how_much"
    )
    review.strategy.indicators.set([population, service])
    for year in range(2015, 2023):
        IndicatorValue.objects.create(
            partnership=p,
            indicator=population,
            area_code="E1",
            period=str(year),
            period_order=year,
            value=year - 2000,
        )
    groups = measures_for(user=viewer, strategy=review.strategy)
    assert [g.title for g in groups] == ["Population measures", "Service measures: How much did we do?"]
    assert [period for period, _ in groups[0].measures[0].trend] == ["2018", "2019", "2020", "2021", "2022"]
    url = reverse("commissioning:review-detail", kwargs={"slug": p.slug, "pk": review.pk})
    body = client_for("viewer").get(url).content.decode()
    assert "Falls admissions" in body and "2022: 22" in body


def test_a_self_assessment_scores_every_standard_once_a_year(world_a: World, secretary: Any) -> None:
    made = self_assessment.self_assessment_create(
        actor=secretary, partnership=world_a.partnership, data={"year": 2026, "scores": kit.SCORES}
    )
    assert made.scores == kit.SCORES
    with assert_db_unchanged(), pytest.raises(ValidationError, match="already exists"):
        self_assessment.self_assessment_create(
            actor=secretary, partnership=world_a.partnership, data={"year": 2026, "scores": kit.SCORES}
        )
    with assert_db_unchanged(), pytest.raises(ValidationError, match="Score every"):
        self_assessment.self_assessment_create(
            actor=secretary, partnership=world_a.partnership, data={"year": 2027, "scores": {"outcomes": 5}}
        )


def test_a_self_assessment_action_goes_in_the_action_log(world_a: World, secretary: Any) -> None:
    assessment = kit.world_assessment(world_a)
    action = self_assessment.self_assessment_action_add(
        actor=secretary, assessment=assessment, body=world_a.body, text="Set up a residents' panel"
    )
    assert list(assessment.actions.all()) == [action]
    assert (action.body, action.source_model) == (world_a.body, "commissioning.selfassessment")


def test_the_list_shows_each_year_side_by_side(world_a: World, client_for: Any) -> None:
    SelfAssessment.objects.create(
        partnership=world_a.partnership, year=2024, scores=dict.fromkeys(kit.SCORES, 1)
    )
    kit.world_assessment(world_a)
    url = reverse("commissioning:selfassessment-list", kwargs={"slug": world_a.partnership.slug})
    context = client_for("viewer").get(url).context
    assert [a.year for a in context["assessments"]] == [2024, 2025]
    assert context["rows"][0][1] == [1, 3] and context["averages"] == [1.0, 3.0]


def test_only_admins_change_the_settings(world_a: World, users: dict[str, Any]) -> None:
    with assert_db_unchanged(), pytest.raises(PermissionDenied):
        settings_services.settings_update(
            actor=users["secretary"], partnership=world_a.partnership, data={"stall_days": 90}
        )
    settings_services.settings_update(
        actor=users["admin"], partnership=world_a.partnership, data={"stall_days": 90}
    )
    assert CommissioningSettings.objects.get(partnership=world_a.partnership).stall_days == 90


@pytest.mark.parametrize("days", ["29", "1096", "ninety", ""])
def test_the_threshold_stays_within_its_bounds(world_a: World, client_for: Any, days: str) -> None:
    url = reverse("commissioning:settings-update", kwargs={"slug": world_a.partnership.slug})
    client = client_for("admin")
    client.get(url)
    with assert_db_unchanged():
        assert client.post(url, {"stall_days": days}).status_code == 200
