"""A partnership's own diagnosis thresholds: every member reads them, only an admin changes them (audited,
within bounds), and every diagnosis page and download uses them. Who may open which URL comes from the
matrix tests that read tests/urlspec.py; here the rules behind it and the effect on the figures."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dbstate import assert_db_unchanged
from factories import World, make_body, make_item, make_meeting
from traction.core.models import AuditEvent, Partnership, Role
from traction.diagnosis import views as diagnosis_views
from traction.diagnosis.forms import OUT_OF_BOUNDS
from traction.diagnosis.models import BOUNDS, DiagnosisSettings
from traction.diagnosis.thresholds import diagnosis_settings_update, signal_params_for
from traction.governance.models import Body
from traction_analysis.signals import SignalParams

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.date(2025, 7, 15)
DOCS = Path(__file__).resolve().parents[2] / "docs"
VALID = {
    "min_substantive_items": "8",
    "max_unclear_percent": "40",
    "min_meetings": "2",
    "min_topic_coverage_percent": "60",
    "min_actions": "4",
    "min_decisions": "3",
    "parcel_months": "9",
}


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with mock.patch.object(diagnosis_views.DiagnosisView, "today", lambda self: TODAY):
        yield


def url(partnership: Partnership, name: str, pk: int | None = None) -> str:
    kwargs: dict[str, Any] = {"slug": partnership.slug}
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(f"diagnosis:{name}", kwargs=kwargs)


def stored(partnership: Partnership) -> dict[str, Any] | None:
    return DiagnosisSettings.objects.filter(partnership=partnership).values(*BOUNDS).first()


# --- reading them -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", Role.values)
def test_every_member_sees_the_thresholds_in_force_only_an_admin_is_offered_a_change(
    client_for: Any, partnership_a: Partnership, role: str
) -> None:
    html = client_for(role).get(url(partnership_a, "settings")).content.decode()
    shown = dict(re.findall(r'data-threshold="(\w+)">(\d+)<', html))
    assert shown == {
        "min_substantive_items": "10",
        "max_unclear_percent": "50",
        "min_meetings": "3",
        "min_topic_coverage_percent": "50",
        "min_actions": "5",
        "min_decisions": "5",
        "parcel_months": "6",
    }
    assert (url(partnership_a, "settings-update") in html) is (role == Role.ADMIN)
    assert "uses the standard thresholds" in html


def test_the_defaults_are_those_of_the_signals() -> None:
    assert DiagnosisSettings().params == SignalParams()


def test_a_non_member_and_another_partnerships_admin_find_nothing(
    client_for: Any, partnership_a: Partnership, partnership_b: Partnership
) -> None:
    DiagnosisSettings.objects.create(partnership=partnership_a, min_meetings=7)
    outsider = client_for("outsider")
    for name in ("settings", "settings-update"):
        response = outsider.get(url(partnership_a, name))
        assert response.status_code == 404
    with assert_db_unchanged():
        response = outsider.post(url(partnership_a, "settings-update"), VALID)
    assert response.status_code == 404 and stored(partnership_a)["min_meetings"] == 7


# --- changing them -----------------------------------------------------------------------------------------


def test_an_admin_changes_them_and_the_change_is_audited(
    client_for: Any, users: dict[str, Any], partnership_a: Partnership
) -> None:
    admin = client_for(Role.ADMIN)
    form = admin.get(url(partnership_a, "settings-update")).content.decode()
    assert 'name="min_substantive_items" value="10"' in form and 'max="500"' in form
    response = admin.post(url(partnership_a, "settings-update"), VALID)
    assert response.status_code == 302 and response["Location"] == url(partnership_a, "settings")
    assert stored(partnership_a) == {name: int(value) for name, value in VALID.items()}
    [event] = AuditEvent.objects.filter(partnership=partnership_a, object_type="diagnosissettings")
    assert (event.verb, event.actor) == ("created", users[Role.ADMIN])
    assert event.changes["min_substantive_items"] == [None, 8]
    admin.post(url(partnership_a, "settings-update"), {**VALID, "parcel_months": "12"})
    changed = AuditEvent.objects.filter(object_type="diagnosissettings", verb="changed").get()
    assert changed.changes == {"parcel_months": [9, 12]}
    assert signal_params_for(user=users[Role.VIEWER], partnership=partnership_a) == SignalParams(
        parcel_months=12,
        min_substantive_items=8,
        min_meetings=2,
        min_actions=4,
        min_decisions=3,
        max_unclear_share=0.4,
        min_topic_coverage=0.6,
    )
    page = admin.get(url(partnership_a, "settings")).content.decode()
    assert "Thresholds saved" in page and 'data-threshold="parcel_months">12<' in page


def test_saving_the_same_values_again_records_nothing_new(
    client_for: Any, partnership_a: Partnership
) -> None:
    admin = client_for(Role.ADMIN)
    admin.post(url(partnership_a, "settings-update"), VALID)
    admin.post(url(partnership_a, "settings-update"), VALID)
    assert AuditEvent.objects.filter(object_type="diagnosissettings").count() == 1
    assert DiagnosisSettings.objects.count() == 1


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.MEMBER, Role.FACILITATOR, Role.VIEWER])
def test_only_an_admin_may_change_them(client_for: Any, partnership_a: Partnership, role: str) -> None:
    DiagnosisSettings.objects.create(partnership=partnership_a, min_meetings=7)
    client = client_for(role)
    assert client.get(url(partnership_a, "settings-update")).status_code == 403
    with assert_db_unchanged():
        response = client.post(url(partnership_a, "settings-update"), VALID)
    assert response.status_code == 403 and stored(partnership_a)["min_meetings"] == 7


def test_the_service_refuses_a_non_admin_and_unknown_fields(
    users: dict[str, Any], partnership_a: Partnership
) -> None:
    with pytest.raises(PermissionDenied):
        diagnosis_settings_update(
            actor=users[Role.SECRETARY], partnership=partnership_a, data={"min_meetings": 4}
        )
    with pytest.raises(ValueError, match="has no field 'partnership'"):
        diagnosis_settings_update(actor=users[Role.ADMIN], partnership=partnership_a, data={"partnership": 2})
    assert stored(partnership_a) is None and not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("min_substantive_items", "0"),
        ("min_substantive_items", "501"),
        ("max_unclear_percent", "101"),
        ("max_unclear_percent", "-1"),
        ("min_meetings", "0"),
        ("min_meetings", "53"),
        ("min_topic_coverage_percent", "150"),
        ("min_actions", "2.5"),
        ("min_decisions", "lots"),
        ("parcel_months", "0"),
        ("parcel_months", "61"),
        ("parcel_months", "9" * 30),
    ],
)
def test_a_value_out_of_bounds_is_refused_with_a_clear_message(
    client_for: Any, partnership_a: Partnership, field: str, value: str
) -> None:
    low, high = BOUNDS[field]
    admin = client_for(Role.ADMIN)
    with assert_db_unchanged():
        response = admin.post(url(partnership_a, "settings-update"), {**VALID, field: value})
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [OUT_OF_BOUNDS.format(low=low, high=high)]}
    assert stored(partnership_a) is None


def test_a_missing_value_is_named(client_for: Any, partnership_a: Partnership) -> None:
    data = {**VALID, "min_actions": ""}
    response = client_for(Role.ADMIN).post(url(partnership_a, "settings-update"), data)
    assert response.context["form"].errors == {"min_actions": ["Enter the actions."]}
    assert stored(partnership_a) is None


def test_the_bounds_include_the_edges(client_for: Any, partnership_a: Partnership) -> None:
    admin = client_for(Role.ADMIN)
    for edge in (0, 1):
        data = {name: str(BOUNDS[name][edge]) for name in BOUNDS}
        assert admin.post(url(partnership_a, "settings-update"), data).status_code == 302
        assert stored(partnership_a) == {name: BOUNDS[name][edge] for name in BOUNDS}


# --- the pages use them -----------------------------------------------------------------------------------


def board(partnership: Partnership) -> Body:
    """Three held meetings in April to June 2025 and twelve substantive items, two of them decided."""
    body = make_body(partnership, name="Beta Board")
    meetings = [
        make_meeting(
            partnership, body=body, status="held", start=datetime.datetime(2025, month, 10, 10, tzinfo=LONDON)
        )
        for month in (4, 5, 6)
    ]
    for n in range(12):
        make_item(
            partnership, meeting=meetings[n % 3], topic=f"topic-{n}", outcome="decided" if n < 2 else "noted"
        )
    return body


def test_the_overview_profile_and_evidence_use_the_partnerships_thresholds(
    secretary_client: Any, partnership_a: Partnership
) -> None:
    body = board(partnership_a)
    profile = url(partnership_a, "body-profile", body.pk)
    evidence = url(partnership_a, "evidence", body.pk) + "?signal=decision_yield"
    before = secretary_client.get(profile)
    assert before.context["profile"].rows[0].current.shown
    assert "Few items leave the meeting with a decision" in before.content.decode()
    DiagnosisSettings.objects.create(partnership=partnership_a, min_substantive_items=20, min_meetings=4)
    after = secretary_client.get(profile)
    row = after.context["profile"].rows[0]
    assert not row.current.shown and row.current.figure.value == pytest.approx(2 / 12)
    html = after.content.decode()
    assert "20 substantive items, no more than 50% of them unclear" in html
    assert "Few items leave the meeting with a decision" not in html
    assert "4 held meetings" in html
    overview = secretary_client.get(url(partnership_a, "overview"))
    [row] = overview.context["rows"]
    assert not row.cells[0].shown
    page = secretary_client.get(evidence).content.decode()
    assert "not enough data</strong> (shown when there are at least 20 substantive items" in page


def test_another_partnerships_thresholds_do_not_apply(
    secretary_client: Any, partnership_a: Partnership, world_b: World
) -> None:
    DiagnosisSettings.objects.create(partnership=world_b.partnership, min_substantive_items=200)
    body = board(partnership_a)
    assert (
        secretary_client.get(url(partnership_a, "body-profile", body.pk))
        .context["profile"]
        .rows[0]
        .current.shown
    )


def test_the_signals_guide_lists_every_threshold_with_its_default() -> None:
    text = (DOCS / "signals.md").read_text()
    rows = dict(re.findall(r"^\| `(\w+)` \| ([\d.]+) \|", text, re.M))
    defaults = SignalParams()
    assert {name: float(value) for name, value in rows.items()} == {
        name: float(getattr(defaults, name)) for name in defaults.__dataclass_fields__
    }
    names = {"max_unclear_share": "max_unclear_percent", "min_topic_coverage": "min_topic_coverage_percent"}
    assert {names.get(name, name) for name in rows} == set(BOUNDS)
