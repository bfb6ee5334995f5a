"""The demo listening exercise in Riverside: nine invented conversations, facilitated by the demo
"facilitator", with names already replaced by tokens in all but one note, highlights and a small theme tree.

Everything here is fiction; the names are the demo partnership's own invented people. Called at the end of
``load_demo`` (inside its transaction); dates are relative to the demo's ``today``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model

from traction.core.models import Partnership
from traction.governance.models import Person
from traction.listening.anchoring import locate
from traction.listening.models import (
    ExerciseStatus,
    Highlight,
    ListeningExercise,
    ListeningNote,
    NameToken,
    Theme,
    TokenKind,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User  # the user model settings name

PARTNERSHIP = "riverside"
FACILITATOR = "facilitator"
TITLE = "Why does the Executive keep deferring?"
PURPOSE = (
    "One-to-one conversations with members of the Integrated Care Partnership Executive about how "
    "decisions are made, what gets in the way, and what would help. Notes stay with the facilitator; "
    "only anonymised themes are shared back."
)

# Tokens used in the notes below, and whom they stand for (kept in the separate key).
PEOPLE_TOKENS = {"[P1]": "James Whitlock", "[P2]": "Samuel Ortega", "[P3]": "Fiona Grant"}
ORG_TOKENS = {
    "[Org A]": "Riverside University Hospitals NHS Foundation Trust",
    "[Org B]": "Riverside County Council",
}


@dataclass(frozen=True)
class Conversation:
    participant: str
    days_ago: int
    setting: str
    facts: str
    feelings: str
    may_quote: bool = True
    may_count: bool = True
    reviewed: bool = True


CONVERSATIONS = (
    Conversation(
        "Helen Forsyth",
        58,
        "One to one, in her office at County Hall, 50 minutes",
        "The papers for the Executive arrive two days before and run to three hundred pages. Nobody has "
        "read them properly, so we note them and move on. The hard question about discharge funding "
        "has been deferred three times. [P1] chairs well but the agenda is set by whoever shouts "
        "loudest.",
        "Tired. Frustrated that social care is always the last item. Some hope that this conversation "
        "means someone is finally asking.",
    ),
    Conversation(
        "Karen Blake",
        54,
        "One to one, video call, 40 minutes",
        "Housing is invited to the table but not to the decision. We bring the temporary accommodation "
        "figures every quarter and the Executive notes them. Discharge from hospital waits on housing "
        "adaptations and nobody owns that gap. The papers are long and written for the NHS.",
        "Invisible. A bit cynical about another review. Wants to be useful, not decorative.",
    ),
    Conversation(
        "Fiona Grant",
        49,
        "One to one, hospital site meeting room, 45 minutes",
        "We have forty patients a day medically fit for discharge and waiting for care packages. The "
        "Executive talks about flow but never decides who pays for the extra packages. [Org A] is "
        "blamed in the meeting and then asked to fix it alone. Decisions happen in the corridor "
        "afterwards.",
        "Under siege. Defensive at first, then relieved to say it out loud. Does not feel safe to "
        "challenge in the room.",
    ),
    Conversation(
        "Nadia Hussain",
        45,
        "One to one, community centre café, 60 minutes",
        "The voluntary sector is asked for ideas and then not funded to deliver them. Grants are "
        "year to year so we lose good staff every spring. The papers arrive late and use acronyms "
        "nobody outside the NHS understands. There is no trust that small charities can hold a contract.",
        "Angry about the funding, warm about the people. Tired of being the conscience of the partnership.",
    ),
    Conversation(
        "Graham Oduya",
        41,
        "One to one, walking meeting by the river, 50 minutes",
        "Older people tell us the same story every year: lonely, waiting, passed between services. "
        "The Executive receives our report and notes it. Nobody says no, but nothing changes. The real "
        "decisions are made by the finance directors before the meeting.",
        "Patient but weary. Feels the voluntary sector is there to make the room look inclusive.",
    ),
    Conversation(
        "Martin Sheldon",
        36,
        "One to one, phone call, 30 minutes",
        "Temporary accommodation is full and hospital discharge depends on it. We raised the risk in "
        "the autumn and it was deferred to the next meeting, then the one after. Nobody trusts the "
        "figures from other organisations, so every meeting starts by arguing about the data.",
        "Exasperated. Would welcome a single shared set of figures.",
    ),
    Conversation(
        "Dr Peter Lindqvist",
        31,
        "One to one, GP federation office, 40 minutes",
        "Primary care hears about decisions after they are made. The papers are too long to read "
        "between clinics. When money is tight each organisation protects its own budget and the "
        "Executive becomes a place to report, not to decide. Trust between the trusts and the council "
        "is thin after last year's cuts.",
        "Detached, a bit guarded. Hopes for fewer, shorter meetings that actually decide something.",
    ),
    Conversation(
        "Lisa Moreno",
        24,
        "One to one, video call, 45 minutes",
        "Mental health discharge is stuck on housing and on care packages, the same as physical "
        "health. The money question is always deferred because [P2] wants a full business case first. "
        "We do not trust each other enough to pool a budget, so we write more papers instead.",
        "Frustrated but constructive. Sees a shared budget for discharge as the test of trust.",
        may_quote=False,
    ),
    Conversation(
        "Ruth Castellano",
        12,
        "One to one, County Hall, 35 minutes",
        "Children's services are rarely on the agenda. When they are, the papers arrive late and the "
        "item is deferred for lack of time. Fiona Grant was helpful in the corridor afterwards but "
        "nothing was minuted.",
        "Overlooked. Wonders whether to keep coming.",
        may_count=True,
        reviewed=False,
    ),
)

THEMES = {
    # name: (parent, description, [(participant, field, snippet)])
    "Papers without decisions": (
        None,
        "Long, late papers that the Executive notes instead of deciding on.",
        [
            ("Helen Forsyth", "facts", "so we note them and move on"),
            ("Graham Oduya", "facts", "The Executive receives our report and notes it"),
            ("Dr Peter Lindqvist", "facts", "the Executive becomes a place to report, not to decide"),
        ],
    ),
    "Late and long papers": (
        "Papers without decisions",
        "",
        [
            ("Helen Forsyth", "facts", "run to three hundred pages"),
            ("Nadia Hussain", "facts", "The papers arrive late"),
            ("Dr Peter Lindqvist", "facts", "The papers are too long to read"),
        ],
    ),
    "Deferred money questions": (
        None,
        "Who pays for discharge and care packages keeps being deferred.",
        [
            ("Helen Forsyth", "facts", "has been deferred three times"),
            ("Fiona Grant", "facts", "never decides who pays for the extra packages"),
            ("Martin Sheldon", "facts", "it was deferred to the next meeting, then the one after"),
            ("Lisa Moreno", "facts", "The money question is always deferred"),
        ],
    ),
    "Trust between organisations": (
        None,
        "",
        [
            ("Nadia Hussain", "facts", "There is no trust that small charities can hold a contract"),
            ("Martin Sheldon", "facts", "Nobody trusts the figures from other organisations"),
            ("Lisa Moreno", "facts", "We do not trust each other enough to pool a budget"),
            ("Fiona Grant", "feelings", "Does not feel safe to challenge in the room"),
        ],
    ),
    "Decisions made elsewhere": (
        None,
        "",
        [
            ("Fiona Grant", "facts", "Decisions happen in the corridor afterwards"),
            (
                "Graham Oduya",
                "facts",
                "The real decisions are made by the finance directors before the meeting",
            ),
        ],
    ),
}


def load(*, today: datetime.date) -> Counter[str]:
    """Create the demo exercise in Riverside; nothing when the partnership or the facilitator is missing.

    The demo hook the governance demo loader calls (``traction.governance.demo.loader``)."""
    partnership = Partnership.objects.filter(slug=PARTNERSHIP).first()
    facilitator = (
        get_user_model().objects.filter(username=FACILITATOR, memberships__partnership=partnership).first()
    )
    if partnership is None or facilitator is None:
        return Counter()
    people = {p.name: p for p in Person.objects.filter(partnership=partnership)}
    exercise = ListeningExercise.objects.create(
        partnership=partnership,
        title=TITLE,
        purpose=PURPOSE,
        status=ExerciseStatus.ANALYSING,
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=14),
    )
    exercise.facilitators.set([facilitator])
    notes = _notes(partnership, exercise, people, facilitator, today)
    exercise.participants.set([n.participant for n in notes.values() if n.participant])
    _tokens(partnership, exercise)
    highlights = _themes(partnership, exercise, notes)
    return Counter(
        {
            "listening exercises": 1,
            "listening notes": len(notes),
            "themes": len(THEMES),
            "highlights": highlights,
        }
    )


def _notes(
    partnership: Partnership,
    exercise: ListeningExercise,
    people: dict[str, Person],
    facilitator: User,
    today: datetime.date,
) -> dict[str, ListeningNote]:
    notes = {}
    for c in CONVERSATIONS:
        notes[c.participant] = ListeningNote.objects.create(
            partnership=partnership,
            exercise=exercise,
            participant=people.get(c.participant),
            held_on=today - datetime.timedelta(days=c.days_ago),
            setting=c.setting,
            facts=c.facts,
            feelings=c.feelings,
            may_quote=c.may_quote,
            may_count=c.may_count,
            names_reviewed=c.reviewed,
            created_by=facilitator,
        )
    return notes


def _tokens(partnership: Partnership, exercise: ListeningExercise) -> None:
    for kind, tokens in ((TokenKind.PERSON, PEOPLE_TOKENS), (TokenKind.ORGANISATION, ORG_TOKENS)):
        for token, name in tokens.items():
            NameToken.objects.create(
                partnership=partnership, exercise=exercise, kind=kind, token=token, name=name
            )


def _themes(partnership: Partnership, exercise: ListeningExercise, notes: dict[str, ListeningNote]) -> int:
    made: dict[str, Theme] = {}
    count = 0
    for name, (parent, description, marks) in THEMES.items():
        theme = Theme.objects.create(
            partnership=partnership,
            exercise=exercise,
            name=name,
            description=description,
            parent=made.get(parent or ""),
        )
        made[name] = theme
        for participant, field, snippet in marks:
            note = notes[participant]
            span = locate(note.text_of(field), snippet)
            if span is None:
                raise ValueError(f"demo highlight not found in {participant}'s note: {snippet!r}")
            highlight = Highlight.objects.create(
                partnership=partnership, note=note, field=field, start=span[0], end=span[1], snippet=snippet
            )
            highlight.themes.add(theme)
            count += 1
    return count
