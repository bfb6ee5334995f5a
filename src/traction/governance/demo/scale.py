"""The demo at the size of a large partnership: every body repeated once per locality, over more years.

``scaled(spec, scale, years)`` returns a spec that the ordinary builder writes, so a scaled record is made
the way the demo is (the same agendas, outcomes, actions with their updates and due-date revisions,
attendance and papers), only more of it:

- each body is repeated ``scale`` times: the original, then one copy per locality ("Health and Wellbeing
  Board — Northern locality"), each copy reporting to its own locality's copy of the parent;
- each person with a seat is repeated with every copy, under a new name, sitting on the same bodies of
  that locality in the same roles; the demo's users stay the original people;
- the history goes ``years`` years back instead of 18 months.

The storylines and the cancelled meeting stay with the original bodies. Deterministic: the same scale
and years give the same record for the same ``today``.
"""

from __future__ import annotations

import dataclasses
import random

from traction.governance.demo.spec import BodySpec, PartnershipSpec, PersonSpec

LOCALITIES = (
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Coastal",
    "Valley",
    "Uplands",
    "Riverside North",
    "Riverside South",
    "Market Towns",
    "Forest",
    "Harbour",
    "Moorland",
    "Estuary",
    "Vale",
    "Lakeside",
    "Downs",
    "Fenland",
    "Borders",
    "Heathland",
    "Meadows",
    "Ridgeway",
    "Weald",
)
FIRST_NAMES = (
    "Aisha", "Alan", "Amara", "Andrew", "Beth", "Carl", "Chloe", "Colin", "Daniel", "Deepa", "Eleanor",
    "Farid", "Gareth", "Grace", "Imran", "Isla", "Jack", "Janet", "Kwame", "Laura", "Liam", "Mandeep",
    "Maria", "Neil", "Olivia", "Paul", "Rachel", "Rhys", "Sana", "Simon", "Tariq", "Una", "Victor", "Zoe",
)  # fmt: skip
LAST_NAMES = (
    "Abbott", "Barker", "Chaudhry", "Daly", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jennings",
    "Khan", "Lowe", "McKenzie", "Norris", "Osei", "Patel", "Quinn", "Reid", "Sharma", "Taylor", "Udeh",
    "Vaughan", "Walsh", "Young", "Zielinski", "Bennett", "Collins", "Doyle", "Ellis", "Foster",
)  # fmt: skip
SCALED_YEARS = 5  # the history of a scaled demo unless told otherwise
MAX_SCALE = 200
MAX_YEARS = 15


def locality(copy: int) -> str:
    """The name of copy ``copy`` (1, 2, …) of a body: a locality, numbered once the names run out."""
    name = LOCALITIES[(copy - 1) % len(LOCALITIES)]
    round_ = (copy - 1) // len(LOCALITIES)
    return f"{name} {round_ + 1}" if round_ else name


def _key(key: str, copy: int) -> str:
    return key if copy == 0 else f"{key}~{copy}"


def _body(body: BodySpec, copy: int) -> BodySpec:
    return dataclasses.replace(
        body,
        key=_key(body.key, copy),
        name=f"{body.name} — {locality(copy)} locality",
        prefix=f"{body.prefix}-{copy}",
        parent=_key(body.parent, copy) if body.parent else None,
    )


def _names(spec: PartnershipSpec, count: int) -> list[str]:
    """``count`` distinct new names, none an original person's, drawn from the spec's seed."""
    rng = random.Random(spec.seed * 7919 + count)
    taken = {person.name for person in spec.people}
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {rng.choice(LAST_NAMES)}"
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def _people(spec: PartnershipSpec, scale: int) -> list[PersonSpec]:
    seated = [person for person in spec.people if person.seats]
    names = iter(_names(spec, len(seated) * (scale - 1)))
    return [
        dataclasses.replace(
            person,
            key=_key(person.key, copy),
            name=next(names),
            seats=tuple((_key(body, copy), role) for body, role in person.seats),
        )
        for copy in range(1, scale)
        for person in seated
    ]


def scaled(spec: PartnershipSpec, scale: int, years: int = SCALED_YEARS) -> PartnershipSpec:
    """``spec`` with each body repeated ``scale`` times and ``years`` years of history (see the module)."""
    if not 1 <= scale <= MAX_SCALE:
        raise ValueError(f"The scale must be between 1 and {MAX_SCALE}, not {scale}.")
    if not 1 <= years <= MAX_YEARS:
        raise ValueError(f"The history must be between 1 and {MAX_YEARS} years, not {years}.")
    bodies = tuple(_body(body, copy) for copy in range(1, scale) for body in spec.bodies)
    return dataclasses.replace(
        spec,
        bodies=spec.bodies + bodies,
        people=spec.people + tuple(_people(spec, scale)),
        history_months=12 * years,
    )
