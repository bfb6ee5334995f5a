"""Structures records for tests: localities, a merger, bodies' histories.

Factories write straight to the ORM (no permission, no audit) to set the scene; tests then drive HTTP or the
services. ``world_*`` makers return the same record for a world every time; ``fresh_*`` make a new one.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from factories import World, make_body
from traction.governance.models import Body, Organisation, OrganisationKind
from traction.stakeholders.models.structures import BodyHistory, Locality, ReportingLine, Succession

MERGED_ON = datetime.date(2024, 4, 1)
PREDECESSORS = ("Northmoor District Council", "Southvale District Council")
SUCCESSOR = "Moorvale Council"
_numbers = itertools.count(1)


def organisation(w: World, name: str) -> Organisation:
    found, _ = Organisation.objects.get_or_create(
        partnership=w.partnership, name=name, defaults={"kind": OrganisationKind.COUNCIL}
    )
    return found


def world_locality(w: World) -> Locality:
    found, _ = Locality.objects.get_or_create(
        partnership=w.partnership, gss_code="E06000901", defaults={"name": "North Riverside"}
    )
    return found


def fresh_locality(w: World) -> Locality:
    n = next(_numbers)
    return Locality.objects.create(partnership=w.partnership, name=f"Locality {n}", gss_code=f"E07{n:06d}")


def make_succession(
    w: World, predecessors: list[Organisation], successors: list[Organisation], **kw: Any
) -> Succession:
    kw.setdefault("kind", "merger")
    kw.setdefault("effective_on", MERGED_ON)
    succession = Succession.objects.create(partnership=w.partnership, **kw)
    succession.predecessors.set(predecessors)
    succession.successors.set(successors)
    return succession


def world_succession(w: World) -> Succession:
    found = Succession.objects.filter(partnership=w.partnership, effective_on=MERGED_ON).first()
    return found or make_succession(
        w, [organisation(w, n) for n in PREDECESSORS], [organisation(w, SUCCESSOR)], note="Two into one."
    )


def fresh_succession(w: World) -> Succession:
    n = next(_numbers)
    return make_succession(
        w, [organisation(w, f"Old Council {n}")], [], kind="abolition", effective_on=datetime.date(2023, 1, 1)
    )


def succession_data(w: World, **kw: Any) -> dict[str, Any]:
    n = next(_numbers)
    data = {
        "kind": "merger",
        "effective_on": "2025-04-01",
        "predecessors": [organisation(w, f"East Council {n}").pk, organisation(w, f"West Council {n}").pk],
        "successors": [organisation(w, f"Unitary Council {n}").pk],
        "note": "",
    }
    return {**data, **kw}


def world_history(w: World) -> BodyHistory:
    """The housing working group: established in 2020, serving North Riverside."""
    found = BodyHistory.objects.filter(body=w.sub_body).first()
    if found:
        return found
    history = BodyHistory.objects.create(
        partnership=w.partnership, body=w.sub_body, established_on=datetime.date(2020, 1, 1)
    )
    history.localities.set([world_locality(w)])
    return history


def fresh_body(w: World) -> Body:
    return make_body(w.partnership, name=f"Task group {next(_numbers)}", parent=w.body)


def fresh_history(w: World) -> BodyHistory:
    return BodyHistory.objects.create(
        partnership=w.partnership, body=fresh_body(w), established_on=datetime.date(2021, 1, 1)
    )


def history_data(**kw: Any) -> dict[str, Any]:
    return {"established_on": "2019-06-01", "abolished_on": "", "replaced_by": "", "note": "", **kw}


def world_line(w: World) -> ReportingLine:
    """The housing working group reporting to the board since 1 January 2020."""
    found, _ = ReportingLine.objects.get_or_create(
        partnership=w.partnership, body=w.sub_body, reports_to=w.body, defaults={"starts_on": LINE_FROM}
    )
    return found


LINE_FROM = datetime.date(2020, 1, 1)


def fresh_line(w: World) -> ReportingLine:
    return ReportingLine.objects.create(
        partnership=w.partnership, body=fresh_body(w), reports_to=w.body, starts_on=LINE_FROM
    )


def line_change_data(w: World, **kw: Any) -> dict[str, Any]:
    return {"reports_to": w.sub_body.pk, "on": "2024-01-01", "note": "", **kw}
