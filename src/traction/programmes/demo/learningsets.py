"""The demo partnership's action learning sets.

Two sets, of 6 and 7 members besides the facilitator, drawn from the people enrolled in the "Riverside
Collaborative Leadership Programme" when that programme has people, else from the partnership's people.
The demo user "facilitator" (Deborah Kent) facilitates the first set and the demo user "member" (Ben
Ashworth) is a member of it: both read that set's notes and not the second set's; the other demo users
(admin, secretary, viewer) are in neither set, so they see no note at all. Each set has met three or four
times; what members committed to is in the action log of the Integrated Care Partnership Executive,
recorded by the facilitator user on behalf of the set, some done and some open.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from traction.core.models import Partnership
from traction.governance.models import Action, ActionStatus, Body, Person
from traction.governance.workflows import ActionSpec, actions_record

from ..models.learningsets import LearningSet, SetMeeting, SetMembership, SetNote, SetRole

PROGRAMME = "Riverside Collaborative Leadership Programme"
BODY = "Integrated Care Partnership Executive"
DEMO_USER_PEOPLE = ("Yusuf Karim", "Priya Shah", "Angela Murray")  # admin, secretary, viewer: in no set
COMMITMENTS = (
    "Ask the finance lead to join the next discharge huddle",
    "Shadow a shift on the hospital discharge team",
    "Try a three-minute round at my own team meeting",
    "Write up what the carers' forum told us and share it with the set",
    "Agree one shared measure with the housing team",
    "Hold a one-to-one with the GP practice manager I have avoided",
    "Bring the complaint data to the next meeting",
)
NOTES = (
    "We kept coming back to permission: nobody believes they are allowed to stop anything.",
    "The questioning round worked better when we held back advice for ten minutes.",
    "Two of us are stuck on the same discharge problem from different ends; pair up before next time.",
    "Feeling more able to say no to meetings that do not decide anything.",
)


def _people(partnership: Partnership) -> list[Person]:
    """People to draw the sets' members from: the programme's enrolled people, else everyone."""
    pool = Person.objects.filter(partnership=partnership, cohorts__programme__title=PROGRAMME).distinct()
    if not pool.exists():
        pool = Person.objects.filter(partnership=partnership)
    return list(pool.exclude(name__in=(*DEMO_USER_PEOPLE, "Deborah Kent", "Ben Ashworth")).order_by("name"))


def _make_set(
    partnership: Partnership, name: str, facilitator: Person, members: list[Person], started: datetime.date
) -> LearningSet:
    learning_set = LearningSet.objects.create(
        partnership=partnership,
        name=name,
        facilitator=facilitator,
        every_weeks=6,
        cadence_note="Thursday afternoons, 2 to 5pm, at the Riverside Hub",
        body=Body.objects.get(partnership=partnership, name=BODY),
    )
    for person, role in [(facilitator, SetRole.FACILITATOR), *[(m, SetRole.MEMBER) for m in members]]:
        SetMembership.objects.create(
            partnership=partnership, learning_set=learning_set, person=person, role=role, joined=started
        )
    return learning_set


def _meetings(
    learning_set: LearningSet,
    members: list[Person],
    dates: list[datetime.date],
    actor: object,
    today: datetime.date,
) -> Counter[str]:
    counts: Counter[str] = Counter()
    url = reverse(
        "programmes:set-detail", kwargs={"slug": learning_set.partnership.slug, "pk": learning_set.pk}
    )
    for n, date in enumerate(dates):
        meeting = SetMeeting.objects.create(
            partnership=learning_set.partnership, learning_set=learning_set, date=date
        )
        meeting.attended.set([m for i, m in enumerate(members) if (i + n) % 5])  # someone sends apologies
        owners = members[n % 2 :: 2][:3]
        specs = [
            ActionSpec(
                text=COMMITMENTS[(n + i) % len(COMMITMENTS)],
                due_date=date + datetime.timedelta(weeks=6),
                lead=owner,
                provenance={"learning set": learning_set.name, "meeting": date.isoformat()},
            )
            for i, owner in enumerate(owners)
        ]
        actions = actions_record(
            actor=actor, source=learning_set, body=learning_set.body, actions=specs, url=url
        )
        for i, action in enumerate(actions):
            if action.due_date and (n < len(dates) - 1 and i != 1):  # older ones mostly done
                action.status = ActionStatus.DONE
                action.completed_on = min(action.due_date, today, timezone.localdate())
                action.save(update_fields=["status", "completed_on"])
        meeting.actions.set(actions)
        counts["learning set meetings"] += 1
        counts["learning set commitments"] += len(actions)
    return counts


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    counts: Counter[str] = Counter()
    people = _people(partnership)
    if len(people) < 12:
        return counts
    by_name = {p.name: p for p in Person.objects.filter(partnership=partnership)}
    actor = get_user_model().objects.filter(username="facilitator").first()
    kent, ashworth = by_name.get("Deborah Kent"), by_name.get("Ben Ashworth")
    if actor is None or kent is None or ashworth is None:
        return counts
    first_members = [ashworth, *people[:5]]
    second_facilitator, second_members = people[5], people[6:13]
    started = today - datetime.timedelta(weeks=26)
    for name, facilitator, members, meetings in (
        ("Leading across boundaries: set 1", kent, first_members, 4),
        ("Leading across boundaries: set 2", second_facilitator, second_members, 3),
    ):
        learning_set = _make_set(partnership, name, facilitator, members, started)
        dates = [started + datetime.timedelta(weeks=2 + 6 * i) for i in range(meetings)]
        dates = [min(d, today - datetime.timedelta(days=1)) for d in dates]
        counts += _meetings(learning_set, members, dates, actor, today)
        for i, text in enumerate(NOTES[: 2 + meetings % 2]):
            meeting = learning_set.meetings.order_by("date")[i % meetings]
            SetNote.objects.create(
                partnership=partnership,
                learning_set=learning_set,
                meeting=meeting,
                author=members[i],
                text=text,
            )
            counts["learning set notes"] += 1
        counts["learning sets"] += 1
    return counts


def remove(*, slugs: list[str]) -> None:
    """Delete first what RESTRICTs a governance record, so the partnership's cascade can run."""
    LearningSet.objects.filter(partnership__slug__in=slugs).delete()
    Action.objects.filter(partnership__slug__in=slugs, source_model="programmes.learningset").delete()
