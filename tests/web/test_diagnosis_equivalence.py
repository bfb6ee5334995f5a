"""The web app's signals, computed in the database, equal the pure computation on the same record.

``traction.diagnosis`` counts in SQL; ``traction_analysis.signals`` walks plain records. On the demo
partnerships and on a small hand-built record full of edge cases, both give the same figures — values,
numerators, denominators, sufficiency and every evidence id — for every body and several periods.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from factories import (
    make_action,
    make_body,
    make_item,
    make_meeting,
    make_member,
    make_organisation,
    make_paper,
    make_partnership,
    make_person,
)
from traction.core.models import Partnership, Role
from traction.diagnosis.records import records_for
from traction.diagnosis.selectors import signals_for_body, signals_for_partnership
from traction.governance.demo import load_demo
from traction.governance.models import AgendaItem, Body
from traction_analysis.signals import BodySignals, Period, SignalParams, compute_all, compute_signals

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
DEMO_TODAY = datetime.date(2026, 3, 18)
MAX_QUERIES = 12
DEFAULTS = SignalParams()


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def at(text: str) -> datetime.datetime:
    """A local (London) time: "2025-03-31 23:30"."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=LONDON)


def pure_all(
    partnership: Partnership, period: Period, as_of: datetime.date, params: SignalParams = DEFAULTS
) -> dict[int, BodySignals]:
    meetings, items, papers, actions = records_for(partnership)
    return {
        int(k): v
        for k, v in compute_all(
            meetings=meetings,
            items=items,
            papers=papers,
            actions=actions,
            period=period,
            as_of=as_of,
            params=params,
        ).items()
    }


def assert_same(db: BodySignals, pure: BodySignals) -> None:
    """Figure by figure first, so a failure names the signal; then the whole result, parcels included."""
    for (name, db_figure), (_, pure_figure) in zip(db.figures(), pure.figures(), strict=True):
        assert db_figure == pure_figure, f"body {db.body}, {name}"
    assert db == pure


def assert_equivalent(
    user: Any,
    partnership: Partnership,
    periods: list[Period],
    as_ofs: list[datetime.date],
    params: SignalParams = DEFAULTS,
) -> None:
    for as_of in as_ofs:
        for period in periods:
            pure = pure_all(partnership, period, as_of, params)
            db = signals_for_partnership(
                user=user, partnership=partnership, period=period, as_of=as_of, params=params
            )
            assert list(db) == list(pure), (period, as_of)
            for body_id, expected in pure.items():
                assert_same(db[body_id], expected)
            for body in Body.objects.filter(partnership=partnership):
                meetings, items, papers, actions = records_for(partnership)
                expected = compute_signals(
                    meetings=meetings,
                    items=items,
                    papers=papers,
                    actions=actions,
                    body=body.pk,
                    period=period,
                    as_of=as_of,
                    params=params,
                )
                assert_same(
                    signals_for_body(
                        user=user,
                        partnership=partnership,
                        body=body,
                        period=period,
                        as_of=as_of,
                        params=params,
                    ),
                    expected,
                )


