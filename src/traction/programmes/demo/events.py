"""The demo partnership's whole-system future-scenario event: "Riverside 2035", held about two months ago.

Everything here is fiction. 64 people from six groups came (a few more were invited and declined) and sat
at 8 tables of 8 made by the table plan; the agenda is the default five stages. The day agreed five
common-ground statements (one became a draft shared principle), a decision recorded at the Executive's
meeting nearest the day, and seven actions with owners in the Executive's action log: three done within
30 days, one done later, two still open and one overdue.

People: the participants of the Riverside Collaborative Leadership Programme when there are any, then the
record's own people, then residents and young people made up for the day. Writes go through the events
services as the demo's facilitator (the principle as its secretary, who may add principles).
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from traction.core.models import Partnership
from traction.governance.models import Action, ActionStatus, Body, Meeting, MeetingStatus, Person
from traction.governance.workflows import ActionSpec

from ..models.events import CommonGround, Event, Invitation, InvitationStatus
from ..services import events as services

TITLE = "Riverside 2035: our health and care future"
BODY = "Integrated Care Partnership Executive"
PROGRAMME = "Riverside Collaborative Leadership Programme"
FACILITATOR = "facilitator"
SECRETARY = "secretary"
GROUPS = ("Councillors", "Council officers", "NHS leaders", "Voluntary sector", "Residents", "Young people")
ATTENDED = 64
TABLES = 8
DECLINED = 5
PER_RECORD_GROUP = 12
DECIDED_ACTIONS = 3
RESIDENT_NAMES = (
    "Maureen Clegg",
    "Tariq Aziz",
    "Helen Brook",
    "Stan Wozniak",
    "Joyce Nuttall",
    "Kofi Mensah",
    "Irene Holt",
    "Gary Pickering",
    "Amina Yusuf",
    "Trevor Ball",
    "Sheila Dawson",
    "Pawel Nowak",
    "Denise Barker",
    "Rajesh Patel",
    "Lorraine Fox",
    "Colin Ashby",
    "Bernadette Quinn",
    "Wei Chen",
    "Doreen Platt",
    "Femi Adebayo",
    "Norman Hirst",
    "Shabana Begum",
    "Keith Lomax",
    "Grace Okoro",
)
YOUNG_NAMES = (
    "Ellie Marsh",
    "Jayden Cole",
    "Zara Ahmed",
    "Liam O'Connor",
    "Maya Richards",
    "Oscar Bennett",
    "Aaliyah Khan",
    "Noah Pearson",
    "Freya Lambert",
    "Dylan Hughes",
    "Ruby Sharma",
    "Kai Thompson",
    "Isla Grant",
    "Ethan Walsh",
    "Hana Suzuki",
    "Leon Francis",
    "Chloe Byrne",
    "Yusuf Ali",
)
COMMON_GROUND = (
    "Nobody should have to tell their story twice to get help.",
    "Decisions about a neighbourhood are made with the people who live there.",
    "We share data by default, and say why when we do not.",
    "Young people sit on the boards that decide about them.",
    "Money follows the person, not the organisation.",
)
# (action, owner's name, due days after the event, completed days after the event or None)
ACTIONS = (
    ("Publish the event report and the common ground to everyone who came", "Priya Shah", 14, 10),
    ("Set up the residents' panel for the Executive", "Nadia Hussain", 30, 27),
    ("Invite two young people onto the Mental Health Delivery Group", "Lisa Moreno", 28, 21),
    (
        "Agree one shared assessment form across adult social care and community health",
        "Helen Forsyth",
        45,
        55,
    ),
    ("Map the data the partners already share and what stops the rest", "Yusuf Karim", 40, None),
    ("Bring a neighbourhood budget pilot to the Executive", "Ben Ashworth", 120, None),
    ("Write the partnership's first 'tell it once' standard", "Dr Tom Hadley", 150, None),
)


def _group_of(person: Person) -> str:
    kind = person.organisation.kind if person.organisation else ""
    if person.name.startswith("Cllr"):
        return "Councillors"
    if kind in {"nhs_trust", "icb", "ccg", "primary_care"}:
        return "NHS leaders"
    if kind in {"voluntary", "other"}:
        return "Voluntary sector"
    return "Council officers"


def _people(partnership: Partnership) -> list[tuple[Person, str]]:
    """Who is invited: programme participants, the record's people, and made-up residents and young people."""
    record = Person.objects.filter(partnership=partnership).select_related("organisation")
    enrolled = list(record.filter(enrolments__cohort__programme__title=PROGRAMME).distinct().order_by("id"))
    others = list(
        record.exclude(pk__in=[p.pk for p in enrolled]).filter(~Q(organisation=None)).order_by("id")
    )
    taken: Counter[str] = Counter()
    chosen = []
    for person in [*enrolled, *others]:
        group = _group_of(person)
        if taken[group] < PER_RECORD_GROUP:
            taken[group] += 1
            chosen.append((person, group))
    made_up = [(n, "Residents", "Resident") for n in RESIDENT_NAMES]
    made_up += [(n, "Young people", "Young person") for n in YOUNG_NAMES]
    made_up.sort(
        key=lambda m: (RESIDENT_NAMES + YOUNG_NAMES).index(m[0]) % 18
    )  # residents and young people alternate
    for name, group, role in made_up[: max(0, ATTENDED + DECLINED - len(chosen))]:
        chosen.append((Person.objects.create(partnership=partnership, name=name, role_title=role), group))
    return chosen


