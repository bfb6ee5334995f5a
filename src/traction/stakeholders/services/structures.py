"""Writes of localities, successions and bodies' histories: each one transaction, permission checked and
audited (through ``traction.core.services``), refused with a plain message and nothing written when a rule
is broken."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from traction.core import policy, services
from traction.core.models import Partnership
from traction.governance.models import Body, Meeting, Organisation
from traction_analysis.stakeholders import structures as pure

from ..models.structures import BodyHistory, Locality, Succession, gss_code
from ..selectors.structures import event_of

EARLIEST = datetime.date(1800, 1, 1)
LATEST = datetime.date(2100, 12, 31)
OUT_OF_RANGE = "Enter a date between 1 January 1800 and 31 December 2100."
MET_BEFORE = "The body met on {date}, before that date."
MET_AFTER = "The body met on {date}, after that date."
REPLACEMENT_GONE = "{name} was abolished on {date}, before this body: it cannot replace it."
REPLACEMENT_LATE = (
    "{name} was established on {date}, after this body was abolished: a replacement takes over on the day "
    "(record no replacement where there was a gap, and say so in the note)."
)
REPLACES_LATER = "This body replaces {name}, abolished on {date}: it must exist on that date and after it."
HISTORY_EXISTS = "This body already has a history: edit it instead."

LOCALITY_FIELDS = ("name", "gss_code", "description")
SUCCESSION_FIELDS = ("kind", "effective_on", "predecessors", "successors", "note")
HISTORY_FIELDS = ("established_on", "abolished_on", "replaced_by", "localities", "note")


def _only(data: Mapping[str, Any], allowed: Sequence[str], model: str) -> dict[str, Any]:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValueError(services.UNKNOWN_FIELD.format(model=model, name=unknown[0]))
    return dict(data)


def _in_range(**dates: datetime.date | None) -> None:
    wrong = {name: OUT_OF_RANGE for name, d in dates.items() if d is not None and not EARLIEST <= d <= LATEST}
    if wrong:
        raise ValidationError(wrong)


# --- localities ----------------------------------------------------------------------------------------


def _locality_data(data: Mapping[str, Any]) -> dict[str, Any]:
    clean = _only(data, LOCALITY_FIELDS, "Locality")
    if "gss_code" in clean:
        clean["gss_code"] = gss_code(clean["gss_code"])
    return clean


def locality_create(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> Locality:
    return services.record_create(
        actor=actor, partnership=partnership, model=Locality, data=_locality_data(data)
    )


def locality_update(
    *, actor: Any, locality: Locality, data: Mapping[str, Any], seen: str | None = None
) -> Locality:
    return services.record_update(actor=actor, instance=locality, data=_locality_data(data), seen=seen)


# --- successions ---------------------------------------------------------------------------------------


def _organisations(partnership: Partnership, field: str, values: Any) -> dict[int, str]:
    pks = {getattr(v, "pk", v) for v in values or ()}
    found = dict(Organisation.objects.filter(partnership=partnership, pk__in=pks).values_list("pk", "name"))
    if len(found) != len(pks):
        raise ValidationError({field: "Choose organisations of this partnership."})
    return found


def _check_succession(partnership: Partnership, data: Mapping[str, Any], exclude: int | None) -> None:
    effective = data.get("effective_on")
    if not isinstance(effective, datetime.date):
        raise ValidationError({"effective_on": "Enter the date the succession took effect."})
    _in_range(effective_on=effective)
    others = Succession.objects.filter(partnership=partnership)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    errors = pure.succession_errors(
        kind=str(data.get("kind", "")),
        effective=effective,
        predecessors=_organisations(partnership, "predecessors", data.get("predecessors")),
        successors=_organisations(partnership, "successors", data.get("successors")),
        others=[event_of(s) for s in others.prefetch_related("predecessors", "successors")],
    )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def succession_create(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> Succession:
    policy.require_write(user=actor, partnership=partnership, action="add", model=Succession)
    clean = _only(data, SUCCESSION_FIELDS, "Succession")
    _check_succession(partnership, clean, None)
    return services.record_create(actor=actor, partnership=partnership, model=Succession, data=clean)


@transaction.atomic
def succession_update(
    *, actor: Any, succession: Succession, data: Mapping[str, Any], seen: str | None = None
) -> Succession:
    policy.require_write(user=actor, partnership=succession.partnership, action="change", model=Succession)
    clean = _only(data, SUCCESSION_FIELDS, "Succession")
    merged = {
        "kind": succession.kind,
        "effective_on": succession.effective_on,
        "predecessors": list(succession.predecessors.all()),
        "successors": list(succession.successors.all()),
        **clean,
    }
    _check_succession(succession.partnership, merged, succession.pk)
    return services.record_update(actor=actor, instance=succession, data=clean, seen=seen)


# --- bodies' histories ---------------------------------------------------------------------------------


def _meetings_span(body: Body) -> tuple[datetime.date | None, datetime.date | None]:
    span = Meeting.objects.filter(body=body).aggregate(first=Min("start"), last=Max("start"))
    first, last = span["first"], span["last"]
    return (
        timezone.localtime(first).date() if first else None,
        timezone.localtime(last).date() if last else None,
    )


def _check_history(body: Body, data: Mapping[str, Any]) -> None:
    established, abolished = data.get("established_on"), data.get("abolished_on")
    _in_range(established_on=established, abolished_on=abolished)
    first, last = _meetings_span(body)
    errors: dict[str, list[str]] = {}
    if first and isinstance(established, datetime.date) and established > first:
        errors["established_on"] = [MET_BEFORE.format(date=pure.long_date(first))]
    if last and abolished and abolished <= last:
        errors["abolished_on"] = [MET_AFTER.format(date=pure.long_date(last))]
    replacement = data.get("replaced_by")
    if replacement is not None and abolished and (found := _replacement_errors(replacement, abolished)):
        errors["replaced_by"] = found
    for earlier in BodyHistory.objects.filter(replaced_by=body).select_related("body"):
        gone = earlier.abolished_on
        if gone and not pure.body_exists(_life(established, abolished), gone):
            errors.setdefault("established_on", []).append(
                REPLACES_LATER.format(name=earlier.body.name, date=pure.long_date(gone))
            )
    if errors:
        raise ValidationError(errors)


def _life(established: Any, abolished: Any) -> pure.BodyLife:
    return pure.BodyLife(id=0, name="", established=established, abolished=abolished)


def _replacement_errors(replacement: Body, abolished: datetime.date) -> list[str]:
    history = BodyHistory.objects.filter(body=replacement).first()
    if history is None:
        return []
    if history.abolished_on and history.abolished_on <= abolished:
        return [REPLACEMENT_GONE.format(name=replacement.name, date=pure.long_date(history.abolished_on))]
    if history.established_on > abolished:
        return [REPLACEMENT_LATE.format(name=replacement.name, date=pure.long_date(history.established_on))]
    return []


@transaction.atomic
def body_history_create(*, actor: Any, body: Body, data: Mapping[str, Any]) -> BodyHistory:
    policy.require_write(user=actor, partnership=body.partnership, action="add", model=BodyHistory)
    clean = _only(data, HISTORY_FIELDS, "BodyHistory")
    if BodyHistory.objects.filter(body=body).exists():
        raise ValidationError(HISTORY_EXISTS)
    _check_history(body, clean)
    return services.record_create(
        actor=actor, partnership=body.partnership, model=BodyHistory, data={"body": body, **clean}
    )


@transaction.atomic
def body_history_update(
    *, actor: Any, history: BodyHistory, data: Mapping[str, Any], seen: str | None = None
) -> BodyHistory:
    policy.require_write(user=actor, partnership=history.partnership, action="change", model=BodyHistory)
    clean = _only(data, HISTORY_FIELDS, "BodyHistory")
    merged = {
        "established_on": history.established_on,
        "abolished_on": history.abolished_on,
        "replaced_by": history.replaced_by,
        **clean,
    }
    _check_history(history.body, merged)
    return services.record_update(actor=actor, instance=history, data=clean, seen=seen)
