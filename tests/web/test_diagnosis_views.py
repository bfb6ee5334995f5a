"""The diagnosis pages over HTTP: who may open them, the period in the query string, the overview's sort,
the records behind a figure, findings only from figures with enough data, and charts that a strict CSP
allows. Permissions in general come from the matrix tests that read tests/urlspec.py."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from factories import World, make_action, make_body, make_item, make_meeting, make_member
from traction.core.models import Partnership, Role
from traction.diagnosis import periods
from traction.diagnosis import views as diagnosis_views
from traction.diagnosis.selectors import signals_for_body
from traction.governance.demo import load_demo
from traction.governance.forms import DATE_INVALID, DATE_RANGE
from traction.governance.models import Body
from traction_analysis.diagnosis import charts
from traction_analysis.signals import SIGNAL_NAMES, Period

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.date(2025, 7, 15)  # the last full quarter is April to June 2025
DEMO_TODAY = datetime.date(2026, 3, 18)
ROLES = tuple(Role.values)
CHARTS_CSS = Path(diagnosis_views.__file__).parent / "static" / "diagnosis" / "charts.css"
FEW_DECISIONS = "Few items leave the meeting with a decision"


@pytest.fixture(autouse=True)
def _today() -> Any:
    with mock.patch.object(diagnosis_views.DiagnosisView, "today", lambda self: TODAY):
        yield


def url(partnership: Partnership, name: str, pk: int | None = None, **query: str) -> str:
    kwargs: dict[str, Any] = {"slug": partnership.slug}
    if pk is not None:
        kwargs["pk"] = pk
    path = reverse(f"diagnosis:{name}", kwargs=kwargs)
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def noting_board(partnership: Partnership, name: str, *, items: int, decided: int) -> Body:
    """A body with three held meetings in April to June 2025 and ``items`` substantive items, of which
    ``decided`` were decided and the rest noted."""
    body = make_body(partnership, name=name)
    meetings = [
        make_meeting(
            partnership, body=body, status="held", start=datetime.datetime(2025, month, 10, 10, tzinfo=LONDON)
        )
        for month in (4, 5, 6)
    ]
    for n in range(items):
        make_item(
            partnership,
            meeting=meetings[n % 3],
            topic=f"topic-{n}",
            outcome="decided" if n < decided else "noted",
        )
    return body


# --- who may open the pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_every_role_that_may_view_agenda_items_sees_the_pages(
    client_for: Any, world_a: World, role: str
) -> None:
    client = client_for(role)
    p, body = world_a.partnership, world_a.body.pk
    for path in (
        url(p, "overview"),
        url(p, "body-profile", body),
        url(p, "evidence", body, signal="decision_yield"),
    ):
        response = client.get(path)
        assert response.status_code == 200, (role, path, response.status_code)
        assert world_a.body.name in response.content.decode()


@pytest.mark.parametrize("name", ["body-profile", "evidence"])
def test_another_partnerships_body_is_not_found(
    client_for: Any, world_a: World, world_b: World, name: str
) -> None:
    for role in ROLES:
        response = client_for(role).get(
            url(world_a.partnership, name, world_b.body.pk, signal="decision_yield")
        )
        assert response.status_code == 404
        assert world_b.body.name not in response.content.decode()


@pytest.mark.parametrize("name", ["overview", "body-profile", "evidence"])
def test_a_non_member_finds_nothing(client_for: Any, world_a: World, name: str) -> None:
    pk = None if name == "overview" else world_a.body.pk
    response = client_for("outsider").get(url(world_a.partnership, name, pk, signal="decision_yield"))
    assert response.status_code == 404
    assert world_a.body.name not in response.content.decode()


def test_the_navigation_and_the_body_page_lead_to_the_diagnosis(
    secretary_client: Any, world_a: World
) -> None:
    p = world_a.partnership
    dashboard = secretary_client.get(
        reverse("governance:dashboard", kwargs={"slug": p.slug})
    ).content.decode()
    assert f'<a href="{url(p, "overview")}">Diagnosis</a>' in dashboard
    overview = secretary_client.get(url(p, "overview")).content.decode()
    assert f'<a href="{url(p, "overview")}" aria-current="page">Diagnosis</a>' in overview
    detail = secretary_client.get(
        reverse("governance:body-detail", kwargs={"slug": p.slug, "pk": world_a.body.pk})
    )
    assert url(p, "body-profile", world_a.body.pk) in detail.content.decode()
    profile = secretary_client.get(url(p, "body-profile", world_a.body.pk)).content.decode()
    bodies = reverse("governance:body-list", kwargs={"slug": p.slug})
    assert f'<a href="{bodies}">Bodies</a>' in profile  # a body's profile is Diagnosis, not Bodies
    assert f'<a href="{url(p, "overview")}" aria-current="page">Diagnosis</a>' in profile


# --- the period ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"period": "custom", "from": "2025-02-30", "to": "2025-06-30"}, "from", DATE_INVALID),
        ({"period": "quarter", "from": "yesterday"}, "from", DATE_INVALID),
        ({"period": "custom", "from": "2025-01-01", "to": "31/31/2025"}, "to", DATE_INVALID),
        ({"period": "custom", "from": "2025-01-01", "to": "9" * 40}, "to", DATE_INVALID),
        ({"period": "custom", "from": "2025-01-01"}, "to", periods.PERIOD_DATES),
        ({"period": "custom", "to": "2025-01-01"}, "from", periods.PERIOD_DATES),
        ({"period": "custom", "from": "2025-06-01", "to": "2025-01-01"}, "to", DATE_RANGE),
        ({"period": "year", "from": "0001-01-01"}, "from", periods.DATE_OUT_OF_RANGE),
        ({"period": "custom", "from": "2025-01-01", "to": "9999-12-31"}, "to", periods.DATE_OUT_OF_RANGE),
        ({"period": "fortnight"}, "period", periods.PERIOD_KIND),
    ],
)
@pytest.mark.parametrize("name", ["overview", "body-profile", "evidence"])
def test_a_bad_period_gets_a_clear_message_not_an_error(
    secretary_client: Any, world_a: World, name: str, query: dict[str, str], field: str, message: str
) -> None:
    pk = None if name == "overview" else world_a.body.pk
    response = secretary_client.get(url(world_a.partnership, name, pk, signal="decision_yield"), query)
    assert response.status_code == 400
    assert [str(e) for e in response.context["form"].errors[field]] == [message]
    html = response.content.decode()
    assert "There is a problem" in html and 'class="error-message"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, [Period(datetime.date(2025, 4, 1), datetime.date(2025, 7, 1)), 4]),
        (
            {"period": "quarter", "from": "2025-02-14"},
            [Period(datetime.date(2025, 1, 1), datetime.date(2025, 4, 1)), 4],
        ),
        ({"period": "year"}, [Period(datetime.date(2024, 1, 1), datetime.date(2025, 1, 1)), 3]),
        (
            {"period": "year", "from": "2025-05-05"},
            [Period(datetime.date(2025, 1, 1), datetime.date(2026, 1, 1)), 3],
        ),
        (
            {"period": "custom", "from": "2025-03-01", "to": "2025-03-10"},
            [Period(datetime.date(2025, 3, 1), datetime.date(2025, 3, 11)), 3],
        ),
    ],
)
def test_the_period_and_the_periods_before_it(query: dict[str, str], expected: list[Any]) -> None:
    form, choice = periods.period_choice(query, today=TODAY)
    assert choice is not None, form.errors
    assert (choice.period, len(choice.previous)) == tuple(expected)
    assert choice.previous[-1].end == choice.period.start
    assert choice.previous[-1].end - choice.previous[
        -1
    ].start <= choice.period.end - choice.period.start + datetime.timedelta(days=3)


# --- the overview and its sort -------------------------------------------------------------------------


@pytest.fixture
def three_bodies(partnership_a: Partnership) -> dict[str, Body]:
    return {
        "high": noting_board(partnership_a, "Alpha Board", items=12, decided=9),
        "low": noting_board(partnership_a, "Beta Board", items=12, decided=2),
        "thin": noting_board(partnership_a, "Gamma Group", items=4, decided=0),
    }


def _order(html: str, bodies: dict[str, Body]) -> list[str]:
    positions = {key: html.index(f">{body.name}</a></th>") for key, body in bodies.items()}
    return sorted(positions, key=positions.__getitem__)


def test_the_overview_sorts_by_any_signal_with_no_data_last(
    secretary_client: Any, partnership_a: Partnership, three_bodies: dict[str, Body]
) -> None:
    ascending = secretary_client.get(url(partnership_a, "overview", sort="decision_yield")).content.decode()
    assert _order(ascending, three_bodies) == ["low", "high", "thin"]
    assert re.search(
        r'<th scope="col" class="numeric" aria-sort="ascending"><a [^>]*>Decision yield<', ascending
    )
    assert ascending.count("aria-sort=") == 1
    descending = secretary_client.get(url(partnership_a, "overview", sort="decision_yield", order="desc"))
    html = descending.content.decode()
    assert _order(html, three_bodies) == ["high", "low", "thin"]
    assert 'aria-sort="descending"' in html
    by_name = secretary_client.get(url(partnership_a, "overview", sort="name", order="desc")).content.decode()
    assert _order(by_name, three_bodies) == ["thin", "low", "high"]


@pytest.mark.parametrize("sort", ["__class__", "body__name", "-decision_yield", "decision_yield;drop", ""])
def test_the_sort_is_one_of_the_columns_or_the_name(
    secretary_client: Any, partnership_a: Partnership, three_bodies: dict[str, Body], sort: str
) -> None:
    response = secretary_client.get(url(partnership_a, "overview"), {"sort": sort})
    assert response.status_code == 200
    assert response.context["sort"] == "name"
    assert _order(response.content.decode(), three_bodies) == ["high", "low", "thin"]


def test_every_sort_key_is_a_signal_or_the_name() -> None:
    assert diagnosis_views.SORTS == ("name", *SIGNAL_NAMES)


def test_the_overview_links_each_body_to_its_profile_for_the_same_period(
    secretary_client: Any, partnership_a: Partnership, three_bodies: dict[str, Body]
) -> None:
    html = secretary_client.get(url(partnership_a, "overview", period="year", **{"from": "2025-01-01"}))
    for body in three_bodies.values():
        assert (
            f"{url(partnership_a, 'body-profile', body.pk)}?period=year&amp;from=2025-01-01"
            in html.content.decode()
        )


# --- the body profile ----------------------------------------------------------------------------------


def test_findings_come_only_from_figures_with_enough_data(
    secretary_client: Any, partnership_a: Partnership, three_bodies: dict[str, Body]
) -> None:
    low = secretary_client.get(url(partnership_a, "body-profile", three_bodies["low"].pk)).content.decode()
    assert FEW_DECISIONS in low
    assert "A meeting with no papers for noting" in low  # its experiments, with the signals they address
    assert "Addresses: noting share, decision yield" in low
    thin = secretary_client.get(url(partnership_a, "body-profile", three_bodies["thin"].pk))
    assert thin.context["profile"].rows[0].current.figure.value == 0  # decided nothing of 4 items ...
    assert thin.context["profile"].rows[0].current.figure.sufficient is False  # ... too few to say so
    html = thin.content.decode()
    assert FEW_DECISIONS not in html and "Not enough data" in html and "No findings for this period" in html


def test_each_finding_names_the_family_of_work_avoidance_its_signal_reveals(
    secretary_client: Any, partnership_a: Partnership, three_bodies: dict[str, Body]
) -> None:
    pk = three_bodies["low"].pk
    profile = secretary_client.get(url(partnership_a, "body-profile", pk)).content.decode()
    assert "From the noting share. Family: " in profile  # noting share: diversion of attention
    assert '<a href="#family-diversion">diversion of attention</a>' in profile
    assert 'id="family-diversion"' in profile and 'id="family-displacement"' in profile
    assert "From the decision yield.</p>" in profile  # an outcome: no family, and none guessed
    report = secretary_client.get(url(partnership_a, "body-report", pk)).content.decode()
    assert "From the noting share. Family: diversion of attention." in report


def test_the_profile_compares_with_its_history_and_the_other_bodies(
    secretary_client: Any, partnership_a: Partnership, three_bodies: dict[str, Body]
) -> None:
    profile = secretary_client.get(url(partnership_a, "body-profile", three_bodies["low"].pk)).context[
        "profile"
    ]
    row = profile.rows[0]
    assert row.name == "decision_yield"
    assert [c.figure.value for c in row.history][-1] == pytest.approx(2 / 12)
    assert len(row.history) == 5 and row.history_count == 0 and row.own_average == "Not enough data"
    assert (row.median, row.others) == ("75%", 1)  # the thin group has too little data to count


def test_the_profile_is_accessible_svg_with_no_inline_style_or_script(
    secretary_client: Any, partnership_a: Partnership, three_bodies: dict[str, Body]
) -> None:
    html = secretary_client.get(url(partnership_a, "body-profile", three_bodies["low"].pk)).content.decode()
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        assert "<style" not in svg and "<script" not in svg
    assert "style=" not in html and "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert 'id="trend-table"' in html and "<caption>" in html and 'scope="row"' in html
    assert "/static/diagnosis/charts.css" in html


@pytest.mark.parametrize("name", ["overview", "evidence"])
def test_the_other_pages_have_no_inline_style_or_script(
    secretary_client: Any, partnership_a: Partnership, three_bodies: dict[str, Body], name: str
) -> None:
    pk = None if name == "overview" else three_bodies["low"].pk
    html = secretary_client.get(url(partnership_a, name, pk, signal="decision_yield")).content.decode()
    assert "style=" not in html and "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "<caption>" in html and 'scope="col"' in html


def test_the_chart_stylesheet_is_the_one_the_charts_module_writes() -> None:
    assert CHARTS_CSS.read_text() == charts.web_stylesheet(), (
        "regenerate src/traction/diagnosis/static/diagnosis/charts.css from charts.web_stylesheet()"
    )


def test_the_profile_makes_a_bounded_number_of_queries(
    secretary_client: Any, world_a: World, django_assert_max_num_queries: Any
) -> None:
    """Five periods and the partnership: at most eleven queries each, plus the page's own."""
    with django_assert_max_num_queries(6 * 11 + 15):
        assert (
            secretary_client.get(url(world_a.partnership, "body-profile", world_a.body.pk)).status_code == 200
        )


