"""Writes of the ModernGov import: sources, the committees chosen there, and the runs.

``importrun_execute`` does the work for the web app's background task and for the command line alike:
it reads the chosen committees' meetings from the site, politely, and writes each meeting in its own
transaction, so that a meeting that fails leaves nothing of itself and is reported with its reason.
Requests are conditional where the site allows (``SiteAnswer``): a meeting or list the site answers
304 Not Modified is neither read nor written again, and the run counts the requests so saved.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.governance.models import Meeting, MeetingStatus
from traction.imports.importer import NO_REVIEW_QUEUE, NO_REVIEWER, MeetingWriter, Review, Tally
from traction.imports.models import ImportedRecord, ImportRun, ImportSource, RecordKind, RunStatus, SiteAnswer
from traction_analysis.moderngov import (
    Answer,
    BadSiteAddress,
    Committee,
    ModernGovClient,
    ModernGovError,
    Politeness,
    Validators,
    normalise_site,
    parse_meeting,
    parse_meetings,
)

logger = logging.getLogger(__name__)

SOURCE_EXISTS = "This partnership already imports from that site."
NO_COMMITTEES = "Choose at least one committee."
BAD_COMMITTEE = "That committee choice could not be read; reload the page and choose again."
UNTIL_BEFORE_SINCE = "The last date cannot be before the first."
NO_SINCE = "Give the first meeting date to import (--since) for a site not imported before."
UNKNOWN_COMMITTEE = "{site} has no committee called {name!r}. Its committees include: {known}."
RUN_NOT_QUEUED = "This import has already run."
ALREADY_RUNNING = "An import of this site is already queued or running; wait for it to finish."
NOT_ALLOWED = "{user!r} may not import into {partnership!r}: only its admins and secretaries may."
STOPPED = "The import stopped without finishing (its worker ended); run it again."
CANCELLED_BY = "Cancelled by {user} at {when:%H:%M on %d %B %Y}."
INTERRUPTED = (
    "Stopped by a signal (Ctrl-C, or the service being stopped) after {done} meetings; what was imported "
    "is kept. Run it again to go on."
)
NOT_CANCELLABLE = "This import has already finished; there is nothing to cancel."

# A run queued for longer than this never found a worker; one running whose heartbeat (written after every
# meeting) is older than HEARTBEAT_LOST lost its worker (killed, crashed): either is marked failed so that
# it does not block the site's next run.
STALE_AFTER = datetime.timedelta(hours=6)
HEARTBEAT_LOST = datetime.timedelta(minutes=15)

# Set by the command line's signal handler (Ctrl-C, SIGTERM): the run stops after the meeting in hand.
STOP = threading.Event()


class RunCancelled(Exception):
    """The run was cancelled (from the web or the command line) while it ran."""


class RunInterrupted(Exception):
    """The process was asked to stop (``STOP``) while the run ran."""


# After the first import, a run without a start date re-reads meetings from this long before the last
# import: councils publish minutes weeks after a meeting, and a meeting can be re-dated or cancelled.
RECHECK_DAYS = 90
# Meetings are read up to this far ahead when no last date is given: the scheduled ones are record too.
AHEAD_DAYS = 366


def politeness(**overrides: Any) -> Politeness:
    """The client's manners, from Django settings (tests set no delay or backoff)."""
    values: dict[str, Any] = {
        "delay": float(getattr(settings, "TRACTION_IMPORT_DELAY_SECONDS", 1.0)),
        "timeout": float(getattr(settings, "TRACTION_IMPORT_TIMEOUT_SECONDS", 60.0)),
        "retries": int(getattr(settings, "TRACTION_IMPORT_RETRIES", 3)),
        "backoff": float(getattr(settings, "TRACTION_IMPORT_BACKOFF_SECONDS", 2.0)),
    }
    values.update(overrides)
    return Politeness(**values)


def allow_private() -> bool:
    """Whether a site may be on a private or local network
    (settings.TRACTION_IMPORT_ALLOW_PRIVATE_ADDRESSES)."""
    return bool(getattr(settings, "TRACTION_IMPORT_ALLOW_PRIVATE_ADDRESSES", False))


def client_for(source: ImportSource, **overrides: Any) -> ModernGovClient:
    return ModernGovClient(source.site, politeness=politeness(**overrides), allow_private=allow_private())


