"""Search over a large record: what it finds, its queries whatever the number of matches, and on PostgreSQL
the GIN indexes it reads through."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.factories import make_action, make_item, make_meeting, make_member, make_partnership

from traction.core.models import Partnership, Role
from traction.governance import selectors
from traction.governance.models import ITEM_SEARCH_FIELDS, SEARCH_CONFIG, Action, AgendaItem

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")


@pytest.fixture
def partnership() -> Partnership:
    return make_partnership()


def _ids(partnership: Partnership, query: str) -> set[int]:
    return set(selectors.item_search_ids(partnership=partnership, query=query).values_list("pk", flat=True))


def test_items_found_by_their_title_their_resolution_or_one_of_their_actions(
    partnership: Partnership,
) -> None:
    meeting = make_meeting(partnership)
    by_title = make_item(partnership, meeting=meeting, title="Hospital discharge pathway")
    by_resolution = make_item(partnership, meeting=meeting, resolution="Agreed the discharge plan.")
    by_action = make_item(partnership, meeting=meeting, title="Winter pressures")
    make_action(partnership, agenda_item=by_action, text="Report discharge delays to the Board")
    make_item(partnership, meeting=meeting, title="Carers strategy")
    other = make_partnership()
    make_item(other, title="Discharge elsewhere")
    assert _ids(partnership, "discharge") == {by_title.pk, by_resolution.pk, by_action.pk}
    assert _ids(partnership, "discharge pathway") == {by_title.pk}
    assert _ids(partnership, "nothing-like-it") == set()


def test_search_page_lists_matches_with_the_same_queries_for_many(partnership: Partnership) -> None:
    user = make_member(partnership, Role.VIEWER)
    client = Client()
    client.force_login(user)
    url = reverse("governance:search-results", kwargs={"slug": partnership.slug})

    def search() -> tuple[int, Any]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"q": "falls"})
        assert response.status_code == 200
        return len(queries), response

    meeting = make_meeting(partnership)
    item = make_item(partnership, meeting=meeting, title="Falls prevention")
    make_action(partnership, agenda_item=item, text="Falls audit to come back")
    few, response = search()
    assert "Falls prevention" in response.content.decode()
    for n in range(20):
        more = make_item(partnership, meeting=make_meeting(partnership), title=f"Falls review {n}")
        make_action(partnership, agenda_item=more, text=f"Falls clinic {n}")
    many, response = search()
    assert many == few
    html = response.content.decode()
    assert "Agenda items and resolutions (21)" in html
    assert "Actions (21)" in html


def _plan(sql: str, params: Any) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the tables are tiny: ask whether it *can*
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@postgres_only
def test_search_reads_through_the_gin_indexes(partnership: Partnership) -> None:
    """Each side of search, as selectors write it, can be answered from its GIN index (the expression of the
    index is the one searched)."""
    from django.contrib.postgres.search import SearchVector

    item = make_item(partnership, title="Hospital discharge pathway")
    make_action(partnership, agenda_item=item, text="Report discharge delays")
    search = selectors._search_query("discharge")
    vector = SearchVector(*ITEM_SEARCH_FIELDS, config=SEARCH_CONFIG)
    items = AgendaItem.objects.annotate(search=vector).filter(search=search).values("pk")
    actions = selectors._matching_actions(Action.objects.all(), search).values("pk")
    assert "agendaitem_search" in _plan(*items.query.sql_with_params())
    assert "action_search" in _plan(*actions.query.sql_with_params())
    assert _ids(partnership, "discharge") == {item.pk}
