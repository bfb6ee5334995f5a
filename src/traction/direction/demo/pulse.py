"""Demo trust pulses in Riverside: three waves a quarter apart in which trust rises. The first two are
published with their follow-ups and some released comments; the third is closed, ready for the facilitator
to publish.

Everything here is fiction. The waves, closing, releases, follow-ups and publishing go through the pulse
services as the demo "facilitator"; the answers are written straight to the response table, as invented
respondents without accounts (so without participation rows). Every wave reaches its threshold; the
breakdown by kind of organisation is shown only in the second, where both kinds have enough answers.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from traction.core.models import Partnership
from traction.governance.models import Body

from ..models import PulseResponse, PulseWave
from ..selectors.pulse import comments_to_release
from ..services import pulse as services

FACILITATOR = "facilitator"
BODY = "Integrated Care Partnership Executive"

# reliability, mission, openness (1–5), overall (0–100), kind of organisation, words
Answer = tuple[int, int, int, int, str, str]


@dataclass(frozen=True)
class DemoWave:
    title: str
    months_ago: int
    answers: tuple[Answer, ...]
    released: tuple[str, ...] = ()
    action: tuple[str, str] | None = None  # (item key, action text)
    reasons: tuple[tuple[str, str], ...] = ()  # (item key, reason)
    publish: bool = True


WAVES = (
    DemoWave(
        "Trust pulse, spring",
        7,
        (
            (2, 3, 2, 40, "council", "Agree who pays for discharge packages before the meeting, not in it."),
            (2, 3, 3, 45, "council", "Papers that arrive a week ahead."),
            (3, 4, 2, 50, "council", ""),
            (2, 3, 3, 45, "council", "Fewer surprises from the hospital trust."),
            (1, 2, 2, 30, "council", ""),
            (3, 3, 3, 55, "nhs_trust", "Honest figures on waiting lists from every partner."),
            (2, 4, 2, 50, "nhs_trust", ""),
            (3, 3, 4, 60, "voluntary", "Voluntary-sector partners heard before decisions, not after."),
        ),
        released=(
            "Papers that arrive a week ahead.",
            "Honest figures on waiting lists from every partner.",
            "Agree who pays for discharge packages before the meeting, not in it.",
        ),
        action=("reliability", "Publish a tracker of what each partner committed to at the Executive"),
        reasons=(
            (
                "openness",
                "The development session in May is given over to how difficult subjects are raised.",
            ),
            ("overall", "Followed up through the reliability and openness questions; no separate action."),
        ),
    ),
    DemoWave(
        "Trust pulse, summer",
        4,
        (
            (3, 4, 3, 55, "council", "The commitments tracker helps."),
            (3, 3, 3, 60, "council", ""),
            (4, 4, 3, 65, "council", "Keep the pre-meetings on money."),
            (3, 4, 2, 50, "council", ""),
            (3, 3, 3, 55, "council", ""),
            (2, 4, 3, 50, "council", "Still too many decisions taken outside the room."),
            (3, 4, 3, 60, "nhs_trust", "The commitments tracker helps."),
            (4, 4, 4, 65, "nhs_trust", ""),
            (3, 3, 3, 55, "nhs_trust", "Joint visits to services."),
            (3, 4, 3, 60, "nhs_trust", ""),
            (2, 3, 3, 50, "nhs_trust", ""),
            (3, 4, 4, 60, "nhs_trust", ""),
        ),
        released=("Keep the pre-meetings on money.", "Joint visits to services."),
        reasons=(
            (
                "overall",
                "Trust is rising on every question; the Executive reviews it again after the autumn pulse.",
            ),
        ),
    ),
    DemoWave(
        "Trust pulse, autumn",
        1,
        (
            (4, 4, 3, 65, "council", "Keep going."),
            (4, 4, 4, 70, "council", ""),
            (3, 4, 3, 60, "council", ""),
            (4, 5, 3, 70, "council", "More joint visits."),
            (4, 4, 4, 65, "council", ""),
            (3, 4, 3, 60, "nhs_trust", ""),
            (4, 4, 4, 70, "nhs_trust", ""),
            (4, 3, 3, 65, "voluntary", ""),
            (3, 4, 4, 65, "voluntary", ""),
        ),
        publish=False,
    ),
)


def _answer(wave: PulseWave, row: Answer) -> None:
    reliability, mission, openness, overall, group, words = row
    PulseResponse.objects.create(
        partnership=wave.partnership,
        wave=wave,
        answers={"reliability": reliability, "mission": mission, "openness": openness, "overall": overall},
        group=group,
        comment=words,
    )


def _wave(
    spec: DemoWave, *, partnership: Partnership, today: datetime.date, actor: object, body: Body
) -> None:
    opens = today - datetime.timedelta(days=30 * spec.months_ago)
    wave = services.wave_create(
        actor=actor,
        partnership=partnership,
        data={
            "title": spec.title,
            "cadence": "Every three months",
            "opens_on": opens,
            "closes_on": opens + datetime.timedelta(days=14),
        },
    )
    for row in spec.answers:
        _answer(wave, row)
    wave = services.wave_close(actor=actor, wave=wave)
    comments = comments_to_release(user=actor, partnership=partnership, wave=wave) or []
    tokens = [c.token for c in comments if c.text in spec.released]
    if tokens:
        services.comments_release(actor=actor, wave=wave, tokens=tokens)
    if spec.action:
        item, text = spec.action
        services.follow_up_record(
            actor=actor, wave=wave, item=item, action_text=text, body=body, due_date=today
        )
    for item, reason in spec.reasons:
        services.follow_up_record(actor=actor, wave=wave, item=item, reason=reason)
    if spec.publish:
        services.wave_publish(actor=actor, wave=wave)


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    actor = get_user_model().objects.get(username=FACILITATOR, memberships__partnership=partnership)
    body = Body.objects.get(partnership=partnership, name=BODY)
    for spec in WAVES:
        _wave(spec, partnership=partnership, today=today, actor=actor, body=body)
    return Counter(
        {
            "trust pulses": len(WAVES),
            "trust pulse responses": sum(len(spec.answers) for spec in WAVES),
        }
    )
