"""The run page while the worker imports: its progress polls for the counts so far (meetings read of those
found, failures, records), is left alone while nothing changed, and once the run ends stops polling and
links onward."""

from __future__ import annotations

import datetime
import html
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from fakeserver import FakeModernGov

from factories import World
from traction.core.models import Role
from traction.imports.models import ImportRun, ImportSource, RunStatus
from traction.imports.services import (
    importrun_create,
    importrun_execute,
    importsource_choose,
    importsource_create,
)

pytestmark = pytest.mark.django_db
HWB = {"id": "101", "title": "Health and Wellbeing Board", "category": "Boards"}


def _source(server: FakeModernGov, world: World, actor: Any) -> ImportSource:
    source = importsource_create(actor=actor, partnership=world.partnership, site=server.url)
    return importsource_choose(
        actor=actor,
        source=source,
        committees=[HWB],
        since=datetime.date(2023, 1, 1),
        until=datetime.date(2023, 12, 31),
    )


def _progress(client: Client, world: World, run: ImportRun, seen: str = "") -> Any:
    url = reverse("imports:run-progress", kwargs={"slug": world.partnership.slug, "pk": run.pk})
    return client.get(url + (f"?seen={seen}" if seen else ""), HTTP_HX_REQUEST="true")


def _text(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_a_running_import_shows_its_counts_so_far_and_polls(
    moderngov: FakeModernGov, world_a: World, secretary: Any, client_for: Any
) -> None:
    moderngov.switches.errors["GetMeeting:2003"] = [500] * 10
    client = client_for(Role.SECRETARY)
    run = importrun_create(actor=secretary, source=_source(moderngov, world_a, secretary))
    queued = _text(_progress(client, world_a, run))
    assert "Waiting for the background worker" in queued and "?seen=queued-0-0-0" in queued
    assert _progress(client, world_a, run, seen="queued-0-0-0").status_code == 204
    seen_while_running: list[str] = []

    def look(line: str) -> None:
        if line.endswith(": imported") or "FAILED" in line:
            seen_while_running.append(_text(_progress(client, world_a, run, seen="queued-0-0-0")))

    done = importrun_execute(run=run, progress=look)
    assert done.status == RunStatus.PARTIAL and done.meetings_found == 5 and done.meetings_done == 5
    second = seen_while_running[1]
    assert 'hx-trigger="every 2s"' in second and 'data-announce="Import: Running"' in second
    assert "1 of 5 read" in second and "Records so far" in second
    assert any(
        "failed" in fragment and "HTTP 500 from GetMeeting" in fragment for fragment in seen_while_running
    )
    finished = _text(_progress(client, world_a, run, seen="running-5-4-1"))
    assert "hx-trigger" not in finished and 'data-announce="Import: Some meetings failed"' in finished
    assert "5 of 5 read, 1 failed" in finished
    assert reverse(
        "imports:source-detail", kwargs={"slug": world_a.partnership.slug, "pk": run.source_id}
    ) in (finished)
    assert 'id="run-cancel" hx-swap-oob="true"' in finished  # the cancel button goes with the run
    assert _progress(client, world_a, run, seen=done.progress_key).status_code == 204


def test_a_finished_run_that_sent_minutes_links_to_the_review_queue(
    moderngov: FakeModernGov, world_a: World, secretary: Any, client_for: Any
) -> None:
    run = importrun_create(actor=secretary, source=_source(moderngov, world_a, secretary))
    done = importrun_execute(run=run)
    assert done.submitted_for_review > 0
    review_queue = reverse("intake:review-list", kwargs={"slug": world_a.partnership.slug})
    assert review_queue in _text(_progress(client_for(Role.SECRETARY), world_a, run))
    for role in (Role.MEMBER, Role.VIEWER):  # imports are the admins' and the secretaries'
        assert _progress(client_for(role), world_a, run).status_code == 404


def test_the_run_page_holds_the_progress_and_the_live_region(
    moderngov: FakeModernGov, world_a: World, secretary: Any, client_for: Any
) -> None:
    run = importrun_create(actor=secretary, source=_source(moderngov, world_a, secretary))
    url = reverse("imports:run-detail", kwargs={"slug": world_a.partnership.slug, "pk": run.pk})
    page = _text(client_for(Role.SECRETARY).get(url))
    assert 'aria-live="polite"' in page and 'id="run-progress"' in page and 'id="run-cancel"' in page
    assert 'hx-trigger="every 2s"' in page and "data-announce=" not in page


def test_another_partnerships_run_is_not_found(
    moderngov: FakeModernGov, world_a: World, world_b: World, secretary: Any, client_for: Any
) -> None:
    run = importrun_create(actor=secretary, source=_source(moderngov, world_a, secretary))
    outsider = client_for("outsider")
    assert _progress(outsider, world_b, run).status_code == 404
    assert _progress(outsider, world_a, run).status_code == 404
    # htmx asks for it: sign-in is the whole page's redirect (HX-Redirect), not a fragment swapped in.
    anonymous = _progress(client_for("anonymous"), world_a, run)
    assert anonymous.status_code == 200 and anonymous.headers["HX-Redirect"].startswith(reverse("login"))
    assert "run-progress" not in _text(anonymous)


def test_a_post_to_the_progress_is_refused_and_changes_nothing(
    moderngov: FakeModernGov, world_a: World, secretary: Any, client_for: Any
) -> None:
    run = importrun_create(actor=secretary, source=_source(moderngov, world_a, secretary))
    url = reverse("imports:run-progress", kwargs={"slug": world_a.partnership.slug, "pk": run.pk})
    assert client_for(Role.ADMIN).post(url, {"status": "cancelled"}).status_code == 405
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
