"""Riverside Health and Care Partnership: a fictional county health and care system."""

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
    ("rcc", "Riverside County Council", "council"),
    ("edc", "Eastbrook District Council", "council"),
    ("ruh", "Riverside University Hospitals NHS Foundation Trust", "nhs_trust"),
    ("rcp", "Riverside Community and Mental Health NHS Trust", "nhs_trust"),
    ("icb", "NHS Riverside Integrated Care Board", "icb"),
    ("gpf", "Riverside GP Federation", "primary_care"),
    ("cvs", "Riverside Council for Voluntary Service", "voluntary"),
    ("awr", "Age Well Riverside", "voluntary"),
    ("hsg", "Riverside Valley Homes", "housing"),
    ("hwr", "Healthwatch Riverside", "other"),
)


def _p(key: str, name: str, role_title: str, org: str, *seats: str) -> PersonSpec:
    """A person and their seats: "hwb" is a member's seat, "hwb:chair" the chair's."""
    pairs = tuple((body, role or "member") for body, _, role in (seat.partition(":") for seat in seats))
    return PersonSpec(key=key, name=name, role_title=role_title, org=org, seats=pairs)


PEOPLE = (
    _p(
        "ellison",
        "Cllr Margaret Ellison",
        "Cabinet Member for Adult Social Care and Health",
        "rcc",
        "hwb:chair",
    ),
    _p("mehta", "Dr Anil Mehta", "Chair", "icb", "hwb:vice_chair"),
    _p("forsyth", "Helen Forsyth", "Director of Adult Social Services", "rcc", "hwb", "icpe", "awwg"),
    _p("okafor", "Dr Sarah Okafor", "Director of Public Health", "rcc", "hwb", "icpe", "mhdg"),
    _p("whitlock", "James Whitlock", "Chief Executive", "icb", "hwb", "icpe:chair"),
    _p("castellano", "Ruth Castellano", "Director of Children's Services", "rcc", "hwb"),
    _p("rowe", "Cllr David Rowe", "Leader of the Council", "edc", "hwb"),
    _p("whitfield", "Cllr Susan Whitfield", "Opposition Spokesperson for Health", "rcc", "hwb"),
    _p("blake", "Karen Blake", "Director of Housing and Communities", "edc", "icpe", "awwg"),
    _p("adeyemi", "Prof. Michael Adeyemi", "Chief Executive", "ruh", "hwb"),
    _p("grant", "Fiona Grant", "Chief Operating Officer", "ruh", "icpe", "awwg"),
    _p("hadley", "Dr Tom Hadley", "Chief Executive", "rcp", "hwb", "icpe:vice_chair"),
    _p("moreno", "Lisa Moreno", "Director of Operations", "rcp", "icpe", "mhdg:chair"),
    _p("lindqvist", "Dr Peter Lindqvist", "Clinical Director", "gpf", "hwb", "icpe", "awwg"),
    _p("hussain", "Nadia Hussain", "Chief Executive", "cvs", "hwb", "icpe", "mhdg"),
    _p("oduya", "Graham Oduya", "Chief Executive", "awr", "hwb", "awwg:vice_chair"),
    _p("price", "Joanne Price", "Carers Support Manager", "awr", "awwg", "mhdg"),
    _p("sheldon", "Martin Sheldon", "Director of Care and Support", "hsg", "icpe", "awwg"),
    _p("shah", "Priya Shah", "Partnership Manager", "rcc", "hwb:officer", "icpe:officer"),
    _p("fletcher", "Owen Fletcher", "Democratic Services Officer", "rcc", "hwb:officer"),
    _p(
        "dunmore", "Claire Dunmore", "Head of Commissioning, Ageing Well", "rcc", "awwg:chair", "icpe:officer"
    ),
    _p(
        "ashworth",
        "Ben Ashworth",
        "Director of Strategy and Partnerships",
        "icb",
        "icpe",
        "hwb:officer",
        "mhdg",
    ),
    _p("sutcliffe", "Dr Emma Sutcliffe", "Consultant in Public Health", "rcc", "mhdg", "awwg"),
    _p("kowalski", "Rachel Kowalski", "Head of Mental Health Commissioning", "icb", "mhdg:vice_chair"),
    _p("ortega", "Samuel Ortega", "Director of Finance", "icb", "icpe"),
    _p("murray", "Angela Murray", "Chair", "hwr", "hwb"),
    _p("kent", "Deborah Kent", "Organisational Development Lead", "icb", "icpe:officer"),
    _p("karim", "Yusuf Karim", "Head of Business Intelligence", "icb", "icpe:officer"),
    _p("brooks", "Dr Hannah Brooks", "Clinical Director for Adult Mental Health", "rcp", "mhdg"),
    _p("tranter", "Steve Tranter", "Housing Options Manager", "edc", "mhdg"),
    _p("lloyd", "Gemma Lloyd", "Falls Prevention Lead", "rcp", "awwg"),
    _p("nolan", "Patrick Nolan", "Head of Patient Flow", "ruh", "awwg:officer"),
)

