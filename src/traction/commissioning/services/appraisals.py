"""Writes of options appraisals: one transaction each, every row audited.

An appraisal belongs to its strategy's current iteration and starts with the five standard critical success
factors at 20 points each. A complete appraisal is read-only until it is reopened: every write here but
reopening refuses it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from traction.core import policy
from traction.core.services import record_create, record_delete, record_update
from traction_analysis.commissioning import appraisal as pure

from ..models import (
    AppraisalStatus,
    Option,
    OptionsAppraisal,
    OptionScore,
    Strategy,
    SuccessFactor,
)
from ..selectors import appraisals as selectors

READ_ONLY = "This appraisal is complete, so it is read-only: reopen it to change it."
WEIGHTS_NOT_100 = "The weights add up to {total}: they must add up to 100. Nothing was saved."
TOO_MANY_OWN = "An appraisal has the five standard factors and at most three of its own. Nothing was saved."
STANDARD_NAMED = "Every standard factor keeps a name."
ROLE_TAKEN = "The short list already has {role} (“{title}”): change that one first."
DROPPED_NOT_SHORT = "A dropped option cannot be on the short list: keep it, or take it off the short list."
NOT_COMPLETE = "The appraisal cannot be marked complete yet: {missing}."
NOT_DRAFT = "This appraisal is not complete, so there is nothing to reopen."
NOTHING_TO_SCORE = "There is nothing to score yet: the short list or the factors are empty."
SCORE_EVERY = "Score every short-listed option against every factor, from 0 to 5."


def _writable(appraisal: OptionsAppraisal) -> OptionsAppraisal:
    """The appraisal, locked, refused when it is complete."""
    locked = OptionsAppraisal.objects.select_for_update().get(pk=appraisal.pk)
    if locked.status == AppraisalStatus.COMPLETE:
        raise ValidationError(READ_ONLY)
    return locked


@transaction.atomic
def appraisal_create(*, actor: Any, strategy: Strategy, data: Mapping[str, Any]) -> OptionsAppraisal:
    """An appraisal for the strategy's current iteration, with the five standard factors at 20 each."""
    appraisal = record_create(
        actor=actor,
        partnership=strategy.partnership,
        model=OptionsAppraisal,
        data={**data, "strategy": strategy, "iteration": strategy.iteration, "created_by": actor},
    )
    weight = pure.TOTAL // len(pure.STANDARD_FACTORS)
    for order, name in enumerate(pure.STANDARD_FACTORS, start=1):
        record_create(
            actor=actor,
            partnership=strategy.partnership,
            model=SuccessFactor,
            data={"appraisal": appraisal, "name": name, "standard": True, "weight": weight, "order": order},
        )
    return appraisal


@transaction.atomic
def appraisal_update(
    *, actor: Any, appraisal: OptionsAppraisal, data: Mapping[str, Any], seen: str | None = None
) -> OptionsAppraisal:
    policy.require_write(
        user=actor, partnership=appraisal.partnership, action="change", model=OptionsAppraisal
    )
    return record_update(actor=actor, instance=_writable(appraisal), data=data, seen=seen)


@transaction.atomic
def appraisal_delete(*, actor: Any, appraisal: OptionsAppraisal) -> None:
    policy.require_write(
        user=actor, partnership=appraisal.partnership, action="delete", model=OptionsAppraisal
    )
    record_delete(actor=actor, instance=_writable(appraisal))  # a complete one is read-only, so kept


# --- factors --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FactorRow:
    """One line of the factors form: an existing factor (``pk``) or a new own factor (``pk`` None). An own
    factor whose name is left blank is removed (or, when new, not made)."""

    pk: int | None
    name: str
    weight: int


def _check_factors(appraisal: OptionsAppraisal, rows: Sequence[FactorRow]) -> list[FactorRow]:
    existing = {f.pk: f for f in appraisal.factors.all()}
    kept = [r for r in rows if r.name.strip()]
    if any(existing[r.pk].standard for r in rows if r.pk in existing and not r.name.strip()):
        raise ValidationError(STANDARD_NAMED)
    own = [r for r in kept if r.pk is None or not existing[r.pk].standard]
    if len(own) > pure.MAX_OWN_FACTORS:
        raise ValidationError(TOO_MANY_OWN)
    total = sum(r.weight for r in kept)
    if total != pure.TOTAL:
        raise ValidationError(WEIGHTS_NOT_100.format(total=total))
    return kept


@transaction.atomic
def factors_set(*, actor: Any, appraisal: OptionsAppraisal, rows: Sequence[FactorRow]) -> OptionsAppraisal:
    """Every factor's name and weight at once; refused, with nothing written, unless the weights add up to
    100 and there are at most three own factors."""
    policy.require_write(user=actor, partnership=appraisal.partnership, action="change", model=SuccessFactor)
    locked = _writable(appraisal)
    existing = {f.pk: f for f in locked.factors.all()}
    if any(r.pk is not None and r.pk not in existing for r in rows):
        raise ValidationError(TOO_MANY_OWN)
    kept = _check_factors(locked, rows)
    for row in rows:
        if row.pk is not None and not row.name.strip():
            record_delete(actor=actor, instance=existing[row.pk])
    order = max((f.order for f in existing.values()), default=0)
    for row in kept:
        data = {"name": row.name.strip(), "weight": row.weight}
        if row.pk is not None:
            record_update(actor=actor, instance=existing[row.pk], data=data)
        else:
            order += 1
            data |= {"appraisal": locked, "standard": False, "order": order}
            record_create(actor=actor, partnership=locked.partnership, model=SuccessFactor, data=data)
    return locked


