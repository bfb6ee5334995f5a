"""The long governance lists: pages of the action log and the decision register, their filters across pages,
a page that does not exist, and queries that do not grow with the rows."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.factories import make_action, make_body, make_item, make_meeting, make_organisation, make_person

from traction.core.models import Partnership
from traction.core.views import PAGE_OUT_OF_RANGE
from traction.governance.models import Outcome
from traction.governance.views.actions import ACTIONS_PER_PAGE
from traction.governance.views.decisions import DECISIONS_PER_PAGE

pytestmark = pytest.mark.django_db
ACTION_ROW = re.compile(r'<tr id="action-(\d+)"')
DECISION_ROW = re.compile(r"#item-(\d+)\"")


def action_log(partnership: Partnership) -> str:
    return reverse("governance:action-list", kwargs={"slug": partnership.slug})


def rows(client: Any, url: str, query: dict[str, Any], pattern: re.Pattern[str]) -> tuple[list[int], str]:
    response = client.get(url, query)
    assert response.status_code == 200
    page = response.content.decode()
    return [int(pk) for pk in pattern.findall(page)], page


def test_the_action_log_has_a_second_page_and_no_row_is_on_both(
    partnership_a: Partnership, secretary_client: Any
) -> None:
    body = make_body(partnership_a)
    made = {make_action(partnership_a, body=body).pk for _ in range(ACTIONS_PER_PAGE + 3)}
    url = action_log(partnership_a)
    first, page = rows(secretary_client, url, {}, ACTION_ROW)
    second, _ = rows(secretary_client, url, {"page": 2}, ACTION_ROW)
    assert len(first) == ACTIONS_PER_PAGE and len(second) == 3
    assert set(first) | set(second) == made and not set(first) & set(second)
    assert 'rel="next"' in page and "Page 1 of 2" in page


def test_the_action_log_keeps_its_filters_in_the_page_links(
    partnership_a: Partnership, secretary_client: Any
) -> None:
    body, other = make_body(partnership_a), make_body(partnership_a)
    for _ in range(ACTIONS_PER_PAGE + 1):
        make_action(partnership_a, body=body)
    make_action(partnership_a, body=other)
    url = action_log(partnership_a)
    first, page = rows(secretary_client, url, {"view": "all", "body": body.pk}, ACTION_ROW)
    link = re.search(r'href="([^"]*)" rel="next"', page)
    assert link is not None
    assert f"body={body.pk}" in link[1] and "view=all" in link[1] and "page=2" in link[1]
    second, _ = rows(secretary_client, url, {"view": "all", "body": body.pk, "page": 2}, ACTION_ROW)
    assert len(first) + len(second) == ACTIONS_PER_PAGE + 1  # the other body's action on neither page


@pytest.mark.parametrize("asked", ["99", "0", "-1", "two", "9" * 40])
def test_a_page_that_does_not_exist_says_so_and_shows_a_real_one(
    partnership_a: Partnership, secretary_client: Any, asked: str
) -> None:
    body = make_body(partnership_a)
    for _ in range(ACTIONS_PER_PAGE + 1):
        make_action(partnership_a, body=body)
    url = action_log(partnership_a)
    shown, page = rows(secretary_client, url, {"page": asked}, ACTION_ROW)
    assert shown
    shown_number = (
        "2" if asked.lstrip("-").isdigit() else "1"
    )  # past either end: the last; not a number: the first
    assert PAGE_OUT_OF_RANGE.format(asked=asked[:20], shown=shown_number, pages=2) in page


def test_a_page_that_exists_has_no_notice(partnership_a: Partnership, secretary_client: Any) -> None:
    make_action(partnership_a)
    url = action_log(partnership_a)
    _, page = rows(secretary_client, url, {"page": 1}, ACTION_ROW)
    assert "There is no page" not in page and "Page 1 of" not in page


def test_another_partnerships_actions_are_on_no_page(
    partnership_a: Partnership, partnership_b: Partnership, secretary_client: Any
) -> None:
    theirs = {make_action(partnership_b).pk for _ in range(3)}
    ours = {make_action(partnership_a).pk for _ in range(ACTIONS_PER_PAGE + 1)}
    url = action_log(partnership_a)
    seen = set(rows(secretary_client, url, {}, ACTION_ROW)[0]) | set(
        rows(secretary_client, url, {"page": 2}, ACTION_ROW)[0]
    )
    assert seen == ours and not seen & theirs


def fill_action_log(partnership: Partnership, count: int) -> None:
    """``count`` actions, each with its own lead, lead organisation and agenda item: every related record a
    row shows is a different one."""
    for _ in range(count):
        organisation = make_organisation(partnership)
        item = make_item(partnership, outcome=Outcome.DECIDED)
        make_action(
            partnership,
            agenda_item=item,
            lead=make_person(partnership, organisation=organisation),
            lead_organisation=organisation,
            due_date=datetime.date(2030, 1, 1),
        )


def queries_for(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["governance:action-list", "governance:decision-list"])
def test_the_lists_queries_do_not_grow_with_their_rows(
    partnership_a: Partnership, secretary_client: Any, name: str
) -> None:
    url = reverse(name, kwargs={"slug": partnership_a.slug}) + "?date_from=2000-01-01"
    fill_action_log(partnership_a, 2)
    few = queries_for(secretary_client, url)
    fill_action_log(partnership_a, 20)
    assert queries_for(secretary_client, url) == few


def test_the_decision_register_pages_keep_the_body_and_dates(
    partnership_a: Partnership, secretary_client: Any
) -> None:
    body, other = make_body(partnership_a), make_body(partnership_a)
    meeting = make_meeting(partnership_a, body=body)
    made = {
        make_item(partnership_a, meeting=meeting, outcome=Outcome.DECIDED).pk
        for _ in range(DECISIONS_PER_PAGE + 2)
    }
    make_item(partnership_a, meeting=make_meeting(partnership_a, body=other), outcome=Outcome.DECIDED)
    url = reverse("governance:decision-list", kwargs={"slug": partnership_a.slug})
    query = {"body": body.pk, "date_from": "2000-01-01"}
    first, page = rows(secretary_client, url, query, DECISION_ROW)
    link = re.search(r'href="([^"]*)" rel="next"', page)
    assert link is not None and f"body={body.pk}" in link[1] and "date_from=2000-01-01" in link[1]
    second, _ = rows(secretary_client, url, {**query, "page": 2}, DECISION_ROW)
    assert len(first) == DECISIONS_PER_PAGE and set(first) | set(second) == made
    assert not set(first) & set(second)
    _, past_the_end = rows(secretary_client, url, {**query, "page": 7}, DECISION_ROW)
    assert "There is no page 7; this is page 2 of 2." in past_the_end