USERS = (
    UserSpec("admin", "admin", "karim"),
    UserSpec("secretary", "secretary", "shah"),
    UserSpec("member", "member", "ashworth"),
    UserSpec("facilitator", "facilitator", "kent"),
    UserSpec("viewer", "viewer", "murray"),
)

HWB = BodySpec(
    key="hwb",
    name="Riverside Health and Wellbeing Board",
    kind="partnership_board",
    noun="Board",
    prefix="HWB",
    numbering="year",
    cadence=Cadence(weekday=3, months=2, nth=2),
    start_time=(14, 0),
    duration=150,
    location="Council Chamber, County Hall, Riverside",
    purpose="The statutory Health and Wellbeing Board: sets the Joint Local Health and Wellbeing Strategy "
    "and holds the system to account for it.",
    substantive=(4, 6),
    standing=(
        topic(
            "better-care-fund",
            "Better Care Fund: quarterly return",
            "Better Care Fund return",
            "rcc",
            outcome="decided",
            every=2,
        ),
        topic("hwb-forward-plan", "Board forward plan", "forward plan", "rcc", outcome="decided"),
    ),
    pool=(
        topic(
            "jsna-summary",
            "Joint Strategic Needs Assessment: annual summary",
            "Joint Strategic Needs Assessment summary",
            "rcc",
        ),
        topic(
            "health-wellbeing-strategy",
            "Joint Local Health and Wellbeing Strategy 2025–2030",
            "Joint Local Health and Wellbeing Strategy",
            "rcc",
        ),
        topic(
            "dph-annual-report",
            "Director of Public Health Annual Report",
            "Director of Public Health Annual Report",
            "rcc",
        ),
        topic(
            "child-poverty", "Tackling child poverty: partnership response", "child poverty response", "rcc"
        ),
        topic(
            "healthwatch-annual-report",
            "Healthwatch Riverside annual report",
            "Healthwatch annual report",
            "hwr",
        ),
        topic("tobacco-control", "Smokefree Riverside: tobacco control plan", "tobacco control plan", "rcc"),
        topic("healthy-weight", "Healthy weight declaration", "healthy weight declaration", "rcc"),
        topic(
            "safeguarding-adults-report",
            "Safeguarding Adults Board annual report",
            "Safeguarding Adults Board annual report",
            "rcc",
        ),
        topic("air-quality", "Air quality and health: joint action plan", "air quality action plan", "edc"),
        topic(
            "physical-activity",
            "Active Riverside: physical activity strategy",
            "physical activity strategy",
            "rcc",
        ),
        topic(
            "integrated-care-strategy",
            "Integrated Care Strategy: annual refresh",
            "Integrated Care Strategy",
            "icb",
        ),
        topic(
            "damp-mould", "Damp and mould in rented homes: health impacts", "damp and mould programme", "hsg"
        ),
        topic(
            "cost-of-living",
            "Cost of living: health impacts and partnership response",
            "cost of living response",
            "cvs",
        ),
        topic(
            "send-inspection",
            "Special educational needs: local area inspection outcome",
            "SEND inspection improvement plan",
            "rcc",
        ),
    ),
)

