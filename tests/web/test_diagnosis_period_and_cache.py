"""What a diagnosis page shows before the reader chooses anything, how it names topics, the board report's
footer, and the cache under the record's version: a change to the record shows on the next request."""

from __future__ import annotations

import datetime
import html
import re
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.urls import reverse

from factories import World, make_body, make_item, make_meeting
from traction.core.models import Partnership
from traction.core.services import record_update
from traction.diagnosis import views as diagnosis_views
from traction.governance.models import AgendaItem, Body

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.date(2025, 7, 15)  # the last full quarter is April to June 2025


@pytest.fixture(autouse=True)
def _today() -> Any:
    with mock.patch.object(diagnosis_views.DiagnosisView, "today", lambda self: TODAY):
        yield


def page(client: Any, partnership: Partnership, name: str, pk: int | None = None, query: str = "") -> str:
    kwargs: dict[str, Any] = {"slug": partnership.slug, **({"pk": pk} if pk is not None else {})}
    response = client.get(reverse(f"diagnosis:{name}", kwargs=kwargs) + query)
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def meetings(partnership: Partnership, body: Body, *days: tuple[int, int, int], items: int) -> None:
    """Held meetings on ``days``, each with ``items`` substantive items, the first of them decided."""
    for year, month, day in days:
        meeting = make_meeting(
            partnership,
            body=body,
            status="held",
            start=datetime.datetime(year, month, day, 10, tzinfo=LONDON),
        )
        for n in range(items):
            make_item(partnership, meeting=meeting, outcome="decided" if n == 0 else "noted")


# --- the default period ------------------------------------------------------------------------------------


def test_with_no_period_asked_for_the_profile_shows_the_latest_quarter_with_enough_minutes(
    secretary_client: Any, world_a: World
) -> None:
    p = world_a.partnership
    body = make_body(p, name="Quarterly Board")
    meetings(p, body, (2025, 1, 10), (2025, 2, 10), (2025, 3, 10), items=4)  # enough: 3 meetings, 12 items
    meetings(p, body, (2025, 5, 10), items=4)  # April to June: one meeting only
    shown = page(secretary_client, p, "body-profile", body.pk)
    assert "Showing Jan–Mar 2025, the latest quarter with enough minutes" in shown
    assert "at least 3 held meetings and 10 substantive items at this body" in shown
    assert "Jan–Mar 2025, as the record stood on 15 July 2025." in shown
    assert "25%" in shown  # 3 of 12 decided, in January to March
    # The form shows the period the page chose: a quarter, from its first day.
    assert re.search(r'<input type="radio" name="period" value="quarter"[^>]*checked', shown)
    assert re.search(r'<input type="date" name="from" value="2025-01-01"', shown)

    asked = page(secretary_client, p, "body-profile", body.pk, "?period=quarter&from=2025-04-01")
    assert "Apr–Jun 2025, as the record stood on 15 July 2025." in asked
    assert 'id="period-note"' not in asked


def test_a_body_that_never_has_enough_in_a_quarter_is_shown_its_latest_year(
    secretary_client: Any, world_a: World
) -> None:
    p = world_a.partnership
    body = make_body(p, name="Bimonthly Board")
    meetings(p, body, (2024, 2, 1), (2024, 4, 1), (2024, 6, 1), (2024, 8, 1), items=3)
    shown = page(secretary_client, p, "body-profile", body.pk)
    assert "Showing 2024, the latest year with enough minutes" in shown
    assert "2024, as the record stood on 15 July 2025." in shown


def test_with_too_little_anywhere_the_last_full_quarter_is_shown_and_the_page_says_why(
    secretary_client: Any, world_a: World
) -> None:
    p = world_a.partnership
    for name, pk in (("overview", None), ("body-profile", world_a.body.pk)):
        shown = page(secretary_client, p, name, pk)
        assert "No quarter or year yet has enough minutes" in shown
        assert "so this is the last full quarter, Apr–Jun 2025" in shown


def test_the_overview_shows_the_latest_quarter_with_enough_minutes_at_any_body(
    secretary_client: Any, world_a: World
) -> None:
    p = world_a.partnership
    meetings(p, make_body(p, name="Early Board"), (2024, 10, 1), (2024, 11, 1), (2024, 12, 1), items=4)
    meetings(p, make_body(p, name="Later Board"), (2025, 1, 10), (2025, 2, 10), (2025, 3, 10), items=4)
    shown = page(secretary_client, p, "overview")
    assert "Showing Jan–Mar 2025, the latest quarter with enough minutes" in shown
    assert "at one body" in shown
    explicit = page(secretary_client, p, "overview", query="?period=quarter&from=2024-10-01")
    assert "Every body side by side, Oct–Dec 2024" in explicit


# --- topics by their titles -----------------------------------------------------------------------------