# --- the records behind a figure -----------------------------------------------------------------------


def _ids(html: str, kind: str) -> set[int]:
    return {int(pk) for pk in re.findall(rf'data-{kind}="(\d+)"', html)}


def _sections(html: str) -> tuple[str, str]:
    counted, base = html.split('id="counted"', 1)[1].split('id="base"', 1)
    return counted, base


@pytest.fixture
def demo() -> tuple[Partnership, Any]:
    load_demo(today=DEMO_TODAY)
    partnership = Partnership.objects.get(slug="riverside")
    return partnership, make_member(partnership, Role.VIEWER)


@pytest.mark.parametrize(
    "signal",
    [
        "decision_yield",
        "recurring_topics",
        "follow_through",
        "orphan_actions",
        "pages_per_meeting",
        "decisions_without_action",
    ],
)
def test_the_evidence_page_lists_exactly_the_records_of_the_figure(
    demo: tuple[Partnership, Any], signal: str
) -> None:
    partnership, viewer = demo
    from django.test import Client

    client = Client()
    client.force_login(viewer)
    period = Period(datetime.date(2025, 1, 1), datetime.date(2026, 1, 1))
    listed = 0
    with mock.patch.object(diagnosis_views.DiagnosisView, "today", lambda self: DEMO_TODAY):
        for body in Body.objects.filter(partnership=partnership):
            figure = getattr(
                signals_for_body(
                    user=viewer, partnership=partnership, body=body, period=period, as_of=DEMO_TODAY
                ),
                signal,
            )
            response = client.get(
                url(partnership, "evidence", body.pk, signal=signal, period="year", **{"from": "2025-01-01"})
            )
            assert response.status_code == 200
            counted, base = _sections(response.content.decode())
            for html, evidence in ((counted, figure.counted), (base, figure.base)):
                assert _ids(html, "item") == set(evidence.items), (body, signal)
                assert _ids(html, "action") == set(evidence.actions), (body, signal)
                assert _ids(html, "meeting") == set(evidence.meetings), (body, signal)
                assert _ids(html, "paper") == set(evidence.papers), (body, signal)
                for topic in evidence.topics:
                    assert f'<li data-topic="{topic}">' in html
                listed += len(evidence.items) + len(evidence.actions) + len(evidence.meetings)
    assert listed > 0, "the demo should have records behind this figure"


