"""Downloads of the diagnosis and the board report, over HTTP: the same figures as the pages, safe file names,
cells a spreadsheet cannot run as formulas, the action log with days overdue, and a PDF rendered without the
network. Who may download what comes from the matrix tests that read tests/urlspec.py."""

from __future__ import annotations

import csv
import datetime
import http.server
import io
import re
import threading
from collections.abc import Iterator
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import openpyxl
import pypdfium2
import pytest
from django.urls import reverse

from factories import World, make_action, make_body, make_item, make_meeting, make_organisation, make_person
from traction.core.models import Partnership
from traction.diagnosis import exports, pdf, periods
from traction.diagnosis import views as diagnosis_views
from traction.diagnosis.models import DiagnosisSettings
from traction.diagnosis.selectors import signals_for_body
from traction.governance.models import Body
from traction_analysis.signals import SIGNAL_NAMES, Period

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.date(2025, 7, 15)  # the last full quarter is April to June 2025
QUARTER = Period(datetime.date(2025, 4, 1), datetime.date(2025, 7, 1))
FEW_DECISIONS = "Few items leave the meeting with a decision"
SAFE_NAME = re.compile(r'^attachment; filename="[a-z0-9-]+\.(csv|xlsx|pdf)"$')


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with mock.patch.object(diagnosis_views.DiagnosisView, "today", lambda self: TODAY):
        yield