def test_findings_and_evidence_name_a_topic_by_its_title_not_its_key(
    secretary_client: Any, world_a: World
) -> None:
    p = world_a.partnership
    body = make_body(p, name="Care Board")
    for month in (4, 5, 6):
        meeting = make_meeting(
            p, body=body, status="held", start=datetime.datetime(2025, month, 3, 10, tzinfo=LONDON)
        )
        make_item(p, meeting=meeting, topic="asc-charging-policy", title="Charging policy", outcome="noted")
        for n in range(3):
            make_item(p, meeting=meeting, topic=f"other-{month}-{n}", outcome="decided")
    make_item(
        p,
        topic="asc-charging-policy",
        title="Adult social care charging policy",
        outcome="noted",
        meeting=make_meeting(
            p, body=body, status="held", start=datetime.datetime(2025, 6, 20, 10, tzinfo=LONDON)
        ),
    )
    shown = page(secretary_client, p, "body-profile", body.pk, "?period=quarter&from=2025-04-01")
    findings = shown.split('id="findings"', 1)[1].split('id="trend"', 1)[0]
    assert "“Adult social care charging policy”" in findings  # the latest item's title
    assert "asc-charging-policy" not in findings
    evidence = page(
        secretary_client, p, "evidence", body.pk, "?period=quarter&from=2025-04-01&signal=recurring_topics"
    )
    assert '<li data-topic="asc-charging-policy">Adult social care charging policy</li>' in evidence


# --- the board report's footer --------------------------------------------------------------------------


def test_the_board_report_ends_with_a_footer_for_readers_and_no_repository_path(
    secretary_client: Any, world_a: World
) -> None:
    p = world_a.partnership
    report = page(secretary_client, p, "body-report", world_a.body.pk, "?period=quarter&from=2025-04-01")
    footer = report.split('class="board-report__footer"', 1)[1].split("</footer>", 1)[0]
    assert f"{p.name}: {world_a.body.name}, Apr–Jun 2025." in footer
    assert "Made with Traction on 15 July 2025" in footer
    assert "How to read the figures" in footer
    assert "docs/" not in report and ".md" not in report


# --- the cache ------------------------------------------------------------------------------------------


QUARTER = "?period=quarter&from=2025-04-01"


def committed() -> None:
    """What the test (and its fixtures) wrote so far, as though committed: a test's transaction never commits,
    so the record version's commit callbacks are run here."""
    for _savepoints, callback, *_ in transaction.get_connection().run_on_commit:
        if getattr(callback, "done", True) is False:
            callback()


@pytest.fixture
def real_cache(settings: Any) -> Any:
    """The in-memory cache the site runs with by default (the rest of the suite runs without one)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def test_a_cached_profile_changes_as_soon_as_the_record_changes(
    secretary_client: Any,
    world_a: World,
    users: dict[str, Any],
    django_assert_max_num_queries: Any,
    django_capture_on_commit_callbacks: Any,
    real_cache: Any,
) -> None:
    p = world_a.partnership
    body = make_body(p, name="Cached Board")
    meetings(p, body, (2025, 4, 10), (2025, 5, 10), (2025, 6, 10), items=4)  # 3 of 12 decided: 25%
    committed()
    first = page(secretary_client, p, "body-profile", body.pk, QUARTER).split("<h1", 1)[1]
    assert "25%" in first
    with django_assert_max_num_queries(12):  # served from the cache: no signal is computed again
        assert page(secretary_client, p, "body-profile", body.pk, QUARTER).split("<h1", 1)[1] == first

    noted = AgendaItem.objects.filter(meeting__body=body, outcome="noted").order_by("pk")
    with django_capture_on_commit_callbacks(execute=False) as uncommitted:
        record_update(actor=users["secretary"], instance=noted[0], data={"outcome": "decided"})  # 4 of 12
    assert len(uncommitted) == 1  # one new version for the transaction, however many rows it wrote
    # Until the change commits, the page (and the version it is kept under) is the committed one.
    assert "25%" in page(secretary_client, p, "body-profile", body.pk, QUARTER)
    uncommitted[0]()
    assert "33%" in page(secretary_client, p, "body-profile", body.pk, QUARTER)

    with django_capture_on_commit_callbacks(execute=True):
        make_item(p, meeting=noted[1].meeting, outcome="decided")  # written without a service: 5 of 13
    assert "38%" in page(secretary_client, p, "body-profile", body.pk, QUARTER)


def test_a_cached_overview_changes_when_a_body_is_renamed(
    secretary_client: Any,
    world_a: World,
    users: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
    real_cache: Any,
) -> None:
    p = world_a.partnership
    body = make_body(p, name="Old Name Board")
    meetings(p, body, (2025, 4, 10), items=2)
    committed()
    assert "Old Name Board" in page(secretary_client, p, "overview", query=QUARTER)
    with django_capture_on_commit_callbacks(execute=True):
        record_update(actor=users["secretary"], instance=body, data={"name": "New Name Board"})
    shown = page(secretary_client, p, "overview", query=QUARTER)
    assert "New Name Board" in shown and "Old Name Board" not in shown
