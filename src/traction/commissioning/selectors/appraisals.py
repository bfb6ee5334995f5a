"""Reads of options appraisals: the list, the scores summary with its sensitivity check, what stops an
appraisal from being marked complete, and an assessor's own scores.

Who sees the scores summary: while an appraisal is a draft, those who keep it (who may change it: the
secretary and admins, who write the reasons for the preferred option) and each assessor once they have sent
their own full set of scores; once it is complete, everyone who may see it. The summary never names an
assessor: per option and factor it gives the mean, the lowest and highest score and how many scored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import QuerySet

from traction.core import policy
from traction.core.models import Partnership
from traction_analysis.commissioning import appraisal as pure

from ..models import (
    AppraisalStatus,
    Decision,
    Gate,
    GateStatus,
    Option,
    OptionsAppraisal,
    OptionScore,
    Phase,
    ShortList,
    Strategy,
    SuccessFactor,
)

MILLION = Decimal(1_000_000)
ROLE_NAMES = {
    ShortList.BAU: "a business-as-usual option",
    ShortList.MINIMUM: "a do-minimum option",
    ShortList.PREFERRED: "a preferred option",
}
NEEDS_ONE = "the short list needs exactly one {role} (it has {count})"
ROLE_WORDS = {
    ShortList.BAU: "business-as-usual option",
    ShortList.MINIMUM: "do-minimum option",
    ShortList.PREFERRED: "preferred option",
}
NEEDS_OTHER = (
    "the short list needs at least one other option besides business as usual, do minimum and preferred"
)
DROPPED_ON_SHORT_LIST = "every short-listed option must be kept on the long list ({titles} is dropped)"
WEIGHTS_OFF = "the weights add up to {total}, not 100"
UNSCORED = "no assessor has yet scored {titles} against every factor"
NO_REASONS = "the reasons for the preferred option are not written"


def appraisal_list_for(*, user: Any, partnership: Partnership) -> QuerySet[OptionsAppraisal]:
    found = policy.permitted(user=user, partnership=partnership, action="view", model=OptionsAppraisal)
    return found.select_related("strategy")


def strategy_list_for(*, user: Any, partnership: Partnership) -> QuerySet[Strategy]:
    return policy.permitted(user=user, partnership=partnership, action="view", model=Strategy)


def home_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    appraisals = appraisal_list_for(user=user, partnership=partnership)
    return {
        "appraisals": list(appraisals.order_by("-created_at", "-pk")[:5]),
        "appraisals_draft": appraisals.filter(status=AppraisalStatus.DRAFT).count(),
    }


def short_listed(appraisal: OptionsAppraisal) -> list[Option]:
    return list(appraisal.options.exclude(short_list=ShortList.NONE))


def factors_of(appraisal: OptionsAppraisal) -> list[SuccessFactor]:
    return list(appraisal.factors.all())


def _score_sets(appraisal: OptionsAppraisal) -> dict[int, dict[int, dict[int, int]]]:
    """{option pk: {assessor pk: {factor pk: score}}} for the short-listed options."""
    found: dict[int, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    rows = OptionScore.objects.filter(option__appraisal=appraisal).exclude(option__short_list=ShortList.NONE)
    for option, assessor, factor, score in rows.values_list("option", "assessor", "factor", "score"):
        found[option][assessor][factor] = score
    return found


def fully_scored(appraisal: OptionsAppraisal) -> set[int]:
    """The short-listed options that at least one assessor has scored against every factor."""
    factors = {f.pk for f in factors_of(appraisal)}
    return {
        option
        for option, by_assessor in _score_sets(appraisal).items()
        if factors and any(factors <= set(scores) for scores in by_assessor.values())
    }


def missing_for_complete(appraisal: OptionsAppraisal) -> list[str]:
    """What stops the appraisal from being marked complete, in words; empty when nothing does."""
    options = short_listed(appraisal)
    missing = []
    for role in ROLE_NAMES:
        count = sum(1 for o in options if o.short_list == role)
        if count != 1:
            missing.append(NEEDS_ONE.format(role=ROLE_WORDS[role], count=count))
    if not any(o.short_list == ShortList.OTHER for o in options):
        missing.append(NEEDS_OTHER)
    dropped = [f"“{o.title}”" for o in options if not o.kept]
    if dropped:
        missing.append(DROPPED_ON_SHORT_LIST.format(titles=", ".join(dropped)))
    total = sum(f.weight for f in factors_of(appraisal))
    if total != pure.TOTAL:
        missing.append(WEIGHTS_OFF.format(total=total))
    scored = fully_scored(appraisal)
    unscored = [f"“{o.title}”" for o in options if o.pk not in scored]
    if unscored:
        missing.append(UNSCORED.format(titles=", ".join(unscored)))
    if not appraisal.preferred_reasons.strip():
        missing.append(NO_REASONS)
    return missing


# --- an assessor's scores ---------------------------------------------------------------------------------


def my_scores(*, appraisal: OptionsAppraisal, user: Any) -> dict[tuple[int, int], int]:
    """{(option pk, factor pk): score} of this assessor on the appraisal."""
    rows = OptionScore.objects.filter(option__appraisal=appraisal, assessor=user.pk)
    return {(o, f): s for o, f, s in rows.values_list("option", "factor", "score")}


def has_scored(*, appraisal: OptionsAppraisal, user: Any) -> bool:
    """Whether this person has sent a score for every short-listed option against every factor."""
    wanted = {(o.pk, f.pk) for o in short_listed(appraisal) for f in factors_of(appraisal)}
    return bool(wanted) and wanted <= set(my_scores(appraisal=appraisal, user=user))


def results_visible(*, appraisal: OptionsAppraisal, user: Any) -> bool:
    def may(action: str, object_type: str = "optionsappraisal") -> bool:
        return policy.allowed(
            user=user, partnership=appraisal.partnership, action=action, object_type=object_type
        )

    if appraisal.status == AppraisalStatus.COMPLETE:
        return may("view")
    return may("change") or (may("add", "optionscore") and has_scored(appraisal=appraisal, user=user))


# --- the scores summary -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionRow:
    option: Option
    cells: tuple[pure.Spread | None, ...]  # one per factor, in the factors' order
    assessors: int
    total: float | None
    rank: int | None
    per_million: float | None  # weighted score per £1m of whole-life cost


@dataclass(frozen=True)
class Results:
    factors: tuple[SuccessFactor, ...]
    rows: tuple[OptionRow, ...]
    sensitivity: pure.Sensitivity
    sentences: tuple[str, ...]

    @property
    def top(self) -> list[Option]:
        keys = set(self.sensitivity.top)
        return [r.option for r in self.rows if str(r.option.pk) in keys]


def _per_million(total: Fraction | None, cost: Decimal | None) -> float | None:
    if total is None or not cost or cost <= 0:
        return None
    return float(total / Fraction(cost / MILLION))


def results(appraisal: OptionsAppraisal) -> Results:
    """Per short-listed option: mean and spread per factor, assessors, weighted score, rank, score per £1m;
    and the sensitivity check, said in words."""
    factors = factors_of(appraisal)
    options = short_listed(appraisal)
    sets = _score_sets(appraisal)
    weights = {str(f.pk): f.weight for f in factors}
    cells: dict[int, list[pure.Spread | None]] = {}
    means: dict[str, dict[str, Fraction]] = {}
    for option in options:
        by_assessor = sets.get(option.pk, {})
        cells[option.pk] = [pure.spread(s[f.pk] for s in by_assessor.values() if f.pk in s) for f in factors]
        means[str(option.pk)] = {
            str(f.pk): c.mean for f, c in zip(factors, cells[option.pk], strict=True) if c is not None
        }
    ranked = {r.option: r for r in pure.ranking(weights, means)}
    rows = []
    for option in options:
        found = ranked.get(str(option.pk))
        total = found.total if found else None
        rows.append(
            OptionRow(
                option,
                tuple(cells[option.pk]),
                len(sets.get(option.pk, {})),
                float(total) if total is not None else None,
                found.rank if found else None,
                _per_million(total, option.whole_life_cost),
            )
        )
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.option.order, r.option.pk))
    check = pure.sensitivity(weights, means)
    names = {str(o.pk): o.title for o in options}
    words = pure.sentences(check, names, {str(f.pk): f.name for f in factors})
    return Results(tuple(factors), tuple(rows), check, tuple(words))


def results_for(*, appraisal: OptionsAppraisal, user: Any) -> Results | None:
    """The summary, or None while this person may not see it yet."""
    return results(appraisal) if results_visible(appraisal=appraisal, user=user) else None


def plan_gate_passed(appraisal: OptionsAppraisal) -> Gate | None:
    """The decided gate out of Plan that passed on this appraisal's iteration, if any."""
    return Gate.objects.filter(
        strategy_id=appraisal.strategy_id,
        iteration=appraisal.iteration,
        from_phase=Phase.PLAN,
        status=GateStatus.DECIDED,
        decision__in=(Decision.PROCEED, Decision.CONDITIONS),
    ).first()