ICPE = BodySpec(
    key="icpe",
    name="Integrated Care Partnership Executive",
    kind="committee",
    noun="Executive",
    prefix="ICPE",
    numbering="running",
    first_number=101,
    parent="hwb",
    cadence=Cadence(weekday=1, months=1, nth=1, skip_months=(8,)),
    start_time=(10, 0),
    duration=120,
    location="Boardroom, Riverside House",
    purpose="Leads delivery of the Integrated Care Strategy across health, care, housing and the "
    "voluntary sector.",
    substantive=(4, 6),
    standing=(
        topic(
            "system-performance",
            "System performance and finance report",
            "system performance and finance report",
            "icb",
            outcome="noted",
        ),
        topic(
            "partnership-risk-register",
            "Partnership risk register",
            "risk register",
            "icb",
            outcome="noted",
            every=3,
        ),
    ),
    pool=(
        topic(
            "community-diagnostic-centre",
            "Community Diagnostic Centre: phase 2 business case",
            "Community Diagnostic Centre business case",
            "ruh",
        ),
        topic("virtual-wards", "Virtual wards: evaluation and future model", "virtual wards model", "ruh"),
        topic(
            "one-workforce",
            "One Workforce: joint recruitment and retention plan",
            "joint workforce plan",
            "icb",
        ),
        topic("primary-care-access", "Primary care access recovery plan", "primary care access plan", "gpf"),
        topic(
            "shared-estates", "One Public Estate: shared estates strategy", "shared estates strategy", "rcc"
        ),
        topic(
            "shared-care-record",
            "Shared care record: go-live and information governance",
            "shared care record",
            "icb",
        ),
        topic(
            "population-health",
            "Population health management programme",
            "population health programme",
            "icb",
        ),
        topic(
            "inequalities-funding",
            "Health inequalities funding: allocation proposals",
            "health inequalities allocation",
            "icb",
        ),
        topic(
            "vcse-infrastructure",
            "VCSE infrastructure funding agreement",
            "VCSE infrastructure agreement",
            "cvs",
        ),
        topic("reablement-capacity", "Reablement capacity and demand", "reablement capacity plan", "rcc"),
        topic("pharmacy-first", "Community pharmacy: Pharmacy First uptake", "Pharmacy First update", "icb"),
        topic(
            "equipment-section-75",
            "Section 75 agreement: integrated community equipment",
            "community equipment Section 75 agreement",
            "rcc",
        ),
        topic("anchor-charter", "Anchor institutions charter", "anchor institutions charter", "ruh"),
        topic(
            "neighbourhood-health",
            "Neighbourhood health teams: pilot sites",
            "neighbourhood health pilots",
            "gpf",
        ),
        topic(
            "urgent-community-response",
            "Urgent community response: two-hour standard",
            "urgent community response service",
            "rcp",
        ),
        topic(
            "learning-disability-reviews",
            "Learning disability mortality reviews (LeDeR)",
            "LeDeR annual report",
            "icb",
        ),
    ),
)

