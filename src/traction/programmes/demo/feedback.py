"""The demo partnership's feedback after sessions, at the end and months later, on the "Riverside
Collaborative Leadership Programme" and its pilot (made by the programmes demo, which loads first; without
them there is nothing to add). The programme is still running, so it has session feedback only; the pilot
ended eleven months ago, so its then-and-now and both follow-ups are in and published.

Everything here is fiction. Answers are written straight to the tables as the enrolled people of the record
(participation rows by person, no accounts): varied numbers of answers per past session, one of them below
the programme's threshold; five learning objectives rated then and now once the programme has ended; the
3- and 6-month follow-ups once each has opened (counted from the end date, or the last session). Comments
are released through the service as the demo "facilitator" where that account exists.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Iterable

from django.contrib.auth import get_user_model

from traction.core.models import Partnership
from traction.governance.models import Person
from traction_analysis.programmes import feedback as pure

from ..models.feedback import (
    FOLLOW_UP_STAGES,
    FeedbackParticipation,
    FeedbackResponse,
    LearningObjective,
    ObjectiveRating,
    Stage,
)
from ..models.programmes import Enrolment, Programme, Session
from ..selectors.feedback import comments_to_release, end_of
from ..services.feedback import comments_release

TITLE = "Riverside Collaborative Leadership Programme"
PILOT = "Riverside Leadership Pilot"
FACILITATOR = "facilitator"
OBJECTIVES = (
    "Hold a difficult conversation with a partner organisation without retreating to our own position",
    "Frame a shared problem with data that every partner recognises",
    "Bring the voices of people who use services into a decision",
    "Chair a meeting so that it ends in a decision and an owner",
    "Coach a colleague from another organisation through a stuck piece of work",
)
# Answers per past session, in date order (cycled): one session falls below any k of 3 or more.
ANSWERS_PER_SESSION = (9, 7, 2, 8, 6, 10)
SESSION_COMMENTS = (
    "More time in the small groups, less on the slides.",
    "Hearing the hospital's pressures first-hand changed how I see discharge.",
    "The case study on delayed transfers was the most useful part.",
    "Start with the shared problem, not the organisations' updates.",
    "A break in the afternoon would help.",
    "Meeting the voluntary-sector leads in person was worth the day.",
)
FOLLOW_UP_COMMENTS = (
    "I open our locality meetings with the shared problem, not with each organisation's report.",
    "I now ask who is missing from the room before we decide anything.",
    "I phone my counterpart at the trust before escalating, and most issues end there.",
    "We co-wrote the discharge protocol with the care homes instead of sending it to them.",
    "I coach two colleagues from the council each month.",
)


def _people(programme: Programme, session: Session | None = None) -> list[Person]:
    enrolments = Enrolment.objects.filter(cohort__programme=programme).select_related("person")
    if session is not None:
        enrolments = enrolments.filter(cohort=session.cohort_id)
    return list(dict.fromkeys(e.person for e in enrolments))


def _participate(programme: Programme, stage: str, people: Iterable[Person], session: Session | None) -> None:
    FeedbackParticipation.objects.bulk_create(
        FeedbackParticipation(
            partnership=programme.partnership, programme=programme, stage=stage, session=session, person=p
        )
        for p in people
    )


def _score(rng: random.Random, centre: float) -> int:
    return max(1, min(5, round(rng.gauss(centre, 0.7))))


def _sessions(programme: Programme, rng: random.Random, today: datetime.date) -> int:
    past = Session.objects.filter(cohort__programme=programme, date__lte=today).order_by("date", "id")
    written = 0
    for n, session in enumerate(past):
        people = _people(programme, session)
        count = min(ANSWERS_PER_SESSION[n % len(ANSWERS_PER_SESSION)], len(people))
        _participate(programme, Stage.SESSION, rng.sample(people, count), session)
        centre = 3.4 + 0.15 * n
        FeedbackResponse.objects.bulk_create(
            FeedbackResponse(
                partnership=programme.partnership,
                programme=programme,
                stage=Stage.SESSION,
                session=session,
                satisfaction=_score(rng, centre),
                engagement=_score(rng, centre - 0.2),
                relevance=_score(rng, centre + 0.2),
                comment=SESSION_COMMENTS[(n + i) % len(SESSION_COMMENTS)] if i % 3 == 0 else "",
            )
            for i in range(count)
        )
        written += count
    return written


def _objectives(programme: Programme) -> list[LearningObjective]:
    return [
        LearningObjective.objects.get_or_create(
            partnership=programme.partnership, programme=programme, text=text, defaults={"order": n}
        )[0]
        for n, text in enumerate(OBJECTIVES, start=1)
    ]


def _end(programme: Programme) -> datetime.date | None:
    """The programme's end date, or its last session: the ratings are dated as if given at the end, even
    where a reunion day follows it."""
    return programme.ends_on or end_of(programme)


def _then_and_now(programme: Programme, rng: random.Random, today: datetime.date) -> int:
    objectives = _objectives(programme)
    ends = _end(programme)
    if ends is None or ends > today:
        return 0
    people = _people(programme)
    answering = rng.sample(people, max(0, len(people) - 2))
    _participate(programme, Stage.END, answering, None)
    for _ in answering:
        response = FeedbackResponse.objects.create(
            partnership=programme.partnership, programme=programme, stage=Stage.END
        )
        for objective in objectives:
            before = rng.choice((1, 2, 2, 3, 3))
            ObjectiveRating.objects.create(
                response=response,
                objective=objective,
                before=before,
                now=min(5, before + rng.choice((1, 1, 2, 2, 3))),
            )
    return len(answering)


def _follow_ups(programme: Programme, rng: random.Random, today: datetime.date) -> int:
    ends = _end(programme)
    if ends is None:
        return 0
    people, written = _people(programme), 0
    for months, stage in FOLLOW_UP_STAGES.items():
        if pure.follow_up_window(ends, months).opens > today:
            continue
        answering = rng.sample(people, max(0, len(people) - (2 if months == 3 else 4)))
        _participate(programme, stage, answering, None)
        FeedbackResponse.objects.bulk_create(
            FeedbackResponse(
                partnership=programme.partnership,
                programme=programme,
                stage=stage,
                applied=_score(rng, 3.8 if months == 3 else 3.6),
                impact=_score(rng, 3.4 if months == 3 else 3.7),
                comment=FOLLOW_UP_COMMENTS[(i + months) % len(FOLLOW_UP_COMMENTS)] if i % 2 == 0 else "",
            )
            for i in range(len(answering))
        )
        written += len(answering)
    return written


def _release(programme: Programme) -> int:
    """Release the first two comments of every other session and of each follow-up that reached k (and has
    closed), as the demo facilitator."""
    actor = get_user_model().objects.filter(
        username=FACILITATOR, memberships__partnership=programme.partnership
    )
    user = actor.first()
    if user is None:
        return 0
    follow_ups = {str(stage.label) for stage in FOLLOW_UP_STAGES.values()}
    tokens = [
        c.token
        for n, (label, group) in enumerate(comments_to_release(programme))
        if n % 2 == 0 or label in follow_ups
        for c in list({c.text: c for c in group}.values())[:2]  # two different words
    ]
    return comments_release(actor=user, programme=programme, tokens=tokens) if tokens else 0


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    counts: Counter[str] = Counter()
    for title in (TITLE, PILOT):
        programme = Programme.objects.filter(partnership=partnership, title=title).first()
        if programme is not None:
            counts += _load(programme, today)
    return counts


def _load(programme: Programme, today: datetime.date) -> Counter[str]:
    rng = random.Random(f"{programme.title}:{today.isoformat()}")
    counts = Counter(
        {
            "feedback after sessions": _sessions(programme, rng, today),
            "then-and-now ratings": _then_and_now(programme, rng, today),
            "feedback follow-ups": _follow_ups(programme, rng, today),
        }
    )
    counts["learning objectives"] = programme.objectives.count()
    counts["feedback comments released"] = _release(programme)
    return +counts


def remove(*, slugs: list[str]) -> None:
    """Ratings RESTRICT their objectives: delete them first, so the partnership's cascade can run."""
    ObjectiveRating.objects.filter(response__partnership__slug__in=list(slugs)).delete()