def _require(actor: Any, partnership: Partnership, action: str) -> None:
    """``actor=None`` is the operator at the command line (``manage.py``/``traction import`` without
    ``--user``), who already holds the server; every web request passes its user, signed in or not."""
    if actor is not None:
        policy.require(user=actor, partnership=partnership, action=action, object_type="importsource")


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- sources ---------------------------------------------------------------------------------------


@transaction.atomic
def importsource_create(*, actor: Any, partnership: Partnership, site: str) -> ImportSource:
    _require(actor, partnership, "add")
    try:
        site = normalise_site(site)
    except BadSiteAddress as error:
        raise ValidationError({"site": str(error)}) from None
    if ImportSource.objects.filter(partnership=partnership, site=site).exists():
        raise ValidationError({"site": SOURCE_EXISTS})
    source = ImportSource(partnership=partnership, site=site, created_by=_user(actor))
    source.full_clean()
    source.save()
    audit_record(
        actor=actor, partnership=partnership, verb="created", instance=source, changes={"site": site}
    )
    return source


def parse_committee_choice(value: str) -> dict[str, str]:
    """``"123|Health and Wellbeing Board"`` (the form's checkbox value) -> {"id", "title"}."""
    ident, _, title = value.partition("|")
    if not ident.strip().isdigit() or not title.strip():
        raise ValidationError({"committees": BAD_COMMITTEE})
    return {"id": ident.strip(), "title": title.strip()[:200]}


@transaction.atomic
def importsource_choose(
    *,
    actor: Any,
    source: ImportSource,
    committees: Iterable[dict[str, str]],
    since: datetime.date | None,
    until: datetime.date | None = None,
) -> ImportSource:
    """The committees to import and the period."""
    _require(actor, source.partnership, "change")
    chosen = list(
        {
            c["id"]: {k: str(c[k]) for k in ("id", "title", "category") if c.get(k)} for c in committees
        }.values()
    )
    if not chosen:
        raise ValidationError({"committees": NO_COMMITTEES})
    if since and until and until < since:
        raise ValidationError({"until": UNTIL_BEFORE_SINCE})
    before = (source.committee_titles, source.since, source.until)
    source.committees, source.since, source.until = chosen, since, until
    source.full_clean()
    source.save(update_fields=["committees", "since", "until"])
    audit_record(
        actor=actor,
        partnership=source.partnership,
        verb="chose committees",
        instance=source,
        changes={
            "committees": [before[0], source.committee_titles],
            "since": [str(before[1] or ""), str(since or "")],
            "until": [str(before[2] or ""), str(until or "")],
        },
    )
    return source


# --- runs ------------------------------------------------------------------------------------------


@transaction.atomic
def importrun_create(
    *,
    actor: Any,
    source: ImportSource,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> ImportRun:
    """A queued run; the caller starts it (the web app enqueues a task, the command line runs it)."""
    _require(actor, source.partnership, "change")
    if not source.committees:
        raise ValidationError({"committees": NO_COMMITTEES})
    since = since or default_since(source)
    if since is None:
        raise ValidationError({"since": NO_SINCE})
    until = until or source.until
    if until and until < since:
        raise ValidationError({"until": UNTIL_BEFORE_SINCE})
    _one_at_a_time(source)
    run = ImportRun(
        partnership=source.partnership, source=source, since=since, until=until, started_by=_user(actor)
    )
    run.full_clean()
    run.save()
    audit_record(
        actor=actor,
        partnership=source.partnership,
        verb="queued import",
        instance=source,
        changes={"run": run.pk, "since": str(since), "until": str(until or "")},
    )
    return run


def _one_at_a_time(source: ImportSource) -> None:
    """Two runs of one site at once would race for the same records: refuse the second. A run that has
    been unfinished for hours lost its worker: it is marked failed so that it does not block for ever.
    The source's row is locked first: with no unfinished run yet there is nothing else to lock, and two
    runs queued at the same moment would both pass."""
    ImportSource.objects.select_for_update().filter(pk=source.pk).first()
    unfinished = ImportRun.objects.select_for_update().filter(
        source=source, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]
    )
    lost(unfinished).update(status=RunStatus.FAILED, error=STOPPED, finished_at=timezone.now())
    if unfinished.exists():
        raise ValidationError(ALREADY_RUNNING)


