"""Proposals store a ProposedItem's JSON: rows stored before it read and decide the same; bad rows are
refused."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from factories import World
from traction.core.models import Role
from traction.governance.models import Action
from traction.intake import labels
from traction.intake.models import Proposal, ProposalStatus, Review
from traction.intake.services import review_submit
from traction.intake.services.decisions import proposal_accept, proposal_split
from traction.intake.services.submit import EXTRACT_ITEM
from traction_analysis.extract.proposed import ProposedItem

ORIGIN = {"kind": "upload", "document": 7}

# A proposal's ``original`` and ``final`` as they were stored before the item type existed.
OLD_ORIGINAL = {
    "number": "6",
    "title": "Winter pressures",
    "outcome": "noted",
    "confidence": 0.8,
    "evidence": "RESOLVED that the report be noted.",
    "resolution": "RESOLVED that the report be noted.",
    "actions": [
        {
            "text": "Officers to report back",
            "owner": "Officers",
            "due": "2025-06-30",
            "source": {"page": 2, "line": 9},
        }
    ],
    "source": {"page": 2, "line": 8},
}
OLD_FINAL = {
    "number": "6",
    "title": "Winter pressures",
    "outcome": "deferred",
    "resolution": "",
    "actions": [
        {
            "text": "Officers to report back",
            "owner": "Officers",
            "due": "2025-06-30",
            "source": {"page": 2, "line": 9},
        }
    ],
}


def _review(world: World, user: Any, *originals: Any) -> Review:
    review = review_submit(
        user=user,
        partnership=world.partnership,
        meeting=world.meeting,
        document_title="Minutes 10 March 2025",
        extract={"items": []},
        origin=ORIGIN,
    )
    for position, original in enumerate(originals, start=1):
        Proposal.objects.create(
            partnership=world.partnership, review=review, position=position, original=original
        )
    return review


def test_a_proposal_stored_before_the_item_type_is_accepted_as_it_was(
    users: dict[str, Any], world_a: World
) -> None:
    secretary = users[Role.SECRETARY]
    proposal = _review(world_a, secretary, OLD_ORIGINAL).proposals.get()
    item = proposal_accept(user=secretary, proposal=proposal)
    assert (item.title, item.outcome, item.number) == ("Winter pressures", "noted", "6")
    assert item.provenance["outcome"]["line"] == 8
    assert item.provenance["outcome"]["evidence"] == "RESOLVED that the report be noted."
    action = Action.objects.get(agenda_item=item)
    assert (action.due_date, action.provenance["line"], action.provenance["owner"]) == (
        datetime.date(2025, 6, 30),
        9,
        "Officers",
    )
    proposal.refresh_from_db()
    assert proposal.original == OLD_ORIGINAL  # never rewritten
    assert proposal.final == OLD_ORIGINAL  # accepted as proposed: the same item
    assert proposal.final_item == ProposedItem.from_json(OLD_ORIGINAL)


def test_an_accepted_value_stored_before_the_item_type_gives_the_same_label(
    users: dict[str, Any], world_a: World
) -> None:
    review = _review(world_a, users[Role.SECRETARY], OLD_ORIGINAL)
    review.proposals.update(status=ProposalStatus.ACCEPTED, final=OLD_FINAL)
    review = Review.objects.prefetch_related("proposals").get(pk=review.pk)
    assert labels.review_labels(review)["items"] == [
        {
            "number": "6",
            "title": "Winter pressures",
            "outcome": "deferred",
            "actions": [{"text": "Officers to report back", "owner": "Officers", "due": "2025-06-30"}],
        }
    ]
    assert labels.review_prediction(review, "minutes")["items"][0]["outcome"] == "noted"


def test_a_split_of_an_old_proposal_keeps_the_stored_shape(users: dict[str, Any], world_a: World) -> None:
    secretary = users[Role.SECRETARY]
    proposal = _review(world_a, secretary, OLD_ORIGINAL).proposals.get()
    first, second = proposal_split(
        user=secretary, proposal=proposal, number="6b", title="Report back", move_actions=[0]
    )
    assert first.original == {**OLD_ORIGINAL, "actions": []}
    assert second.original == {
        "number": "6b",
        "title": "Report back",
        "outcome": "unclear",
        "confidence": None,
        "evidence": "",
        "resolution": None,
        "source": OLD_ORIGINAL["source"],
        "actions": OLD_ORIGINAL["actions"],
    }


def test_a_stored_proposal_that_is_not_an_item_is_refused_with_the_reason(
    users: dict[str, Any], world_a: World
) -> None:
    secretary = users[Role.SECRETARY]
    proposal = _review(
        world_a, secretary, {"title": "Budget", "actions": "circulate the plan"}
    ).proposals.get()
    with pytest.raises(ValidationError, match=f"Proposal {proposal.pk}: .*actions must be a list"):
        proposal_accept(user=secretary, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    assert str(proposal) == f"Proposal {proposal.pk}"


def test_an_extraction_with_an_item_that_is_not_an_item_is_refused(
    users: dict[str, Any], world_a: World
) -> None:
    with pytest.raises(ValidationError, match=EXTRACT_ITEM.format(message="action 1 due date")):
        review_submit(
            user=users[Role.SECRETARY],
            partnership=world_a.partnership,
            meeting=world_a.meeting,
            document_title="Minutes",
            origin=ORIGIN,
            extract={"items": [{"title": "Budget", "actions": [{"text": "Plan", "due": "soon"}]}]},
        )
    assert not Review.objects.exists()


def test_the_review_screen_names_a_stored_proposal_that_cannot_be_read(
    users: dict[str, Any], world_a: World
) -> None:
    from traction.intake.selectors import review_screen

    review = _review(world_a, users[Role.SECRETARY], OLD_ORIGINAL, {"title": "Budget", "source": "page 3"})
    readable, unreadable = review_screen(review=review)["pending"]
    assert readable.item.title == "Winter pressures" and not readable.problem
    assert unreadable.item.title == f"Proposal {unreadable.proposal.pk}"
    assert "source must be a JSON object, not text" in unreadable.problem


@pytest.mark.parametrize("page", ["proposal-update", "proposal-split"])
def test_the_correction_pages_of_an_unreadable_proposal_send_back_to_the_review_with_the_reason(
    client_for: Any, users: dict[str, Any], world_a: World, page: str
) -> None:
    from django.urls import reverse

    from dbstate import assert_db_unchanged

    review = _review(world_a, users[Role.SECRETARY], {"title": "Budget", "actions": "circulate the plan"})
    proposal = review.proposals.get()
    client = client_for(Role.SECRETARY)
    url = reverse(f"intake:{page}", kwargs={"slug": world_a.partnership.slug, "pk": proposal.pk})
    back = reverse("intake:review-detail", kwargs={"slug": world_a.partnership.slug, "pk": review.pk})
    with assert_db_unchanged():
        shown = client.get(url)
        sent = client.post(url, {"title": "Budget", "outcome": "decided", "number": "1"})
    assert shown.status_code == sent.status_code == 302
    assert shown["Location"] == sent["Location"] == back
    assert "actions must be a list" in client.get(back).content.decode()
