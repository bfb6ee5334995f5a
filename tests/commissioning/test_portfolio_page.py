"""The portfolio page: its arithmetic, sorting and filtering (bad input shows the default, never a 500),
the CSV of exactly the rows shown, a query count that does not grow with the portfolio, and the stalled
finding."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commissioning import kit_portfolio as kit
from factories import World, make_body
from traction.commissioning.findings import partnership_findings
from traction.commissioning.models import CommissioningSettings, Phase
from traction.commissioning.selectors.portfolio import portfolio_for
from traction_analysis.signals import DISPLACEMENT

TODAY = timezone.localdate()  # the pages count from today, so the scene does too
DAY = datetime.timedelta(days=1)


def _rows(user: Any, world: World, **kw: Any) -> dict[str, Any]:
    found = portfolio_for(user=user, partnership=world.partnership, today=TODAY, **kw)
    return {row.title: row for row in found.rows}


@pytest.fixture
def scene(world_a: World) -> World:
    p = world_a.partnership
    a = kit.make_strategy(
        p, lead_body=world_a.body, title="Alpha", phase=Phase.DO, phase_since=TODAY - 40 * DAY
    )
    kit.make_gate(a, scheduled_for=TODAY - 3 * DAY)  # overdue
    kit.make_gate(a, scheduled_for=TODAY - 1 * DAY)  # overdue
    kit.make_gate(a, scheduled_for=TODAY)  # due today: not overdue
    kit.make_gate(a, scheduled_for=TODAY + 30 * DAY)
    decided = kit.decide_gate(a, TODAY - 100 * DAY, confidence=3)
    kit.add_condition(decided)
    kit.add_condition(decided, status="done")
    kit.add_condition(decided, status="dropped")
    later = kit.decide_gate(a, TODAY - 50 * DAY, confidence=4)
    kit.add_condition(later)
    b = kit.make_strategy(
        p,
        lead_body=world_a.sub_body,
        title="Beta",
        phase_since=TODAY - 400 * DAY,
        next_gate_on=TODAY + 9 * DAY,
    )
    kit.decide_gate(b, TODAY - 200 * DAY, confidence=2)
    return world_a


def test_each_figure_of_a_row(scene: World, viewer: Any) -> None:
    alpha = _rows(viewer, scene)["Alpha"]
    assert alpha.days_in_phase == 40
    assert alpha.next_gate == TODAY - 3 * DAY  # the earliest pending gate, overdue or not
    assert alpha.overdue == 2
    assert alpha.open_conditions == 2
    assert alpha.confidence == "3 → 4"
    assert alpha.confidence_words == "Amber/green"
    assert alpha.stalled is False


def test_a_strategy_without_pending_gates_shows_its_next_gate_date(scene: World, viewer: Any) -> None:
    beta = _rows(viewer, scene)["Beta"]
    assert (beta.next_gate, beta.overdue, beta.open_conditions, beta.days_in_phase) == (
        TODAY + 9 * DAY,
        0,
        0,
        400,
    )


def test_stalled_follows_the_threshold(scene: World, viewer: Any) -> None:
    settings = CommissioningSettings.objects.get_or_create(partnership=scene.partnership)[0]
    assert _rows(viewer, scene)["Beta"].stalled is True  # 200 days since its gate, threshold 180
    settings.stall_days = 200
    settings.save()
    assert _rows(viewer, scene)["Beta"].stalled is False  # exactly the threshold: not yet
    settings.stall_days = 199
    settings.save()
    assert _rows(viewer, scene)["Beta"].stalled is True


def test_a_strategy_never_gated_stalls_from_the_day_its_phase_began(world_a: World, viewer: Any) -> None:
    kit.make_strategy(world_a.partnership, title="New", phase_since=TODAY - 10 * DAY)
    kit.make_strategy(world_a.partnership, title="Old", phase_since=TODAY - 181 * DAY)
    rows = _rows(viewer, world_a)
    assert (rows["New"].stalled, rows["Old"].stalled) == (False, True)


def test_filters(scene: World, viewer: Any) -> None:
    assert list(_rows(viewer, scene, phase=Phase.DO)) == ["Alpha"]
    assert list(_rows(viewer, scene, lead_body=scene.sub_body.pk)) == ["Beta"]
    assert list(_rows(viewer, scene, stalled_only=True)) == ["Beta"]


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("title", ["Alpha", "Beta"]),
        ("-title", ["Beta", "Alpha"]),
        ("days", ["Alpha", "Beta"]),
        ("-days", ["Beta", "Alpha"]),
        ("overdue", ["Beta", "Alpha"]),
        ("-conditions", ["Alpha", "Beta"]),
        ("confidence", ["Beta", "Alpha"]),
        ("-stalled", ["Beta", "Alpha"]),
        ("phase", ["Beta", "Alpha"]),
        ("nonsense", ["Alpha", "Beta"]),
    ],
)
def test_sorting(scene: World, viewer: Any, sort: str, order: list[str]) -> None:
    assert list(_rows(viewer, scene, sort=sort)) == order


def _url(world: World, name: str = "portfolio") -> str:
    return reverse(f"commissioning:{name}", kwargs={"slug": world.partnership.slug})


@pytest.mark.parametrize(
    "query",
    [
        "?sort=drop table",
        "?sort=-",
        "?sort=--title",
        "?phase=nowhere&lead_body=99999999999999999999999999&stalled=maybe",
        "?lead_body=abc&sort=__class__",
        "?phase=%00",
    ],
)
def test_bad_parameters_show_the_page_with_the_default(scene: World, client_for: Any, query: str) -> None:
    client = client_for("viewer")
    response = client.get(_url(scene) + query)
    assert response.status_code == 200
    assert response.context["portfolio"].sort in {"title", "-title"} or query.startswith("?lead")
    assert client.get(_url(scene, "portfolio-download") + query).status_code == 200


def test_the_csv_has_exactly_the_rows_shown(scene: World, client_for: Any) -> None:
    client = client_for("viewer")
    query = "?sort=-days&phase=&stalled="
    page = client.get(_url(scene) + query).context["portfolio"].rows
    download = client.get(_url(scene, "portfolio-download") + query)
    assert download["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert [r[0] for r in rows[1:]] == [row.title for row in page]
    assert [int(r[4]) for r in rows[1:]] == [row.days_in_phase for row in page]
    filtered = client.get(_url(scene, "portfolio-download") + "?stalled=on").content.decode()
    assert [r[0] for r in list(csv.reader(io.StringIO(filtered)))[1:]] == ["Beta"]


def test_a_formula_in_a_title_is_not_run_by_a_spreadsheet(world_a: World, client_for: Any) -> None:
    kit.make_strategy(world_a.partnership, title="=HYPERLINK(1)")
    body = client_for("viewer").get(_url(world_a, "portfolio-download")).content.decode()
    assert "'=HYPERLINK(1)" in body


def _grow(world: World, n: int) -> None:
    body = make_body(world.partnership)
    for i in range(n):
        s = kit.make_strategy(world.partnership, lead_body=body, title=f"Grown {n}-{i}", phase_since=TODAY)
        kit.make_gate(s, scheduled_for=TODAY - DAY)
        kit.add_condition(kit.decide_gate(s, TODAY - 300 * DAY, confidence=3))


def test_the_page_takes_the_same_queries_however_many_strategies(world_a: World, client_for: Any) -> None:
    client = client_for("viewer")
    counts = []
    for n in (1, 12):
        _grow(world_a, n)
        client.get(_url(world_a))  # the settings row is made on the first read
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(world_a) + "?sort=-days").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_finding_names_stalled_strategies_and_links_to_them(scene: World, viewer: Any) -> None:
    [finding] = partnership_findings(user=viewer, partnership=scene.partnership, today=TODAY)
    assert finding.family is DISPLACEMENT
    assert "Beta" in finding.text and "Alpha" not in finding.text
    assert finding.url.endswith("/commissioning/portfolio/?stalled=on")


def test_no_finding_below_the_threshold(scene: World, viewer: Any) -> None:
    CommissioningSettings.objects.update_or_create(
        partnership=scene.partnership, defaults={"stall_days": 365}
    )
    assert partnership_findings(user=viewer, partnership=scene.partnership, today=TODAY) == []


def test_the_finding_reaches_the_diagnosis_overview(scene: World, client_for: Any) -> None:
    response = client_for("viewer").get(
        reverse("diagnosis:overview", kwargs={"slug": scene.partnership.slug})
    )
    assert "commissioning strateg" in response.content.decode()
