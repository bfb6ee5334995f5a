"""Options-appraisal records for tests: a strategy, a draft appraisal with a full short list, one ready to
be marked complete, one complete.

Factories write straight to the ORM (no permission, no audit) to set the scene; tests then drive HTTP or
the services. ``world_*`` makers return the same record for a world every time; ``fresh_*`` make a new one.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from factories import World, make_user
from traction.commissioning.models import (
    AppraisalStatus,
    Option,
    OptionsAppraisal,
    OptionScore,
    ShortList,
    Strategy,
    SuccessFactor,
)
from traction_analysis.commissioning.appraisal import STANDARD_FACTORS

STRATEGY = "Care at home"
WORLD_TITLE = "Care at home: delivery options"
# (title, channel, kept, short list, whole-life cost)
OPTIONS = (
    ("Carry on as now", "outsource", True, ShortList.BAU, 12_000_000),
    ("Extend the current contracts a year", "outsource", True, ShortList.MINIMUM, 11_500_000),
    ("Zoned contracts with a lead provider", "partnership", True, ShortList.PREFERRED, 11_800_000),
    ("Bring the service in-house", "in_house", True, ShortList.OTHER, 14_000_000),
    ("Stop commissioning care at home", "stop", False, ShortList.NONE, None),
)


def world_strategy(w: World) -> Strategy:
    found = Strategy.objects.filter(partnership=w.partnership, title=STRATEGY).first()
    return found or Strategy.objects.create(partnership=w.partnership, title=STRATEGY, lead_body=w.body)


def make_appraisal(strategy: Strategy, *, title: str = "An appraisal", **kw: Any) -> OptionsAppraisal:
    """A draft appraisal with the five standard factors at 20 each and the short list of ``OPTIONS``."""
    appraisal = OptionsAppraisal.objects.create(
        partnership=strategy.partnership, strategy=strategy, iteration=strategy.iteration, title=title, **kw
    )
    for order, name in enumerate(STANDARD_FACTORS, start=1):
        SuccessFactor.objects.create(
            partnership=strategy.partnership,
            appraisal=appraisal,
            name=name,
            standard=True,
            weight=20,
            order=order,
        )
    for order, (option, channel, kept, role, cost) in enumerate(OPTIONS, start=1):
        Option.objects.create(
            partnership=strategy.partnership,
            appraisal=appraisal,
            title=option,
            channel=channel,
            kept=kept,
            reason="Kept: it meets the need."
            if kept
            else "Dropped: the duty to meet eligible needs remains.",
            short_list=role,
            whole_life_cost=Decimal(cost) if cost else None,
            order=order,
        )
    return appraisal


def score(appraisal: OptionsAppraisal, assessor: Any, table: Mapping[str, tuple[int, ...]]) -> None:
    """``table``: option title → one score per factor, in the factors' order."""
    factors = list(appraisal.factors.all())
    for option in appraisal.options.exclude(short_list=ShortList.NONE):
        for factor, value in zip(factors, table[option.title], strict=True):
            OptionScore.objects.create(
                partnership=appraisal.partnership,
                option=option,
                factor=factor,
                assessor=assessor,
                score=value,
            )


# The preferred option clearly on top for one assessor.
SCORES = {
    "Carry on as now": (2, 2, 3, 2, 4),
    "Extend the current contracts a year": (2, 3, 3, 3, 4),
    "Zoned contracts with a lead provider": (5, 4, 4, 4, 3),
    "Bring the service in-house": (4, 2, 2, 1, 2),
}


def world_appraisal(w: World) -> OptionsAppraisal:
    found = OptionsAppraisal.objects.filter(partnership=w.partnership, title=WORLD_TITLE).first()
    return found or make_appraisal(world_strategy(w), title=WORLD_TITLE)


def world_option(w: World) -> Option:
    return world_appraisal(w).options.order_by("order").first()  # type: ignore[return-value]


def fresh_option(w: World) -> Option:
    appraisal = world_appraisal(w)
    return Option.objects.create(
        partnership=w.partnership,
        appraisal=appraisal,
        title="Direct payments only",
        channel="mixed",
        reason="x",
    )


def fresh_appraisal(w: World) -> OptionsAppraisal:
    return make_appraisal(world_strategy(w), title="An appraisal to delete")


def fresh_ready(w: World) -> OptionsAppraisal:
    """Everything the gate needs: scored by one assessor, the reasons written."""
    appraisal = make_appraisal(
        world_strategy(w), title="Ready for the gate", preferred_reasons="Best on fit and value."
    )
    score(appraisal, make_user(), SCORES)
    return appraisal


def fresh_complete(w: World) -> OptionsAppraisal:
    appraisal = fresh_ready(w)
    appraisal.status = AppraisalStatus.COMPLETE
    appraisal.save()
    return appraisal


def score_data(appraisal: OptionsAppraisal, value: str = "3") -> dict[str, str]:
    return {
        f"s_{o.pk}_{f.pk}": value
        for o in appraisal.options.exclude(short_list=ShortList.NONE)
        for f in appraisal.factors.all()
    }


def factors_data(
    appraisal: OptionsAppraisal, weights: tuple[int, ...] = (30, 20, 10, 20, 10)
) -> dict[str, str]:
    """The factors form: the standard five with ``weights``, and own factors in the blank slots (10 for
    the first when the five sum to 90)."""
    data = {}
    for factor, weight in zip(appraisal.factors.all(), weights, strict=False):
        data[f"name_{factor.pk}"] = factor.name
        data[f"weight_{factor.pk}"] = str(weight)
    data["name_new1"] = "Social value" if sum(weights) == 90 else ""
    data["weight_new1"] = "10" if sum(weights) == 90 else ""
    return data


def option_data(**kw: str) -> dict[str, str]:
    return {
        "dimension": "delivery",
        "title": "A dynamic purchasing system",
        "description": "",
        "channel": "outsource",
        "kept": "on",
        "reason": "Opens the market to small providers.",
        "short_list": "",
        "whole_life_cost": "11900000",
        **kw,
    }