def url(partnership: Partnership, name: str, pk: int | None = None, **query: str) -> str:
    kwargs: dict[str, Any] = {"slug": partnership.slug}
    if pk is not None:
        kwargs["pk"] = pk
    path = reverse(f"diagnosis:{name}", kwargs=kwargs)
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def board(partnership: Partnership, name: str, *, items: int, decided: int) -> Body:
    """Three held meetings in April to June 2025 with ``items`` substantive items, ``decided`` of them
    decided."""
    body = make_body(partnership, name=name)
    meetings = [
        make_meeting(
            partnership,
            body=body,
            status="held",
            duration_minutes=120,
            start=datetime.datetime(2025, month, 10, 10, tzinfo=LONDON),
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


@pytest.fixture
def bodies(partnership_a: Partnership) -> dict[str, Body]:
    return {
        "low": board(partnership_a, "Beta Board", items=12, decided=2),
        "high": board(partnership_a, "Alpha Board", items=12, decided=9),
    }


def read_csv(response: Any) -> list[dict[str, str]]:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response: Any) -> tuple[list[dict[str, Any]], dict[str, Any], Any]:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    return rows, about, sheet


# --- the signals: the same figures as the pages ----------------------------------------------------------


def test_the_overview_download_holds_every_body_and_signal_with_the_pages_figures(
    secretary_client: Any, secretary: Any, partnership_a: Partnership, bodies: dict[str, Body]
) -> None:
    response = secretary_client.get(url(partnership_a, "overview-export", format="csv"))
    rows = read_csv(response)
    assert SAFE_NAME.match(response["Content-Disposition"])
    assert "northshire-signals-2025-04-01-2025-06-30.csv" in response["Content-Disposition"]
    assert list(rows[0]) == list(exports.SIGNAL_COLUMNS)
    assert [r["Body"] for r in rows] == ["Alpha Board"] * 13 + ["Beta Board"] * 13  # sorted by name
    for body in bodies.values():
        expected = signals_for_body(
            user=secretary, partnership=partnership_a, body=body, period=QUARTER, as_of=TODAY
        )
        mine = {r["Signal key"]: r for r in rows if r["Body"] == body.name}
        assert list(mine) == list(SIGNAL_NAMES)
        for name, row in mine.items():
            figure = getattr(expected, name)
            if figure.value is None:
                assert row["Value"] == ""
            else:
                assert float(row["Value"]) == pytest.approx(figure.value)
            assert row["Enough data"] == ("yes" if figure.sufficient else "no")
            assert row["Period from"] == "2025-04-01" and row["Period to (included)"] == "2025-06-30"
            assert row["As of"] == "2025-07-15"
    low = next(r for r in rows if r["Body"] == "Beta Board" and r["Signal key"] == "decision_yield")
    assert (low["Numerator"], low["Denominator"], low["Enough data"], low["Shown as"]) == (
        "2",
        "12",
        "yes",
        "17%",
    )
    assert float(low["Value"]) == pytest.approx(2 / 12)
    pressure = next(r for r in rows if r["Body"] == "Beta Board" and r["Signal key"] == "agenda_pressure")
    assert float(pressure["Value"]) == pytest.approx(12 / 6) and pressure["Shown as"] == "2.0 items an hour"


def test_the_excel_download_has_the_same_rows_as_the_csv_and_says_what_it_is(
    secretary_client: Any, partnership_a: Partnership, bodies: dict[str, Body]
) -> None:
    as_csv = read_csv(secretary_client.get(url(partnership_a, "overview-export", format="csv")))
    response = secretary_client.get(url(partnership_a, "overview-export", format="xlsx"))
    rows, about, _ = read_xlsx(response)
    assert SAFE_NAME.match(response["Content-Disposition"])
    assert len(rows) == len(as_csv) == 26
    for from_csv, from_xlsx in zip(as_csv, rows, strict=True):
        assert from_xlsx["Body"] == from_csv["Body"] and from_xlsx["Signal key"] == from_csv["Signal key"]
        assert from_xlsx["Period from"].date() == datetime.date(2025, 4, 1)
        assert ("" if from_xlsx["Value"] is None else float(from_xlsx["Value"])) == (
            "" if from_csv["Value"] == "" else pytest.approx(float(from_csv["Value"]))
        )
        assert from_xlsx["Shown as"] == from_csv["Shown as"]
    assert about["Partnership"] == partnership_a.name and about["Period"] == "Apr–Jun 2025"
    assert about["Threshold: Substantive items"] == 10


def test_a_body_download_holds_the_period_and_the_periods_before_it(
    secretary_client: Any, partnership_a: Partnership, bodies: dict[str, Body]
) -> None:
    response = secretary_client.get(
        url(
            partnership_a,
            "body-export",
            bodies["low"].pk,
            format="csv",
            period="quarter",
            **{"from": "2025-05-01"},
        )
    )
    rows = read_csv(response)
    assert "beta-board-signals-2025-04-01-2025-06-30.csv" in response["Content-Disposition"]
    assert len(rows) == 5 * 13 and {r["Body"] for r in rows} == {"Beta Board"}
    assert [r["Period from"] for r in rows[::13]] == [
        "2024-04-01",
        "2024-07-01",
        "2024-10-01",
        "2025-01-01",
        "2025-04-01",
    ]
    current = {r["Signal key"]: r for r in rows[-13:]}
    assert current["decision_yield"]["Shown as"] == "17%"
    assert {r["Enough data"] for r in rows[:-13]} == {"no"}  # nothing on record before April 2025


def test_the_partnerships_thresholds_decide_what_a_download_shows(
    secretary_client: Any, partnership_a: Partnership, bodies: dict[str, Body]
) -> None:
    DiagnosisSettings.objects.create(partnership=partnership_a, min_substantive_items=20)
    rows = read_csv(secretary_client.get(url(partnership_a, "overview-export", format="csv")))
    low = next(r for r in rows if r["Body"] == "Beta Board" and r["Signal key"] == "decision_yield")
    assert (low["Numerator"], low["Denominator"], low["Enough data"], low["Shown as"]) == (
        "2",
        "12",
        "no",
        "Not enough data",
    )
    _, about, _ = read_xlsx(secretary_client.get(url(partnership_a, "overview-export", format="xlsx")))
    assert about["Threshold: Substantive items"] == 20


@pytest.mark.parametrize(
    ("name", "query", "message"),
    [
        ("overview-export", {"format": "pdf"}, exports.FORMAT_UNKNOWN),
        (
            "overview-export",
            {"format": "csv", "period": "custom", "from": "2025-01-01"},
            periods.PERIOD_DATES,
        ),
        ("body-export", {"format": "xml"}, exports.FORMAT_UNKNOWN),
        ("action-export", {"format": "csv", "view": "everything"}, "Choose one of the action log"),
        ("action-export", {"format": "txt"}, exports.FORMAT_UNKNOWN),
    ],
)
def test_a_bad_download_request_says_what_to_fix(
    secretary_client: Any, world_a: World, name: str, query: dict[str, str], message: str
) -> None:
    pk = world_a.body.pk if name == "body-export" else None
    response = secretary_client.get(url(world_a.partnership, name, pk, **query))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "Content-Disposition" not in response


def test_another_partnerships_body_cannot_be_downloaded_or_used_as_a_filter(
    client_for: Any, world_a: World, world_b: World
) -> None:
    for role in ("admin", "viewer"):
        client = client_for(role)
        for path in (
            url(world_a.partnership, "body-export", world_b.body.pk),
            url(world_a.partnership, "body-report-pdf", world_b.body.pk),
            url(world_a.partnership, "action-export", body=str(world_b.body.pk)),
        ):
            response = client.get(path)
            assert response.status_code == 404, path
            assert world_b.body.name.encode() not in response.content


# --- the action log ----------------------------------------------------------------------------------------


@pytest.fixture
def action_log(partnership_a: Partnership) -> dict[str, Any]:
    body = make_body(partnership_a, name="Scrutiny Committee")
    meeting = make_meeting(
        partnership_a, body=body, status="held", start=datetime.datetime(2025, 5, 12, 14, tzinfo=LONDON)
    )
    item = make_item(partnership_a, meeting=meeting, number="7", title="Winter plan", outcome="decided")
    lead = make_person(partnership_a, name="Priya Shah")
    council = make_organisation(partnership_a, name="Northshire Council")
    return {
        "late_open": make_action(
            partnership_a,
            agenda_item=item,
            text="Publish the winter plan",
            lead=lead,
            original_due_date=datetime.date(2025, 6, 1),
            due_date=datetime.date(2025, 7, 1),
            minute_reference="7/1",
        ),
        "late_done": make_action(
            partnership_a,
            body=body,
            text="Brief the cabinet",
            lead_organisation=council,
            due_date=datetime.date(2025, 6, 1),
            status="done",
            completed_on=datetime.date(2025, 6, 11),
        ),
        "on_time": make_action(
            partnership_a,
            body=body,
            text="Share the dashboard",
            due_date=datetime.date(2025, 6, 1),
            status="done",
            completed_on=datetime.date(2025, 5, 30),
        ),
        "not_due": make_action(
            partnership_a, body=body, text="Review in autumn", due_date=datetime.date(2025, 9, 1)
        ),
        "formula": make_action(
            partnership_a,
            body=body,
            text='=HYPERLINK("http://evil.example","click")',
            minute_reference="+1",
            due_date=datetime.date(2025, 8, 1),
        ),
    }


def test_the_action_log_download_has_the_log_and_days_overdue(
    secretary_client: Any, partnership_a: Partnership, action_log: dict[str, Any]
) -> None:
    response = secretary_client.get(url(partnership_a, "action-export", format="csv"))
    rows = {int(r["Action id"]): r for r in read_csv(response)}
    assert SAFE_NAME.match(response["Content-Disposition"])
    assert set(rows) == {a.pk for a in action_log.values()}
    late = rows[action_log["late_open"].pk]
    assert late["Body"] == "Scrutiny Committee" and late["Agenda item"] == "7 Winter plan"
    assert (
        late["Meeting date"] == "2025-05-12"
        and late["Lead"] == "Priya Shah"
        and late["Minute reference"] == "7/1"
    )
    assert (late["Original due date"], late["Current due date"], late["Status"], late["Completed on"]) == (
        "2025-06-01",
        "2025-07-01",
        "Open",
        "",
    )
    assert late["Days overdue"] == "14"  # 1 to 15 July
    assert rows[action_log["late_done"].pk]["Days overdue"] == "10"
    assert rows[action_log["late_done"].pk]["Lead organisation"] == "Northshire Council"
    assert rows[action_log["on_time"].pk]["Days overdue"] == ""
    assert rows[action_log["not_due"].pk]["Days overdue"] == ""


def test_the_action_log_download_follows_the_action_lists_views_and_body(
    secretary_client: Any, partnership_a: Partnership, world_a: World, action_log: dict[str, Any]
) -> None:
    overdue = read_csv(
        secretary_client.get(url(partnership_a, "action-export", format="csv", view="overdue"))
    )
    assert {int(r["Action id"]) for r in overdue} >= {action_log["late_open"].pk}
    assert action_log["late_done"].pk not in {int(r["Action id"]) for r in overdue}
    one_body = read_csv(
        secretary_client.get(url(partnership_a, "action-export", format="csv", body=str(world_a.body.pk)))
    )
    assert {r["Body"] for r in one_body} == {world_a.body.name}
    rows, about, _ = read_xlsx(secretary_client.get(url(partnership_a, "action-export", format="xlsx")))
    assert {r["Action id"] for r in rows} >= {a.pk for a in action_log.values()}
    assert about["Actions"] == "All" and about["Body"] == "Every body"


def test_no_cell_can_run_as_a_formula(
    secretary_client: Any, partnership_a: Partnership, action_log: dict[str, Any]
) -> None:
    make_body(partnership_a, name="@Trouble Board")
    board(partnership_a, "-Minus Board", items=3, decided=1)
    rows = {
        int(r["Action id"]): r for r in read_csv(secretary_client.get(url(partnership_a, "action-export")))
    }
    formula = rows[action_log["formula"].pk]
    assert formula["Action"] == '\'=HYPERLINK("http://evil.example","click")'
    assert formula["Minute reference"] == "'+1"
    signals = read_csv(secretary_client.get(url(partnership_a, "overview-export", format="csv")))
    assert "'-Minus Board" in {r["Body"] for r in signals}
    rows_x, _, sheet = read_xlsx(secretary_client.get(url(partnership_a, "action-export", format="xlsx")))
    assert [r["Action"] for r in rows_x if r["Action id"] == action_log["formula"].pk] == [
        '=HYPERLINK("http://evil.example","click")'
    ]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_start_like_a_formula_get_an_apostrophe(value: str) -> None:
    assert exports.csv_cell(value) == "'" + value
    assert exports.csv_cell("Plain text") == "Plain text"
    assert exports.csv_cell(-3) == -3  # numbers stay numbers


def test_excel_keeps_text_that_looks_like_a_formula_or_an_error_code_as_text() -> None:
    table = exports.Table(
        "Rows",
        ["Text", "Error", "Day", "Number"],
        [["=SUM(A1:A9)", "#N/A", datetime.date(2025, 1, 2), 3]],
        [("Note", "=1+1")],
    )
    book = openpyxl.load_workbook(io.BytesIO(exports.as_xlsx(table)))
    [heading, row] = book["Rows"].iter_rows()
    assert [c.font.b for c in heading] == [True] * 4 and book["Rows"].freeze_panes == "A2"
    assert [(c.value, c.data_type) for c in row] == [
        ("=SUM(A1:A9)", "s"),
        ("#N/A", "s"),
        (datetime.datetime(2025, 1, 2), "d"),
        (3, "n"),
    ]
    assert [(c.value, c.data_type) for c in next(book["About"].iter_rows())] == [("Note", "s"), ("=1+1", "s")]


def test_file_names_are_safe_whatever_the_body_is_called(partnership_a: Partnership) -> None:
    name = exports.filename(partnership_a, '../../etc/"passwd"\r\nX-Header: 1', "signals", extension="csv")
    assert re.fullmatch(r"[a-z0-9-]+\.csv", name)
    assert (
        exports.filename(partnership_a, "Ünïcode Bôard", extension="xlsx") == "northshire-unicode-board.xlsx"
    )


# --- the board report ---------------------------------------------------------------------------------------


def test_the_board_report_page_holds_signals_findings_and_experiments(
    secretary_client: Any, partnership_a: Partnership, bodies: dict[str, Body]
) -> None:
    response = secretary_client.get(url(partnership_a, "body-report", bodies["low"].pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beta Board" in html and "Apr–Jun 2025" in html
    assert FEW_DECISIONS in html and "Experiments the board could try" in html
    assert "17%" in html and "2 of 12" in html
    assert "/static/diagnosis/report.css" in html
    assert url(partnership_a, "body-report-pdf", bodies["low"].pk) in html
    # the PDF link says it is being prepared while the server renders it (core/traction.js)
    assert 'data-busy-download="report-pdf-status"' in html and 'id="report-pdf-status" role="status"' in html
    assert "style=" not in html and "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    profile = secretary_client.get(url(partnership_a, "body-profile", bodies["low"].pk)).content.decode()
    assert url(partnership_a, "body-report", bodies["low"].pk) in profile


def test_the_print_stylesheet_leaves_out_the_sites_menus() -> None:
    from django.contrib.staticfiles import finders

    css = open(finders.find("diagnosis/report.css")).read()
    assert "@media print" in css and ".nav" in css and ".header" in css and "@page" in css


def test_the_board_report_as_a_pdf(
    secretary_client: Any, partnership_a: Partnership, bodies: dict[str, Body]
) -> None:
    response = secretary_client.get(url(partnership_a, "body-report-pdf", bodies["low"].pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert SAFE_NAME.match(response["Content-Disposition"])
    assert "beta-board-board-report-2025-04-01-2025-06-30.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    document = pypdfium2.PdfDocument(response.content)
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    assert "Beta Board" in text and FEW_DECISIONS in text and "17%" in text


def test_a_bad_period_for_the_report_is_a_page_not_a_pdf(secretary_client: Any, world_a: World) -> None:
    response = secretary_client.get(
        url(world_a.partnership, "body-report-pdf", world_a.body.pk, period="decade")
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert periods.PERIOD_KIND in response.content.decode()


@pytest.mark.parametrize(
    "address",
    [
        "http://example.com/diagnosis/report.css",
        "file:///etc/passwd",
        "data:text/css,body{}",
        pdf.STATIC_BASE + "../../etc/passwd",
        pdf.STATIC_BASE + "diagnosis/../../../etc/passwd",
        pdf.STATIC_BASE + "%2e%2e/%2e%2e/etc/passwd",
        pdf.STATIC_BASE + "/etc/passwd",
        pdf.STATIC_BASE + "diagnosis/no-such-file.css",
        "https://static.traction.invalid.example.com/diagnosis/report.css",
    ],
)
def test_a_report_may_load_only_the_apps_static_files(address: str) -> None:
    with pytest.raises(ValueError, match="Only the application's own static files"):
        pdf.static_path(address)


def test_the_static_files_of_the_apps_resolve() -> None:
    assert pdf.static_path(pdf.STATIC_BASE + "diagnosis/report.css").endswith("diagnosis/report.css")


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red; }")

    def log_message(self, *args: Any) -> None:
        pass


def test_rendering_never_reaches_the_network_or_the_disk(tmp_path: Any) -> None:
    """A report that names a server on loopback and a local file: the PDF renders and neither is read."""
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red; }")
    try:
        port = server.server_address[1]
        html = (
            f'<html><head><link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'
            f'<link rel="stylesheet" href="file://{secret}">'
            '<link rel="stylesheet" href="diagnosis/report.css">'
            f'</head><body><p>Offline report</p><img src="http://127.0.0.1:{port}/i.png" alt="">'
            "</body></html>"
        )
        with mock.patch("builtins.open", wraps=open) as opened:
            output = pdf.render_pdf(html)
        assert output.startswith(b"%PDF")
        assert _Counter.hits == []
        assert str(secret) not in {str(call.args[0]) for call in opened.call_args_list if call.args}
        assert any(
            str(call.args[0]).endswith("diagnosis/report.css") for call in opened.call_args_list if call.args
        )
    finally:
        server.shutdown()