AWWG = BodySpec(
    key="awwg",
    name="Ageing Well Working Group",
    kind="working_group",
    noun="Group",
    prefix="AWWG",
    numbering="per_meeting",
    parent="icpe",
    cadence=Cadence(weekday=2, weeks=6),
    start_time=(13, 30),
    duration=90,
    location="Online (Microsoft Teams)",
    purpose="Develops and oversees the Ageing Well programme: frailty, falls, dementia, discharge and "
    "carers.",
    substantive=(3, 4),
    standing=(
        topic(
            "ageing-well-dashboard",
            "Ageing Well dashboard",
            "Ageing Well dashboard",
            "icb",
            outcome="noted",
            every=2,
        ),
    ),
    pool=(
        topic("dementia-plan", "Dementia strategy: delivery plan", "dementia delivery plan", "rcp"),
        topic(
            "frailty-pathway",
            "Frailty pathway and comprehensive geriatric assessment",
            "frailty pathway",
            "ruh",
        ),
        topic("care-homes-support", "Enhanced health in care homes", "care homes support offer", "gpf"),
        topic("home-first", "Home First discharge model", "Home First model", "ruh"),
        topic(
            "digital-switchover",
            "Technology enabled care: digital switchover",
            "telecare switchover plan",
            "rcc",
        ),
        topic("carers-breaks", "Carers' breaks and respite provision", "carers' breaks offer", "awr"),
        topic("extra-care-housing", "Extra care housing pipeline", "extra care housing pipeline", "hsg"),
        topic("end-of-life", "End of life care: fast-track pathway", "fast-track pathway", "rcp"),
        topic("sensory-loss", "Sensory loss: hearing and sight services", "sensory loss services", "awr"),
        topic(
            "age-friendly", "Age-friendly Riverside: communities programme", "age-friendly programme", "awr"
        ),
        topic("social-prescribing", "Social prescribing for older people", "social prescribing offer", "gpf"),
        topic("care-market", "Market position statement: care at home", "market position statement", "rcc"),
        topic(
            "winter-vaccination",
            "Winter vaccination uptake in people aged 65 and over",
            "vaccination uptake plan",
            "icb",
        ),
    ),
)

MHDG = BodySpec(
    key="mhdg",
    name="Mental Health Delivery Group",
    kind="working_group",
    noun="Group",
    prefix="MHDG",
    numbering="per_meeting",
    parent="icpe",
    cadence=Cadence(weekday=4, weeks=6),
    start_time=(10, 0),
    duration=90,
    location="Meeting Room 2, Fernbank Centre",
    purpose="Oversees delivery of the adult and children's mental health programmes for the partnership.",
    substantive=(3, 4),
    standing=(
        topic(
            "mh-performance",
            "Mental health performance report",
            "mental health performance report",
            "rcp",
            outcome="noted",
        ),
    ),
    pool=(
        topic("crisis-line", "Mental health crisis response: NHS 111 option 2", "crisis line", "rcp"),
        topic(
            "community-mh",
            "Community mental health transformation: year 3",
            "community transformation plan",
            "rcp",
        ),
        topic(
            "cyp-mental-health",
            "Children and young people's mental health: waiting times",
            "children's mental health recovery plan",
            "rcp",
        ),
        topic("perinatal", "Perinatal mental health service expansion", "perinatal service expansion", "rcp"),
        topic(
            "smi-health-checks",
            "Physical health checks for people with severe mental illness",
            "physical health checks programme",
            "gpf",
        ),
        topic("ips-employment", "Individual Placement and Support employment service", "IPS service", "cvs"),
        topic("eating-disorders", "Eating disorders pathway", "eating disorders pathway", "rcp"),
        topic(
            "bereavement-support", "Suicide bereavement support service", "bereavement support service", "cvs"
        ),
        topic(
            "supported-accommodation",
            "Supported accommodation for mental health",
            "supported accommodation plan",
            "hsg",
        ),
        topic(
            "right-care-right-person",
            "Right Care, Right Person: police and health protocol",
            "Right Care, Right Person protocol",
            "rcp",
        ),
        topic(
            "talking-therapies", "NHS Talking Therapies performance", "Talking Therapies recovery plan", "rcp"
        ),
        topic("section-117", "Section 117 aftercare policy", "Section 117 policy", "rcc"),
        topic("mh-equalities", "Advancing Mental Health Equalities", "equalities action plan", "icb"),
    ),
)

