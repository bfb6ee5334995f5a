"""Upload → background worker → review → the governance record, through the services."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult
from intakekit import minutes_text, run_worker, upload

from factories import World, make_person
from traction.core.models import AuditEvent, Role
from traction.governance.models import Action, AgendaItem, Meeting
from traction.intake import labels
from traction.intake.models import DocumentStatus, ProposalStatus, Review, ReviewStatus, SourceDocument
from traction.intake.services.decisions import (
    MEETING_FIRST,
    proposal_accept,
    proposal_reject,
    proposal_split,
    proposals_decide,
    proposals_merge,
    review_set_meeting,
)
from traction.intake.services.documents import documents_upload

# The real worker closes a connection left inside a transaction (as it must between tasks), so these
# tests commit for real instead of running inside one rolled-back transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def _upload_minutes(
    user: Any,
    world: World,
    *,
    meeting: Any = "default",
    data: bytes | None = None,
    name: str = "minutes-2025-03-10.txt",
) -> SourceDocument:
    [document] = documents_upload(
        user=user,
        partnership=world.partnership,
        body=world.body,
        meeting=world.meeting if meeting == "default" else meeting,
        kind="minutes",
        uploads=[upload(name, data or minutes_text(), "text/plain")],
    )
    return document


def test_upload_queues_a_task_the_worker_turns_into_a_review(users: dict[str, Any], world_a: World) -> None:
    secretary = users[Role.SECRETARY]
    document = _upload_minutes(secretary, world_a)
    assert document.status == DocumentStatus.QUEUED
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    run_worker()
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY, document.error
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert document.meta_date == datetime.date(2025, 3, 10)
    assert [1, "text", "Health and Wellbeing Board"] in [block[1:] for block in document.blocks]
    review = Review.objects.get(source_document=document)
    assert review.meeting == world_a.meeting and review.status == ReviewStatus.PENDING
    proposals = {p.original["number"]: p for p in review.proposals.all()}
    assert set(proposals) == {"1", "2", "5", "6"}
    assert proposals["5"].target_item == world_a.item  # item 5 exists: the proposal updates it
    assert proposals["6"].target_item is None


def test_accepting_writes_the_record_with_provenance_and_keeps_the_correction(
    users: dict[str, Any], world_a: World
) -> None:
    secretary = users[Role.SECRETARY]
    document = _upload_minutes(secretary, world_a)
    run_worker()
    review = Review.objects.get()
    strategy = review.proposals.get(original__number="5")
    director = make_person(world_a.partnership, name="Pat Director", role_title="Director of Public Health")
    values = {
        "number": "5",
        "title": "Joint strategy",
        "outcome": "decided",
        "resolution": "RESOLVED that the strategy be approved.",
        "actions": [
            {
                "text": "Send round the delivery plan",
                "owner": "Pat Director",
                "due": "2025-03-31",
                "source": strategy.original["actions"][0]["source"],
            }
        ],
    }
    item = proposal_accept(user=secretary, proposal=strategy, values=values)
    assert item == world_a.item
    item.refresh_from_db()
    assert item.outcome == "decided"
    assert item.provenance["outcome"]["source_document"] == document.pk
    assert item.provenance["outcome"]["line"] == strategy.original["source"]["line"]
    action = Action.objects.get(agenda_item=item, text="Send round the delivery plan")
    assert (action.lead, action.due_date, action.minute_reference) == (
        director,
        datetime.date(2025, 3, 31),
        "5",
    )
    assert action.provenance["source_document"] == document.pk
    strategy.refresh_from_db()
    assert strategy.status == ProposalStatus.ACCEPTED and strategy.decided_by == secretary
    assert strategy.original["actions"][0]["text"] == "Circulate the delivery plan"
    assert strategy.final["actions"][0]["text"] == "Send round the delivery plan"
    assert AuditEvent.objects.filter(verb="accepted corrected", object_type="review").exists()

    winter = review.proposals.get(original__number="6")
    created = proposal_accept(user=secretary, proposal=winter)
    assert (created.meeting, created.title, created.outcome, created.number) == (
        world_a.meeting,
        "Winter pressures",
        "noted",
        "6",
    )
    proposals_decide(
        user=secretary,
        review=review,
        decision="reject",
        proposals=list(review.proposals.filter(status=ProposalStatus.PENDING)),
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.DONE


def test_a_failing_accept_in_bulk_stores_nothing(users: dict[str, Any], world_a: World) -> None:
    secretary = users[Role.SECRETARY]
    _upload_minutes(secretary, world_a)
    run_worker()
    review = Review.objects.get()
    pending = list(review.proposals.order_by("position"))
    items_before = AgendaItem.objects.count()
    bad = {pending[-1].pk: {"title": "", "outcome": "noted"}}
    with pytest.raises(ValidationError):
        proposals_decide(user=secretary, review=review, proposals=pending, decision="accept", values=bad)
    assert AgendaItem.objects.count() == items_before
    assert not review.proposals.exclude(status=ProposalStatus.PENDING).exists()


def test_minutes_for_a_body_wait_for_their_meeting(users: dict[str, Any], world_a: World) -> None:
    secretary = users[Role.SECRETARY]
    document = _upload_minutes(secretary, world_a, meeting=None)
    run_worker()
    review = Review.objects.get(source_document=document)
    assert review.meeting is None and review.meeting_date == datetime.date(2025, 3, 10)
    proposal = review.proposals.get(original__number="6")
    with pytest.raises(ValidationError, match=MEETING_FIRST):
        proposal_accept(user=secretary, proposal=proposal)
    start = datetime.datetime(2025, 3, 10, 10, 0, tzinfo=datetime.UTC)
    review_set_meeting(user=secretary, review=review, start=start)
    review.refresh_from_db()
    document.refresh_from_db()
    assert review.meeting.start == start and document.meeting == review.meeting
    assert Meeting.objects.filter(body=world_a.body).count() == 2
    assert proposal_accept(user=secretary, proposal=proposal).meeting == review.meeting


def test_split_and_merge_make_new_proposals_from_old(users: dict[str, Any], world_a: World) -> None:
    secretary = users[Role.SECRETARY]
    _upload_minutes(secretary, world_a)
    run_worker()
    review = Review.objects.get()
    strategy = review.proposals.get(original__number="5")
    first, second = proposal_split(
        user=secretary, proposal=strategy, number="5b", title="Delivery plan", move_actions=[0]
    )
    assert (first.original["actions"], len(second.original["actions"])) == ([], 1)
    assert not first.extracted and set(second.derived_from.all()) == {strategy}
    merged = proposals_merge(
        user=secretary,
        review=review,
        proposals=list(review.proposals.filter(original__number__in=["1", "2"])),
    )
    assert merged.original["title"] == "Apologies for absence"
    proposals_decide(
        user=secretary,
        review=review,
        decision="accept",
        proposals=list(review.proposals.filter(status=ProposalStatus.PENDING)),
    )
    gold = labels.review_labels(review)
    assert [i["title"] for i in gold["items"]] == [
        "Apologies for absence",
        "Joint strategy",
        "Delivery plan",
        "Winter pressures",
    ]
    prediction = labels.review_prediction(review, "minutes")
    assert [i["number"] for i in prediction["items"]] == ["1", "2", "5", "6"]


def test_a_document_that_cannot_be_read_fails_with_a_message_and_nothing_else(
    users: dict[str, Any], world_a: World
) -> None:
    secretary = users[Role.SECRETARY]
    document = _upload_minutes(secretary, world_a)
    document.file.delete(save=False)  # gone from storage between upload and reading
    run_worker()
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert "missing" in document.error
    assert not Review.objects.exists()


def test_a_reader_without_permission_is_refused_by_the_worker_too(
    users: dict[str, Any], world_a: World
) -> None:
    from traction.core.models import Membership

    secretary = users[Role.SECRETARY]
    document = _upload_minutes(secretary, world_a)
    Membership.objects.filter(user=secretary).update(role=Role.VIEWER)
    secretary.__dict__.pop("_traction_roles", None)
    run_worker()
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED and "permission" in document.error
    assert not Review.objects.exists()


def test_reject_one(users: dict[str, Any], world_a: World) -> None:
    secretary = users[Role.SECRETARY]
    _upload_minutes(secretary, world_a)
    run_worker()
    proposal = Review.objects.get().proposals.first()
    proposal_reject(user=secretary, proposal=proposal)
    with pytest.raises(ValidationError):
        proposal_reject(user=secretary, proposal=proposal)


def test_a_proposal_decided_meanwhile_is_not_decided_twice(users: dict[str, Any], world_a: World) -> None:
    from traction.intake.models import Proposal

    secretary = users[Role.SECRETARY]
    _upload_minutes(secretary, world_a)
    run_worker()
    stale = Review.objects.get().proposals.get(original__number="6")
    proposal_accept(user=secretary, proposal=Proposal.objects.get(pk=stale.pk))  # someone else, first
    items = AgendaItem.objects.count()
    with pytest.raises(ValidationError, match="already been decided"):
        proposal_accept(user=secretary, proposal=stale)
    assert AgendaItem.objects.count() == items


def test_minutes_with_no_items_fail_with_a_message(users: dict[str, Any], world_a: World) -> None:
    from traction.intake.services.extraction import NO_ITEMS

    document = _upload_minutes(
        users[Role.SECRETARY], world_a, data=b"Thank you all for coming this evening.\n", name="note.txt"
    )
    run_worker()
    document.refresh_from_db()
    assert (document.status, document.error, document.blocks) == (DocumentStatus.FAILED, NO_ITEMS, [])
    assert not Review.objects.exists()


def test_the_provenance_link_points_at_the_source_document(users: dict[str, Any], world_a: World) -> None:
    from django.template.loader import render_to_string

    secretary = users[Role.SECRETARY]
    document = _upload_minutes(secretary, world_a)
    run_worker()
    proposal = Review.objects.get().proposals.get(original__number="5")
    item = proposal_accept(user=secretary, proposal=proposal)
    action = Action.objects.get(agenda_item=item, provenance__source_document=document.pk)
    for context in ({"item": item}, {"action": action}):
        link = render_to_string(
            "intake/_provenance_link.html", {"partnership": world_a.partnership, **context}
        )
        assert f'/p/northshire/intake/documents/{document.pk}/"' in link
        assert "Source: minutes-2025-03-10.txt, line 12" in link


def test_a_document_whose_uploader_is_gone_fails_with_a_message(
    users: dict[str, Any], world_a: World
) -> None:
    from traction.intake.services.extraction import UPLOADER_GONE

    document = _upload_minutes(users[Role.SECRETARY], world_a)
    SourceDocument.objects.filter(pk=document.pk).update(uploaded_by=None)
    run_worker()
    document.refresh_from_db()
    assert (document.status, document.error) == (DocumentStatus.FAILED, UPLOADER_GONE)
    assert not Review.objects.exists()


def test_a_document_already_read_is_not_queued_again(users: dict[str, Any], world_a: World) -> None:
    from traction.intake.services.documents import ALREADY_READ, document_retry

    document = _upload_minutes(users[Role.SECRETARY], world_a)
    run_worker()
    document.refresh_from_db()
    with pytest.raises(ValidationError, match=ALREADY_READ):
        document_retry(user=users[Role.SECRETARY], document=document)


def test_a_blank_number_is_no_number(users: dict[str, Any], world_a: World) -> None:
    from traction.intake.services.decisions import clean_values

    assert (
        clean_values({"number": "  ", "title": "Any other business", "outcome": "procedural"}).number is None
    )
