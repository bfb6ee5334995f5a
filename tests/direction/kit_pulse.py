"""Trust-pulse records for tests: waves open, closed with a flagged question, or ready to publish, and the
responses in them.

Factories write straight to the ORM (no permission, no audit) to set the scene; tests then drive HTTP or the
services. ``world_*`` makers return the same record for a world every time; ``fresh_*`` make a new one for
URLs that change its state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from factories import World
from traction.direction.models import PulseResponse, PulseWave, WaveStatus
from traction.direction.selectors.pulse import comment_token
from traction.direction.services.pulse import default_items

WAVE_TITLE = "Spring trust pulse"
COMMENT = "Share the budget figures before the meeting, not at it."


def make_wave(partnership: Any, status: str = WaveStatus.OPEN, **kw: Any) -> PulseWave:
    kw.setdefault("title", "Another trust pulse")
    kw.setdefault("items", default_items())
    return PulseWave.objects.create(partnership=partnership, status=status, **kw)


def answer(
    wave: PulseWave, answers: Mapping[str, int], *, group: str = "", comment: str = "", **kw: Any
) -> PulseResponse:
    return PulseResponse.objects.create(
        partnership=wave.partnership, wave=wave, answers=dict(answers), group=group, comment=comment, **kw
    )


def low_answers(wave: PulseWave, n: int, groups: Iterable[str] = ("council",)) -> None:
    """``n`` responses that flag reliability (median 2) and nothing else, round-robin over ``groups``."""
    cycle = list(groups)
    for i in range(n):
        answer(
            wave,
            {"reliability": 2, "mission": 4, "openness": 4, "overall": 70},
            group=cycle[i % len(cycle)],
            comment=COMMENT if i == 0 else f"Comment number {i}",
        )


def world_wave(w: World) -> PulseWave:
    wave = PulseWave.objects.filter(partnership=w.partnership, title=WAVE_TITLE).first()
    return wave or make_wave(w.partnership, title=WAVE_TITLE)


def fresh_open(w: World) -> PulseWave:
    return make_wave(w.partnership)


def fresh_flagged(w: World) -> PulseWave:
    """Closed, k 3, three low answers on reliability: one flagged question without follow-up."""
    wave = make_wave(w.partnership, WaveStatus.CLOSED, k=3, title="A closed pulse")
    low_answers(wave, 3)
    return wave


def fresh_publishable(w: World) -> PulseWave:
    """Closed without a flagged question (no answers, so nothing is shown and nothing is flagged)."""
    return make_wave(w.partnership, WaveStatus.CLOSED, title="A quiet pulse")


def first_comment_token(w: World) -> str:
    """The token of the latest flagged wave's first comment ("none" when the world has none)."""
    response = PulseResponse.objects.filter(partnership=w.partnership, comment=COMMENT, released=False).last()
    return comment_token(response.pk) if response else "none"