# --- options ----------------------------------------------------------------------------------------------


def _check_option(appraisal: OptionsAppraisal, data: Mapping[str, Any], pk: int | None) -> None:
    role = data.get("short_list", "")
    if role and not data.get("kept", True):
        raise ValidationError({"short_list": DROPPED_NOT_SHORT})
    if role in selectors.ROLE_NAMES:
        others = appraisal.options.filter(short_list=role)
        taken = (others.exclude(pk=pk) if pk is not None else others).first()
        if taken is not None:
            message = ROLE_TAKEN.format(role=selectors.ROLE_NAMES[role], title=taken.title)
            raise ValidationError({"short_list": message})


@transaction.atomic
def option_create(*, actor: Any, appraisal: OptionsAppraisal, data: Mapping[str, Any]) -> Option:
    policy.require_write(user=actor, partnership=appraisal.partnership, action="add", model=Option)
    locked = _writable(appraisal)
    _check_option(locked, data, None)
    order = max(locked.options.values_list("order", flat=True), default=0) + 1
    return record_create(
        actor=actor,
        partnership=locked.partnership,
        model=Option,
        data={"order": order, **data, "appraisal": locked},
    )


@transaction.atomic
def option_update(*, actor: Any, option: Option, data: Mapping[str, Any], seen: str | None = None) -> Option:
    policy.require_write(user=actor, partnership=option.partnership, action="change", model=Option)
    locked = _writable(option.appraisal)
    _check_option(locked, data, option.pk)
    return record_update(actor=actor, instance=option, data=data, seen=seen)


@transaction.atomic
def option_delete(*, actor: Any, option: Option) -> None:
    policy.require_write(user=actor, partnership=option.partnership, action="delete", model=Option)
    _writable(option.appraisal)
    record_delete(actor=actor, instance=option)


# --- scoring ----------------------------------------------------------------------------------------------


@transaction.atomic
def scores_give(
    *, actor: Any, appraisal: OptionsAppraisal, scores: Mapping[tuple[int, int], int]
) -> OptionsAppraisal:
    """One assessor's full set of scores (0–5) of every short-listed option against every factor, replacing
    their earlier scores; others' scores are untouched."""
    policy.require(user=actor, partnership=appraisal.partnership, action="add", object_type="optionscore")
    locked = _writable(appraisal)
    options = {o.pk: o for o in selectors.short_listed(locked)}
    factors = {f.pk: f for f in selectors.factors_of(locked)}
    wanted = {(o, f) for o in options for f in factors}
    if not wanted:
        raise ValidationError(NOTHING_TO_SCORE)
    if set(scores) != wanted or any(not 0 <= v <= pure.MAX_SCORE for v in scores.values()):
        raise ValidationError(SCORE_EVERY)
    mine = {
        (s.option_id, s.factor_id): s
        for s in OptionScore.objects.filter(option__appraisal=locked, assessor=actor.pk)
    }
    for (option, factor), value in sorted(scores.items()):
        if (option, factor) in mine:
            record_update(actor=actor, instance=mine[(option, factor)], data={"score": value})
        else:
            data = {"option": options[option], "factor": factors[factor], "assessor": actor, "score": value}
            record_create(actor=actor, partnership=locked.partnership, model=OptionScore, data=data)
    return locked


# --- complete and reopen ----------------------------------------------------------------------------------


@transaction.atomic
def appraisal_complete(*, actor: Any, appraisal: OptionsAppraisal) -> OptionsAppraisal:
    """Mark complete (ready for the gate), or refuse naming everything that is missing."""
    policy.require_write(
        user=actor, partnership=appraisal.partnership, action="change", model=OptionsAppraisal
    )
    locked = _writable(appraisal)
    missing = selectors.missing_for_complete(locked)
    if missing:
        raise ValidationError(NOT_COMPLETE.format(missing="; ".join(missing)))
    return record_update(actor=actor, instance=locked, data={"status": AppraisalStatus.COMPLETE})


GATE_PASSED = (
    "The gate out of Plan was passed on this appraisal ({gate}), so it stays as it was decided. Start a new "
    "appraisal in the next iteration instead."
)


def _refuse_after_gate(appraisal: OptionsAppraisal) -> None:
    """An appraisal that carried its strategy through the Plan gate is the record of that decision."""
    passed = selectors.plan_gate_passed(appraisal)
    if passed is not None and appraisal.status == AppraisalStatus.COMPLETE:
        raise ValidationError(GATE_PASSED.format(gate=passed))


@transaction.atomic
def appraisal_reopen(*, actor: Any, appraisal: OptionsAppraisal) -> OptionsAppraisal:
    policy.require_write(
        user=actor, partnership=appraisal.partnership, action="change", model=OptionsAppraisal
    )
    locked = OptionsAppraisal.objects.select_for_update().get(pk=appraisal.pk)
    if locked.status != AppraisalStatus.COMPLETE:
        raise ValidationError(NOT_DRAFT)
    _refuse_after_gate(locked)
    return record_update(actor=actor, instance=locked, data={"status": AppraisalStatus.DRAFT})
