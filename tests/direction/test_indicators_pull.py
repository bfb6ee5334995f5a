"""Pulling from Fingertips, against a fake service on loopback serving recorded answers: values and a raw
snapshot are stored; the same answer again changes nothing; an unreachable service or an answer we cannot
read changes nothing, and the command line exits non-zero with one plain line."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from fake_fingertips import FakeFingertips, closed_api

from dbstate import assert_db_unchanged
from direction import kit_indicators as kit
from factories import World
from traction.cli import main
from traction.core.models import AuditEvent
from traction.direction.models import FingertipsSnapshot, Indicator
from traction.direction.services import indicators as services
from traction_analysis.direction import fingertips

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeFingertips]:
    server = FakeFingertips().start()
    monkeypatch.setattr(fingertips, "API", server.api)
    server.answer(kit.recorded("fingertips_93014.csv"))
    try:
        yield server
    finally:
        server.stop()


def _series(indicator: Indicator, area: str = "") -> list[tuple[str, float | None]]:
    return list(
        indicator.values.filter(area_code=area).order_by("period_order").values_list("period", "value")
    )


def test_a_pull_stores_the_area_and_benchmark_values_and_the_raw_answer(
    fake: FakeFingertips, world_a: World, secretary: Any
) -> None:
    indicator = kit.world_fingertips(world_a)
    stored = services.indicator_pull(actor=secretary, indicator=indicator)
    assert (stored.created, stored.changed) == (14, 0)
    assert _series(indicator)[-1] == ("2021/22", 75.3)
    assert _series(indicator, kit.ENGLAND)[0] == ("2015/16", 66.1)
    snapshot = FingertipsSnapshot.objects.get(indicator=indicator)
    assert snapshot.raw == kit.recorded("fingertips_93014.csv") and snapshot.changed == 14
    assert snapshot.url.endswith("/all_data/csv/by_indicator_id?indicator_ids=93014&child_area_type_id=502")
    assert indicator.values.filter(snapshot=snapshot).count() == 14
    value = indicator.values.get(period="2021/22", area_code="")
    assert value.raw["Area Name"] == "York" and value.count == 128010
    indicator.refresh_from_db()
    assert (indicator.area_name, indicator.benchmark_name) == ("York", "England")
    assert (
        fake.requests[0][0] == "/api/all_data/csv/by_indicator_id?indicator_ids=93014&child_area_type_id=502"
    )
    assert fake.requests[0][1].startswith("Traction/")


def test_the_same_answer_twice_changes_nothing(fake: FakeFingertips, world_a: World, secretary: Any) -> None:
    indicator = kit.world_fingertips(world_a)
    services.indicator_pull(actor=secretary, indicator=indicator)
    with assert_db_unchanged():
        again = services.indicator_pull(actor=secretary, indicator=indicator)
    assert str(again) == "unchanged (14 values)"


def test_a_revised_answer_changes_only_what_changed(
    fake: FakeFingertips, world_a: World, secretary: Any
) -> None:
    indicator = kit.world_fingertips(world_a)
    services.indicator_pull(actor=secretary, indicator=indicator)
    fake.answer(kit.recorded("fingertips_93014_revised.csv"))
    stored = services.indicator_pull(actor=secretary, indicator=indicator)
    assert (stored.created, stored.changed, stored.unchanged) == (2, 1, 13)
    assert _series(indicator)[-2:] == [("2021/22", 75.0), ("2022/23", 76.0)]
    assert FingertipsSnapshot.objects.filter(indicator=indicator).count() == 2


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("", 200),
        (kit.recorded("fingertips_error.html"), 200),
        (kit.recorded("fingertips_wrong_columns.csv"), 200),
        ("Service unavailable", 503),
    ],
)
def test_a_bad_answer_keeps_the_last_good_data(
    fake: FakeFingertips, world_a: World, secretary: Any, body: str, status: int
) -> None:
    indicator = kit.world_fingertips(world_a)
    services.indicator_pull(actor=secretary, indicator=indicator)
    fake.answer(body, status=status)
    values = list(indicator.values.order_by("pk").values())
    snapshots = list(FingertipsSnapshot.objects.order_by("pk").values_list("pk", "sha256"))
    with pytest.raises(services.PullFailed) as caught:
        services.indicator_pull(actor=secretary, indicator=indicator)
    assert "nothing was changed" in str(caught.value) and "\n" not in str(caught.value)
    assert list(indicator.values.order_by("pk").values()) == values
    assert list(FingertipsSnapshot.objects.order_by("pk").values_list("pk", "sha256")) == snapshots
    # The failure itself is on the record, and the indicator's page says so.
    failed = AuditEvent.objects.get(verb=services.PULL_FAILED, object_id=str(indicator.pk))
    assert failed.changes == {"reason": [None, str(caught.value)]} and failed.actor == secretary
    page = secretary_client_for(world_a, secretary).get(
        reverse("direction:indicator-detail", kwargs={"slug": world_a.partnership.slug, "pk": indicator.pk})
    )
    assert "The last pull, on" in page.content.decode() and "failed: " in page.content.decode()


def secretary_client_for(world: World, user: Any) -> Any:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_an_unreachable_service_keeps_the_data_and_the_command_exits_1_with_one_line(
    fake: FakeFingertips, world_a: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    indicator = kit.world_fingertips(world_a)
    argv = ["fingertips", "pull", "--indicator", "93014", "--area-type", "502", "--partnership", "northshire"]
    assert main(argv) == 0
    assert (
        capsys.readouterr().out == f"{indicator.title} (E06000014): 14 values added, 0 changed, 0 unchanged\n"
    )
    monkeypatch.setattr(fingertips, "API", closed_api())
    with assert_db_unchanged():
        assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("traction fingertips pull: Fingertips could not be reached (")
    assert captured.err.endswith("nothing was changed.\n")


def test_the_command_says_unchanged_and_writes_nothing_the_second_time(
    fake: FakeFingertips, world_a: World, capsys: pytest.CaptureFixture[str]
) -> None:
    kit.world_fingertips(world_a)
    kit.fresh_fingertips(world_a, title="Physically active adults, Hartlepool", area_code="E06000001")
    argv = ["fingertips", "pull", "--indicator", "93014", "--area-type", "502", "--partnership", "northshire"]
    assert main(argv) == 0
    assert len(fake.requests) == 1  # one request for both indicators
    capsys.readouterr()
    events = AuditEvent.objects.count()
    with assert_db_unchanged():
        assert main([*argv, "--area", "e06000001"]) == 0
    assert (
        capsys.readouterr().out == "Physically active adults, Hartlepool (E06000001): unchanged (14 values)\n"
    )
    assert AuditEvent.objects.count() == events


def test_the_command_names_what_it_cannot_find(world_a: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["fingertips", "pull", "--indicator", "1", "--area-type", "502", "--partnership", "northshire"])
        == 1
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "has no Fingertips indicator 1 for area type 502" in err
    assert (
        main(["fingertips", "pull", "--indicator", "1", "--area-type", "502", "--partnership", "nowhere"])
        == 1
    )
    assert "no partnership with the slug 'nowhere'" in capsys.readouterr().err


def test_the_page_queues_a_pull_that_runs_in_the_background(
    fake: FakeFingertips, world_a: World, secretary_client: Any, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    indicator = kit.world_fingertips(world_a)
    url = reverse("direction:indicator-pull", kwargs={"slug": world_a.partnership.slug, "pk": indicator.pk})
    response = secretary_client.post(url, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The pull from Fingertips is queued" in page and "14 values added or changed" in page
    assert AuditEvent.objects.filter(verb="Fingertips pull queued", object_id=str(indicator.pk)).exists()
    assert AuditEvent.objects.filter(verb="pulled from Fingertips", actor__username="secretary").exists()


def test_a_local_indicator_cannot_be_pulled(world_a: World, secretary: Any) -> None:
    indicator = kit.world_indicator(world_a)
    with (
        assert_db_unchanged(),
        pytest.raises(services.ValidationError, match="Only an indicator whose source"),
    ):
        services.indicator_pull_queue(actor=secretary, indicator=indicator)
