"""Reviewers' corrections as evaluation data: gold labels (what was accepted) and predictions (what was
proposed).

The gold file has the shape of the labelled minutes the extractor is measured on (``{source, body,
meeting_date, items}``, each item a ``ProposedItem.to_label()``); the prediction is the extractor's own
line format, its items in the same form. Only reviews with every proposal decided count.
"""

from __future__ import annotations

import re
from typing import Any

from traction.core.models import Partnership
from traction.intake.models import Proposal, ProposalStatus, Review, ReviewStatus
from traction_analysis import scoring

_UNSAFE = re.compile(r"[^\w.\- ]+")


def _proposals(review: Review) -> list[Proposal]:
    cached = getattr(review, "_prefetched_objects_cache", {}).get("proposals")
    rows = list(cached) if cached is not None else list(review.proposals.all())
    return sorted(rows, key=lambda p: (p.position, p.pk))


def review_labels(review: Review) -> dict[str, Any]:
    """The accepted items, as a gold label file."""
    accepted = [p.final_item for p in _proposals(review) if p.status == ProposalStatus.ACCEPTED]
    return {
        "source": {
            "traction_review": review.pk,
            "origin": review.origin,
            "source_document": review.source_document_id,
        },
        "body": review.body.name,
        "meeting_date": review.meeting_date.isoformat() if review.meeting_date else None,
        "partial": False,
        "doc_type": "minutes",
        "notes": "Accepted in review: each item as the reviewer accepted it, corrections included.",
        "items": [item.to_label() for item in accepted if item is not None],
    }


def review_prediction(review: Review, name: str) -> dict[str, Any]:
    """What the extractor proposed, in its JSON line format."""
    return {"document": name, "items": [p.item.to_label() for p in _proposals(review) if p.extracted]}


def reviewed(partnership: Partnership) -> list[Review]:
    """The partnership's fully reviewed reviews that the extractor made proposals for."""
    return list(
        Review.objects.filter(partnership=partnership, status=ReviewStatus.DONE, proposals__extracted=True)
        .distinct()
        .select_related("body")
        .prefetch_related("proposals")
        .order_by("id")
    )


def document_name(review: Review, taken: set[str]) -> str:
    """A file-like name for the review's document, unique in the set (the scorer keys documents by name)."""
    base = _UNSAFE.sub("_", review.document_title).strip(" ._") or f"review-{review.pk}"
    name = base
    if name in taken:
        name = f"{base} (review {review.pk})"
    taken.add(name)
    return name


def corrections(partnership: Partnership) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """(gold labels by document name, predictions by document name) for every reviewed document."""
    gold: dict[str, dict[str, Any]] = {}
    predictions: dict[str, dict[str, Any]] = {}
    taken: set[str] = set()
    for review in reviewed(partnership):
        name = document_name(review, taken)
        gold[name] = review_labels(review)
        predictions[name] = review_prediction(review, name)
    return gold, predictions


def correction_documents(partnership: Partnership) -> dict[str, bytes]:
    """The bytes of each reviewed document, by the same names as :func:`corrections` (for training)."""
    out: dict[str, bytes] = {}
    taken: set[str] = set()
    for review in reviewed(partnership):
        name = document_name(review, taken)
        document = review.source_document
        if document is None or not document.file:
            continue
        with document.file.open("rb") as handle:
            out[name] = handle.read()
    return out


def evaluate(partnership: Partnership) -> tuple[dict[str, Any], list[scoring.DocumentScore]]:
    """The scorer's figures for this partnership: the extractor's proposals against what was accepted."""
    gold, predictions = corrections(partnership)
    return scoring.score(gold, predictions)
