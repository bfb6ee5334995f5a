"""Reads of the intake app that depend on who asks, and the review screen's layout."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet

from traction.core import policy
from traction.core.ids import parse_id
from traction.core.models import Partnership
from traction.governance.models import Meeting, Person
from traction.intake.models import Proposal, ProposalStatus, Review, ReviewStatus, SourceDocument
from traction_analysis.extract.outcome import GENERATED_EVIDENCE
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


def person_named(*, partnership: Partnership, name: str | None) -> Person | None:
    """The person an extracted owner names, when exactly one in the partnership has that name or role."""
    if not name:
        return None
    people = Person.objects.filter(partnership=partnership)
    for lookup in ("name__iexact", "role_title__iexact"):
        found = list(people.filter(**{lookup: name.strip()})[:2])
        if len(found) == 1:
            return found[0]
    return None


def people_of(*, partnership: Partnership) -> QuerySet[Person]:
    """The people an action's lead is chosen from."""
    return Person.objects.filter(partnership=partnership).order_by("name", "id")


def meeting_on_date(*, review: Review) -> Meeting | None:
    """The body's meeting on the date the minutes state, when there is exactly one: offered first."""
    if review.meeting_date is None:
        return None
    found = list(Meeting.objects.filter(body=review.body, start__date=review.meeting_date)[:2])
    return found[0] if len(found) == 1 else None


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
    """A proposal as the review screen shows it: its item (the saved draft where there is one, and the one
    accepted), the resolution with its evidence marked where the evidence is quoted from the minutes."""

    proposal: Proposal
    item: ProposedItem
    before: str
    marked: str
    after: str
    anchor: str
    final: ProposedItem | None = None
    problem: str = ""  # why what was stored cannot be read, shown in place of the item
    drafted: bool = False
    children: list[Proposal] = field(default_factory=list)


def _mark(text: str, evidence: str) -> tuple[str, str, str]:
    if evidence and evidence in text and evidence not in GENERATED_EVIDENCE:
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
        item, final, draft = proposal.item, proposal.final_item, proposal.draft_item
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
    shown = draft if draft is not None and proposal.status == ProposalStatus.PENDING else item
    before, marked, after = _mark(shown.resolution or "", item.evidence)
    return Shown(proposal, shown, before, marked, after, _anchor(item.source), final, drafted=shown is draft)


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
    evidence = [shown.item.evidence for shown in pending if shown.item.evidence_quoted]
    document = review.source_document
    return {"pending": pending, "decided": decided, "document": document, "lines": _lines(document, evidence)}
