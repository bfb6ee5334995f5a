"""``traction import moderngov`` and ``manage.py import_moderngov``: one implementation for both.

Finds the partnership (``--partnership``, or the only one) and the user (``--user``, optional), then calls
``services.import_from_site`` and prints each meeting as it goes and a summary at the end.
"""

from __future__ import annotations

import contextlib
import datetime
import signal
import threading
import time
from collections.abc import Iterator
from io import TextIOBase
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from traction.core.models import Partnership
from traction.imports.arguments import add_arguments  # noqa: F401 - the management command takes it from here
from traction.imports.models import ImportRun, RunStatus
from traction.imports.services import STOP, ImportRefused, import_from_site, importrun_cancel

NO_PARTNERSHIP = "There is no partnership with the slug {slug!r}."
WHICH_PARTNERSHIP = "There are {count} partnerships; name one with --partnership SLUG ({slugs})."
NO_PARTNERSHIPS = "There is no partnership yet; create one in /admin/ first."
NO_USER = "There is no active account with the username {username!r}."
NO_RUN = "There is no import run {run_id}."
STOPPING = "Stopping after the meeting in hand; what was imported is kept."
EXIT_OK, EXIT_FAILED, EXIT_PARTIAL, EXIT_INTERRUPTED = 0, 1, 3, 130


@contextlib.contextmanager
def stop_on_signals(err: TextIO | TextIOBase) -> Iterator[None]:
    """Ctrl-C or SIGTERM during a run: finish the meeting in hand, mark the run cancelled, no traceback.
    (Signal handlers can be set from the main thread only; elsewhere the run simply runs.)"""
    STOP.clear()
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        if not STOP.is_set():
            _say(err, STOPPING)
        STOP.set()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        STOP.clear()


def run_import_command(
    *,
    site: str,
    committees: list[str],
    since: datetime.date | None,
    until: datetime.date | None,
    partnership: str | None,
    user: str | None,
    out: TextIO | TextIOBase,
    err: TextIO | TextIOBase,
) -> int:
    """Exit status: 0 all imported, 3 some meetings failed, 1 nothing could be imported."""
    try:
        chosen = _partnership(partnership)
        actor = _user(user)
        started = time.perf_counter()
        with stop_on_signals(err), CaptureQueriesContext(connection) as queries:
            run = import_from_site(
                partnership=chosen,
                site=site,
                committee_names=committees,
                since=since,
                until=until,
                actor=actor,
                progress=lambda line: _say(out, line),
            )
    except ImportRefused as error:
        _say(err, f"traction import moderngov: {error}")
        return EXIT_FAILED
    _say(out, summary(run, time.perf_counter() - started, len(queries)))
    if run.status == RunStatus.CANCELLED:
        _say(err, f"traction import moderngov: {run.error}")
        return EXIT_INTERRUPTED
    if run.status == RunStatus.FAILED:
        _say(err, f"traction import moderngov: {run.error or 'no meeting could be imported'}")
        return EXIT_FAILED
    return EXIT_PARTIAL if run.status == RunStatus.PARTIAL else EXIT_OK


def _say(stream: TextIO | TextIOBase, text: str) -> None:
    """One line; management commands' OutputWrapper adds no second newline to a line that has one."""
    stream.write(text + "\n")
    stream.flush()


def summary(run: ImportRun, seconds: float, queries: int) -> str:
    lines = [
        f"{run.get_status_display()}: {run.source.site}, meetings from {run.since}"
        + (f" to {run.until}" if run.until else "")
    ]
    for kind, row in run.counts.items():
        if kind != "notes":
            lines.append(f"  {kind}: " + ", ".join(f"{n} {what}" for what, n in row.items()))
    lines += [f"  note: {note}" for note in run.counts.get("notes", [])]
    lines += [
        f"  FAILED {f['date']} meeting {f['meeting_id']} ({f['committee']}): {f['reason']}"
        for f in run.failures
    ]
    lines.append(
        f"  {run.requests} requests to the site ({run.requests_saved} saved: answered not modified), "
        f"{run.submitted_for_review} meetings sent for review, "
        f"{seconds:.1f} s, {queries} database queries"
    )
    return "\n".join(lines)


def _partnership(slug: str | None) -> Partnership:
    if slug:
        found = Partnership.objects.filter(slug=slug).first()
        if found is None:
            raise ImportRefused(NO_PARTNERSHIP.format(slug=slug))
        return found
    every = list(Partnership.objects.order_by("slug")[:11])
    if not every:
        raise ImportRefused(NO_PARTNERSHIPS)
    if len(every) > 1:
        raise ImportRefused(
            WHICH_PARTNERSHIP.format(
                count=Partnership.objects.count(), slugs=", ".join(p.slug for p in every[:10])
            )
        )
    return every[0]


def _user(username: str | None) -> Any:
    if not username:
        return None
    found = get_user_model().objects.filter(username=username, is_active=True).first()
    if found is None:
        raise ImportRefused(NO_USER.format(username=username))
    return found


def cancel_run_command(
    *, run_id: int, user: str | None, out: TextIO | TextIOBase, err: TextIO | TextIOBase
) -> int:
    """``traction import cancel RUN``: a queued run never starts; a running one stops after the meeting in
    hand. Exit status 0 when cancelled, 1 when there is no such run or it has already finished."""
    from django.core.exceptions import PermissionDenied, ValidationError

    run = ImportRun.objects.select_related("source", "partnership").filter(pk=run_id).first()
    if run is None:
        _say(err, "traction import cancel: " + NO_RUN.format(run_id=run_id))
        return EXIT_FAILED
    try:
        actor = _user(user)
        importrun_cancel(actor=actor, run=run)
    except ImportRefused as error:
        _say(err, f"traction import cancel: {error}")
        return EXIT_FAILED
    except ValidationError as error:
        _say(err, "traction import cancel: " + " ".join(error.messages))
        return EXIT_FAILED
    except PermissionDenied:
        _say(err, f"traction import cancel: {user!r} may not cancel imports of {run.partnership.slug!r}.")
        return EXIT_FAILED
    _say(out, f"Cancelled import run {run.pk} from {run.source.host}.")
    return EXIT_OK
