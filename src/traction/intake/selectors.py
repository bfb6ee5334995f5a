"""Reads of the intake app that depend on who asks, and the review screen's layout."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from traction.core import policy
from traction.core.models import Partnership
from traction.intake.models import Proposal, ProposalStatus, Review, ReviewStatus, SourceDocument


def document_list_for(*, user: Any, partnership: Partnership, body: object = None) -> QuerySet[SourceDocument]:
    documents = policy.permitted(user=user, partnership=partnership, action="view", model=SourceDocument)
    if body and str(body).isdecimal():
        documents = documents.filter(body_id=int(str(body)))
    return documents.select_related("body", "meeting__body", "uploaded_by").defer("blocks")


def review_list_for(*, user: Any, partnership: Partnership, status: str = "pending") -> QuerySet[Review]:
    reviews = policy.permitted(user=user, partnership=partnership, action="view", model=Review)
    if status in ReviewStatus.values:
        reviews = reviews.filter(status=status)
    return reviews.select_related("body", "meeting__body").annotate(
        pending=Count("proposals", filter=Q(proposals__status=ProposalStatus.PENDING)),
        total=Count("proposals")).order_by("-updated_at", "-id")


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
    """A proposal as the review screen shows it: the resolution with its evidence marked."""

    proposal: Proposal
    before: str
    marked: str
    after: str
    anchor: str
    children: list[Proposal] = field(default_factory=list)


def _mark(text: str, evidence: str) -> tuple[str, str, str]:
    if evidence and evidence in text:
        start = text.index(evidence)
        return text[:start], evidence, text[start + len(evidence):]
    return text, "", ""


def _lines(document: SourceDocument | None, evidence: list[str]) -> list[Line]:
    if document is None:
        return []
    lines = []
    for page, line, kind, text in document.blocks:
        found = next((e for e in evidence if e and e in text), "")
        lines.append(Line(page, line, kind, *_mark(text, found)))
    return lines


def _anchor(source: dict[str, Any] | None) -> str:
    source = source or {}
    return f"src-{source.get('page') or 0}-{source.get('line')}" if source.get("line") else ""


def review_screen(*, review: Review) -> dict[str, Any]:
    """Pending proposals beside the source text, and what has been decided, for the review page."""
    proposals = list(review.proposals.select_related("target_item", "agenda_item", "decided_by")
                     .order_by("position", "id"))
    pending, decided = [], []
    for proposal in proposals:
        original = proposal.original
        resolution = original.get("resolution") or ""
        evidence = original.get("evidence") or ""
        before, marked, after = _mark(resolution, evidence)
        shown = Shown(proposal, before, marked, after, _anchor(original.get("source")))
        (pending if proposal.status == ProposalStatus.PENDING else decided).append(shown)
    evidence = [p.proposal.original.get("evidence") or "" for p in pending]
    document = review.source_document
    return {"pending": pending, "decided": decided, "document": document,
            "lines": _lines(document, evidence)}
