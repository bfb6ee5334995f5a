"""Reads of the intake app that depend on who asks, and the review screen's layout."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet

from traction.core import policy
from traction.core.ids import parse_id
from traction.core.models import Partnership
from traction.intake.models import Proposal, ProposalStatus, Review, ReviewStatus, SourceDocument
from traction_analysis.extract.proposed import Location, ProposedItem, ProposedItemError


def document_list_for(
    *, user: Any, partnership: Partnership, body: object = None
) -> QuerySet[SourceDocument]:
    documents = policy.permitted(user=user, partnership=partnership, action="view", model=SourceDocument)
    if body and (body_id := parse_id(body)) is not None:
        documents = documents.filter(body_id=body_id)
    return (
        documents.select_related("body", "meeting__body", "uploaded_by")
        .defer("blocks")
        .annotate(
            review_pk=Max("reviews__id"),
            items_found=Count("reviews__proposals", filter=Q(reviews__proposals__extracted=True)),
        )
        .order_by("-uploaded_at", "-id")  # a query that counts drops the model's ordering
    )


def document_row_for(*, user: Any, partnership: Partnership, pk: object) -> SourceDocument | None:
    """One row of the documents list (with its review and the items found), or None when this user may
    not see it (another partnership's, or none)."""
    document_id = parse_id(pk)
    if document_id is None:
        return None
    return document_list_for(user=user, partnership=partnership).filter(pk=document_id).first()


def proposals_of(*, review: Review, pks: list[int]) -> list[Proposal]:
    """The proposals of ``pks`` that belong to this review (another review's are absent)."""
    return list(review.proposals.filter(pk__in=pks).select_related("target_item"))


def review_list_for(*, user: Any, partnership: Partnership, status: str = "pending") -> QuerySet[Review]:
    """Reviews to show; those awaiting review come least certain first (the engine doubts them most), then
    the newest; the others newest first."""
    reviews = policy.permitted(user=user, partnership=partnership, action="view", model=Review)
    if status in ReviewStatus.values:
        reviews = reviews.filter(status=status)
    reviews = reviews.select_related("body", "meeting__body").annotate(
        pending=Count("proposals", filter=Q(proposals__status=ProposalStatus.PENDING)),
        total=Count("proposals"),
    )
    if status == ReviewStatus.PENDING:
        return reviews.order_by(F("certainty").asc(nulls_last=True), "-updated_at", "-id")
    return reviews.order_by("-updated_at", "-id")


@dataclass
class Line:
    """One block of the source text, with the evidence it carries marked."""

    page: int | None
    line: int
    kind: str
    before: str
    marked: str = ""
    after: str = ""

    @property
    def anchor(self) -> str:
        return f"src-{self.page or 0}-{self.line}"


@dataclass
class Shown:
    """A proposal as the review screen shows it: its item (and the one accepted), the resolution with its
    evidence marked."""

    proposal: Proposal
    item: ProposedItem
    before: str
    marked: str
    after: str
    anchor: str
    final: ProposedItem | None = None
    problem: str = ""  # why what was stored cannot be read, shown in place of the item
    children: list[Proposal] = field(default_factory=list)


def _mark(text: str, evidence: str) -> tuple[str, str, str]:
    if evidence and evidence in text:
        start = text.index(evidence)
        return text[:start], evidence, text[start + len(evidence) :]
    return text, "", ""


def _lines(document: SourceDocument | None, evidence: list[str]) -> list[Line]:
    if document is None:
        return []
    lines = []
    for page, line, kind, text in document.blocks:
        found = next((e for e in evidence if e and e in text), "")
        lines.append(Line(page, line, kind, *_mark(text, found)))
    return lines


def _anchor(source: Location) -> str:
    return f"src-{source.page or 0}-{source.line}" if source.line else ""


def _confidence(shown: Shown) -> float:
    return shown.item.confidence if shown.item.confidence is not None else 2.0


def _shown(proposal: Proposal) -> Shown:
    try:
        item, final = proposal.item, proposal.final_item
    except ProposedItemError as exc:
        return Shown(
            proposal,
            ProposedItem(number=None, title=f"Proposal {proposal.pk}"),
            "",
            "",
            "",
            "",
            problem=str(exc),
        )
    before, marked, after = _mark(item.resolution or "", item.evidence)
    return Shown(proposal, item, before, marked, after, _anchor(item.source), final)


def review_screen(*, review: Review, least_certain_first: bool = False) -> dict[str, Any]:
    """Pending proposals beside the source text, and what has been decided, for the review page.

    Pending proposals come in the document's order, or least certain first when asked (the engine's
    calibrated confidence; proposals without one last).
    """
    proposals = list(
        review.proposals.select_related("target_item", "agenda_item", "decided_by").order_by("position", "id")
    )
    pending: list[Shown] = []
    decided: list[Shown] = []
    for proposal in proposals:
        (pending if proposal.status == ProposalStatus.PENDING else decided).append(_shown(proposal))
    if least_certain_first:
        pending.sort(key=_confidence)
    evidence = [shown.item.evidence for shown in pending]
    document = review.source_document
    return {"pending": pending, "decided": decided, "document": document, "lines": _lines(document, evidence)}
