"""Northgate Community Safety Partnership: a second, smaller tenant that shows partnerships are separate."""

from __future__ import annotations

from traction.governance.demo.spec import (
    BodySpec,
    Cadence,
    PartnershipSpec,
    PersonSpec,
    Storyline,
    UserSpec,
    steps,
    topic,
)

ORGANISATIONS = (
    ("nbc", "Northgate Borough Council", "council"),
    ("pol", "Northshire Police", "police_fire"),
    ("fire", "Northshire Fire and Rescue Service", "police_fire"),
    ("prob", "Probation Service, Northgate Delivery Unit", "other"),
    ("nwa", "Northgate Women's Aid", "voluntary"),
)

PEOPLE = (
    PersonSpec("akhtar", "Cllr Rashid Akhtar", "Cabinet Member for Communities", "nbc", (("csp", "chair"),)),
    PersonSpec(
        "bailey",
        "Ch Supt Laura Bailey",
        "Local Policing Commander",
        "pol",
        (("csp", "vice_chair"), ("svtg", "member")),
    ),
    PersonSpec("doyle", "Mark Doyle", "Group Manager, Prevention", "fire", (("csp", "member"),)),
    PersonSpec(
        "ferreira",
        "Ana Ferreira",
        "Head of Probation Delivery Unit",
        "prob",
        (("csp", "member"), ("svtg", "member")),
    ),
    PersonSpec("hughes", "Sian Hughes", "Chief Executive", "nwa", (("csp", "member"), ("svtg", "member"))),
    PersonSpec(
        "marsh", "Tom Marsh", "Community Safety Manager", "nbc", (("csp", "officer"), ("svtg", "chair"))
    ),
    PersonSpec(
        "osei", "Grace Osei", "Community Safety Officer", "nbc", (("csp", "officer"), ("svtg", "officer"))
    ),
    PersonSpec("patel", "Dev Patel", "Youth Justice Service Manager", "nbc", (("svtg", "member"),)),
)

USERS = (
    UserSpec("northgate-secretary", "secretary", "osei"),
    UserSpec("northgate-member", "member", "marsh"),
)

CSP = BodySpec(
    key="csp",
    name="Northgate Community Safety Partnership Board",
    kind="partnership_board",
    noun="Board",
    prefix="CSP",
    numbering="running",
    first_number=1,
    cadence=Cadence(weekday=0, months=3, nth=3),
    start_time=(14, 0),
    duration=120,
    location="Committee Room 1, Northgate Civic Centre",
    purpose="The statutory community safety partnership for the borough.",
    substantive=(3, 5),
    standing=(
        topic(
            "crime-performance",
            "Crime and disorder performance",
            "performance report",
            "pol",
            outcome="noted",
        ),
    ),
    pool=(
        topic("strategic-assessment", "Strategic assessment", "strategic assessment", "nbc"),
        topic(
            "domestic-homicide-review", "Domestic homicide review: action plan", "review action plan", "nwa"
        ),
        topic("asb-case-review", "Anti-social behaviour case reviews", "case review procedure", "nbc"),
        topic("night-time-economy", "Night-time economy and licensing", "night-time economy plan", "nbc"),
        topic("prevent-duty", "Prevent duty: annual assurance", "Prevent assurance statement", "nbc"),
        topic("fire-prevention", "Home fire safety visits", "home safety programme", "fire"),
        topic("reducing-reoffending", "Reducing reoffending plan", "reoffending plan", "prob"),
    ),
)

SVTG = BodySpec(
    key="svtg",
    name="Serious Violence Duty Task Group",
    kind="working_group",
    noun="Group",
    prefix="SVTG",
    numbering="per_meeting",
    parent="csp",
    cadence=Cadence(weekday=2, weeks=8),
    start_time=(10, 0),
    duration=90,
    location="Online (Microsoft Teams)",
    purpose="Prepares and delivers the serious violence response strategy.",
    substantive=(2, 3),
    pool=(
        topic("knife-crime", "Knife crime: hotspot analysis", "hotspot analysis", "pol"),
        topic("youth-diversion", "Youth diversion programme", "youth diversion programme", "nbc"),
        topic("hospital-navigators", "A&E youth violence navigators", "navigator pilot", "nwa"),
        topic("data-sharing", "Serious violence data sharing agreement", "data sharing agreement", "pol"),
        topic("schools-exclusions", "School exclusions and violence", "exclusions analysis", "nbc"),
    ),
)

STORYLINES = (
    Storyline(
        topic("serious-violence-strategy", "Serious violence response strategy", "response strategy", "nbc"),
        14,
        steps("svtg:deferred", "svtg:deferred", "svtg:referred", "csp:decided"),
    ),
)

NORTHGATE = PartnershipSpec(
    slug="northgate",
    name="Northgate Community Safety Partnership",
    description="A fictional community safety partnership, loaded as demonstration data to show that each "
    "partnership's record is separate.",
    seed=2027,
    organisations=ORGANISATIONS,
    people=PEOPLE,
    bodies=(CSP, SVTG),
    users=USERS,
    storylines=STORYLINES,
)
