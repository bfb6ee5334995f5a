"""The demo trust pulses: three waves in Riverside, trust rising, the first two published with their
follow-ups and released comments, the third closed for the facilitator to publish; a member sees the trend
of the published two."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from traction.direction.models import PulseParticipation, PulseWave, WaveStatus
from traction.direction.selectors.pulse import wave_results
from traction.governance.demo import load_demo

TODAY = datetime.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_the_demo_has_three_waves_with_a_rising_trend() -> None:
    load_demo(today=TODAY)
    waves = list(PulseWave.objects.filter(partnership__slug="riverside").order_by("pk"))
    assert [w.status for w in waves] == [WaveStatus.PUBLISHED, WaveStatus.PUBLISHED, WaveStatus.CLOSED]
    assert all(7 <= w.responses.count() <= 12 for w in waves)
    assert not PulseParticipation.objects.filter(wave__in=waves).exists()
    results = [wave_results(w) for w in waves]
    assert all(r.responses is not None for r in results)
    overall = [next(i.median for i in r.items if i.item.key == "overall") for r in results]
    assert overall == sorted(overall) and overall[0] < overall[-1]
    assert [r.breakdown is not None for r in results] == [False, True, False]
    assert results[0].comments and results[1].comments and not results[2].comments
    for wave, found in zip(waves, results, strict=True):
        assert set(found.flagged) <= set(wave.follow_ups.values_list("item", flat=True)) or (
            wave.status == WaveStatus.CLOSED
        )
    assert waves[0].follow_ups.filter(action__isnull=False).exists()

    slug = {"slug": "riverside"}
    listing = _client("member").get(reverse("direction:pulse-list", kwargs=slug)).content.decode()
    assert "Trend across pulses" in listing and "pulse-trend-score" in listing
    closed = reverse("direction:pulse-results", kwargs={**slug, "pk": waves[2].pk})
    assert "not published yet" in _client("member").get(closed).content.decode()
    assert "people answered" in _client("facilitator").get(closed).content.decode()


def test_reloading_the_demo_replaces_the_waves() -> None:
    load_demo(today=TODAY)
    load_demo(reset=True, today=TODAY)
    assert PulseWave.objects.filter(partnership__slug="riverside").count() == 3
