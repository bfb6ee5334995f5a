"""The review queue in the main navigation, and the action log's downloads that keep its filters."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from factories import World
from traction.core.models import Role

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", [Role.ADMIN, Role.SECRETARY, Role.MEMBER, Role.FACILITATOR, Role.VIEWER])
def test_the_review_queue_is_in_the_navigation_for_those_who_may_view_reviews(
    users: dict[str, Any], world_a: World, role: str
) -> None:
    slug = world_a.partnership.slug
    queue = reverse("intake:review-list", kwargs={"slug": slug})
    page = _client(users[role]).get(reverse("governance:dashboard", kwargs={"slug": slug})).content.decode()
    nav = page.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    assert (f'<a href="{queue}">Review queue</a>' in nav) == (role in (Role.ADMIN, Role.SECRETARY))
    if role in (Role.ADMIN, Role.SECRETARY):
        assert nav.index(">Record</h2>") < nav.index("Review queue") < nav.index(">Actions</h2>")
        current = _client(users[role]).get(queue).content.decode()
        assert f'<a href="{queue}" aria-current="page">Review queue</a>' in current


def _links(page: str) -> list[str]:
    return [
        html.unescape(part.split('"', 1)[0])
        for part in page.split('href="')[1:]
        if "/diagnosis/actions/export/" in part.split('"', 1)[0]
    ]


def test_the_action_log_downloads_keep_the_view_and_body(users: dict[str, Any], world_a: World) -> None:
    slug = world_a.partnership.slug
    client = _client(users[Role.MEMBER])
    export = reverse("diagnosis:action-export", kwargs={"slug": slug})
    actions = reverse("governance:action-list", kwargs={"slug": slug})

    page = client.get(actions).content.decode()
    assert _links(page) == [f"{export}?view=open&format=csv", f"{export}?view=open&format=xlsx"]
    assert "Download CSV" in page and "Download Excel" in page

    query = {"view": "all", "body": world_a.body.pk}
    wanted = [
        f"{export}?view=all&body={world_a.body.pk}&format=csv",
        f"{export}?view=all&body={world_a.body.pk}&format=xlsx",
    ]
    assert _links(client.get(actions, query).content.decode()) == wanted
    fragment = client.get(actions, query, headers={"HX-Request": "true", "HX-Target": "action-results"})
    assert _links(fragment.content.decode()) == wanted  # a filter change swaps the links with the results

    csv = client.get(wanted[0])
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    text = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert world_a.action.text in text
    xlsx = client.get(wanted[1])
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]


def test_a_lead_filter_is_said_not_to_narrow_the_download(users: dict[str, Any], world_a: World) -> None:
    actions = reverse("governance:action-list", kwargs={"slug": world_a.partnership.slug})
    page = (
        _client(users[Role.VIEWER]).get(actions, {"view": "all", "lead": world_a.person.pk}).content.decode()
    )
    assert "the download lists every lead" in html.unescape(page)
    assert all("lead=" not in link for link in _links(page))
