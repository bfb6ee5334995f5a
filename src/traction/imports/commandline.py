"""``traction import moderngov`` and ``manage.py import_moderngov``: one implementation for both.

Finds the partnership (``--partnership``, or the only one) and the user (``--user``, optional), then calls
``services.import_from_site`` and prints each meeting as it goes and a summary at the end.
"""

from __future__ import annotations

import datetime
import time
from io import TextIOBase
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from traction.core.models import Partnership
from traction.imports.arguments import add_arguments  # noqa: F401 - the management command takes it from here
from traction.imports.models import ImportRun, RunStatus
from traction.imports.services import ImportRefused, import_from_site

NO_PARTNERSHIP = "There is no partnership with the slug {slug!r}."
WHICH_PARTNERSHIP = "There are {count} partnerships; name one with --partnership SLUG ({slugs})."
NO_PARTNERSHIPS = "There is no partnership yet; create one in /admin/ first."
NO_USER = "There is no active account with the username {username!r}."
EXIT_OK, EXIT_FAILED, EXIT_PARTIAL = 0, 1, 3


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
        with CaptureQueriesContext(connection) as queries:
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
        f"  {run.requests} requests to the site, {run.submitted_for_review} meetings sent for review, "
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
