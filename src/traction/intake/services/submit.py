"""Storing what an extractor proposes for a meeting, as proposals awaiting review."""

from __future__ import annotations

import json
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import SAME_PARTNERSHIP, Partnership
from traction.governance.models import AgendaItem, Body, Meeting
from traction.intake.matching import match_to_items
from traction.intake.models import Proposal, ProposalStatus, Review, ReviewStatus, SourceDocument
from traction_analysis.extract.proposed import ProposedItem, ProposedItemError, proposed_items

MEETING_OR_DOCUMENT = "Say which meeting the proposals are for, or which uploaded document they came from."
ORIGIN_REQUIRED = "Say where the proposals came from (origin)."
ORIGIN_TOO_LONG = "The origin is too long to be stored."
EXTRACT_SHAPE = "The extraction must be a MeetingExtract or its to_dict() form."
EXTRACT_ITEM = "The extraction has an item that cannot be read: {message}"

ORIGIN_KEY_LENGTH = Review._meta.get_field("origin_key").max_length or 500
DECIDED = (ProposalStatus.ACCEPTED, ProposalStatus.REJECTED)


def origin_key(origin: Mapping[str, Any]) -> str:
    """The canonical form of an origin: the same dict in any key order gives the same key."""
    if not origin:
        raise ValidationError(ORIGIN_REQUIRED)
    key = json.dumps(origin, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    if len(key) > ORIGIN_KEY_LENGTH:
        raise ValidationError(ORIGIN_TOO_LONG)
    return key


def extract_items(extract: Any) -> tuple[list[ProposedItem], Any]:
    """The proposed items, and the meeting date the document states (ISO or None)."""
    data = extract.to_dict() if hasattr(extract, "to_dict") else extract
    if not isinstance(data, Mapping) or not isinstance(data.get("items", []), list):
        raise ValidationError(EXTRACT_SHAPE)
    try:
        items = proposed_items(data)
    except ProposedItemError as exc:
        raise ValidationError(EXTRACT_ITEM.format(message=exc)) from exc
    return items, data.get("meeting_date")


def _certainty(data: Any) -> float | None:
    """The engine's segmentation confidence for the document (its ``to_dict()`` form), if stated (0–1)."""
    value = data.get("segmentation_confidence") if isinstance(data, Mapping) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return min(1.0, max(0.0, float(value)))


def _check_scope(
    partnership: Partnership, meeting: Meeting | None, source_document: SourceDocument | None
) -> Body:
    for record in (meeting, source_document):
        if record is not None and record.partnership_id != partnership.pk:
            raise ValidationError(SAME_PARTNERSHIP)
    if meeting is not None:
        return meeting.body
    if source_document is not None:
        return source_document.body
    raise ValidationError(MEETING_OR_DOCUMENT)


def _find_review(partnership: Partnership, key: str, body: Body, meeting: Meeting | None) -> Review | None:
    reviews = Review.objects.select_for_update().filter(partnership=partnership, origin_key=key, body=body)
    if meeting is not None:
        reviews = reviews.filter(Q(meeting=meeting) | Q(meeting__isnull=True))
    return reviews.order_by("id").first()


def _drop_pending(review: Review) -> set[ProposedItem]:
    """Remove what nobody has decided yet; return the originals already decided (not proposed again)."""
    review.proposals.filter(status=ProposalStatus.PENDING).delete()
    # A split or merge whose results were all still pending has nothing decided left under it.
    review.proposals.filter(
        status__in=[ProposalStatus.SPLIT, ProposalStatus.MERGED], derived__isnull=True
    ).delete()
    return {p.item for p in review.proposals.filter(extracted=True)}


def proposals_create(
    *, review: Review, items: list[ProposedItem], skip: AbstractSet[ProposedItem] = frozenset()
) -> int:
    """Pending proposals for ``items``, each matched to an existing item of the review's meeting."""
    existing: list[AgendaItem] = list(review.meeting.items.all()) if review.meeting else []
    taken = set(review.proposals.exclude(target_item=None).values_list("target_item_id", flat=True))
    free = [item for item in existing if item.pk not in taken]
    fresh = [item for item in items if item not in skip]
    targets = match_to_items(free, fresh)
    start = (review.proposals.aggregate(top=Max("position"))["top"] or 0) + 1
    Proposal.objects.bulk_create(
        [
            Proposal(
                partnership=review.partnership,
                review=review,
                position=start + index,
                original=item.to_json(),
                target_item=target,
            )
            for index, (item, target) in enumerate(zip(fresh, targets, strict=True))
        ]
    )
    return len(fresh)


def review_refresh_status(*, review: Review) -> None:
    pending = review.proposals.filter(status=ProposalStatus.PENDING).exists()
    review.status = ReviewStatus.PENDING if pending else ReviewStatus.DONE
    review.updated_at = timezone.now()
    review.save(update_fields=["status", "updated_at"])


@transaction.atomic
def review_submit(
    *,
    user: Any,
    partnership: Partnership,
    meeting: Meeting | None,
    document_title: str,
    extract: Any,
    origin: Mapping[str, Any],
    source_document: SourceDocument | None = None,
) -> Review:
    """Store an extraction as proposals awaiting review, for ``meeting`` (or, unknown yet, the document's
    body).

    Idempotent per (meeting, origin): submitting the same origin again replaces the proposals nobody has
    decided yet and leaves accepted and rejected ones as they are (an item already decided is not
    proposed again).
    """
    policy.require(user=user, partnership=partnership, action="add", object_type="review")
    body = _check_scope(partnership, meeting, source_document)
    key = origin_key(origin)
    data = extract.to_dict() if hasattr(extract, "to_dict") else extract  # serialised once
    items, meeting_date = extract_items(data)
    certainty = _certainty(data)
    review = _find_review(partnership, key, body, meeting)
    created = review is None
    if review is None:
        review = Review(partnership=partnership, body=body, origin=dict(origin), origin_key=key)
    review.meeting = meeting or review.meeting
    review.source_document = source_document or review.source_document
    review.document_title = (document_title or "").strip()[:300] or "Untitled document"
    review.meeting_date = meeting_date or None
    review.certainty = certainty
    review.submitted_by = user if getattr(user, "is_authenticated", False) else None
    review.updated_at = timezone.now()
    review.full_clean()
    review.save()
    decided = set() if created else _drop_pending(review)
    count = proposals_create(review=review, items=items, skip=decided)
    review_refresh_status(review=review)
    audit_record(
        actor=user,
        partnership=partnership,
        verb="submitted for review" if created else "resubmitted",
        instance=review,
        changes={"proposals": [None, count], "origin": [None, key]},
    )
    return review
