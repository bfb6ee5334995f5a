"""A strategy's page brings its cycle together: its options appraisals, its outcome reviews, what the last
review decided for this Analyse, and the way into the review when the strategy is in Review."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from commissioning import kit_appraisals, kit_strategies
from factories import World
from traction.commissioning.models import OutcomeReview, Phase, ReviewDecision
from traction.core.models import Role

pytestmark = pytest.mark.django_db


def _page(client: Any, world: World, pk: int) -> str:
    url = reverse("commissioning:strategy-detail", kwargs={"slug": world.partnership.slug, "pk": pk})
    return client.get(url).content.decode()


def test_the_strategy_page_links_its_appraisals_and_reviews_and_the_seed_of_this_iteration(
    world_a: World, client_for: Any
) -> None:
    strategy = kit_strategies.strategy(world_a, "Falls prevention", phase=Phase.ANALYSE, iteration=2)
    appraisal = kit_appraisals.make_appraisal(strategy, title="Falls service: how to buy it")
    OutcomeReview.objects.create(
        partnership=world_a.partnership,
        strategy=strategy,
        iteration=1,
        decision=ReviewDecision.REDESIGN,
        decision_reasons="Referrals came too late to prevent the first fall.",
    )
    page = _page(client_for(Role.SECRETARY), world_a, strategy.pk)
    assert "Falls service: how to buy it" in page
    assert (
        reverse(
            "commissioning:appraisal-detail", kwargs={"slug": world_a.partnership.slug, "pk": appraisal.pk}
        )
        in page
    )
    assert "The review of iteration 1 decided: <strong>Redesign</strong>" in page
    assert "Referrals came too late" in page
    assert "Review this iteration against its outcomes" not in page  # not in Review yet
    in_review = kit_strategies.strategy(world_a, "Carers' support", phase=Phase.REVIEW)
    assert "Review this iteration against its outcomes" in _page(
        client_for(Role.SECRETARY), world_a, in_review.pk
    )
    assert "Review this iteration against its outcomes" not in _page(
        client_for(Role.VIEWER), world_a, in_review.pk
    )