def quarters(first: datetime.date, count: int) -> list[Period]:
    starts = [
        datetime.date(first.year + (first.month - 1 + 3 * n) // 12, (first.month - 1 + 3 * n) % 12 + 1, 1)
        for n in range(count + 1)
    ]
    return [Period(a, b) for a, b in itertools.pairwise(starts)]


# --- the demo partnerships ---------------------------------------------------------------------------


@pytest.fixture
def demo() -> list[tuple[Partnership, Any]]:
    load_demo(today=DEMO_TODAY)
    return [
        (p, make_member(p, Role.VIEWER))
        for p in Partnership.objects.filter(slug__in=("riverside", "northgate"))
    ]


def test_the_demo_gives_the_same_figures_both_ways(demo: list[tuple[Partnership, Any]]) -> None:
    periods = [
        *quarters(datetime.date(2024, 10, 1), 6),
        Period(day("2025-01-01"), day("2026-01-01")),
        Period(day("2024-09-15"), day("2026-03-18")),
    ]
    for partnership, user in demo:
        assert_equivalent(user, partnership, periods, [DEMO_TODAY, day("2025-09-30")])
        assert_equivalent(
            user,
            partnership,
            periods[2:4],
            [DEMO_TODAY],
            SignalParams(parcel_months=3, min_meetings=2, min_actions=2, min_decisions=2),
        )


def test_the_demo_shows_signals_so_the_comparison_means_something(
    demo: list[tuple[Partnership, Any]],
) -> None:
    found = [
        signals
        for partnership, user in demo
        for signals in signals_for_partnership(
            user=user,
            partnership=partnership,
            period=Period(day("2025-01-01"), day("2026-01-01")),
            as_of=DEMO_TODAY,
        ).values()
    ]
    figures = [figure for signals in found for _, figure in signals.figures()]
    assert any(s.deferral_loops.value for s in found)
    assert any(s.recurring_topics.value for s in found)
    assert any(s.parcels for s in found)
    assert sum(1 for f in figures if f.sufficient) > len(figures) // 2


# --- a small record with the edge cases --------------------------------------------------------------


class Scene:
    """Three bodies of one partnership, with a record whose figures exercise every edge of the definitions."""

    def __init__(self, partnership: Partnership, label: str) -> None:
        self.p = partnership
        self.board = make_body(partnership, name=f"{label}Board")
        self.committee = make_body(partnership, name=f"{label}Committee")
        self.group = make_body(partnership, name=f"{label}Working group")
        self.org = make_organisation(partnership, name=f"{label}County Council")
        self.lead = make_person(partnership, name="Alex Director")
        self.blank = make_person(partnership, name="  ")
        self.meetings: dict[str, Any] = {}

    def meeting(self, body: Body, when: str, status: str = "held", minutes: int = 120) -> Any:
        meeting = make_meeting(self.p, body=body, start=at(when), status=status, duration_minutes=minutes)
        self.meetings[f"{body.name} {when}"] = meeting
        return meeting

    def items(self, meeting: Any, *spec: tuple[str, str]) -> list[Any]:
        return [make_item(self.p, meeting=meeting, topic=topic, outcome=outcome) for topic, outcome in spec]


def build_scene(partnership: Partnership, label: str = "") -> Scene:
    s = Scene(partnership, label)
    b = s.board
    m1 = s.meeting(b, "2025-01-14 10:00")
    m2 = s.meeting(b, "2025-02-11 10:00", minutes=90)
    s.meeting(b, "2025-03-04 10:00", status="cancelled")
    m3 = s.meeting(b, "2025-03-31 23:30")  # local 31 March: first quarter, though 22:30 UTC
    m4 = s.meeting(b, "2025-04-01 00:30")  # local 1 April: second quarter, though 31 March UTC
    s.meeting(b, "2025-04-20 10:00", status="scheduled")  # never marked held: not counted
    m5 = s.meeting(b, "2025-05-13 10:00", minutes=60)
    m6 = s.meeting(b, "2025-06-10 10:00")
    m7 = s.meeting(b, "2025-07-08 10:00")
    cancelled = s.meeting(b, "2025-07-22 10:00", status="cancelled")
    s.meeting(b, "2026-01-13 10:00")
    # budget: deferred at every meeting from January (the cancelled meeting does not break the row) ...
    # estates: deferred, then a decision breaks the loop, then deferred again twice.
    # parking: deferred in May and July but not on the June agenda, so not in a row.
    # performance: only ever noted (recurring); strategy: decided every time.
    s.items(
        m1,
        ("budget", "deferred"),
        ("estates", "deferred"),
        ("performance", "noted"),
        ("", "procedural"),
        ("strategy", "decided"),
        ("", "unclear"),
        ("housing", "referred"),
        ("transport", "referred"),
    )
    s.items(
        m2,
        ("budget", "deferred"),
        ("estates", "decided"),
        ("estates", "deferred"),
        ("performance", "noted"),
        ("strategy", "decided"),
        ("", "noted"),
        ("budget", "procedural"),
    )
    s.items(
        m3,
        (" budget", "deferred"),
        ("estates", "deferred"),
        ("performance", "noted"),
        ("strategy", "decided"),
        ("risk", "referred"),
    )
    s.items(
        m4,
        ("budget", "deferred"),
        ("estates", "deferred"),
        ("performance", "unclear"),
        ("strategy", "decided"),
        ("", "decided"),
    )
    s.items(
        m5,
        ("parking", "deferred"),
        ("performance", "noted"),
        ("strategy", "decided"),
        ("budget", "decided"),
        ("", "unclear"),
    )
    s.items(m6, ("budget", "deferred"), ("performance", "noted"), ("", "decided"), ("risk", "noted"))
    s.items(
        m7, ("parking", "deferred"), ("budget", "deferred"), ("performance", "deferred"), ("late", "referred")
    )
    s.items(cancelled, ("budget", "decided"))
    # housing goes board -> committee -> group and nobody decides it; transport is decided at the group
    # within six months; risk is decided at the committee a day after its window closes.
    c1 = s.meeting(s.committee, "2025-03-03 18:00")
    c2 = s.meeting(s.committee, "2025-05-05 18:00")
    c3 = s.meeting(s.committee, "2025-10-01 18:00")
    s.items(c1, ("housing", "referred"), ("transport", "referred"), ("strategy", "noted"))
    s.items(c2, ("housing", "noted"), ("transport", "deferred"), ("strategy", "deferred"))
    s.items(c3, ("risk", "decided"), ("housing", "noted"))
    # six months from 31 August end on 28 February: a decision on 1 March is too late.
    s.items(s.meeting(s.committee, "2025-08-31 11:00"), ("clamp", "referred"))
    s.items(s.meeting(s.group, "2026-03-01 09:00"), ("clamp", "decided"))
    g1 = s.meeting(s.group, "2025-04-02 09:00")
    g2 = s.meeting(s.group, "2025-07-14 09:00")
    s.items(g1, ("housing", "noted"), ("transport", "noted"))
    s.items(g2, ("transport", "decided"), ("housing", "deferred"))
    _papers(s, m1, m2, m3, m4, m5, c1)
    _actions(s, m1, m2, m4, m5, cancelled)
    return s


def _papers(s: Scene, m1: Any, m2: Any, m3: Any, m4: Any, m5: Any, c1: Any) -> None:
    for meeting, pages in ((m1, 40), (m1, 12), (m2, 80), (m3, None), (m4, 25), (m5, 0), (c1, 30)):
        make_paper(s.p, meeting=meeting, pages=pages)
    make_paper(s.p, meeting=None, pages=100)


def _actions(s: Scene, m1: Any, m2: Any, m4: Any, m5: Any, cancelled: Any) -> None:
    decided_m1 = m1.items.get(outcome="decided")
    decided_m2 = m2.items.filter(outcome="decided").first()
    decided_m4 = m4.items.filter(outcome="decided").first()
    board = s.board
    make_action(
        s.p,
        agenda_item=decided_m1,
        lead=s.lead,
        due_date=day("2025-02-28"),
        status="done",
        completed_on=day("2025-02-20"),
    )
    make_action(
        s.p,
        agenda_item=decided_m1,
        lead_organisation=s.org,
        due_date=day("2025-03-15"),
        status="done",
        completed_on=day("2025-04-02"),
    )
    make_action(s.p, agenda_item=decided_m2, lead=s.blank, due_date=day("2025-03-31"))  # blank name: no owner
    make_action(s.p, agenda_item=decided_m2, lead=s.lead, due_date=None)  # no due date
    make_action(
        s.p,
        agenda_item=decided_m2,
        lead=s.lead,
        due_date=day("2025-04-01"),
        status="dropped",
        completed_on=day("2025-04-01"),
    )
    make_action(
        s.p,
        agenda_item=decided_m4,
        lead=s.lead,
        due_date=day("2025-05-30"),
        status="superseded",
        completed_on=day("2025-05-01"),
    )
    make_action(
        s.p,
        agenda_item=decided_m4,
        lead=s.lead,
        due_date=day("2025-05-31"),
        status="done",
        completed_on=day("2025-05-31"),
    )
    make_action(
        s.p,
        agenda_item=decided_m4,
        lead=s.lead,
        due_date=day("2025-06-15"),
        status="done",
        completed_on=day("2025-08-01"),
    )  # done after some as-of dates: open on them
    make_action(
        s.p,
        agenda_item=m5.items.get(outcome="decided", topic="strategy"),
        lead=None,
        due_date=day("2025-06-30"),
    )
    make_action(s.p, agenda_item=cancelled.items.get(), lead=s.lead, due_date=day("2025-08-31"))
    for created, due in (
        ("2025-03-31 23:00", "2025-04-15"),
        ("2025-04-01 00:10", "2025-04-10"),
        ("2025-06-01 12:00", None),
        ("2025-09-01 12:00", "2025-09-02"),
    ):
        make_action(s.p, body=board, lead=s.lead, due_date=day(due) if due else None, created_at=at(created))
    make_action(
        s.p,
        body=s.committee,
        lead_organisation=s.org,
        due_date=day("2025-05-01"),
        created_at=at("2025-02-01 09:00"),
    )


SCENE_PERIODS = [
    *quarters(datetime.date(2025, 1, 1), 4),
    Period(day("2025-01-01"), day("2026-01-01")),
    Period(day("2025-02-15"), day("2025-05-20")),
    Period(day("2025-04-01"), day("2025-04-02")),
]
# 14 July 2025 closes the window of the January referrals on the day itself.
SCENE_AS_OFS = [day("2025-04-15"), day("2025-06-30"), day("2025-07-14"), day("2025-12-31"), day("2026-03-31")]
LOW_BARS = SignalParams(
    min_substantive_items=3,
    min_meetings=2,
    min_actions=2,
    min_decisions=2,
    max_unclear_share=0.2,
    min_topic_coverage=0.7,
)


@pytest.fixture
def scene(partnership_a: Partnership) -> Scene:
    return build_scene(partnership_a)


@pytest.mark.parametrize(
    "params",
    [SignalParams(), LOW_BARS, SignalParams(parcel_months=1)],
    ids=["default", "low-bars", "one-month-parcel"],
)
def test_the_edge_cases_give_the_same_figures_both_ways(
    scene: Scene, viewer: Any, params: SignalParams
) -> None:
    assert_equivalent(viewer, scene.p, SCENE_PERIODS, SCENE_AS_OFS, params)


def test_the_edge_cases_are_really_exercised(scene: Scene, viewer: Any) -> None:
    half = Period(day("2025-01-01"), day("2025-07-01"))
    found = signals_for_body(
        user=viewer,
        partnership=scene.p,
        body=scene.board,
        period=half,
        as_of=day("2025-12-31"),
        params=LOW_BARS,
    )
    assert found.deferral_loops.counted.topics == ("budget", "estates")
    assert "performance" in found.recurring_topics.counted.topics
    summer = signals_for_body(
        user=viewer,
        partnership=scene.p,
        body=scene.board,
        period=SCENE_PERIODS[2],
        as_of=day("2025-12-31"),
        params=LOW_BARS,
    )
    assert "parking" in summer.deferral_loops.base.topics
    assert summer.deferral_loops.counted.topics == ("budget",)
    assert found.pass_the_parcel.counted.topics == ("housing", "risk")
    housing = next(p for p in found.parcels if p.topic == "housing")
    assert set(housing.bodies) == {scene.board.pk, scene.committee.pk, scene.group.pk}
    assert found.orphan_actions.numerator and found.days_overdue.value


def test_the_night_the_clocks_go_back_keeps_the_records_order(
    partnership_a: Partnership, viewer: Any
) -> None:
    """At 01:10 GMT the board decides; at 01:30 BST, forty minutes earlier in real time but later on the
    clock, it defers. The records order meetings by local time, so the deferral follows the decision."""
    night = make_body(partnership_a, name="Night board")
    when = [
        datetime.datetime(2025, 10, 26, 1, 10, tzinfo=LONDON, fold=1),
        datetime.datetime(2025, 10, 26, 1, 30, tzinfo=LONDON, fold=0),
        at("2025-11-10 10:00"),
    ]
    assert when[1].timestamp() < when[0].timestamp()  # in real time the deferral came first
    for start, outcome in zip(when, ("decided", "deferred", "deferred"), strict=True):
        make_item(
            partnership_a,
            meeting=make_meeting(partnership_a, body=night, start=start, status="held"),
            topic="night",
            outcome=outcome,
        )
    november = Period(day("2025-11-01"), day("2025-12-01"))
    assert_equivalent(viewer, partnership_a, [november], [day("2025-12-31")], LOW_BARS)
    found = signals_for_body(
        user=viewer,
        partnership=partnership_a,
        body=night,
        period=november,
        as_of=day("2025-12-31"),
        params=LOW_BARS,
    )
    assert found.deferral_loops.counted.topics == ("night",)


# --- tenancy, permissions and the number of queries --------------------------------------------------


def test_another_partnerships_record_never_reaches_the_figures(
    scene: Scene, viewer: Any, partnership_b: Partnership
) -> None:
    other = build_scene(partnership_b)
    # In B every topic is decided everywhere: if B leaked into A, A's parcels and loops would change.
    for meeting in other.meetings.values():
        meeting.items.exclude(outcome="procedural").update(outcome="decided")
    assert_equivalent(viewer, scene.p, SCENE_PERIODS[4:5], [day("2025-12-31")], LOW_BARS)
    found = signals_for_partnership(
        user=viewer, partnership=scene.p, period=SCENE_PERIODS[4], as_of=day("2025-12-31"), params=LOW_BARS
    )
    b_bodies = set(Body.objects.filter(partnership=partnership_b).values_list("pk", flat=True))
    b_items = set(AgendaItem.objects.filter(partnership=partnership_b).values_list("pk", flat=True))
    assert not b_bodies & set(found)
    for signals in found.values():
        for _, figure in signals.figures():
            assert not b_items & {*figure.counted.items, *figure.base.items}


def test_a_non_member_gets_404(scene: Scene, outsider: Any) -> None:
    period = SCENE_PERIODS[0]
    with pytest.raises(Http404):
        signals_for_partnership(user=outsider, partnership=scene.p, period=period, as_of=day("2025-12-31"))
    with pytest.raises(Http404):
        signals_for_body(
            user=outsider, partnership=scene.p, body=scene.board, period=period, as_of=day("2025-12-31")
        )


def test_a_body_of_another_partnership_is_404(scene: Scene, viewer: Any, partnership_b: Partnership) -> None:
    elsewhere = make_body(partnership_b, name="Elsewhere")
    with pytest.raises(Http404):
        signals_for_body(
            user=viewer, partnership=scene.p, body=elsewhere, period=SCENE_PERIODS[0], as_of=day("2025-12-31")
        )


def _queries(call: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_record(
    scene: Scene, viewer: Any, django_assert_max_num_queries: Any
) -> None:
    year = SCENE_PERIODS[4]

    def everything() -> Any:
        return signals_for_partnership(user=viewer, partnership=scene.p, period=year, as_of=day("2025-12-31"))

    def one_body() -> Any:
        return signals_for_body(
            user=viewer, partnership=scene.p, body=scene.board, period=year, as_of=day("2025-12-31")
        )

    with django_assert_max_num_queries(MAX_QUERIES):
        everything()
    with django_assert_max_num_queries(MAX_QUERIES):
        one_body()
    small = (_queries(everything), _queries(one_body))
    for label in ("North ", "South ", "East "):  # the same partnership's record, four times over
        build_scene(scene.p, label)
    build_scene(make_partnership())
    for meeting in list(scene.meetings.values())[:4]:  # more of the same partnership's record
        for n in range(30):
            make_item(scene.p, meeting=meeting, topic=f"extra-{n}", outcome="noted")
    assert (_queries(everything), _queries(one_body)) == small
