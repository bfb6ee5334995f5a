"""Partnership health as findings: a closed health check or pulse whose concerns were answered only with
reasons, or whose follow-up actions are past due and open, raises a displacement-of-responsibility finding
that the diagnosis overview finds through the app registry, with a link to the run or wave once its page
exists."""

from __future__ import annotations

import datetime
from types import ModuleType
from typing import Any
from unittest import mock

import pytest
from django.http import Http404
from django.test import override_settings
from django.urls import reverse

from direction.kit_vocab import follow_up, follow_up_action, make_run, make_wave
from factories import World
from traction.core.models import Partnership, Role
from traction.diagnosis import views as diagnosis_views
from traction.diagnosis.partnership import findings_hooks, partnership_findings_for
from traction.direction import findings
from traction.direction.models import PulseFollowUp, PulseWave, RunStatus, WaveStatus
from traction_analysis.signals import DISPLACEMENT

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 18)
PAST = TODAY - datetime.timedelta(days=10)
LATER = TODAY + datetime.timedelta(days=10)
REASONS = "concerns were each answered with a reason for no action"
LATE = "are past their due date"


def found(partnership: Partnership, user: Any) -> list[Any]:
    return findings.partnership_findings(user=user, partnership=partnership, today=TODAY)


@pytest.mark.parametrize("make", [make_run, make_wave])
def test_a_closed_round_followed_up_only_with_reasons_raises_a_displacement_finding(
    partnership_a: Partnership, users: dict[str, Any], make: Any
) -> None:
    record = make(partnership_a)
    follow_up(record)
    follow_up(record, action=follow_up_action(partnership_a, due=LATER, status="dropped"))
    [finding] = found(partnership_a, users[Role.VIEWER])
    assert finding.family is DISPLACEMENT and REASONS in finding.headline
    assert f"“{record.title}” closed with 2 " in finding.text and record.title in finding.record


@pytest.mark.parametrize("make", [make_run, make_wave])
def test_a_follow_up_action_past_due_and_open_raises_one(
    partnership_a: Partnership, users: dict[str, Any], make: Any
) -> None:
    record = make(partnership_a)
    follow_up(record, action=follow_up_action(partnership_a, due=PAST))
    follow_up(record, action=follow_up_action(partnership_a, due=PAST, status="done"))
    follow_up(record)
    [finding] = found(partnership_a, users[Role.MEMBER])
    assert LATE in finding.headline and finding.text.startswith("1 of 2 actions agreed")


@pytest.mark.parametrize("make", [make_run, make_wave])
def test_no_finding_when_the_follow_up_actions_are_done_or_not_yet_due(
    partnership_a: Partnership, users: dict[str, Any], make: Any
) -> None:
    record = make(partnership_a)
    follow_up(record, action=follow_up_action(partnership_a, due=PAST, status="done"))
    follow_up(record, action=follow_up_action(partnership_a, due=TODAY))  # due today: not late yet
    follow_up(record, action=follow_up_action(partnership_a, due=None))
    follow_up(record)  # a reason beside actions that carry the rest
    assert found(partnership_a, users[Role.SECRETARY]) == []


def test_only_closed_runs_and_closed_or_published_waves_count(
    partnership_a: Partnership, users: dict[str, Any]
) -> None:
    for record in (
        make_run(partnership_a, status=RunStatus.OPEN),
        make_wave(partnership_a, status=WaveStatus.OPEN),
        make_run(partnership_a, title="Closed run"),
        make_wave(partnership_a, title="Closed wave", status=WaveStatus.CLOSED),
        make_run(partnership_a, title="Nothing recorded"),  # no follow-up at all: nothing to judge
    ):
        if "Nothing" not in record.title:
            follow_up(record)
    titles = [f.record for f in found(partnership_a, users[Role.ADMIN])]
    assert titles == ["the health check “Closed run”", "the trust pulse “Closed wave”"]


