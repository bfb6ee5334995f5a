"""The demo partnership's stakeholder map, its gaps and the engagement log: the merger scenario.

Forty stakeholders of the county's reorganisation into one unitary council (the councils, NHS bodies, the
voluntary sector, unions, MPs, town and parish councils, residents' groups and some people of the record),
each assessed at four dates over eighteen months; several move, one of them towards resistant in the last
month. Engagements with their next steps in the Health and Wellbeing Board's action log.

Everything here is fiction. Records go through the services as the demo "secretary". Other areas' demos
look stakeholders up by name: ``STAKEHOLDERS`` lists them (name, kind, organisation of the record or None).
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.utils import timezone

from traction.core.models import Partnership
from traction.governance.models import Body, Organisation, Person

from ..models.stakeholders import Engagement, Stakeholder
from ..services import stakeholders as services
from . import merger

SECRETARY = "secretary"
BOARD = "Riverside Health and Wellbeing Board"
ASSESSED_DAYS_AGO = (540, 360, 180, 30)
STANCE = {"U": "unaware", "R": "resistant", "N": "neutral", "S": "supportive", "L": "leading"}
RUH = "Riverside University Hospitals NHS Foundation Trust"
RCP = "Riverside Community and Mental Health NHS Trust"
ICB = "NHS Riverside Integrated Care Board"

# name, kind, organisation of the record (or None), power, interest, stance at each of the four dates
# (U unaware, R resistant, N neutral, S supportive, L leading), desired stance.
PROFILES: tuple[tuple[str, str, str | None, int, int, str, str], ...] = (
    (merger.COUNTY, "organisation", merger.COUNTY, 5, 5, "LLLL", "L"),
    ("Eastbrook District Council", "organisation", "Eastbrook District Council", 4, 5, "RNNS", "S"),
    ("Northmoor District Council", "organisation", "Northmoor District Council", 4, 5, "RRNN", "S"),
    ("Southvale District Council", "organisation", "Southvale District Council", 3, 4, "NNSS", "S"),
    ("Westbridge Borough Council", "organisation", "Westbridge Borough Council", 4, 5, "NNNR", "S"),
    ("Kingsford District Council", "organisation", "Kingsford District Council", 3, 5, "RRRR", "N"),
    (merger.UNITARY, "organisation", merger.UNITARY, 5, 5, "UNSL", "L"),
    (RUH, "organisation", RUH, 4, 3, "NNSS", "S"),
    (RCP, "organisation", RCP, 3, 3, "NSSS", "S"),
    (ICB, "organisation", ICB, 5, 4, "SSSL", "L"),
    ("Riverside GP Federation", "organisation", "Riverside GP Federation", 3, 2, "UNNN", "S"),
    (
        "Riverside Council for Voluntary Service",
        "organisation",
        "Riverside Council for Voluntary Service",
        2,
        4,
        "NNSS",
        "S",
    ),
    ("Age Well Riverside", "organisation", "Age Well Riverside", 2, 4, "SSSS", "S"),
    ("Healthwatch Riverside", "organisation", "Healthwatch Riverside", 2, 5, "NNNN", "S"),
    ("Riverside Valley Homes", "organisation", "Riverside Valley Homes", 3, 3, "UUNN", "S"),
    ("UNISON Riverside Branch", "group", None, 3, 5, "RRRR", "N"),
    ("GMB Riverside Branch", "group", None, 2, 4, "RRNN", "N"),
    ("Unite Riverside Local Government Branch", "group", None, 2, 4, "NNNN", "N"),
    ("Claire Hollins MP (Riverside North)", "person", None, 4, 3, "NNSS", "S"),
    ("Tom Akers MP (Riverside South)", "person", None, 4, 2, "NNNN", "S"),
    ("Priya Nair MP (Eastbrook and Kingsford)", "person", None, 4, 4, "SNRR", "N"),
    ("Northmoor Town Council", "organisation", None, 2, 5, "RRRR", "N"),
    ("Southvale Town Council", "organisation", None, 2, 4, "NNNN", "S"),
    ("Westbridge Town Council", "organisation", None, 2, 5, "NNNN", "S"),
    ("Kingsford Parish Council", "organisation", None, 1, 4, "UUNN", "N"),
    ("Eastbrook Parish Council", "organisation", None, 1, 3, "UUUU", "N"),
    ("Little Ashby Parish Council", "organisation", None, 1, 2, "UUUU", "U"),
    ("Northmoor Residents' Association", "group", None, 2, 5, "RRRN", "N"),
    ("Westbridge Civic Society", "group", None, 2, 4, "NNNN", "N"),
    ("Kingsford Tenants' Federation", "group", None, 2, 4, "UNNS", "S"),
    ("Southvale Villages Forum", "group", None, 1, 4, "NNNN", "S"),
    ("Riverside Disability Forum", "group", None, 2, 5, "NNSS", "S"),
    ("Riverside Chamber of Commerce", "organisation", None, 3, 2, "NNNN", "S"),
    ("Riverside Fire and Rescue Service", "organisation", None, 3, 1, "SSSS", "S"),
    ("Riverside Youth Council", "group", None, 1, 3, "UUNN", "S"),
    ("Cllr Margaret Ellison", "person", None, 5, 5, "SSLL", "L"),
    ("Cllr David Rowe", "person", None, 4, 5, "RNNN", "S"),
    ("Cllr Susan Whitfield", "person", None, 3, 5, "RRRR", "N"),
    ("James Whitlock", "person", None, 4, 4, "SSSS", "L"),
    ("Nadia Hussain", "person", None, 3, 4, "NSSS", "S"),
)
STAKEHOLDERS: tuple[tuple[str, str, str | None], ...] = tuple((n, k, o) for n, k, o, *_ in PROFILES)

# title, days ago, kind, stakeholders, people of the record taking part, what was heard, next step, due in
ENGAGEMENTS = (
    (
        "Meeting with Westbridge Borough Council's leader",
        25,
        "meeting",
        ("Westbridge Borough Council",),
        ("Helen Forsyth",),
        "Fears that the borough's town hall and planning office will close; the leader no longer supports "
        "the single-council model as proposed.",
        "Set up a joint session on locality offices with Westbridge's leader and chief executive",
        30,
    ),
    (
        "Briefing for the county's MPs",
        60,
        "briefing",
        (
            "Claire Hollins MP (Riverside North)",
            "Tom Akers MP (Riverside South)",
            "Priya Nair MP (Eastbrook and Kingsford)",
        ),
        ("Cllr Margaret Ellison", "James Whitlock"),
        "Broad support from Riverside North; Eastbrook and Kingsford's MP wants a local referendum.",
        "Send the MPs the options appraisal and the consultation timetable",
        14,
    ),
    (
        "Trade unions' joint consultative committee",
        45,
        "meeting",
        ("UNISON Riverside Branch", "GMB Riverside Branch", "Unite Riverside Local Government Branch"),
        ("Helen Forsyth", "Karen Blake"),
        "Staff transfer terms and pay harmonisation are the unions' first concern.",
        "Draft the staff transfer principles with the unions",
        60,
    ),
    (
        "Northmoor residents' drop-in",
        95,
        "event",
        ("Northmoor Residents' Association", "Northmoor Town Council"),
        ("Karen Blake",),
        "Residents worry that decisions move further away; they want a locality board with real say.",
        "Write up how the North Riverside locality board will hear residents",
        45,
    ),
    (
        "Town and parish councils' forum",
        150,
        "consultation",
        (
            "Southvale Town Council",
            "Westbridge Town Council",
            "Kingsford Parish Council",
            "Eastbrook Parish Council",
        ),
        ("Dr Sarah Okafor",),
        "Interest in taking on parks and public toilets; concern about precepts.",
        "",
        0,
    ),
    (
        "Call with Healthwatch Riverside",
        12,
        "contact",
        ("Healthwatch Riverside", "Riverside Disability Forum"),
        ("Dr Sarah Okafor",),
        "Asked that the easy-read consultation documents come out with the main ones.",
        "Commission easy-read versions of the consultation documents",
        21,
    ),
)
GAP_ACTIONS = (
    ("Kingsford District Council", "Offer Kingsford a seat on the implementation board's design group", 40),
    (
        "Cllr David Rowe",
        "Invite Cllr Rowe to co-chair the East Riverside locality board's shadow meeting",
        30,
    ),
)


def _person(partnership: Partnership, name: str) -> Person | None:
    return Person.objects.filter(partnership=partnership, name=name).first()


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    actor = get_user_model().objects.get(username=SECRETARY)
    councils = merger.organisations(partnership)
    board = Body.objects.get(partnership=partnership, name=BOARD)
    latest = timezone.localdate()
    counts: Counter[str] = Counter()
    found: dict[str, Stakeholder] = {}
    for name, kind, organisation, power, interest, stances, desired in PROFILES:
        record = councils.get(organisation or "") or (
            Organisation.objects.filter(partnership=partnership, name=organisation).first()
            if organisation
            else None
        )
        person = _person(partnership, name) if kind == "person" else None
        found[name] = services.stakeholder_create(
            actor=actor,
            partnership=partnership,
            data={"name": name, "kind": kind, "organisation": record, "person": person},
        )
        counts["stakeholders"] += 1
        for n, (days, letter) in enumerate(zip(ASSESSED_DAYS_AGO, stances, strict=True)):
            moved = n > 0 and letter != stances[n - 1]
            services.assessment_add(
                actor=actor,
                stakeholder=found[name],
                data={
                    "assessed_on": min(today - datetime.timedelta(days=days), latest),
                    "power": power,
                    "interest": min(5, interest + (1 if moved and interest < 5 else 0)),
                    "stance": STANCE[letter],
                    "desired_stance": STANCE[desired],
                    "evidence": _evidence(name, STANCE[letter], moved),
                },
            )
            counts["stakeholder assessments"] += 1
    for title, days, kind, names, people, heard, step, due in ENGAGEMENTS:
        on = min(today - datetime.timedelta(days=days), latest)
        participants = [p for p in (_person(partnership, n) for n in people) if p is not None]
        services.engagement_create(
            actor=actor,
            partnership=partnership,
            data={
                "held_on": on,
                "kind": kind,
                "title": title,
                "stakeholders": [found[n] for n in names],
                "participants": participants,
                "heard": heard,
            },
            next_step=step,
            body=board,
            due_date=on + datetime.timedelta(days=due) if step else None,
            lead=participants[0] if participants else None,
        )
        counts["engagements"] += 1
    for name, text, due in GAP_ACTIONS:
        services.gap_action_add(
            actor=actor,
            stakeholder=found[name],
            body=board,
            text=text,
            due_date=today + datetime.timedelta(days=due),
            lead=_person(partnership, "Helen Forsyth"),
        )
        counts["engagement actions"] += 1
    return counts


def _evidence(name: str, stance: str, moved: bool) -> str:
    if moved:
        return f"Position changed since the last assessment: now {stance}, from what {name} said and did."
    return f"Unchanged: {stance}, on what {name} has said in meetings and in writing."


def remove(*, slugs: list[str]) -> None:
    """Delete first what RESTRICTs a governance record, so the partnership's cascade can run."""
    Engagement.objects.filter(partnership__slug__in=slugs).delete()
