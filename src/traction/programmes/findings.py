"""Events as findings for the diagnosis overview: an event held more than 30 days ago that produced no
actions in the log. A day that brought the whole system together and left nobody holding any work is a
displacement of responsibility (the agreement settles where nobody holds it).

The diagnosis finds this module through the app registry (``traction.diagnosis.partnership``). Reads go
through the permission policy.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse

from traction.core import policy
from traction.core.models import Partnership
from traction.governance.models import Action
from traction_analysis.diagnosis.findings import PartnershipFinding
from traction_analysis.signals import DISPLACEMENT

from .models.events import Event
from .selectors.events import SOURCE_MODEL

GRACE = datetime.timedelta(days=30)
HEADLINE = "An event produced no actions"
TEXT = (
    "“{title}” was held on {date}, more than 30 days ago, and no action from it is in the action log. "
    "What the day agreed may settle where nobody holds it: record its actions, with owners, on the event's "
    "outputs page."
)


def partnership_findings(
    *, user: Any, partnership: Partnership, today: datetime.date
) -> list[PartnershipFinding]:
    """One finding per event held more than 30 days before ``today`` with no action recorded from it."""
    actions = Action.objects.filter(
        partnership=partnership,
        source_model=SOURCE_MODEL,
        source_pk=Cast(OuterRef("pk"), Action.source_pk.field),
    )
    events = (
        policy.permitted(user=user, partnership=partnership, action="view", model=Event)
        .filter(date__lt=today - GRACE)
        .annotate(has_actions=Exists(actions))
        .filter(has_actions=False)
        .order_by("-date", "id")
    )
    return [
        PartnershipFinding(
            DISPLACEMENT,
            HEADLINE,
            TEXT.format(title=event.title, date=f"{event.date:%-d %B %Y}"),
            f"the event “{event.title}”",
            reverse("programmes:event-detail", kwargs={"slug": partnership.slug, "pk": event.pk}),
        )
        for event in events
    ]
