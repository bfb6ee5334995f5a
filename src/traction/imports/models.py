"""Where the record was imported from: a ModernGov site, each run against it, and every source id mapped.

The governance tables know nothing of ModernGov. ``ImportedRecord`` keys each imported row by the site
and the service's own id, so a second run finds and updates what the first created instead of adding it
again, and ``source_hash`` says whether the source changed since. ``SiteAnswer`` keeps the validators
(``ETag``, ``Last-Modified``) of each URL's last answer that was fully taken in, so that a later run asks
conditionally and a site that has nothing new need not send it again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from traction.core.models import TenantModel


class ImportSource(TenantModel):
    """One ModernGov site a partnership imports from, and the committees chosen there."""

    site = models.URLField(
        "site address",
        max_length=200,
        help_text="Scheme and host only, such as https://democracy.example.gov.uk.",
    )
    # [{"id": "123", "title": "Health and Wellbeing Board", "category": "Boards"}, ...]
    committees = models.JSONField(default=list, blank=True)
    since = models.DateField("import meetings from", null=True, blank=True)
    until = models.DateField("import meetings up to", null=True, blank=True)
    last_import_at = models.DateTimeField(null=True, blank=True)
    # Meetings that failed and have not been imported since: every run retries them, whatever its dates,
    # until they succeed. [{"meeting_id": "123", "committee_id": "101", "committee": "...", "date": "..."}]
    retry = models.JSONField("meetings to retry", default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["site"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "site"], name="import_source_site_unique")
        ]

    def __str__(self) -> str:
        return self.site

    @property
    def host(self) -> str:
        return self.site.split("://", 1)[-1]

    @property
    def committee_titles(self) -> list[str]:
        return [str(c.get("title", "")) for c in self.committees]


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    PARTIAL = "partial", "Some meetings failed"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


class ImportRun(TenantModel):
    """What one run did: counts per kind of record, and each meeting that failed with its reason."""

    source = models.ForeignKey(ImportSource, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Written after every meeting: a running run whose heartbeat stopped lost its worker (killed, crashed).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    # {"meeting": {"created": 3, "updated": 1, "unchanged": 8}, "item": {...}, ...}
    counts = models.JSONField(default=dict, blank=True)
    # [{"meeting_id": "123", "date": "2025-03-10", "committee": "...", "reason": "..."}]
    failures = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)  # why the whole run stopped, when it did
    requests = models.PositiveIntegerField(default=0)
    # Of ``requests``, those the site answered 304 Not Modified: the answer was not sent, read or written.
    requests_saved = models.PositiveIntegerField(default=0)
    submitted_for_review = models.PositiveIntegerField(default=0)
    # Progress so far, written with every heartbeat (and the counts, failures and requests above with it):
    # meetings named by the committees' lists read so far (with those retried), and meetings taken so far.
    meetings_found = models.PositiveIntegerField(default=0)
    meetings_done = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-queued_at", "-id"]

    def __str__(self) -> str:
        return f"Import from {self.source.host}, {timezone.localtime(self.queued_at):%d %b %Y %H:%M}"

    @property
    def finished(self) -> bool:
        return self.status in {RunStatus.SUCCEEDED, RunStatus.PARTIAL, RunStatus.FAILED, RunStatus.CANCELLED}

    @property
    def progress_key(self) -> str:
        """What the progress shown changes with: a page that shows this key has nothing new to show."""
        return f"{self.status}-{self.meetings_found}-{self.meetings_done}-{len(self.failures)}"


class RecordKind(models.TextChoices):
    COMMITTEE = "committee", "Committee"
    MEETING = "meeting", "Meeting"
    ITEM = "item", "Agenda item"
    DOCUMENT = "document", "Document"
    MEMBER = "member", "Member"


class ImportedRecord(TenantModel):
    """A ModernGov id and the record it became: committee -> Body, meeting -> Meeting, item -> AgendaItem,
    document -> Paper, member -> Person. ``object_id`` is the pk in that model's table."""

    source = models.ForeignKey(ImportSource, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField(max_length=20, choices=RecordKind.choices)
    external_id = models.CharField(max_length=40)
    object_id = models.PositiveBigIntegerField()
    source_hash = models.CharField(max_length=64, blank=True)
    # The minutes text the review queue last received for a meeting, so unchanged minutes are not re-sent.
    minutes_hash = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)  # e.g. a document's url
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["source", "kind", "external_id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "external_id"], name="imported_record_unique")
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.external_id} from {self.source.host}"


class SiteAnswer(TenantModel):
    """The validators of one URL's last answer from a source, kept once everything in that answer was
    taken in (a meeting written, its minutes sent for review; a meeting list read): a later run sends them
    as ``If-None-Match`` / ``If-Modified-Since``. For a meeting list, ``data`` keeps the meetings it named
    (``[{"id": "2001", "date": "2023-01-19"}]``), which a 304 does not send again."""

    source = models.ForeignKey(ImportSource, on_delete=models.CASCADE, related_name="answers")
    url = models.CharField(max_length=1000)
    etag = models.CharField(max_length=200, blank=True)
    last_modified = models.CharField(max_length=200, blank=True)
    data = models.JSONField(default=list, blank=True)
    fetched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["source", "url"]
        constraints = [models.UniqueConstraint(fields=["source", "url"], name="site_answer_unique")]

    def __str__(self) -> str:
        return self.url
