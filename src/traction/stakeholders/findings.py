"""The stakeholder map's findings for the diagnosis overview: a stakeholder whose latest assessments moved
them towards resistant (a stance further down the scale than the assessment before, other than unaware) in
the last 90 days.

The diagnosis finds this module through the app registry (``traction.diagnosis.partnership``); the judgement
is pure (``traction_analysis.stakeholders.grid``). Reads go through the permission policy.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import NoReverseMatch, reverse

from traction.core.models import Partnership
from traction_analysis.diagnosis.findings import PartnershipFinding
from traction_analysis.signals import DISPLACEMENT

from .models.stakeholders import Stance
from .selectors.stakeholders import recent_resistance

RECENT_DAYS = 90
HEADLINE = "{name} has moved towards resistant"
TEXT = (
    "Assessed as {after} on {on:%-d %B %Y}, after being {before} on {since:%-d %B %Y}. Its desired stance "
    "is {desired}. Consider who engages with them next and record the next step as an action."
)


def partnership_findings(
    *, user: Any, partnership: Partnership, today: datetime.date
) -> list[PartnershipFinding]:
    """One finding per stakeholder moved towards resistant in the last 90 days, newest first."""
    labels = dict(Stance.choices)
    found, seen = [], set()
    for stakeholder, before, after in recent_resistance(
        user=user, partnership=partnership, today=today, days=RECENT_DAYS
    ):
        if stakeholder.pk in seen:
            continue
        seen.add(stakeholder.pk)
        found.append(
            PartnershipFinding(
                DISPLACEMENT,
                HEADLINE.format(name=stakeholder.name),
                TEXT.format(
                    after=labels[after.stance].lower(),
                    on=after.assessed_on,
                    before=labels[before.stance].lower(),
                    since=before.assessed_on,
                    desired=labels[after.desired_stance].lower(),
                ),
                f"the stakeholder “{stakeholder.name}”",
                _url(partnership, stakeholder.pk),
            )
        )
    return found


def _url(partnership: Partnership, pk: int) -> str:
    try:
        return reverse("stakeholders:stakeholder-detail", kwargs={"slug": partnership.slug, "pk": pk})
    except NoReverseMatch:
        return ""
