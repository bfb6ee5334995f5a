"""Pass the parcel: referrals with no decision anywhere within N months, across bodies."""

from __future__ import annotations

from datetime import date

import pytest
from test_signals_kit import Record, d, ids, period

from traction_analysis.signals import ItemRecord, Outcome, add_months

YEAR = period("2025-01-01", "2026-01-01")
AS_OF = "2025-12-31"


@pytest.fixture
def region() -> tuple[Record, dict]:
    """Cabinet, scrutiny and health, 2025.

    care-homes: cabinet refers 15 Jan → scrutiny refers 10 Mar → health refers 20 May → cabinet decides
                20 Aug (after cabinet's six months, within scrutiny's and health's)
    transport:  cabinet refers 1 Feb → scrutiny refers 1 Apr → health notes 1 Jun; never decided
    parks:      health decided 1 Dec 2024 (before the referral) → cabinet refers 20 Jan; never again
    roads:      cabinet refers 1 Mar, health decides the same day
    libraries:  cabinet refers 1 Oct; six months not yet over on 31 Dec
    """
    r = Record()
    meet = {
        (body, day): r.meeting(body, day)
        for body, day in [
            ("cabinet", "2025-01-15"),
            ("cabinet", "2025-01-20"),
            ("cabinet", "2025-02-01"),
            ("cabinet", "2025-03-01"),
            ("cabinet", "2025-08-20"),
            ("cabinet", "2025-10-01"),
            ("scrutiny", "2025-03-10"),
            ("scrutiny", "2025-04-01"),
            ("scrutiny", "2025-06-15"),
            ("health", "2024-12-01"),
            ("health", "2025-03-01"),
            ("health", "2025-05-20"),
            ("health", "2025-06-01"),
        ]
    }

    def at(body: str, day: str, outcome: Outcome, topic: str) -> ItemRecord:
        return r.item(meet[body, day], outcome, topic)

    made = {
        "care-homes": [
            at("cabinet", "2025-01-15", "referred", "care-homes"),
            at("scrutiny", "2025-03-10", "referred", "care-homes"),
            at("health", "2025-05-20", "referred", "care-homes"),
            at("cabinet", "2025-08-20", "decided", "care-homes"),
        ],
        "transport": [
            at("cabinet", "2025-02-01", "referred", "transport"),
            at("scrutiny", "2025-04-01", "referred", "transport"),
            at("health", "2025-06-01", "noted", "transport"),
        ],
        "parks": [
            at("health", "2024-12-01", "decided", "parks"),
            at("cabinet", "2025-01-20", "referred", "parks"),
        ],
        "roads": [
            at("cabinet", "2025-03-01", "referred", "roads"),
            at("health", "2025-03-01", "decided", "roads"),
        ],
        "libraries": [at("cabinet", "2025-10-01", "referred", "libraries")],
    }
    at("scrutiny", "2025-06-15", "noted", "scrutiny-work-programme")
    return r, made


def test_cabinet_passed_three_topics_on_of_four_judged(region) -> None:
    r, made = region
    figure = r.signals("cabinet", YEAR, AS_OF).pass_the_parcel
    assert (figure.value, figure.numerator, figure.denominator, figure.sufficient) == (3, 3, 4, True)
    assert figure.counted.topics == ("care-homes", "parks", "transport")
    assert figure.base.topics == ("care-homes", "parks", "roads", "transport")
    assert figure.counted.items == ids([made["care-homes"][0], made["transport"][0], made["parks"][1]])


def test_the_parcel_shows_where_the_topic_went_until_the_window_closed(region) -> None:
    r, made = region
    parcels = {p.topic: p for p in r.signals("cabinet", YEAR, AS_OF).parcels}
    care = parcels["care-homes"]
    assert care.bodies == ("cabinet", "scrutiny", "health")
    assert care.items == tuple(i.id for i in made["care-homes"][:3])  # the August decision came too late
    assert (care.referred_on, care.window_end) == (d("2025-01-15"), d("2025-07-15"))
    assert parcels["parks"].bodies == ("cabinet",)


def test_a_decision_anywhere_within_the_window_stops_the_parcel(region) -> None:
    r, _ = region
    scrutiny = r.signals("scrutiny", YEAR, AS_OF).pass_the_parcel
    assert (scrutiny.value, scrutiny.denominator) == (1, 2)
    assert scrutiny.counted.topics == ("transport",)
    health = r.signals("health", YEAR, AS_OF).pass_the_parcel
    assert (health.value, health.denominator) == (0, 1)


def test_a_longer_window_lets_the_late_decision_count(region) -> None:
    r, _ = region
    figure = r.signals("cabinet", YEAR, AS_OF, parcel_months=12).pass_the_parcel
    # care-homes is decided within 12 months; parks, transport and libraries are still inside theirs.
    assert (figure.value, figure.denominator) == (0, 2)
    assert figure.base.topics == ("care-homes", "roads")


def test_a_referral_is_judged_only_once_its_window_has_closed() -> None:
    r = Record()
    referral = r.item(r.meeting("cabinet", "2025-01-15"), "referred", "budget")
    for day in ("2025-02-15", "2025-03-15"):
        r.item(r.meeting("cabinet", day), "noted", "other")
    Q1 = period("2025-01-01", "2025-04-01")
    assert r.signals("cabinet", Q1, "2025-07-15").pass_the_parcel.denominator == 0
    after = r.signals("cabinet", Q1, "2025-07-16").pass_the_parcel
    assert (after.value, after.counted.items) == (1, (referral.id,))


def test_a_decision_on_the_last_day_of_the_window_counts() -> None:
    r = Record()
    r.item(r.meeting("cabinet", "2025-01-15"), "referred", "budget")
    r.item(r.meeting("scrutiny", "2025-07-15"), "decided", "budget")
    for day in ("2025-02-15", "2025-03-15"):
        r.item(r.meeting("cabinet", day), "noted", "other")
    figure = r.signals("cabinet", period("2025-01-01", "2025-04-01"), "2025-12-31").pass_the_parcel
    assert (figure.value, figure.denominator) == (0, 1)


def test_referrals_without_a_topic_cannot_be_followed() -> None:
    r = Record()
    for day in ("2025-01-15", "2025-02-15", "2025-03-15"):
        r.item(r.meeting("cabinet", day), "referred", None)
    figure = r.signals("cabinet", period("2025-01-01", "2025-04-01"), "2025-12-31").pass_the_parcel
    assert (figure.value, figure.denominator, figure.sufficient) == (0, 0, False)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2025-01-15", 6, "2025-07-15"),
        ("2025-08-31", 6, "2026-02-28"),
        ("2023-08-31", 6, "2024-02-29"),
        ("2025-12-31", 2, "2026-02-28"),
        ("2025-03-31", 12, "2026-03-31"),
    ],
)
def test_add_months_keeps_the_day_or_the_month_end(day: str, months: int, expected: str) -> None:
    assert add_months(date.fromisoformat(day), months) == date.fromisoformat(expected)
