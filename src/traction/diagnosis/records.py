"""Rows of the governance record as the pure records of ``traction_analysis.signals``, one to one.

The equivalence test feeds these records to ``compute_signals`` and compares the figures with the
database path; exports use them too. The mapper does not check permissions: its callers do.
"""

from __future__ import annotations

from typing import cast

from django.utils import timezone

from traction.core.models import Partnership
from traction.governance.models import Action, AgendaItem, Meeting, Paper
from traction_analysis.signals import (
    ActionRecord,
    ActionStatus,
    ItemRecord,
    MeetingRecord,
    MeetingStatus,
    Outcome,
    PaperRecord,
)

Records = tuple[list[MeetingRecord], list[ItemRecord], list[PaperRecord], list[ActionRecord]]


def records_for(partnership: Partnership) -> Records:
    """Every meeting, agenda item, paper and action of ``partnership``, in ascending id."""
    meetings = [
        MeetingRecord(
            id=pk,
            body=body,
            start=timezone.localtime(start),
            scheduled_minutes=minutes,
            status=cast(MeetingStatus, status),
        )  # the model's choices are the same words
        for pk, body, start, minutes, status in Meeting.objects.filter(partnership=partnership)
        .order_by("pk")
        .values_list("pk", "body_id", "start", "duration_minutes", "status")
    ]
    items = [
        ItemRecord(
            id=pk, meeting_id=meeting, body=body, topic=topic, outcome=cast(Outcome, outcome), title=title
        )
        for pk, meeting, body, topic, outcome, title in AgendaItem.objects.filter(partnership=partnership)
        .order_by("pk")
        .values_list("pk", "meeting_id", "meeting__body_id", "topic", "outcome", "title")
    ]
    papers = [
        PaperRecord(id=pk, meeting_id=meeting, pages=pages)
        for pk, meeting, pages in Paper.objects.filter(partnership=partnership)
        .order_by("pk")
        .values_list("pk", "meeting_id", "pages")
    ]
    actions = [
        ActionRecord(
            id=pk,
            body=body,
            item_id=item,
            lead=lead,
            due=due,
            completed_on=completed,
            status=cast(ActionStatus, status),
            created=timezone.localdate(created),
            lead_organisation=organisation,
        )
        for pk, body, item, lead, due, completed, status, created, organisation in Action.objects.filter(
            partnership=partnership
        )
        .order_by("pk")
        .values_list(
            "pk",
            "body_id",
            "agenda_item_id",
            "lead__name",
            "due_date",
            "completed_on",
            "status",
            "created_at",
            "lead_organisation__name",
        )
    ]
    return meetings, items, papers, actions