STORYLINES = (
    # Deferral loops: the hard conversation keeps being postponed.
    Storyline(
        topic(
            "pharmaceutical-needs-assessment",
            "Pharmaceutical Needs Assessment",
            "Pharmaceutical Needs Assessment",
            "rcc",
        ),
        13,
        steps("hwb:deferred", "hwb:deferred", "hwb:decided"),
    ),
    Storyline(
        topic(
            "intermediate-care-beds",
            "Intermediate care bed base review",
            "intermediate care bed base review",
            "icb",
        ),
        9,
        steps("icpe:deferred", "icpe:deferred", "icpe:deferred", "icpe:noted", "icpe:deferred"),
    ),
    Storyline(
        topic("asc-charging-policy", "Adult social care charging policy review", "charging policy", "rcc"),
        3,
        steps("icpe:deferred", "icpe:deferred", "icpe:deferred", "icpe:deferred"),
    ),
    Storyline(
        topic("crisis-cafe", "Crisis café: commissioning options", "crisis café options", "icb"),
        8,
        steps("mhdg:deferred", "mhdg:deferred", "mhdg:referred", "icpe:deferred", "icpe:noted"),
    ),
    # Recurring topics: on the agenda again and again, never decided.
    Storyline(
        topic(
            "urgent-care-winter",
            "Urgent and emergency care: winter pressures",
            "urgent and emergency care position",
            "ruh",
        ),
        16,
        steps("icpe:noted", "icpe:noted", "icpe:noted", "icpe:unclear", "icpe:noted"),
    ),
    Storyline(
        topic(
            "delayed-discharge",
            "Delayed discharges and discharge to assess",
            "discharge to assess model",
            "ruh",
        ),
        12,
        steps("awwg:noted", "awwg:noted", "awwg:unclear", "icpe:noted", "awwg:noted", "awwg:noted"),
    ),
    Storyline(
        topic("carers-strategy", "All-age carers' strategy refresh", "carers' strategy", "awr"),
        15,
        steps("hwb:noted", "hwb:noted", "hwb:deferred", "hwb:noted"),
    ),
    Storyline(
        topic("out-of-area-placements", "Out of area placements", "out of area placements position", "rcp"),
        14,
        steps("mhdg:noted", "mhdg:noted", "mhdg:noted", "mhdg:noted"),
    ),
    Storyline(
        topic(
            "loneliness", "Loneliness and social isolation among older people", "loneliness programme", "awr"
        ),
        8,
        steps("awwg:noted", "awwg:unclear", "awwg:noted", "awwg:noted"),
    ),
    # Pass the parcel: referred from body to body, decided nowhere.
    Storyline(
        topic(
            "falls-prevention",
            "Falls prevention service: recurrent funding",
            "falls prevention funding",
            "rcp",
        ),
        11,
        steps("icpe:referred", "awwg:referred", "hwb:referred", "icpe:referred", "awwg:noted"),
    ),
    Storyline(
        topic(
            "dual-diagnosis",
            "Dual diagnosis (mental health and substance use) pathway",
            "dual diagnosis pathway",
            "rcp",
        ),
        10,
        steps("mhdg:referred", "icpe:referred", "hwb:referred", "mhdg:noted"),
    ),
    # Topics that did reach a decision.
    Storyline(
        topic(
            "discharge-transport",
            "Hospital discharge transport contract",
            "discharge transport contract",
            "ruh",
        ),
        6,
        steps("awwg:noted", "icpe:decided"),
    ),
    Storyline(
        topic("joint-forward-plan", "NHS Joint Forward Plan refresh", "Joint Forward Plan", "icb"),
        5,
        steps("icpe:noted", "hwb:decided"),
    ),
)

RIVERSIDE = PartnershipSpec(
    slug="riverside",
    name="Riverside Health and Care Partnership",
    description="A fictional county health and care partnership, loaded as demonstration data: the county "
    "and district councils, the acute and community trusts, the ICB, primary care, the "
    "voluntary sector and housing.",
    seed=2026,
    organisations=ORGANISATIONS,
    people=PEOPLE,
    bodies=(HWB, ICPE, AWWG, MHDG),
    users=USERS,
    storylines=STORYLINES,
    cancelled=(("icpe", 10),),
)