def test_another_partnerships_rounds_are_not_among_the_findings(
    partnership_a: Partnership, partnership_b: Partnership, users: dict[str, Any], outsider: Any
) -> None:
    follow_up(make_run(partnership_b, title="Southshire run"))
    assert found(partnership_a, users[Role.ADMIN]) == []
    assert len(found(partnership_b, outsider)) == 1
    with pytest.raises(Http404):
        partnership_findings_for(user=outsider, partnership=partnership_a, today=TODAY)


# --- the hook and the link ------------------------------------------------------------------------------


def test_the_diagnosis_finds_the_directions_findings_through_the_app_registry(
    partnership_a: Partnership, users: dict[str, Any]
) -> None:
    assert findings in findings_hooks()
    follow_up(make_wave(partnership_a))
    [finding] = partnership_findings_for(user=users[Role.VIEWER], partnership=partnership_a, today=TODAY)
    assert finding.family is DISPLACEMENT


def test_the_finding_links_to_the_run_or_wave_page(partnership_a: Partnership, users: dict[str, Any]) -> None:
    run, wave = make_run(partnership_a), make_wave(partnership_a)
    follow_up(run)
    follow_up(wave)
    slug = partnership_a.slug
    expected = [
        reverse("direction:healthrun-detail", kwargs={"slug": slug, "pk": run.pk}),
        reverse("direction:pulse-detail", kwargs={"slug": slug, "pk": wave.pk}),
    ]
    assert [f.url for f in found(partnership_a, users[Role.VIEWER])] == expected


WITHOUT_PAGES = ModuleType("without_pages")
WITHOUT_PAGES.urlpatterns = []  # type: ignore[attr-defined]


def test_the_finding_links_to_nothing_where_the_page_does_not_exist(
    partnership_a: Partnership, users: dict[str, Any]
) -> None:
    follow_up(make_run(partnership_a))
    with override_settings(ROOT_URLCONF=WITHOUT_PAGES):
        assert [f.url for f in found(partnership_a, users[Role.VIEWER])] == [""]


def test_a_wave_left_closed_with_a_flagged_item_and_no_follow_up_is_a_finding_after_the_grace(
    partnership_a: Partnership, users: dict[str, Any]
) -> None:
    from direction import kit_pulse

    wave = kit_pulse.make_wave(partnership_a, WaveStatus.CLOSED, k=3, title="Spring pulse")
    kit_pulse.low_answers(wave, 3)
    closed = datetime.datetime.combine(TODAY - findings.GRACE, datetime.time(12), tzinfo=datetime.UTC)
    PulseWave.objects.filter(pk=wave.pk).update(closed_at=closed)
    viewer = users[Role.VIEWER]
    assert found(partnership_a, viewer) == []  # still within the time allowed
    PulseWave.objects.filter(pk=wave.pk).update(closed_at=closed - datetime.timedelta(days=1))
    [finding] = found(partnership_a, viewer)
    assert finding.family is DISPLACEMENT and "no follow-up recorded" in finding.text
    assert "1 item low or contested" in finding.text
    PulseFollowUp.objects.create(
        partnership=partnership_a, wave=wave, item="reliability", reason="A one-off after the restructure."
    )
    [finding] = found(partnership_a, viewer)  # now a reason only: the reasons-only finding instead
    assert "reason for no action" in finding.headline


def test_the_overview_shows_the_partnership_findings_with_their_family(
    client_for: Any, world_a: World
) -> None:
    follow_up(make_run(world_a.partnership, title="Spring health check"))
    overview = reverse("diagnosis:overview", kwargs={"slug": world_a.partnership.slug})
    with mock.patch.object(diagnosis_views.DiagnosisView, "today", lambda self: TODAY):
        html = client_for(Role.VIEWER).get(overview).content.decode()
    assert '<h2 id="partnership-findings">Findings about the partnership</h2>' in html
    assert "Family: displacement of responsibility." in html and "“Spring health check”" in html
