"""The demo partnership's localities, successions and bodies over time.

About ninety days before the demo's today, Riverside County Council and its five district councils become
Riverside Council (one succession). On that date the districts' health and wellbeing partnerships and the
county's cabinet are abolished, each replaced by a new body: four locality boards reporting to the Health and
Wellbeing Board, and the new council's cabinet. The bodies whose meetings drive the rest of the demo keep
going; the Health and Wellbeing Board gets its history (statutory since April 2013).

Reporting lines are dated: the district partnerships reported to the county's cabinet from 2015 until
vesting day; the Health and Wellbeing Board reported to the county's cabinet until vesting day and to the new
council's cabinet from then; the locality boards report to the Health and Wellbeing Board from their start.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.contrib.auth import get_user_model

from traction.core import services as core
from traction.core.models import Partnership
from traction.governance.models import Body, BodyKind, BodyMembership, Person

from ..models.structures import Locality
from ..services import reporting_lines
from ..services import structures as services
from . import merger

SECRETARY = "secretary"
HWB = "Riverside Health and Wellbeing Board"
HWB_ESTABLISHED = datetime.date(2013, 4, 1)
DISTRICT_ERA = datetime.date(2015, 4, 1)
CABINET = "Riverside Council Cabinet"
COUNTY_CABINET = "Riverside County Council Cabinet"
# (district-era body, the locality board that replaced it, its locality)
REPLACED = (
    ("Northmoor Wellbeing Forum", "North Riverside Locality Board", "North Riverside"),
    ("Southvale Health Partnership", "South Riverside Locality Board", "South Riverside"),
    ("Eastbrook Health and Wellbeing Partnership", "East Riverside Locality Board", "East Riverside"),
    ("Westbridge and Kingsford Wellbeing Partnership", "West Riverside Locality Board", "West Riverside"),
)
NOTE = (
    "The county and the five district councils of Riverside are replaced by one unitary council, "
    "Riverside Council, under the structural changes order."
)


def merger_date(today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=90)


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    counts: Counter[str] = Counter()
    if Locality.objects.filter(partnership=partnership).exists():
        return counts
    actor = get_user_model().objects.get(username=SECRETARY)
    on = merger_date(today)
    localities = {
        name: services.locality_create(
            actor=actor,
            partnership=partnership,
            data={"name": name, "gss_code": code, "description": f"The {name} area of Riverside Council."},
        )
        for name, code in merger.LOCALITIES
    }
    counts["localities"] = len(localities)
    orgs = merger.organisations(partnership)
    services.succession_create(
        actor=actor,
        partnership=partnership,
        data={
            "kind": "merger",
            "effective_on": on,
            "predecessors": [orgs[merger.COUNTY], *(orgs[d] for d in merger.DISTRICTS)],
            "successors": [orgs[merger.UNITARY]],
            "note": NOTE,
        },
    )
    counts["successions"] = 1
    counts["body histories"] = _bodies(partnership, actor, on, localities)
    return counts


def _body(partnership: Partnership, actor: object, name: str, kind: str, parent: Body | None) -> Body:
    body = core.record_create(
        actor=actor,
        partnership=partnership,
        model=Body,
        data={"name": name, "kind": kind, "parent": parent, "purpose": ""},
    )
    chair = Person.objects.filter(partnership=partnership).order_by("pk").first()
    if chair is not None:
        core.record_create(
            actor=actor,
            partnership=partnership,
            model=BodyMembership,
            data={"body": body, "person": chair, "role": BodyMembership.Role.CHAIR},
        )
    return body


def _history(actor: object, body: Body, **data: object) -> None:
    services.body_history_create(actor=actor, body=body, data=data)


def _bodies(
    partnership: Partnership, actor: object, on: datetime.date, localities: dict[str, Locality]
) -> int:
    hwb = Body.objects.get(partnership=partnership, name=HWB)
    _history(actor, hwb, established_on=HWB_ESTABLISHED, localities=list(localities.values()))
    cabinet = _body(partnership, actor, CABINET, BodyKind.BOARD, None)
    _history(actor, cabinet, established_on=on)
    county = _body(partnership, actor, COUNTY_CABINET, BodyKind.BOARD, None)
    _history(actor, county, established_on=DISTRICT_ERA, abolished_on=on, replaced_by=cabinet)
    for old_name, new_name, locality in REPLACED:
        new = _body(partnership, actor, new_name, BodyKind.PARTNERSHIP_BOARD, hwb)
        _history(actor, new, established_on=on, localities=[localities[locality]])
        old = _body(partnership, actor, old_name, BodyKind.PARTNERSHIP_BOARD, None)
        _history(actor, old, established_on=DISTRICT_ERA, abolished_on=on, replaced_by=new)
        _line(actor, old, county, DISTRICT_ERA)
    _line(actor, hwb, county, DISTRICT_ERA)
    _line(actor, hwb, cabinet, on)
    return 3 + 2 * len(REPLACED)


def _line(actor: object, body: Body, reports_to: Body, on: datetime.date) -> None:
    reporting_lines.reporting_line_change(
        actor=actor, body=body, reports_to=reports_to, on=on, note="Recorded from the committee structure."
    )


def remove(*, slugs: list[str]) -> None:
    """Delete first what RESTRICTs a governance record, so the partnership's cascade can run: nothing of this
    area does (a body's history goes with its body, a succession's links with their organisations)."""