def lost(runs: Any) -> Any:
    """The runs among ``runs`` that lost their worker: queued for hours, or running with no heartbeat
    for ``HEARTBEAT_LOST``."""
    now = timezone.now()
    silent = Coalesce("heartbeat_at", "started_at", "queued_at")
    return runs.annotate(last_sign=silent).filter(
        Q(status=RunStatus.QUEUED, queued_at__lt=now - STALE_AFTER)
        | Q(status=RunStatus.RUNNING, last_sign__lt=now - HEARTBEAT_LOST)
    )


@transaction.atomic
def importrun_cancel(*, actor: Any, run: ImportRun) -> ImportRun:
    """Cancel a queued or running run. A queued one never starts; a running one stops after the meeting in
    hand (its worker reads the status with each heartbeat). What was imported is kept."""
    _require(actor, run.partnership, "change")
    locked = ImportRun.objects.select_for_update().get(pk=run.pk)
    if locked.finished:
        raise ValidationError(NOT_CANCELLABLE)
    now = timezone.now()
    locked.status, locked.finished_at = RunStatus.CANCELLED, now
    locked.error = CANCELLED_BY.format(user=_user(actor) or "the command line", when=timezone.localtime(now))
    locked.save(update_fields=["status", "finished_at", "error"])
    audit_record(
        actor=actor,
        partnership=run.partnership,
        verb="cancelled import",
        instance=run.source,
        changes={"run": run.pk, "status": [run.status, RunStatus.CANCELLED]},
    )
    return locked


def default_since(source: ImportSource) -> datetime.date | None:
    """Incremental by default: from a while before the last import, never before the chosen start."""
    if source.last_import_at is None:
        return source.since
    recheck = timezone.localdate(source.last_import_at) - datetime.timedelta(days=RECHECK_DAYS)
    return max(recheck, source.since) if source.since else recheck


def review_queue() -> Review | None:
    """The review queue's entry point, or None where that app offers none."""
    try:
        from traction.intake.services import review_submit  # an optional app, imported late
    except ImportError:
        return None
    return review_submit


def extract_minutes(xml: bytes, title: str) -> Any:
    """The minutes engine on a meeting's GetMeeting XML: proposed items, outcomes and actions. Read through
    the killable, time-limited reader every upload goes through, with no transaction open."""
    from traction.core.uploads import read_data
    from traction_analysis.extract import extract

    return extract(read_data(xml, name=title, suffix=".xml"))


def importrun_execute(
    *, run: ImportRun, client: ModernGovClient | None = None, progress: Callable[[str], None] | None = None
) -> ImportRun:
    """Do a queued run. Each meeting is one transaction; failures are recorded on the run with their
    reason."""
    if run.status != RunStatus.QUEUED:
        raise ValidationError(RUN_NOT_QUEUED)
    source = run.source
    client = client or client_for(source)
    say = progress or (lambda message: None)
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.heartbeat_at = run.started_at
    run.save(update_fields=["status", "started_at", "heartbeat_at"])
    writer = MeetingWriter(source=source, actor=run.started_by, review=review_queue())
    progress_ = Progress(run=run, client=client, writer=writer, say=say)
    until = run.until or timezone.localdate() + datetime.timedelta(days=AHEAD_DAYS)
    try:
        for chosen in source.committees:
            committee = Committee(
                id=str(chosen["id"]), title=str(chosen["title"]), category=str(chosen.get("category", ""))
            )
            _import_committee(progress_, committee, until)
    except RunCancelled:
        say("Cancelled: stopping after the meeting in hand.")
    except RunInterrupted:
        progress_.interrupted = True
        say("Stopped: what was imported is kept.")
    except ModernGovError as error:  # the site itself refused or vanished: stop, say why
        run.error = str(error)
    except Exception as error:  # anything else stops the run too, marked failed rather than left running
        logger.exception("ModernGov import run %s from %s stopped", run.pk, client.site)
        run.error = _reason(error)
    _finish(run, progress_)
    return run


# What a heartbeat writes besides the time: the run's page shows them while it runs.
PROGRESS_FIELDS = (
    "heartbeat_at",
    "meetings_found",
    "meetings_done",
    "counts",
    "failures",
    "requests",
    "requests_saved",
    "submitted_for_review",
)


