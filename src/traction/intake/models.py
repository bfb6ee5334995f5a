"""Uploaded source documents, and the reviews that turn what was extracted from them into the record.

Extraction proposes, a person confirms (DESIGN.md): nothing read from a document reaches the governance
record until a secretary accepts it. Each ``Proposal`` keeps the extractor's ``original`` untouched and
the ``final`` values a person accepted, with who and when, so every correction is kept and can be
exported as labels for measuring the extractor.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.template.defaultfilters import pluralize
from django.utils import timezone

from traction.core.models import TenantModel, check_same_partnership
from traction.governance.models import AgendaItem, Body, Meeting
from traction_analysis.extract.proposed import ProposedItem, ProposedItemError

STORED_ITEM_UNREADABLE = "Proposal {pk}: what was stored cannot be read as an item: {message}"


class DocumentKind(models.TextChoices):
    MINUTES = "minutes", "Minutes"
    PAPER = "paper", "Paper"


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to be read"
    EXTRACTING = "extracting", "Being read"
    READY = "ready", "Read"
    FAILED = "failed", "Could not be read"


class SourceDocument(TenantModel):
    """A file a secretary uploaded; read in the background, then proposed for review (minutes)."""

    body = models.ForeignKey(Body, on_delete=models.RESTRICT, related_name="source_documents")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="source_documents"
    )
    kind = models.CharField(max_length=20, choices=DocumentKind.choices, default=DocumentKind.MINUTES)
    file = models.FileField(upload_to="intake/%Y/%m/")
    original_filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    status = models.CharField(max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED)
    error = models.TextField("why it could not be read", blank=True)
    format = models.CharField(max_length=20, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    words = models.PositiveIntegerField(null=True, blank=True)
    # The document as read: [[page, line, kind, text], ...], shown beside the proposals when reviewing.
    blocks = models.JSONField(default=list, blank=True)
    meta_date = models.DateField("meeting date stated in the document", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    # When a worker took it to read: a document "Being read" past its lease (TRACTION_READ_LEASE_SECONDS)
    # lost its worker and is queued again (services.extraction.documents_recover).
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # How far the worker has got while it reads, written as it goes (services.extraction.ReadProgress):
    # {"page": reached, "pages": in the document, "items": …, "decisions": …, "actions": … found so far}.
    progress = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "sha256"], name="intake_document_sha256_unique"),
        ]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return self.original_filename

    @property
    def progress_text(self) -> str:
        """How far reading has got, in words ("page 3 of 12, 5 items found so far"), or "" before any."""
        progress = self.progress or {}
        words = []
        if progress.get("page") and progress.get("pages"):
            words.append(f"page {progress['page']} of {progress['pages']}")
        if "items" in progress:
            items = progress["items"]
            found = f"{items} item{pluralize(items)} found so far"
            extra = [
                f"{count} {noun}{pluralize(count)}"
                for noun, count in (
                    ("decision", progress.get("decisions", 0)),
                    ("action", progress.get("actions", 0)),
                )
                if count
            ]
            words.append(found + (f" ({', '.join(extra)})" if extra else ""))
        return ", ".join(words)

    @property
    def progress_key(self) -> str:
        """The status and the counts, as a poll says what it last showed."""
        progress = self.progress or {}
        counts = [str(progress.get(key, "")) for key in ("page", "items", "decisions", "actions")]
        return ".".join([self.status, *counts]) if progress else str(self.status)

    def clean(self) -> None:
        check_same_partnership(self, "body", "meeting")


UNSURE_BELOW = 0.8  # the engine's own line (traction_analysis.extract.model.UNSURE_BELOW)


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Awaiting review"
    DONE = "done", "Reviewed"


class Review(TenantModel):
    """What one source (an upload, an import) proposes for one meeting, awaiting a person's decision."""

    body = models.ForeignKey(Body, on_delete=models.RESTRICT, related_name="reviews")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    source_document = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    document_title = models.CharField(max_length=300)
    # Where the proposals came from, e.g. {"kind": "upload", "document": 12} or a ModernGov meeting id;
    # ``origin_key`` is its canonical JSON so that resubmitting the same origin finds this review.
    origin = models.JSONField(default=dict)
    origin_key = models.CharField(max_length=500)
    meeting_date = models.DateField("meeting date stated in the document", null=True, blank=True)
    # How sure the extraction engine is of where the document's items start (calibrated, 0–1); None
    # when no model weighed it (an import, rules alone). The queue shows the least certain first.
    certainty = models.FloatField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["partnership", "status"]),
            models.Index(fields=["partnership", "origin_key"]),
        ]

    def __str__(self) -> str:
        return self.document_title

    @property
    def unsure(self) -> bool:
        """The engine doubts where this document's items start: check the items before their outcomes."""
        return self.certainty is not None and self.certainty < UNSURE_BELOW

    def clean(self) -> None:
        check_same_partnership(self, "body", "meeting", "source_document")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Awaiting review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    SPLIT = "split", "Split"
    MERGED = "merged", "Merged"


class Proposal(TenantModel):
    """One proposed agenda item with its outcome, resolution and actions.

    ``original`` is what the extractor said and is never changed; ``final`` is what a person accepted.
    Both are the JSON of a :class:`~traction_analysis.extract.proposed.ProposedItem`, read through
    :attr:`item` and :attr:`final_item`. Proposals a reviewer made by splitting or merging have
    ``extracted`` false
    and point at the proposals they came from.
    """

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="proposals")
    position = models.PositiveIntegerField(default=0)
    extracted = models.BooleanField(default=True)
    derived_from = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="derived")
    target_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The existing agenda item this proposal updates.",
    )
    original = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PENDING)
    # A reviewer's corrections saved without accepting (a ProposedItem's JSON); accepting writes them.
    draft = models.JSONField(null=True, blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    final = models.JSONField(null=True, blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The agenda item accepting this proposal wrote.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review", "position", "id"]
        indexes = [models.Index(fields=["review", "status"])]

    def __str__(self) -> str:
        try:
            item = self.item
        except ProposedItemError:
            return f"Proposal {self.pk}"
        return f"{item.number or ''} {item.title}".strip() or f"Proposal {self.pk}"

    @property
    def item(self) -> ProposedItem:
        """What was proposed (``original``)."""
        return self._read(self.original)

    @property
    def draft_item(self) -> ProposedItem | None:
        """The corrections saved as a draft, or None while there are none."""
        return None if self.draft is None else self._read(self.draft)

    @property
    def final_item(self) -> ProposedItem | None:
        """What was accepted (``final``), or None while nothing is."""
        return None if self.final is None else self._read(self.final)

    def _read(self, data: object) -> ProposedItem:
        try:
            return ProposedItem.from_json(data)
        except ProposedItemError as exc:
            raise ProposedItemError(
                STORED_ITEM_UNREADABLE.format(pk=self.pk, message=exc), field=exc.field
            ) from exc

    def clean(self) -> None:
        check_same_partnership(self, "review", "target_item", "agenda_item")
