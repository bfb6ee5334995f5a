"""The import pages against the fake ModernGov site: add a site, choose committees live, run, read the run."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape
from fakeserver import FakeModernGov

from factories import World
from traction.governance.models import Meeting
from traction.imports.models import ImportRun, ImportSource, RunStatus
from traction_analysis.moderngov import BadSiteAddress


@pytest.fixture
def immediate_tasks(settings: Any) -> None:
    """Run queued tasks at once, inside the request, so a test sees the finished run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def url(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"imports:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def add_site(client: Any, world: World, site: str) -> ImportSource:
    response = client.post(url("source-create", world), {"site": site})
    source = ImportSource.objects.get(partnership=world.partnership)
    assert response.status_code == 302 and response["Location"] == url(
        "source-committees", world, pk=source.pk
    )
    return source


def test_a_bad_address_is_refused_with_a_message(client_for: Any, world_a: World) -> None:
    client = client_for("admin")
    response = client.post(url("source-create", world_a), {"site": "ftp://democracy.example.gov.uk"})
    assert response.status_code == 200 and escape(BadSiteAddress.message) in response.content.decode()
    assert not ImportSource.objects.exists()


def test_the_site_is_kept_as_scheme_and_host_once(client_for: Any, world_a: World) -> None:
    client = client_for("admin")
    source = add_site(client, world_a, "https://democracy.example.gov.uk/mgCommitteeDetails.aspx?ID=1")
    assert source.site == "https://democracy.example.gov.uk"
    again = client.post(url("source-create", world_a), {"site": "democracy.example.gov.uk"})
    assert "already imports from that site" in again.content.decode()


def test_committees_are_listed_live_and_saved(
    client_for: Any, world_a: World, moderngov: FakeModernGov
) -> None:
    client = client_for("secretary")
    source = add_site(client, world_a, moderngov.url)
    page = client.get(url("source-committees", world_a, pk=source.pk)).content.decode()
    assert "Health and Wellbeing Board" in page and "Adults &amp; Health Scrutiny Committee" in page
    assert "Schools Forum (no longer meets)" in page and "Licensing Sub-Committee" not in page  # deleted
    response = client.post(
        url("source-committees", world_a, pk=source.pk),
        {"committees": ["101|Health and Wellbeing Board"], "since": "2023-01-01", "until": "2023-12-31"},
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.committees == [{"id": "101", "title": "Health and Wellbeing Board"}]
    assert str(source.since) == "2023-01-01"


def test_no_committee_ticked_is_an_error(client_for: Any, world_a: World, moderngov: FakeModernGov) -> None:
    client = client_for("secretary")
    source = add_site(client, world_a, moderngov.url)
    response = client.post(url("source-committees", world_a, pk=source.pk), {"since": "2023-01-01"})
    assert response.status_code == 200 and "Choose at least one committee." in response.content.decode()


@pytest.mark.parametrize("switch", ["refuse", "turned_off", "redirect_to"])
def test_a_site_that_cannot_be_read_is_a_message(
    client_for: Any, world_a: World, moderngov: FakeModernGov, switch: str
) -> None:
    setattr(moderngov.switches, switch, "http://elsewhere.invalid/" if switch == "redirect_to" else True)
    client = client_for("secretary")
    source = add_site(client, world_a, moderngov.url)
    response = client.get(url("source-committees", world_a, pk=source.pk))
    body = response.content.decode()
    assert response.status_code == 200 and "could not be listed" in body and 'role="alert"' in body


def test_an_unreachable_site_is_a_message(client_for: Any, world_a: World) -> None:
    client = client_for("secretary")
    source = add_site(client, world_a, "http://127.0.0.1:9")
    body = client.get(url("source-committees", world_a, pk=source.pk)).content.decode()
    assert "could not be reached" in body


def test_running_from_the_web(
    client_for: Any, world_a: World, moderngov: FakeModernGov, immediate_tasks: None
) -> None:
    moderngov.switches.errors["GetMeeting:2003"] = [500] * 10
    client = client_for("secretary")
    source = add_site(client, world_a, moderngov.url)
    client.post(
        url("source-committees", world_a, pk=source.pk),
        {"committees": ["101|Health and Wellbeing Board"], "since": "2023-01-01", "until": "2023-12-31"},
    )
    response = client.post(url("run-create", world_a, pk=source.pk), {"since": ""})
    run = ImportRun.objects.get(source=source)
    assert response.status_code == 302 and response["Location"] == url("run-detail", world_a, pk=run.pk)
    assert run.status == RunStatus.PARTIAL
    assert (
        Meeting.objects.filter(
            partnership=world_a.partnership, body__name="Health and Wellbeing Board", start__year=2023
        ).count()
        == 4
    )
    page = client.get(response["Location"]).content.decode()
    assert "Some meetings failed" in page and "HTTP 500 from GetMeeting" in page and "2023-05-18" in page
    listing = client.get(url("source-list", world_a)).content.decode()
    assert "Some meetings failed" in listing and "Health and Wellbeing Board" in listing


def test_a_run_is_queued_for_the_worker(client_for: Any, world_a: World, moderngov: FakeModernGov) -> None:
    from django_tasks_db.models import DBTaskResult

    client = client_for("admin")
    source = add_site(client, world_a, moderngov.url)
    client.post(
        url("source-committees", world_a, pk=source.pk),
        {"committees": ["102|Audit Committee"], "since": "2023-01-01", "until": ""},
    )
    client.post(url("run-create", world_a, pk=source.pk), {})
    run = ImportRun.objects.get(source=source)
    assert run.status == RunStatus.QUEUED and not moderngov.requests()
    assert DBTaskResult.objects.filter(args_kwargs__args=[run.pk]).exists()
    assert (
        "Waiting for the background worker"
        in client.get(url("run-detail", world_a, pk=run.pk)).content.decode()
    )
