"""The demo's options appraisals: two complete ones, for care at home and for community equipment, each with
a long list over several dimensions and channels (dropped options with their reasons), a full short list,
scores by three assessors (the demo's secretary, member and admin) and whole-life costs."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from traction.core.models import Partnership
from traction.governance.models import Body
from traction_analysis.commissioning.appraisal import STANDARD_FACTORS

from ..models import (
    AppraisalStatus,
    Option,
    OptionsAppraisal,
    OptionScore,
    ShortList,
    Strategy,
    SuccessFactor,
)

LEAD_BODY = "Riverside Health and Wellbeing Board"
ASSESSORS = ("secretary", "member", "admin")
BAU, MINIMUM, PREFERRED, OTHER, NONE = (
    ShortList.BAU,
    ShortList.MINIMUM,
    ShortList.PREFERRED,
    ShortList.OTHER,
    ShortList.NONE,
)

# title, dimension, channel, kept, reason, short list, whole-life cost (£m), scores per assessor per factor
CARE_AT_HOME = (
    "Adult social care: care at home",
    "Care at home from 2027: how to commission it",
    (25, 20, 20, 15, 20),
    "Zoned contracts with a lead provider scored best on strategic fit and the market's capacity, at a "
    "whole-life cost close to business as usual; the sensitivity check shows the choice holds.",
    (
        (
            "Carry on with the framework of 40 providers",
            "delivery",
            "outsource",
            True,
            "The baseline: hours are delivered but rural calls are often missed.",
            BAU,
            "62.0",
            ((2, 2, 2, 3, 3), (2, 3, 2, 3, 3), (3, 2, 2, 3, 4)),
        ),
        (
            "Extend the current framework by two years",
            "implementation",
            "outsource",
            True,
            "The least that keeps care going while the market is rebuilt.",
            MINIMUM,
            "60.5",
            ((2, 3, 2, 3, 4), (3, 3, 2, 3, 4), (2, 3, 3, 3, 4)),
        ),
        (
            "Zoned contracts with a lead provider in each zone",
            "solution",
            "partnership",
            True,
            "Guaranteed hours in each zone steady the workforce and cover rural rounds.",
            PREFERRED,
            "63.0",
            ((5, 4, 4, 4, 3), (4, 4, 5, 4, 4), (5, 4, 4, 3, 3)),
        ),
        (
            "A council-run reablement and care service",
            "delivery",
            "insource",
            True,
            "Control over quality, but the council would need to recruit 300 carers.",
            OTHER,
            "78.0",
            ((4, 2, 3, 2, 2), (4, 2, 2, 2, 2), (3, 2, 3, 1, 2)),
        ),
        (
            "Individual service funds for everyone",
            "scope",
            "mixed",
            False,
            "Too few people want to manage a budget to carry the whole service.",
            NONE,
            None,
            (),
        ),
        (
            "Stop commissioning care at home below two calls a day",
            "scope",
            "stop",
            False,
            "The council would not meet its duty to eligible people.",
            NONE,
            None,
            (),
        ),
        (
            "Pay providers a higher hourly rate only",
            "funding",
            "outsource",
            False,
            "Rates alone did not bring carers back in the last two rises.",
            NONE,
            None,
            (),
        ),
    ),
)
COMMUNITY_EQUIPMENT = (
    "Community equipment",
    "Community equipment service: the next contract",
    (20, 30, 15, 20, 15),
    "A joint store run with the NHS trust costs less over its life and recycles more equipment, and the "
    "trust already runs the store next door.",
    (
        (
            "Re-let the current contract as it is",
            "delivery",
            "outsource",
            True,
            "The baseline: deliveries in five days, little recycling.",
            BAU,
            "21.0",
            ((3, 2, 3, 3, 4), (3, 2, 3, 2, 4), (3, 3, 3, 3, 4)),
        ),
        (
            "Extend the contract for a year with a recycling target",
            "implementation",
            "outsource",
            True,
            "Buys time and tests whether recycling can rise under the current provider.",
            MINIMUM,
            "20.4",
            ((3, 3, 3, 3, 4), (3, 3, 3, 3, 4), (2, 3, 3, 3, 4)),
        ),
        (
            "A joint store run with the community NHS trust",
            "solution",
            "partnership",
            True,
            "One store for health and care; the trust has space and drivers already.",
            PREFERRED,
            "18.6",
            ((4, 4, 3, 4, 3), (5, 4, 3, 4, 3), (4, 5, 4, 4, 3)),
        ),
        (
            "Bring the store in-house",
            "delivery",
            "in_house",
            True,
            "The council controls stock, but needs a depot and a fleet.",
            OTHER,
            "23.5",
            ((4, 2, 2, 2, 2), (3, 2, 2, 2, 2), (4, 2, 3, 2, 2)),
        ),
        (
            "A retail model with prescriptions for simple aids",
            "solution",
            "mixed",
            True,
            "Kept but not short-listed: worth trying for simple aids alongside the main service.",
            NONE,
            None,
            (),
        ),
        (
            "Stop providing simple aids",
            "scope",
            "stop",
            False,
            "Simple aids prevent falls and hospital stays.",
            NONE,
            None,
            (),
        ),
    ),
)


def _strategy(partnership: Partnership, title: str) -> Strategy:
    found = Strategy.objects.filter(partnership=partnership, title=title).first()
    if found is None:
        body = Body.objects.get(partnership=partnership, name=LEAD_BODY)
        found = Strategy.objects.create(partnership=partnership, title=title, lead_body=body)
    return found


def _appraisal(partnership: Partnership, spec: Any, assessors: list[Any], counts: Counter[str]) -> None:
    strategy_title, title, weights, reasons, options = spec
    strategy = _strategy(partnership, strategy_title)
    # The strategies demo gave the strategy a short appraisal to pass its Plan gate: this fuller one
    # replaces it.
    OptionsAppraisal.objects.filter(strategy=strategy, iteration=strategy.iteration).delete()
    appraisal = OptionsAppraisal.objects.create(
        partnership=partnership,
        strategy=strategy,
        iteration=strategy.iteration,
        title=title,
        preferred_reasons=reasons,
        status=AppraisalStatus.COMPLETE,
        created_by=assessors[0],
    )
    factors = [
        SuccessFactor.objects.create(
            partnership=partnership, appraisal=appraisal, name=name, standard=True, weight=weight, order=order
        )
        for order, (name, weight) in enumerate(zip(STANDARD_FACTORS, weights, strict=True), start=1)
    ]
    for order, (text, dimension, channel, kept, reason, role, cost, scores) in enumerate(options, start=1):
        option = Option.objects.create(
            partnership=partnership,
            appraisal=appraisal,
            title=text,
            dimension=dimension,
            channel=channel,
            kept=kept,
            reason=reason,
            short_list=role,
            whole_life_cost=Decimal(cost) * 1_000_000 if cost else None,
            order=order,
        )
        for assessor, row in zip(assessors, scores, strict=False):
            for factor, value in zip(factors, row, strict=True):
                OptionScore.objects.create(
                    partnership=partnership, option=option, factor=factor, assessor=assessor, score=value
                )
                counts["option scores"] += 1
        counts["options"] += 1
    counts["options appraisals"] += 1


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    counts: Counter[str] = Counter()
    users = get_user_model().objects.filter(username__in=ASSESSORS)
    by_name = {u.get_username(): u for u in users}
    assessors = [by_name[name] for name in ASSESSORS]
    for spec in (CARE_AT_HOME, COMMUNITY_EQUIPMENT):
        _appraisal(partnership, spec, assessors, counts)
    return counts