class Progress:
    """What a run has done so far, and its heartbeat: after every meeting it writes the time (so a run
    whose worker died is seen as lost) and reads whether it was cancelled or asked to stop."""

    def __init__(
        self, *, run: ImportRun, client: ModernGovClient, writer: MeetingWriter, say: Callable[[str], None]
    ) -> None:
        self.run, self.client, self.writer, self.say = run, client, writer, say
        self.tally, self.attempted, self.found = Tally(), 0, 0
        self.imported: set[str] = set()
        self.failed: dict[str, dict[str, str]] = {}
        self.interrupted = False
        self._answers: KeptAnswers | None = None

    @property
    def answers(self) -> KeptAnswers:
        if self._answers is None:
            self._answers = KeptAnswers(self.run.source)
        return self._answers

    def beat(self) -> None:
        """Write the time and the progress so far (the run's page shows it while it runs), then stop if
        the run was cancelled or the worker asked to stop."""
        now = timezone.now()
        run, tally = self.run, self.tally
        run.heartbeat_at, run.meetings_found, run.meetings_done = now, self.found, self.attempted
        run.counts = {**tally.as_dict(), **({"notes": tally.notes} if tally.notes else {})}
        run.requests, run.requests_saved = self.client.requests, self.client.not_modified
        run.submitted_for_review = tally.submitted
        ImportRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
            **{name: getattr(run, name) for name in PROGRESS_FIELDS}
        )
        status = ImportRun.objects.filter(pk=self.run.pk).values_list("status", flat=True).first()
        if status == RunStatus.CANCELLED:
            raise RunCancelled
        if STOP.is_set():
            raise RunInterrupted


class KeptAnswers:
    """The validators kept for a source's URLs (``SiteAnswer``), read once per run."""

    def __init__(self, source: ImportSource) -> None:
        self.source = source
        self.rows = {row.url: row for row in SiteAnswer.objects.filter(source=source)}

    def validators(self, url: str) -> Validators | None:
        row = self.rows.get(url)
        if row is None:
            return None
        return Validators(etag=row.etag, last_modified=row.last_modified) or None

    def data(self, url: str) -> Any:
        row = self.rows.get(url)
        return row.data if row is not None else None

    def keep(self, answer: Answer, data: Any = None) -> None:
        """Keep the answer's validators (when the site sent any) for the next run to send back."""
        if not answer.validators:
            self.forget(answer.url)
            return
        fields = {
            "etag": answer.validators.etag,
            "last_modified": answer.validators.last_modified,
            "data": data if data is not None else {},
            "fetched_at": timezone.now(),
        }
        row = SiteAnswer(partnership=self.source.partnership, source=self.source, url=answer.url, **fields)
        # One query, new or not (an upsert on the source and URL).
        SiteAnswer.objects.bulk_create(
            [row], update_conflicts=True, unique_fields=["source", "url"], update_fields=list(fields)
        )
        self.rows[answer.url] = row

    def forget(self, url: str) -> None:
        if self.rows.pop(url, None) is not None:
            SiteAnswer.objects.filter(source=self.source, url=url).delete()


def _import_committee(progress: Progress, committee: Committee, until: datetime.date) -> None:
    """The committee's meetings in the run's dates, then those that failed before (whatever their date)
    and have not been imported since."""
    run = progress.run
    assert run.since is not None
    summaries = _meeting_list(progress, committee, run.since, until)
    progress.say(
        f"{committee.title}: {len(summaries)} meetings from {run.since:%d %b %Y} to {until:%d %b %Y}"
    )
    seen = {meeting_id for meeting_id, _ in summaries}
    retries = [
        r for r in run.source.retry if r.get("committee_id") == committee.id and r["meeting_id"] not in seen
    ]
    progress.found += len(summaries) + len(retries)
    progress.beat()  # the meetings found show before the first is read
    for meeting_id, date in summaries:
        _import_meeting(progress, committee, meeting_id, date)
    if retries:
        progress.say(f"{committee.title}: retrying {len(retries)} meetings that failed before")
    for retry in retries:
        _import_meeting(progress, committee, str(retry["meeting_id"]), str(retry.get("date", "")))


def _meeting_list(
    progress: Progress, committee: Committee, since: datetime.date, until: datetime.date
) -> list[tuple[str, str]]:
    """The (id, date) of the committee's meetings in the dates: the list kept from the last answer when
    the site says it has not changed, else the new answer's."""
    answers, client = progress.answers, progress.client
    url = client.meetings_url(committee.id, since, until)
    kept = answers.data(url)
    known = kept.get("meetings") if isinstance(kept, dict) else None
    answer = client.meetings_answer(
        committee.id, since, until, answers.validators(url) if isinstance(known, list) else None
    )
    if answer.not_modified and isinstance(known, list):
        progress.say(f"{committee.title}: the list of meetings is unchanged (not sent again)")
        return [(str(m["id"]), str(m.get("date", ""))) for m in known]
    assert answer.data is not None
    summaries = [(s.id, s.date.isoformat() if s.date else "") for s in parse_meetings(answer.data)]
    answers.keep(answer, {"meetings": [{"id": ident, "date": date} for ident, date in summaries]})
    return summaries