def test_the_profile_links_each_figure_to_its_evidence(
    secretary_client: Any, partnership_a: Partnership, three_bodies: dict[str, Body]
) -> None:
    body = three_bodies["low"]
    html = secretary_client.get(url(partnership_a, "body-profile", body.pk)).content.decode()
    link = (
        f"{url(partnership_a, 'evidence', body.pk)}?period=custom&amp;from=2025-04-01&amp;to=2025-06-30"
        f"&amp;signal=decision_yield"
    )
    assert f'<a href="{link}">17%' in html
    evidence = secretary_client.get(link.replace("&amp;", "&"))
    counted, base = _sections(evidence.content.decode())
    assert len(_ids(counted, "item")) == 2 and len(_ids(base, "item")) == 12


def test_an_item_and_an_action_link_to_their_own_pages(
    secretary_client: Any, partnership_a: Partnership
) -> None:
    body = noting_board(partnership_a, "Delta Board", items=3, decided=1)
    item = body.meetings.order_by("start").first().items.first()
    action = make_action(partnership_a, agenda_item=item, due_date=None)
    html = secretary_client.get(
        url(partnership_a, "evidence", body.pk, signal="orphan_actions")
    ).content.decode()
    slug = partnership_a.slug
    assert f'href="{reverse("governance:action-detail", kwargs={"slug": slug, "pk": action.pk})}"' in html
    decided = secretary_client.get(
        url(partnership_a, "evidence", body.pk, signal="decision_yield")
    ).content.decode()
    meeting = reverse("governance:meeting-detail", kwargs={"slug": slug, "pk": item.meeting_id})
    assert f'href="{meeting}#item-{item.pk}"' in decided


@pytest.mark.parametrize("signal", ["", "secret", "__class__", "figures"])
def test_the_evidence_page_names_one_of_the_signals(
    secretary_client: Any, world_a: World, signal: str
) -> None:
    response = secretary_client.get(url(world_a.partnership, "evidence", world_a.body.pk), {"signal": signal})
    assert response.status_code == 400
    assert diagnosis_views.SIGNAL_UNKNOWN in response.content.decode()
