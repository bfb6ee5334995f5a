"""Attendance arithmetic: not recorded is never absent; counts add up; the rate stays in [0, 1]."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from traction_analysis.programmes import attendance as pure

STATUS = st.sampled_from([*pure.STATUSES, None])


@st.composite
def registers(draw: st.DrawFn) -> tuple[list[int], list[int], dict[tuple[int, int], str]]:
    people = list(range(draw(st.integers(0, 6))))
    held = list(range(100, 100 + draw(st.integers(0, 5))))
    slots = [(s, p) for s in held for p in people]
    statuses = draw(st.lists(STATUS, min_size=len(slots), max_size=len(slots)))
    return people, held, {slot: status for slot, status in zip(slots, statuses, strict=True) if status}


def test_not_recorded_is_counted_apart_and_never_as_absent() -> None:
    records = {(1, "ann"): "attended", (1, "bo"): "absent", (2, "ann"): "apologies"}
    f = pure.for_group(people=["ann", "bo", "cy"], held=[1, 2], records=records)
    assert (f.enrolled, f.held, f.slots) == (3, 2, 6)
    assert (f.attended, f.apologies, f.absent, f.not_recorded, f.recorded) == (1, 1, 1, 3, 3)
    assert f.rate == 1 / 3
    cy = pure.by_person(people=["cy"], held=[1, 2], records=records)["cy"]
    assert (cy.absent, cy.not_recorded, cy.rate, cy.percent) == (0, 2, None, None)


def test_sessions_not_yet_held_have_no_places() -> None:
    found = pure.by_session(people=["ann"], sessions=[1, 2], held={1}, records={(2, "ann"): "attended"})
    assert found[2] == pure.Figures(enrolled=1)
    assert found[1].not_recorded == 1


@given(registers())
def test_the_rate_is_between_nought_and_one(register: tuple) -> None:
    people, held, records = register
    rate = pure.for_group(people=people, held=held, records=records).rate
    assert rate is None or 0 <= rate <= 1
    for f in pure.by_person(people=people, held=held, records=records).values():
        assert f.rate is None or 0 <= f.rate <= 1


@given(registers(), st.integers(1, 3))
def test_adding_a_session_without_records_never_changes_the_rate(register: tuple, extra: int) -> None:
    people, held, records = register
    before = pure.for_group(people=people, held=held, records=records)
    more = [*held, *range(900, 900 + extra)]
    after = pure.for_group(people=people, held=more, records=records)
    assert after.rate == before.rate
    assert after.recorded == before.recorded
    assert after.not_recorded == before.not_recorded + extra * len(people)


@given(registers())
def test_the_counts_add_up_every_way(register: tuple) -> None:
    people, held, records = register
    group = pure.for_group(people=people, held=held, records=records)
    assert group.recorded == group.attended + group.apologies + group.absent
    assert group.slots == group.recorded + group.not_recorded == len(people) * len(held)
    assert group.recorded == len(records)
    per_person = pure.by_person(people=people, held=held, records=records).values()
    per_session = pure.by_session(people=people, sessions=held, held=set(held), records=records).values()
    for parts in (per_person, per_session):
        summed = pure.total(parts)
        assert (summed.attended, summed.apologies, summed.absent, summed.not_recorded) == (
            group.attended,
            group.apologies,
            group.absent,
            group.not_recorded,
        )
