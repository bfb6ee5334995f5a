"""Writes of the ModernGov import: sources, the committees chosen there, and the runs.

``importrun_execute`` does the work for the web app's background task and for the command line alike:
it reads the chosen committees' meetings from the site, politely, and writes each meeting in its own
transaction, so that a meeting that fails leaves nothing of itself and is reported with its reason.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.imports.importer import MeetingWriter, Review, Tally
from traction.imports.models import ImportRun, ImportSource, RunStatus
from traction_analysis.moderngov import (
    BadSiteAddress,
    Committee,
    ModernGovClient,
    ModernGovError,
    Politeness,
    normalise_site,
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

# A run queued or running for longer than this is taken to have lost its worker.
STALE_AFTER = datetime.timedelta(hours=6)

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
    cutoff = timezone.now() - STALE_AFTER
    unfinished.filter(queued_at__lt=cutoff).update(
        status=RunStatus.FAILED, error=STOPPED, finished_at=timezone.now()
    )
    if unfinished.filter(queued_at__gte=cutoff).exists():
        raise ValidationError(ALREADY_RUNNING)


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
    run.save(update_fields=["status", "started_at"])
    writer = MeetingWriter(source=source, actor=run.started_by, review=review_queue())
    tally, attempted = Tally(), 0
    until = run.until or timezone.localdate() + datetime.timedelta(days=AHEAD_DAYS)
    try:
        for chosen in source.committees:
            committee = Committee(
                id=str(chosen["id"]), title=str(chosen["title"]), category=str(chosen.get("category", ""))
            )
            attempted += _import_committee(run, client, writer, committee, until, tally, say)
    except ModernGovError as error:  # the site itself refused or vanished: stop, say why
        run.error = str(error)
    except Exception as error:  # anything else stops the run too, marked failed rather than left running
        logger.exception("ModernGov import run %s from %s stopped", run.pk, client.site)
        run.error = _reason(error)
    _finish(run, client, tally, attempted)
    return run


def _import_committee(
    run: ImportRun,
    client: ModernGovClient,
    writer: MeetingWriter,
    committee: Committee,
    until: datetime.date,
    tally: Tally,
    say: Callable[[str], None],
) -> int:
    assert run.since is not None
    summaries = client.meetings(committee.id, run.since, until)
    say(f"{committee.title}: {len(summaries)} meetings from {run.since:%d %b %Y} to {until:%d %b %Y}")
    for summary in summaries:
        try:
            record, xml = client.meeting(summary.id)
            tally.merge(writer.write(committee, record, xml, extract_minutes))
            say(f"  {summary.date or '?'} meeting {summary.id}: imported")
        except Exception as error:  # any failure is this meeting's: reported, and its transaction rolled back
            if isinstance(error, ModernGovError) and not _meeting_level(error):
                raise
            reason = _reason(error)
            logger.warning(
                "ModernGov import of meeting %s from %s failed: %s", summary.id, client.site, reason
            )
            run.failures.append(
                {
                    "meeting_id": summary.id,
                    "committee": committee.title,
                    "date": summary.date.isoformat() if summary.date else "",
                    "reason": reason,
                }
            )
            say(f"  {summary.date or '?'} meeting {summary.id}: FAILED: {reason}")
    return len(summaries)


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


def _finish(run: ImportRun, client: ModernGovClient, tally: Tally, attempted: int) -> None:
    if run.error:
        run.status = RunStatus.FAILED
    elif run.failures:
        run.status = RunStatus.PARTIAL if len(run.failures) < attempted else RunStatus.FAILED
    else:
        run.status = RunStatus.SUCCEEDED
    run.counts = {**tally.as_dict(), **({"notes": tally.notes} if tally.notes else {})}
    run.requests, run.submitted_for_review = client.requests, tally.submitted
    run.finished_at = timezone.now()
    with transaction.atomic():
        run.save()
        source = run.source
        if run.status != RunStatus.FAILED:
            source.last_import_at = run.started_at
            source.save(update_fields=["last_import_at"])
        audit_record(
            actor=run.started_by,
            partnership=run.partnership,
            verb="ran import",
            instance=source,
            changes={"run": run.pk, "status": run.status, "failed meetings": len(run.failures)},
        )


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
