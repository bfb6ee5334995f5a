"""Stakeholders, assessments and engagements for tests.

Factories write straight to the ORM (no permission, no audit) to set the scene; tests then drive HTTP or the
services. ``world_*`` makers return the same record for a world every time; ``fresh_*`` make a new one.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.utils import timezone

from factories import World, make_action
from traction.stakeholders.models.stakeholders import Assessment, Engagement, Stakeholder

DAY = datetime.timedelta(days=1)
_n = itertools.count(1)


def make_stakeholder(partnership: Any, **kw: Any) -> Stakeholder:
    kw.setdefault("name", f"Stakeholder {next(_n)}")
    return Stakeholder.objects.create(partnership=partnership, **kw)


def assess(stakeholder: Stakeholder, on: datetime.date, **kw: Any) -> Assessment:
    kw.setdefault("power", 4)
    kw.setdefault("interest", 4)
    kw.setdefault("stance", "neutral")
    kw.setdefault("desired_stance", "supportive")
    return Assessment.objects.create(
        partnership=stakeholder.partnership, stakeholder=stakeholder, assessed_on=on, **kw
    )


def make_engagement(partnership: Any, stakeholders: list[Stakeholder], **kw: Any) -> Engagement:
    kw.setdefault("title", f"Meeting {next(_n)}")
    kw.setdefault("held_on", timezone.localdate() - 7 * DAY)
    engagement = Engagement.objects.create(partnership=partnership, **kw)
    engagement.stakeholders.set(stakeholders)
    return engagement


def world_stakeholder(w: World) -> Stakeholder:
    """A stakeholder assessed twice: neutral a year ago, resistant a month ago."""
    found = Stakeholder.objects.filter(partnership=w.partnership, name="Northmoor Residents' Association")
    if found.exists():
        return found.get()
    stakeholder = make_stakeholder(w.partnership, name="Northmoor Residents' Association", kind="group")
    today = timezone.localdate()
    assess(stakeholder, today - 365 * DAY, power=2, interest=4, stance="neutral")
    assess(stakeholder, today - 30 * DAY, power=3, interest=5, stance="resistant")
    return stakeholder


def fresh_stakeholder(w: World) -> Stakeholder:
    return make_stakeholder(w.partnership)


def world_engagement(w: World) -> Engagement:
    found = Engagement.objects.filter(partnership=w.partnership, title="Residents' drop-in").first()
    if found is not None:
        return found
    action = make_action(w.partnership, body=w.body)
    return make_engagement(
        w.partnership, [world_stakeholder(w)], title="Residents' drop-in", next_step=action
    )


def fresh_engagement(w: World) -> Engagement:
    return make_engagement(w.partnership, [world_stakeholder(w)])


def assessment_post(**kw: Any) -> dict[str, Any]:
    data = {
        "assessed_on": (timezone.localdate() - 3 * DAY).isoformat(),
        "power": "4",
        "interest": "3",
        "stance": "supportive",
        "desired_stance": "leading",
        "evidence": "Spoke in favour at the scrutiny committee.",
    }
    return {**data, **{k: str(v) for k, v in kw.items()}}


def engagement_post(w: World, **kw: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "held_on": (timezone.localdate() - 2 * DAY).isoformat(),
        "kind": "meeting",
        "title": "Briefing for ward councillors",
        "stakeholders": [world_stakeholder(w).pk],
        "participants": [w.person.pk],
        "heard": "Worried about the loss of local offices.",
        "next_step": "",
        "due_date": "",
        "lead": "",
        "body": "",
    }
    return {**data, **kw}