def _conditional(progress: Progress, meeting_id: str) -> Validators | None:
    """The validators to send for a meeting, or None to ask for it in full: a meeting that failed before,
    one whose record is missing here (never imported, or deleted), and a scheduled one whose date has
    passed (it is to be marked held) are always read in full."""
    url = progress.client.meeting_url(meeting_id)
    validators = progress.answers.validators(url)
    if validators is None or any(str(r["meeting_id"]) == meeting_id for r in progress.run.source.retry):
        return None
    source = progress.run.source
    mapped = ImportedRecord.objects.filter(source=source, kind=RecordKind.MEETING, external_id=meeting_id)
    stored = (
        Meeting.objects.filter(partnership=source.partnership, pk__in=mapped.values("object_id"))
        .values("status", "start")
        .first()
    )
    if stored is None:
        return None
    if (
        stored["status"] == MeetingStatus.SCHEDULED
        and timezone.localdate(stored["start"]) < timezone.localdate()
    ):
        return None
    return validators


def _import_meeting(progress: Progress, committee: Committee, meeting_id: str, date: str) -> None:
    progress.attempted += 1
    client, answers = progress.client, progress.answers
    url = client.meeting_url(meeting_id)
    try:
        answer = client.meeting_answer(meeting_id, _conditional(progress, meeting_id))
        if answer.not_modified:  # nothing new at the source: nothing read, nothing written
            progress.tally.add("meeting", "unchanged")
            progress.imported.add(meeting_id)
            progress.say(f"  {date or '?'} meeting {meeting_id}: unchanged (not sent again)")
        else:
            assert answer.data is not None
            tally = progress.writer.write(committee, parse_meeting(answer.data), answer.data, extract_minutes)
            progress.tally.merge(tally)
            progress.imported.add(meeting_id)
            if NO_REVIEWER in tally.notes or NO_REVIEW_QUEUE in tally.notes:
                answers.forget(url)  # its minutes are still to be sent: read it in full next time
            else:
                answers.keep(answer)
            progress.say(f"  {date or '?'} meeting {meeting_id}: imported")
    except Exception as error:  # any failure is this meeting's: reported, and its transaction rolled back
        answers.forget(url)
        if isinstance(error, ModernGovError) and not _meeting_level(error):
            raise
        reason = _reason(error)
        logger.warning(
            "ModernGov import of meeting %s from %s failed: %s", meeting_id, progress.client.site, reason
        )
        failure = {"meeting_id": meeting_id, "committee": committee.title, "date": date, "reason": reason}
        progress.run.failures.append(failure)
        progress.failed[meeting_id] = {**failure, "committee_id": committee.id}
        progress.say(f"  {date or '?'} meeting {meeting_id}: FAILED: {reason}")
    progress.beat()


def _meeting_level(error: ModernGovError) -> bool:
    """Errors that concern one meeting's answer; others (refused, unreachable) stop the whole run."""
    from traction_analysis.moderngov import NotTheWebService, ResponseTooLarge, SiteError, SiteTimedOut

    return isinstance(error, (SiteError, SiteTimedOut, ResponseTooLarge, NotTheWebService))


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        messages = (
            [f"{name}: {'; '.join(errors)}" for name, errors in error.message_dict.items()]
            if hasattr(error, "error_dict")
            else error.messages
        )
        return "the record refused it: " + "; ".join(messages)
    text = str(error) or type(error).__name__
    return text if isinstance(error, (ModernGovError, ValueError)) else f"{type(error).__name__}: {text}"


