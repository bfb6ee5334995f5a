"""Whatever the answers and whatever k, no page and no read of a health check says a figure that fewer than
k people are behind: not a section's median or spread, not its flags, not the number who answered."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from direction import kit_health as kit
from factories import World
from traction.core.models import Role
from traction.direction.selectors import health as selectors

SECTIONS = ("purpose", "trust", "learning")
answer = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
person = st.fixed_dictionaries({s: answer for s in SECTIONS})


def _rated(people: list[dict[str, int | None]], section: str) -> int:
    return sum(1 for p in people if p[section] is not None)


def _row_text(page: str, label: str) -> str:
    found = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', page, re.S)
    assert found, label
    return found.group(1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(person, max_size=9), k=st.integers(min_value=3, max_value=6), closed=st.booleans())
def test_no_page_or_read_shows_a_figure_from_fewer_than_k(
    world_a: World, client_for: Any, people: list[dict[str, int | None]], k: int, closed: bool
) -> None:
    closes_on = kit.today() + datetime.timedelta(days=-1 if closed else 1)
    run = kit.make_run(world_a.partnership, k=k, closes_on=closes_on)
    by_section = {s: tuple(p[s] for p in people) for s in SECTIONS}
    if people:
        kit.answer(run, by_section)
    client = client_for(Role.VIEWER)
    try:
        results = selectors.results_for(run=run, today=kit.today())
        assert results.answered == (len(people) if len(people) >= k else None)
        page = client.get(reverse("direction:healthrun-results", kwargs={"slug": "northshire", "pk": run.pk}))
        text = page.content.decode()
        detail = client.get(
            reverse("direction:healthrun-detail", kwargs={"slug": "northshire", "pk": run.pk})
        )
        if len(people) < k:
            assert f"Fewer than {k}" in text and f"Fewer than {k}" in detail.content.decode()
        if not closed:
            assert results.rows == () and "Median" not in text.split("<caption")[-1]
            return
        for row in results.rows:
            rated = _rated(people, row.section)
            cell = _row_text(text, row.label)
            if rated < k:
                assert row.result.people is None and row.result.median is None and not row.result.flagged
                words = re.sub(r"<[^>]+>", " ", cell).replace(f"fewer than {k} people", "")
                assert "Not shown" in words and not re.search(r"\d", words), words
                assert "Low" not in cell and "No consensus" not in cell
            else:
                assert row.result.people == rated and f">{rated}<" in cell
    finally:
        run.delete()
