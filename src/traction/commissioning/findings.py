"""Stalled commissioning strategies as a finding for the diagnosis overview: strategies with no gate decided
for longer than the partnership's threshold (``CommissioningSettings.stall_days``).

The diagnosis finds this module through the app registry (``traction.diagnosis.partnership``). A stalled
strategy is *displacement of responsibility*: the decision on its next step is put off, gate after gate, so
it rests with no body (docs/signals.md says why). Reads go through the permission policy.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import NoReverseMatch, reverse

from traction.core.models import Partnership
from traction_analysis.diagnosis.findings import PartnershipFinding
from traction_analysis.signals import DISPLACEMENT

from .selectors.portfolio import settings_for, stalled_for

NAMED = 5  # the finding names this many strategies, then says how many more


def partnership_findings(
    *, user: Any, partnership: Partnership, today: datetime.date
) -> list[PartnershipFinding]:
    """One finding when any strategy the user may see has stalled; none otherwise."""
    stalled = stalled_for(user=user, partnership=partnership, today=today)
    if not stalled:
        return []
    days = settings_for(partnership=partnership).stall_days
    n = len(stalled)
    names = ", ".join(f"“{row.title}”" for row in stalled[:NAMED])
    more = f" and {n - NAMED} more" if n > NAMED else ""
    headline = (
        f"{n} commissioning strateg{'y has' if n == 1 else 'ies have'} had no gate for over {days} days"
    )
    text = (
        f"No gate has been decided on {names}{more} for more than {days} days. Without a gate, the decision "
        "on the next step waits and no body holds it. Schedule each strategy's next gate, or record a "
        "decision to hold or stop it."
    )
    return [
        PartnershipFinding(DISPLACEMENT, headline, text, "the commissioning portfolio", _url(partnership))
    ]


def _url(partnership: Partnership) -> str:
    """The portfolio filtered to stalled strategies."""
    try:
        return reverse("commissioning:portfolio", kwargs={"slug": partnership.slug}) + "?stalled=on"
    except NoReverseMatch:
        return ""
