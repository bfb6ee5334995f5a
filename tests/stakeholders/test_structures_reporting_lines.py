"""Dated reporting lines: the rule of the line in effect at a date (with a property test), the services'
refusals (plain message, nothing written), the chart before and after a change, the governance body form
keeping the old line, and a body's pages showing its history."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from factories import World, make_body, make_meeting
from stakeholders import kit_structures as kit
from traction.core.models import AuditEvent
from traction.governance.models import Body
from traction.stakeholders.models.structures import BodyHistory, ReportingLine
from traction.stakeholders.selectors import structures as selectors
from traction.stakeholders.services import reporting_lines as services
from traction_analysis.stakeholders import structures as pure

D = datetime.date
VESTING = D(2024, 4, 1)


# --- the rule, on plain data ---------------------------------------------------------------------------


def test_a_body_with_no_dated_line_reports_to_its_parent_at_every_date() -> None:
    body = pure.BodyLife(id=1, name="Group", parent_id=2)
    assert pure.parent_at(body, [pure.Line(body=3, reports_to=2)], D(1990, 1, 1)) == 2


def test_the_line_in_effect_runs_from_its_start_to_the_day_before_its_end() -> None:
    body = pure.BodyLife(id=1, name="Group", parent_id=9)
    lines = [pure.Line(1, 2, None, VESTING), pure.Line(1, 3, VESTING, None)]
    assert pure.parent_at(body, lines, VESTING - datetime.timedelta(days=1)) == 2
    assert pure.parent_at(body, lines, VESTING) == 3
    assert pure.parent_at(body, [pure.Line(1, 3, VESTING, None)], D(2020, 1, 1)) is None


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31))


@given(cuts=st.lists(dates, min_size=1, max_size=6, unique=True), day=dates, open_start=st.booleans())
def test_back_to_back_lines_give_exactly_one_line_at_each_covered_date(
    cuts: list[datetime.date], day: datetime.date, open_start: bool
) -> None:
    """Lines cut at sorted dates: on any day inside them exactly one covers it, and it is the one whose
    period holds the day; before the first start (when bounded) the body reports to nothing."""
    cuts.sort()
    starts: list[datetime.date | None] = [None if open_start else cuts[0], *cuts[1:]]
    ends: list[datetime.date | None] = [*cuts[1:], None]
    if open_start:
        starts, ends = [None, *cuts], [*cuts, None]
    lines = [pure.Line(1, 100 + i, s, e) for i, (s, e) in enumerate(zip(starts, ends, strict=True))]
    covering = [line for line in lines if pure.line_covers(line, day)]
    body = pure.BodyLife(id=1, name="Group", parent_id=7)
    if not open_start and day < cuts[0]:
        assert covering == [] and pure.parent_at(body, lines, day) is None
        return
    assert len(covering) == 1
    assert pure.parent_at(body, lines, day) == covering[0].reports_to
    assert all(not pure.lines_overlap(a, b) for a in lines for b in lines if a is not b)


def test_a_loop_is_found_at_the_date_a_later_line_makes_it() -> None:
    bodies = [pure.BodyLife(1, "A"), pure.BodyLife(2, "B")]
    others = [pure.Line(2, 1, D(2025, 1, 1), None)]
    [message] = pure.line_errors(line=pure.Line(1, 2, D(2024, 1, 1), None), bodies=bodies, others=others)
    assert message == pure.LINE_CYCLE.format(date="1 January 2025", target="B", body="A")
    assert (
        pure.line_errors(line=pure.Line(1, 2, D(2024, 1, 1), D(2025, 1, 1)), bodies=bodies, others=others)
        == []
    )


# --- the services --------------------------------------------------------------------------------------


def _state() -> list[Any]:
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (ReportingLine, Body, BodyHistory, AuditEvent)
    ]


@contextmanager
def refused(*messages: str) -> Iterator[None]:
    before = _state()
    with pytest.raises(ValidationError) as caught:
        yield
    said = " ".join(str(m) for m in caught.value.messages)
    for message in messages:
        assert message in said, said
    assert _state() == before


@pytest.fixture
def county(world_a: World) -> dict[str, Body]:
    """A district forum reporting to the county cabinet until vesting day, then to the new council's cabinet
    (the county's cabinet abolished and replaced that day)."""
    p = world_a.partnership
    old = make_body(p, name="County Cabinet")
    new = make_body(p, name="Council Cabinet")
    forum = make_body(p, name="District Forum", parent=old)
    BodyHistory.objects.create(partnership=p, body=old, established_on=D(2015, 4, 1), abolished_on=VESTING)
    BodyHistory.objects.create(partnership=p, body=new, established_on=VESTING)
    BodyHistory.objects.create(partnership=p, body=forum, established_on=D(2015, 4, 1))
    return {"old": old, "new": new, "forum": forum}


@pytest.mark.django_db
def test_a_change_ends_the_line_in_effect_and_opens_the_new_one_audited(
    county: dict[str, Body], secretary: Any
) -> None:
    forum, old, new = county["forum"], county["old"], county["new"]
    line = services.reporting_line_change(actor=secretary, body=forum, reports_to=new, on=VESTING)
    assert line is not None and (line.starts_on, line.ends_on) == (VESTING, None)
    first = ReportingLine.objects.get(body=forum, reports_to=old)
    assert (first.starts_on, first.ends_on) == (D(2015, 4, 1), VESTING)
    forum.refresh_from_db()
    assert forum.parent == new  # the record says what it reports to now
    verbs = list(AuditEvent.objects.filter(object_type="reportingline").values_list("verb", flat=True))
    assert verbs == ["created", "created"]


@pytest.mark.django_db
def test_the_chart_draws_the_line_in_effect_on_each_date(county: dict[str, Body], secretary: Any) -> None:
    forum, old, new = county["forum"], county["old"], county["new"]
    services.reporting_line_change(actor=secretary, body=forum, reports_to=new, on=VESTING)
    p = forum.partnership
    before = selectors.chart_for(user=secretary, partnership=p, on=D(2024, 3, 31)).chart
    after = selectors.chart_for(user=secretary, partnership=p, on=VESTING).chart
    assert (forum.pk, old.pk) in before.links and (forum.pk, new.pk) not in before.links
    assert (forum.pk, new.pk) in after.links and (forum.pk, old.pk) not in after.links


@pytest.mark.django_db
def test_the_before_and_after_of_a_merger_shows_the_lines_as_they_were(
    county: dict[str, Body], secretary: Any, world_a: World
) -> None:
    forum, old, new = county["forum"], county["old"], county["new"]
    services.reporting_line_change(actor=secretary, body=forum, reports_to=new, on=VESTING)
    succession = kit.make_succession(
        world_a,
        [kit.organisation(world_a, "County")],
        [kit.organisation(world_a, "Council")],
        kind="renaming",
        effective_on=VESTING,
    )
    compare = selectors.before_after_for(
        user=secretary, partnership=world_a.partnership, succession=succession
    )
    assert (forum.pk, old.pk) in compare.before.chart.links
    assert (forum.pk, new.pk) in compare.after.chart.links


@pytest.mark.django_db
def test_a_line_before_either_body_existed_is_refused(county: dict[str, Body], secretary: Any) -> None:
    with refused(pure.LINE_BEFORE_BODY.format(name="Council Cabinet", date="1 April 2024")):
        services.reporting_line_change(
            actor=secretary, body=county["forum"], reports_to=county["new"], on=D(2020, 1, 1)
        )
    panel = make_body(county["forum"].partnership, name="Scrutiny Panel")
    with refused(pure.LINE_BEFORE_BODY.format(name="District Forum", date="1 April 2015")):
        services.reporting_line_change(
            actor=secretary, body=county["forum"], reports_to=panel, on=D(2010, 1, 1)
        )


@pytest.mark.django_db
def test_a_line_to_a_body_after_it_was_abolished_is_refused(county: dict[str, Body], secretary: Any) -> None:
    other = make_body(county["forum"].partnership, name="Scrutiny Panel")
    with refused(pure.LINE_AFTER_BODY.format(name="County Cabinet", date="1 April 2024")):
        services.reporting_line_change(
            actor=secretary, body=other, reports_to=county["old"], on=D(2024, 6, 1)
        )
    line = services.reporting_line_change(
        actor=secretary, body=other, reports_to=county["old"], on=D(2020, 6, 1)
    )
    assert line is not None  # left open, it ends with the county cabinet
    with refused(pure.LINE_OUTLIVES_TARGET.format(name="County Cabinet", date="1 April 2024")):
        services.reporting_line_update(actor=secretary, line=line, data={"ends_on": D(2024, 6, 1)})


@pytest.mark.django_db
def test_a_loop_at_that_date_is_refused(county: dict[str, Body], secretary: Any) -> None:
    forum, new = county["forum"], county["new"]
    services.reporting_line_change(actor=secretary, body=forum, reports_to=new, on=VESTING)
    with refused("that would be a loop"):
        services.reporting_line_change(actor=secretary, body=new, reports_to=forum, on=D(2024, 5, 1))


@pytest.mark.django_db
def test_overlapping_periods_for_one_body_are_refused(county: dict[str, Body], secretary: Any) -> None:
    forum, new = county["forum"], county["new"]
    line = services.reporting_line_change(actor=secretary, body=forum, reports_to=new, on=VESTING)
    assert line is not None
    with refused("the two periods overlap"):
        services.reporting_line_update(actor=secretary, line=line, data={"starts_on": D(2024, 3, 1)})


@pytest.mark.django_db
def test_the_same_line_again_and_a_line_to_itself_are_refused(
    county: dict[str, Body], secretary: Any
) -> None:
    forum, old = county["forum"], county["old"]
    with refused(services.SAME_LINE.format(body="District Forum", target="County Cabinet")):
        services.reporting_line_change(actor=secretary, body=forum, reports_to=old, on=D(2020, 1, 1))
    line = services.reporting_line_change(actor=secretary, body=forum, reports_to=county["new"], on=VESTING)
    assert line is not None
    with refused(pure.LINE_TO_ITSELF):
        services.reporting_line_update(actor=secretary, line=line, data={"reports_to": forum})


@pytest.mark.django_db
def test_a_body_of_another_partnership_is_refused(
    county: dict[str, Body], secretary: Any, world_b: World
) -> None:
    with refused("Choose a body of this partnership."):
        services.reporting_line_change(
            actor=secretary, body=county["forum"], reports_to=world_b.body, on=VESTING
        )


@pytest.mark.django_db
def test_a_facilitator_may_read_lines_but_not_write_them(
    county: dict[str, Body], users: dict[str, Any]
) -> None:
    before = _state()
    with pytest.raises(PermissionDenied):
        services.reporting_line_change(
            actor=users["facilitator"], body=county["forum"], reports_to=county["new"], on=VESTING
        )
    assert _state() == before


# --- over HTTP -----------------------------------------------------------------------------------------


def u(w: World, name: str, app: str = "stakeholders", **kwargs: Any) -> str:
    return reverse(f"{app}:{name}", kwargs={"slug": w.partnership.slug, **kwargs})


@pytest.mark.django_db
def test_moving_a_body_in_its_form_keeps_the_old_line_dated(
    county: dict[str, Body], world_a: World, secretary_client: Client
) -> None:
    forum = county["forum"]
    page = secretary_client.post(
        u(world_a, "body-update", app="governance", pk=forum.pk),
        {
            "name": forum.name,
            "kind": forum.kind,
            "parent": county["new"].pk,
            "purpose": "",
            "parent_changed_on": "2024-04-01",
        },
    )
    assert page.status_code == 302
    lines = list(ReportingLine.objects.filter(body=forum).values_list("reports_to", "starts_on", "ends_on"))
    assert lines == [(county["old"].pk, D(2015, 4, 1), VESTING), (county["new"].pk, VESTING, None)]


@pytest.mark.django_db
def test_a_move_the_rules_refuse_is_a_form_error_and_the_body_is_unchanged(
    county: dict[str, Body], world_a: World, secretary_client: Client
) -> None:
    forum = county["forum"]
    before = _state()
    page = secretary_client.post(
        u(world_a, "body-update", app="governance", pk=forum.pk),
        {
            "name": forum.name,
            "kind": forum.kind,
            "parent": county["new"].pk,
            "purpose": "",
            "parent_changed_on": "2020-01-01",
        },
    )
    assert page.status_code == 200
    assert "Council Cabinet was established on 1 April 2024" in page.content.decode()
    assert _state() == before


@pytest.mark.django_db
def test_the_change_form_records_a_change_and_refuses_a_bad_date(
    county: dict[str, Body], world_a: World, secretary_client: Client
) -> None:
    url = u(world_a, "reportingline-change", pk=county["forum"].pk)
    before = _state()
    page = secretary_client.post(url, {"reports_to": county["new"].pk, "on": "2024-03-01", "note": ""})
    assert "Council Cabinet was established on 1 April 2024" in page.content.decode()
    assert _state() == before
    page = secretary_client.post(
        url, {"reports_to": county["new"].pk, "on": "2024-04-01", "note": "Vesting day."}
    )
    assert page.status_code == 302
    assert ReportingLine.objects.filter(
        body=county["forum"], reports_to=county["new"], starts_on=VESTING
    ).exists()


@pytest.mark.django_db
def test_another_partnerships_body_is_not_found(
    world_a: World, world_b: World, secretary_client: Client
) -> None:
    page = secretary_client.post(
        u(world_a, "reportingline-change", pk=world_b.sub_body.pk), {"reports_to": "", "on": "2024-04-01"}
    )
    assert page.status_code == 404
    assert not ReportingLine.objects.exists()


@pytest.mark.django_db
def test_a_body_page_and_its_diagnosis_profile_show_its_history(
    county: dict[str, Body], world_a: World, secretary: Any, client_for: Callable[[str], Client]
) -> None:
    """The county cabinet, replaced on vesting day, keeps a readable page and profile with its meetings."""
    old, new, forum = county["old"], county["new"], county["forum"]
    history = BodyHistory.objects.get(body=old)
    history.replaced_by = new
    history.save()
    make_meeting(old.partnership, body=old, start=datetime.datetime(2024, 2, 1, 10, tzinfo=datetime.UTC))
    services.reporting_line_change(actor=secretary, body=forum, reports_to=new, on=VESTING)
    viewer = client_for("viewer")
    page = viewer.get(u(world_a, "body-detail", app="governance", pk=old.pk)).content.decode()
    assert "History and reporting lines" in page and "Abolished</dt>" in page and "1 April 2024" in page
    assert reverse("governance:body-detail", kwargs={"slug": world_a.partnership.slug, "pk": new.pk}) in page
    assert "Bodies that reported to County Cabinet over time" in page and "District Forum" in page
    successor = viewer.get(u(world_a, "body-detail", app="governance", pk=new.pk)).content.decode()
    assert "Replaces</dt>" in successor and "County Cabinet" in successor
    lines = viewer.get(u(world_a, "body-detail", app="governance", pk=forum.pk)).content.decode()
    assert "What District Forum reported to over time" in lines and "?on=2024-04-01" in lines
    profile = viewer.get(
        u(world_a, "body-profile", app="diagnosis", pk=old.pk) + "?period=year&from=2024-02-01"
    )
    assert profile.status_code == 200
    assert "History and reporting lines" in profile.content.decode()