def _meeting(body: Body, day: datetime.date) -> Meeting | None:
    held = Meeting.objects.filter(body=body, status=MeetingStatus.HELD)
    return held.filter(start__date__gte=day).order_by("start").first() or held.order_by("-start").first()


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    users = get_user_model().objects.filter(memberships__partnership=partnership)
    facilitator, secretary = users.get(username=FACILITATOR), users.get(username=SECRETARY)
    body = Body.objects.get(partnership=partnership, name=BODY)
    day = today - datetime.timedelta(days=61)
    event = services.event_create(
        actor=facilitator,
        partnership=partnership,
        data={
            "title": TITLE,
            "date": day,
            "place": "Riverside Racecourse conference centre",
            "purpose": "Bring the whole system into one room to imagine health and care in Riverside in "
            "2035, find the common ground and plan the first steps together.",
            "body": body,
            "meeting": _meeting(body, day),
        },
    )
    groups = {
        name: services.event_child_create(
            actor=facilitator, event=event, model=event.groups.model, data={"name": name}
        )
        for name in GROUPS
    }
    invited = _people(partnership)
    for name, group in groups.items():
        people = [p for p, g in invited if g == name]
        if people:
            services.invitations_add(actor=facilitator, event=event, group=group, people=people)
    invitations = list(event.invitations.order_by("id"))
    declined = {i.pk for i in invitations[3 : 3 + DECLINED * 7 : 7]}
    for invitation in invitations:
        status = InvitationStatus.DECLINED if invitation.pk in declined else InvitationStatus.ATTENDED
        Invitation.objects.filter(pk=invitation.pk).update(status=status)
    services.table_plan_generate(actor=facilitator, event=event, tables=TABLES, capacity=8, seed=2035)
    statements = [
        services.event_child_create(actor=facilitator, event=event, model=CommonGround, data={"text": text})
        for text in COMMON_GROUND
    ]
    services.commonground_make_principle(actor=secretary, statement=statements[0])
    by_name = {p.name: p for p in Person.objects.filter(partnership=partnership)}
    # The decision's actions are dated from its meeting (an action is not due before the meeting that set it)
    decided = max(day, event.meeting.date) if event.meeting is not None else day
    starts = [decided if n < DECIDED_ACTIONS else day for n in range(len(ACTIONS))]
    specs = [
        ActionSpec(text=text, lead=by_name.get(owner), due_date=start + datetime.timedelta(days=due))
        for (text, owner, due, _), start in zip(ACTIONS, starts, strict=True)
    ]
    actions: list[Action] = []
    if event.meeting is not None:
        item = services.event_decision_record(
            actor=facilitator,
            event=event,
            title="Riverside 2035: the common ground and first steps",
            resolution="RESOLVED – That the common ground agreed at the Riverside 2035 event be adopted as "
            "the basis of the partnership's work, and the first steps be taken forward.",
            actions=specs[:DECIDED_ACTIONS],
        )
        type(item).objects.filter(pk=item.pk).update(topic="riverside-2035")
        actions = list(item.actions.order_by("id"))
        specs = specs[DECIDED_ACTIONS:]
    actions += services.event_actions_record(actor=facilitator, event=event, actions=specs)
    for action, (_, _, _, done), start in zip(actions, ACTIONS, starts, strict=True):
        if done is not None:
            completed = min(start + datetime.timedelta(days=done), timezone.localdate(), today)
            Action.objects.filter(pk=action.pk).update(status=ActionStatus.DONE, completed_on=completed)
    return Counter(
        {
            "events": 1,
            "event invitations": len(invitations),
            "event actions": len(actions),
        }
    )


def remove(*, slugs: list[str]) -> None:
    """Delete first what RESTRICTs a governance record, so the partnership's cascade can run."""
    Event.objects.filter(partnership__slug__in=slugs).delete()