def _finish(run: ImportRun, progress: Progress) -> None:
    tally = progress.tally
    if progress.interrupted:
        run.status, run.error = RunStatus.CANCELLED, INTERRUPTED.format(done=len(progress.imported))
    elif run.error:
        run.status = RunStatus.FAILED
    elif run.failures:
        run.status = RunStatus.PARTIAL if len(run.failures) < progress.attempted else RunStatus.FAILED
    else:
        run.status = RunStatus.SUCCEEDED
    run.counts = {**tally.as_dict(), **({"notes": tally.notes} if tally.notes else {})}
    run.requests, run.submitted_for_review = progress.client.requests, tally.submitted
    run.requests_saved = progress.client.not_modified
    run.meetings_found, run.meetings_done = progress.found, progress.attempted
    run.finished_at = timezone.now()
    with transaction.atomic():
        current = ImportRun.objects.select_for_update().filter(pk=run.pk).values("status", "error").first()
        if current and current["status"] == RunStatus.CANCELLED:  # cancelled meanwhile: it stays so
            run.status, run.error = RunStatus.CANCELLED, current["error"]
        run.save()
        source = ImportSource.objects.select_for_update().get(pk=run.source_id)
        source.retry = _still_to_retry(source.retry, progress)
        fields = ["retry"]
        if run.status in {RunStatus.SUCCEEDED, RunStatus.PARTIAL}:
            source.last_import_at = run.started_at
            fields.append("last_import_at")
        source.save(update_fields=fields)
        run.source = source
        audit_record(
            actor=run.started_by,
            partnership=run.partnership,
            verb="ran import",
            instance=source,
            changes={"run": run.pk, "status": run.status, "failed meetings": len(run.failures)},
        )


def _still_to_retry(before: list[dict[str, str]], progress: Progress) -> list[dict[str, str]]:
    """The meetings to retry on the next run: those that failed before and were not imported now, and those
    that failed now."""
    kept = {
        str(r["meeting_id"]): r
        for r in before
        if str(r["meeting_id"]) not in progress.imported and str(r["meeting_id"]) not in progress.failed
    }
    for meeting_id, failure in progress.failed.items():
        kept[meeting_id] = {k: failure[k] for k in ("meeting_id", "committee_id", "committee", "date")}
    return sorted(kept.values(), key=lambda r: (r.get("date", ""), r["meeting_id"]))


# --- the command line ------------------------------------------------------------------------------


class ImportRefused(Exception):
    """The command line's input cannot be imported; ``str()`` says why."""


def import_from_site(
    *,
    partnership: Partnership,
    site: str,
    committee_names: list[str],
    since: datetime.date | None,
    until: datetime.date | None,
    actor: Any,
    client: ModernGovClient | None = None,
    progress: Callable[[str], None] | None = None,
) -> ImportRun:
    """``traction import moderngov``: find or add the source, pick committees by name, run now."""
    try:
        site = normalise_site(site)
        URLValidator(schemes=["http", "https"])(
            site
        )  # what the web form's URL field refuses, refused here too
    except BadSiteAddress as error:
        raise ImportRefused(str(error)) from None
    except ValidationError:
        raise ImportRefused(BadSiteAddress.message) from None
    client = client or ModernGovClient(site, politeness=politeness(), allow_private=allow_private())
    committees = _named_committees(client, committee_names)
    source = ImportSource.objects.filter(partnership=partnership, site=site).first()
    try:
        with transaction.atomic():  # a refused run leaves no half-set-up source behind
            if source is None:
                source = importsource_create(actor=actor, partnership=partnership, site=site)
            chosen = [{"id": c.id, "title": c.title, "category": c.category} for c in committees]
            source = importsource_choose(
                actor=actor,
                source=source,
                committees=chosen,
                since=source.since or since,
                until=until or source.until,
            )
            run = importrun_create(actor=actor, source=source, since=since, until=until)
    except ValidationError as error:
        raise ImportRefused("; ".join(error.messages)) from None
    except PermissionDenied:
        raise ImportRefused(
            NOT_ALLOWED.format(user=actor.get_username(), partnership=partnership.slug)
        ) from None
    return importrun_execute(run=run, client=client, progress=progress)


def _named_committees(client: ModernGovClient, names: list[str]) -> list[Committee]:
    try:
        available = client.committees()
    except ModernGovError as error:
        raise ImportRefused(f"{client.site}: {error}") from None
    by_title = {" ".join(c.title.lower().split()): c for c in available if not c.deleted}
    found = []
    for name in names:
        committee = by_title.get(" ".join(name.lower().split()))
        if committee is None:
            known = ", ".join(sorted(by_title[k].title for k in by_title)[:15]) or "none"
            raise ImportRefused(UNKNOWN_COMMITTEE.format(site=client.site, name=name, known=known))
        found.append(committee)
    return found
