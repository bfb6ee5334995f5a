"""Accepted minutes join the partnership's topics, so the diagnosis follows an item from one meeting to the
next."""

from __future__ import annotations

import datetime
from typing import Any

from factories import World, make_item, make_meeting
from traction.core.models import AuditEvent, Role
from traction.governance.models import AgendaItem, Meeting
from traction.intake.models import Review
from traction.intake.services import review_submit
from traction.intake.services.decisions import proposal_accept, proposal_add, proposals_decide
from traction_analysis.document import Provenance
from traction_analysis.extract.model import ExtractedItem, MeetingExtract

RECURRING = "Better Care Fund quarterly report"


def _meeting(world: World, day: int) -> Meeting:
    return make_meeting(
        world.partnership, body=world.body, start=datetime.datetime(2025, 6, day, 14, 0, tzinfo=datetime.UTC)
    )


def _submit(user: Any, world: World, meeting: Meeting, *titles: str) -> Review:
    items = [
        ExtractedItem(
            number=str(n),
            title=title,
            outcome="noted",
            confidence=0.9,  # type: ignore[arg-type]
            evidence=f"RESOLVED that the {title} be noted.",
            resolution=f"That the {title} be noted.",
            actions=[],
            source=Provenance(1, 3 * n),
        )
        for n, title in enumerate(titles, start=1)
    ]
    extract = MeetingExtract(
        document=f"minutes-{meeting.pk}.pdf",
        body=world.body.name,
        meeting_date=meeting.start.date(),
        pages=1,
        items=items,
    )
    return review_submit(
        user=user,
        partnership=world.partnership,
        meeting=meeting,
        document_title=f"Minutes {meeting.start:%d %B %Y}",
        extract=extract,
        origin={"kind": "test", "meeting": meeting.pk},
    )


def _accepted_item(review: Review, title: str) -> AgendaItem:
    return AgendaItem.objects.get(meeting=review.meeting, title=title)


def test_two_meetings_minutes_accepted_share_the_recurring_items_topic(
    users: dict[str, Any], world_a: World
) -> None:
    secretary = users[Role.SECRETARY]
    first = _submit(secretary, world_a, _meeting(world_a, 2), RECURRING, "Dementia friendly communities")
    proposals_decide(user=secretary, review=first, proposals=list(first.proposals.all()), decision="accept")
    june = _accepted_item(first, RECURRING)
    assert june.topic  # a meeting's new items get a topic as they are accepted (in bulk here)

    second = _submit(secretary, world_a, _meeting(world_a, 30), RECURRING, "Pharmacy needs assessment")
    for proposal in second.proposals.order_by("position"):  # item by item here
        proposal_accept(user=secretary, proposal=proposal)
    july = _accepted_item(second, RECURRING)
    june.refresh_from_db()
    assert july.topic == june.topic
    assert _accepted_item(second, "Pharmacy needs assessment").topic not in ("", june.topic)
    assert (
        AuditEvent.objects.filter(partnership=world_a.partnership, verb="assigned topics").count() == 3
    )  # 1 + 2


def test_a_topic_a_person_set_is_left_alone(users: dict[str, Any], world_a: World) -> None:
    secretary = users[Role.SECRETARY]
    first = _submit(secretary, world_a, _meeting(world_a, 2), RECURRING)
    proposals_decide(user=secretary, review=first, proposals=list(first.proposals.all()), decision="accept")
    june = _accepted_item(first, RECURRING)
    AgendaItem.objects.filter(pk=june.pk).update(topic="better-care-fund")  # a person's correction

    july_meeting = _meeting(world_a, 30)
    existing = make_item(
        world_a.partnership,
        meeting=july_meeting,
        number="1",
        title=RECURRING,
        topic="bcf-as-the-secretary-filed-it",
    )
    second = _submit(secretary, world_a, july_meeting, RECURRING, "Pharmacy needs assessment")
    assert second.proposals.get(original__title=RECURRING).target_item == existing
    proposals_decide(user=secretary, review=second, proposals=list(second.proposals.all()), decision="accept")
    existing.refresh_from_db()
    june.refresh_from_db()
    assert existing.topic == "bcf-as-the-secretary-filed-it"  # an item the minutes update keeps its topic
    assert june.topic == "better-care-fund"
    assert _accepted_item(second, "Pharmacy needs assessment").topic


def test_an_item_added_in_review_joins_the_topic_of_the_earlier_meeting(
    users: dict[str, Any], world_a: World
) -> None:
    secretary = users[Role.SECRETARY]
    first = _submit(secretary, world_a, _meeting(world_a, 2), RECURRING)
    proposals_decide(user=secretary, review=first, proposals=list(first.proposals.all()), decision="accept")
    june = _accepted_item(first, RECURRING)
    AgendaItem.objects.filter(pk=june.pk).update(topic="better-care-fund")

    second = _submit(secretary, world_a, _meeting(world_a, 30), "Pharmacy needs assessment")
    proposal = proposal_add(
        user=secretary,
        review=second,
        values={"number": "4", "title": RECURRING, "outcome": "noted", "resolution": ""},
    )
    assert proposal.agenda_item is not None
    proposal.agenda_item.refresh_from_db()
    assert proposal.agenda_item.topic == "better-care-fund"
