"""review_submit: an extraction stored as proposals, matched to the meeting's items, idempotent per origin."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factories import World, make_item
from traction.core.models import AuditEvent, Role
from traction.intake.models import Proposal, ProposalStatus, Review, ReviewStatus
from traction.intake.services import review_submit
from traction.intake.services.submit import MEETING_OR_DOCUMENT
from traction_analysis.document import Provenance
from traction_analysis.extract.model import ExtractedAction, ExtractedItem, MeetingExtract

ORIGIN = {"kind": "moderngov", "site": "democracy.example.gov.uk", "meeting": 4711}


def _extract(*items: ExtractedItem) -> MeetingExtract:
    return MeetingExtract(
        document="minutes.pdf",
        body="Health and Wellbeing Board",
        meeting_date=datetime.date(2025, 3, 10),
        pages=4,
        items=list(items),
    )


def _item(
    number: str | None,
    title: str,
    outcome: str = "noted",
    actions: list[ExtractedAction] | None = None,
    line: int = 3,
) -> ExtractedItem:
    return ExtractedItem(
        number=number,
        title=title,
        outcome=outcome,
        confidence=0.8,  # type: ignore[arg-type]
        evidence=f"RESOLVED that {title} be {outcome}.",
        resolution=f"That {title} be {outcome}.",
        actions=actions or [],
        source=Provenance(2, line),
    )


def _submit(user: Any, world: World, extract: MeetingExtract, origin: dict[str, Any] = ORIGIN) -> Review:
    return review_submit(
        user=user,
        partnership=world.partnership,
        meeting=world.meeting,
        document_title="Minutes 10 March 2025",
        extract=extract,
        origin=origin,
    )


def test_proposals_match_existing_items_by_number_then_title(users: dict[str, Any], world_a: World) -> None:
    by_title = make_item(
        world_a.partnership, meeting=world_a.meeting, number="", title="Winter pressures update"
    )
    extract = _extract(
        _item(
            "Item 5.",
            "Joint strategy (revised)",
            "decided",
            [ExtractedAction("Publish the strategy", "Director", datetime.date(2025, 4, 30))],
        ),
        _item("7", "Winter Pressures Update", "deferred"),
        _item("8", "Any other business", "procedural"),
    )
    review = _submit(users[Role.SECRETARY], world_a, extract)
    first, second, third = review.proposals.order_by("position")
    assert first.target_item == world_a.item  # number 5, title differs
    assert second.target_item == by_title  # no number on record, same title
    assert third.target_item is None  # creates an item
    assert first.original["actions"] == [
        {
            "text": "Publish the strategy",
            "owner": "Director",
            "due": "2025-04-30",
            "source": {"page": 2, "line": 3},
        }
    ]
    assert first.original["evidence"] == "RESOLVED that Joint strategy (revised) be decided."
    assert (review.status, review.meeting, review.body, review.meeting_date) == (
        ReviewStatus.PENDING,
        world_a.meeting,
        world_a.body,
        datetime.date(2025, 3, 10),
    )
    assert AuditEvent.objects.filter(
        object_type="review", object_id=str(review.pk), verb="submitted for review"
    ).exists()


def test_resubmitting_replaces_pending_proposals_and_keeps_decided_ones(
    users: dict[str, Any], world_a: World
) -> None:
    secretary = users[Role.SECRETARY]
    review = _submit(secretary, world_a, _extract(_item("5", "Joint strategy"), _item("6", "Budget")))
    decided = review.proposals.get(original__number="5")
    decided.status, decided.final = ProposalStatus.REJECTED, None
    decided.save()

    again = _submit(
        secretary,
        world_a,
        _extract(
            _item("5", "Joint strategy"),
            _item("6", "Budget 2025/26"),
            _item("7", "Date of next meeting", "procedural"),
        ),
        origin=dict(reversed(list(ORIGIN.items()))),
    )  # same origin, keys in another order
    assert again.pk == review.pk
    assert Review.objects.count() == 1
    proposals = list(again.proposals.order_by("position"))
    assert proposals[0] == decided and proposals[0].status == ProposalStatus.REJECTED
    # the decided item is not proposed again; the pending one is replaced
    assert [p.original["title"] for p in proposals[1:]] == ["Budget 2025/26", "Date of next meeting"]
    assert all(p.status == ProposalStatus.PENDING for p in proposals[1:])
    assert not Proposal.objects.filter(original__title="Budget").exists()


def test_another_origin_is_another_review(users: dict[str, Any], world_a: World) -> None:
    secretary = users[Role.SECRETARY]
    first = _submit(secretary, world_a, _extract(_item("5", "Joint strategy")))
    second = _submit(
        secretary, world_a, _extract(_item("5", "Joint strategy")), origin={"kind": "upload", "id": 1}
    )
    assert first.pk != second.pk
    # an item already proposed for update by the other review is still matched in this one
    assert second.proposals.get().target_item == world_a.item


def test_an_extraction_without_items_is_done_at_once(users: dict[str, Any], world_a: World) -> None:
    review = _submit(users[Role.SECRETARY], world_a, _extract())
    assert review.status == ReviewStatus.DONE
    assert not review.proposals.exists()


@pytest.mark.parametrize("role", [Role.MEMBER, Role.FACILITATOR, Role.VIEWER])
def test_only_who_keeps_the_record_may_submit(users: dict[str, Any], world_a: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        _submit(users[role], world_a, _extract(_item("5", "Joint strategy")))
    assert not Review.objects.exists()


def test_a_meeting_of_another_partnership_is_refused(
    users: dict[str, Any], world_a: World, world_b: World
) -> None:
    with pytest.raises(ValidationError):
        review_submit(
            user=users[Role.SECRETARY],
            partnership=world_a.partnership,
            meeting=world_b.meeting,
            document_title="x",
            extract=_extract(),
            origin=ORIGIN,
        )
    with pytest.raises(ValidationError, match=MEETING_OR_DOCUMENT):
        review_submit(
            user=users[Role.SECRETARY],
            partnership=world_a.partnership,
            meeting=None,
            document_title="x",
            extract=_extract(),
            origin=ORIGIN,
        )
    assert not Review.objects.exists()


def test_the_dict_form_of_an_extraction_is_accepted(users: dict[str, Any], world_a: World) -> None:
    review = _submit(users[Role.SECRETARY], world_a, _extract(_item("5", "Joint strategy")).to_dict())
    assert review.proposals.get().original["title"] == "Joint strategy"


def test_the_queue_shows_the_least_certain_documents_first(users: dict[str, Any], world_a: World) -> None:
    from traction.intake.selectors import review_list_for, review_screen

    secretary = users[Role.SECRETARY]
    sure = _extract(_item("5", "Joint strategy"))
    sure.segmentation_confidence = 0.97
    doubtful = _extract(_item("6", "Winter pressures", line=4), _item("7", "Estates", line=9))
    doubtful.segmentation_confidence = 0.55
    doubtful.items[1].confidence = 0.3
    unweighed = _extract(_item("8", "Any other business"))  # rules alone: no figure
    first = _submit(secretary, world_a, sure, origin={"kind": "upload", "document": 1})
    second = _submit(secretary, world_a, doubtful.to_dict(), origin={"kind": "upload", "document": 2})
    third = _submit(secretary, world_a, unweighed, origin={"kind": "upload", "document": 3})
    assert (first.certainty, second.certainty, third.certainty) == (0.97, 0.55, None)
    assert second.unsure and not first.unsure and not third.unsure
    queue = list(review_list_for(user=secretary, partnership=world_a.partnership))
    assert queue == [second, first, third]
    in_order = [shown.proposal.original["title"] for shown in review_screen(review=second)["pending"]]
    least_first = [
        shown.proposal.original["title"]
        for shown in review_screen(review=second, least_certain_first=True)["pending"]
    ]
    assert in_order == ["Winter pressures", "Estates"] and least_first == ["Estates", "Winter pressures"]


def test_a_stated_certainty_out_of_range_or_not_a_number_is_not_trusted(
    users: dict[str, Any], world_a: World
) -> None:
    data = _extract(_item("5", "Joint strategy")).to_dict()
    for stated, kept in ((7, 1.0), (-2, 0.0), ("high", None), (True, None)):
        data["segmentation_confidence"] = stated
        review = _submit(users[Role.SECRETARY], world_a, data)
        assert review.certainty == kept


@pytest.mark.parametrize("accept_order", [(2, 0, 1), (1, 2, 0), (2, 1, 0)])
def test_accepted_items_stand_in_the_order_of_the_minutes(
    users: dict[str, Any], world_a: World, accept_order: tuple[int, int, int]
) -> None:
    """Accepting item 9 before items 7 and 8 still puts 7, 8, 9 in that order on the meeting, after the
    items the meeting already had, which keep their places."""
    from traction.intake.services.decisions import proposal_accept

    secretary = users[Role.SECRETARY]
    before = list(world_a.meeting.items.order_by("order", "id").values_list("pk", "order"))
    titles = ["Carers strategy refresh", "Pharmacy needs assessment", "Winter plan update"]
    review = _submit(
        secretary,
        world_a,
        _extract(*[_item(str(7 + n), title, line=10 + n) for n, title in enumerate(titles)]),
    )
    proposals = list(review.proposals.order_by("position"))
    for n in accept_order:
        proposal_accept(user=secretary, proposal=proposals[n])
    items = list(world_a.meeting.items.order_by("order", "id"))
    assert [i.title for i in items if i.title in titles] == titles
    assert [(i.pk, i.order) for i in items if i.title not in titles] == before
    assert max(o for _, o in before) < min(i.order for i in items if i.title in titles)
