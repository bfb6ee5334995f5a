"""A run that must end: failed meetings are retried by every later run until they succeed, a run whose
worker died stops blocking the site, a run can be cancelled from the web or the command line, and Ctrl-C
stops a command-line run cleanly after the meeting in hand."""

from __future__ import annotations

import datetime
import os
import signal
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from fakeserver import FakeModernGov

from factories import World
from traction.core.models import AuditEvent
from traction.governance.models import Meeting
from traction.imports.commandline import EXIT_INTERRUPTED, cancel_run_command, run_import_command
from traction.imports.models import ImportRun, ImportSource, RunStatus
from traction.imports.services import (
    ALREADY_RUNNING,
    NOT_CANCELLABLE,
    STOPPED,
    importrun_cancel,
    importrun_create,
    importrun_execute,
    importsource_choose,
    importsource_create,
)
from traction.imports.tasks import run_import

pytestmark = pytest.mark.django_db
HWB = {"id": "101", "title": "Health and Wellbeing Board", "category": "Boards"}
SINCE, UNTIL = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)
MAY_18 = datetime.date(2023, 5, 18)  # meeting 2003 of the fake site


def _source(
    server: FakeModernGov, world: World, actor: Any, *, until: datetime.date | None = UNTIL
) -> ImportSource:
    source = importsource_create(actor=actor, partnership=world.partnership, site=server.url)
    return importsource_choose(actor=actor, source=source, committees=[HWB], since=SINCE, until=until)


def _meetings(world: World) -> set[datetime.date]:
    return {m.start.date() for m in Meeting.objects.filter(partnership=world.partnership, start__year=2023)}


def test_a_failed_meeting_is_retried_by_a_plain_run_whose_dates_have_moved_on(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    moderngov.switches.errors["GetMeeting:2003"] = [500] * 10
    source = _source(moderngov, world_a, secretary, until=None)
    first = importrun_execute(run=importrun_create(actor=secretary, source=source))
    assert first.status == RunStatus.PARTIAL and MAY_18 not in _meetings(world_a)
    source.refresh_from_db()
    assert [r["meeting_id"] for r in source.retry] == ["2003"]
    # A year on, a plain run reads only recent meetings: 2003 is long outside its dates.
    ImportSource.objects.filter(pk=source.pk).update(
        last_import_at=timezone.now() + datetime.timedelta(days=900)
    )
    moderngov.switches.errors.clear()
    source.refresh_from_db()
    later = importrun_execute(run=importrun_create(actor=secretary, source=source))
    assert later.since is not None and later.since > MAY_18
    assert later.status == RunStatus.SUCCEEDED, later.failures
    assert later.counts["meeting"] == {"created": 1}  # its dates list no meeting: this is the retry
    assert MAY_18 in _meetings(world_a)
    source.refresh_from_db()
    assert source.retry == []


def test_a_meeting_that_fails_again_stays_to_retry(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    moderngov.switches.errors["GetMeeting:2003"] = [500] * 40
    source = _source(moderngov, world_a, secretary)
    for _ in range(2):
        source.refresh_from_db()
        run = importrun_execute(run=importrun_create(actor=secretary, source=source, since=SINCE))
        assert [f["meeting_id"] for f in run.failures] == ["2003"]  # once per run, not twice
    source.refresh_from_db()
    assert [r["meeting_id"] for r in source.retry] == ["2003"]


def test_a_running_run_without_a_heartbeat_stops_blocking_the_site(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = _source(moderngov, world_a, secretary)
    alive = importrun_create(actor=secretary, source=source)
    now = timezone.now()
    ImportRun.objects.filter(pk=alive.pk).update(status=RunStatus.RUNNING, started_at=now, heartbeat_at=now)
    with pytest.raises(ValidationError) as refused:
        importrun_create(actor=secretary, source=source)
    assert refused.value.messages == [ALREADY_RUNNING]
    ImportRun.objects.filter(pk=alive.pk).update(heartbeat_at=now - datetime.timedelta(minutes=20))
    importrun_create(actor=secretary, source=source)
    alive.refresh_from_db()
    assert (alive.status, alive.error) == (RunStatus.FAILED, STOPPED)


def test_a_queued_run_cancelled_never_starts(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = _source(moderngov, world_a, secretary)
    run = importrun_create(actor=secretary, source=source)
    importrun_cancel(actor=secretary, run=run)
    assert run_import.call(run.pk) == "nothing to do"
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED and "Cancelled by" in run.error
    assert not _meetings(world_a)
    assert AuditEvent.objects.filter(verb="cancelled import").count() == 1
    with pytest.raises(ValidationError) as refused:
        importrun_cancel(actor=secretary, run=run)
    assert refused.value.messages == [NOT_CANCELLABLE]


def test_a_running_run_cancelled_stops_after_the_meeting_in_hand(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = _source(moderngov, world_a, secretary)
    run = importrun_create(actor=secretary, source=source)

    def cancel_after_the_first(line: str) -> None:
        if line.endswith(": imported") and len(_meetings(world_a)) == 1:
            importrun_cancel(actor=secretary, run=run)

    done = importrun_execute(run=run, progress=cancel_after_the_first)
    assert done.status == RunStatus.CANCELLED and "Cancelled by" in done.error
    assert len(_meetings(world_a)) == 1
    source.refresh_from_db()
    assert source.last_import_at is None  # not finished: the next plain run starts from the beginning


def test_ctrl_c_stops_a_command_line_run_cleanly(
    moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    class InterruptAfterFirst(StringIO):
        def write(self, text: str) -> int:
            if text.rstrip().endswith(": imported") and "imported" not in self.getvalue():
                os.kill(os.getpid(), signal.SIGINT)  # the handler sets the stop flag: no KeyboardInterrupt
            return super().write(text)

    out, err = InterruptAfterFirst(), StringIO()
    status = run_import_command(
        site=moderngov.url,
        committees=["Health and Wellbeing Board"],
        since=SINCE,
        until=UNTIL,
        partnership=world_a.partnership.slug,
        user=None,
        out=out,
        err=err,
    )
    assert status == EXIT_INTERRUPTED
    assert "Stopping after the meeting in hand" in err.getvalue() and "Traceback" not in err.getvalue()
    assert len(_meetings(world_a)) == 1
    [run] = ImportRun.objects.all()
    assert run.status == RunStatus.CANCELLED and "Stopped by a signal" in run.error
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back as it was


def test_cancel_from_the_web_and_the_command_line(
    client_for: Any, moderngov: FakeModernGov, world_a: World, secretary: Any
) -> None:
    source = _source(moderngov, world_a, secretary)
    run = importrun_create(actor=secretary, source=source)
    client = client_for("secretary")
    page = client.get(reverse("imports:run-detail", kwargs={"slug": world_a.partnership.slug, "pk": run.pk}))
    assert "Cancel this import" in page.content.decode()
    client.post(reverse("imports:run-cancel", kwargs={"slug": world_a.partnership.slug, "pk": run.pk}))
    run.refresh_from_db()
    assert run.status == RunStatus.CANCELLED
    again = importrun_create(actor=secretary, source=source)
    out, err = StringIO(), StringIO()
    assert cancel_run_command(run_id=again.pk, user=None, out=out, err=err) == 0
    assert f"Cancelled import run {again.pk}" in out.getvalue()
    assert cancel_run_command(run_id=again.pk, user=None, out=out, err=err) == 1
    assert NOT_CANCELLABLE in err.getvalue()
    assert cancel_run_command(run_id=999999, user=None, out=out, err=err) == 1
