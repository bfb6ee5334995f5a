"""The action log, the decision register and the meeting's agenda are kept rendered under the partnership's
record version (``traction.governance.fragments``): a change is shown on the next load, another role never
gets controls rendered for someone else, and no one gets another person's CSRF token. The meeting page loads
an item's short action form only when it is opened."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factories import World, make_member
from traction.core.services import record_update
from traction.governance import services
from traction.governance.fragments import CSRF_PLACEHOLDER

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def committed() -> None:
    """What the test (and its fixtures) wrote so far, as though committed: a test's transaction never commits,
    so the record version's commit callbacks are run here."""
    for _savepoints, callback, *_ in transaction.get_connection().run_on_commit:
        if getattr(callback, "done", True) is False:
            callback()


@pytest.fixture
def real_cache(settings: Any) -> Any:
    """The in-memory cache the site runs with by default (the rest of the suite runs without one)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _get(client: Any, world: World, name: str, query: str = "", **kwargs: Any) -> str:
    url = reverse(f"governance:{name}", kwargs={"slug": world.partnership.slug, **kwargs})
    response = client.get(url + query)
    assert response.status_code == 200
    return str(response.content.decode())


def test_a_change_is_shown_on_the_next_load_of_each_page(
    client_for: Any,
    world_a: World,
    users: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
    real_cache: Any,
) -> None:
    committed()
    secretary = client_for("secretary")
    meeting = {"pk": world_a.meeting.pk}
    decisions = "?date_from=2000-01-01"
    assert "Circulate the delivery plan" in _get(secretary, world_a, "action-list")
    with CaptureQueriesContext(connection) as first:
        assert "strategy be approved" in _get(secretary, world_a, "decision-list", decisions)
    with CaptureQueriesContext(connection) as again:
        assert "strategy be approved" in _get(secretary, world_a, "decision-list", decisions)
    assert len(again) < len(first)  # kept: the decisions and their actions are not read again
    assert "Joint strategy" in _get(secretary, world_a, "meeting-detail", **meeting)
    actor = users["secretary"]

    with django_capture_on_commit_callbacks(execute=True):  # an action's text
        record_update(actor=actor, instance=world_a.action, data={"text": "Publish the delivery plan"})
    assert "Publish the delivery plan" in _get(secretary, world_a, "action-list")
    assert "Publish the delivery plan" in _get(secretary, world_a, "decision-list", decisions)
    assert "Publish the delivery plan" in _get(secretary, world_a, "meeting-detail", **meeting)

    with django_capture_on_commit_callbacks(execute=True):  # a person renamed: the action's lead
        record_update(actor=actor, instance=world_a.person, data={"name": "Alex Chief Executive"})
    assert "Alex Chief Executive" in _get(secretary, world_a, "action-list")

    with django_capture_on_commit_callbacks(execute=True):  # an item's outcome and resolution
        record_update(
            actor=actor, instance=world_a.item, data={"resolution": "RESOLVED that the plan be deferred."}
        )
    assert "plan be deferred" in _get(secretary, world_a, "decision-list", decisions)
    assert "plan be deferred" in _get(secretary, world_a, "meeting-detail", **meeting)

    with django_capture_on_commit_callbacks(execute=True):  # an action closed through its service
        services.action_set_status(
            actor=actor, action=world_a.action, status="done", completed_on=world_a.action.due_date
        )
    assert "Publish the delivery plan" not in _get(secretary, world_a, "action-list")  # open ones only


def test_another_role_never_gets_controls_rendered_for_the_secretary(
    client_for: Any, world_a: World, real_cache: Any
) -> None:
    committed()
    secretary, viewer = client_for("secretary"), client_for("viewer")
    meeting = {"pk": world_a.meeting.pk}
    assert "Update the selected actions" in _get(secretary, world_a, "action-list")
    page = _get(secretary, world_a, "meeting-detail", **meeting)
    assert "Record an action" in page and "Record the outcome" in page
    actions = _get(viewer, world_a, "action-list")
    assert "Circulate the delivery plan" in actions
    assert "Update the selected actions" not in actions and 'name="actions"' not in actions
    page = _get(viewer, world_a, "meeting-detail", **meeting)
    assert "Joint strategy" in page
    assert "Record an action" not in page and "Record the outcome" not in page


def test_each_reader_gets_their_own_csrf_token_in_a_kept_fragment(
    client_for: Any, world_a: World, real_cache: Any
) -> None:
    committed()
    make_member(world_a.partnership, "secretary", username="second-secretary")
    first, second = client_for("secretary"), Client()
    second.force_login(get_user_model().objects.get(username="second-secretary"))
    for name, kwargs in (("action-list", {}), ("meeting-detail", {"pk": world_a.meeting.pk})):
        for client in (first, second):  # the second load is served from the cache
            page = _get(client, world_a, name, **kwargs)
            assert CSRF_PLACEHOLDER not in page
            tokens = set(TOKEN.findall(page))
            assert len(tokens) == 1  # one token for every form of the page: this reader's own
            secret = client.cookies[settings.CSRF_COOKIE_NAME].value
            assert _unmask_cipher_token(tokens.pop()) == secret


def test_the_meeting_page_loads_an_items_action_form_when_it_is_opened(
    client_for: Any, world_a: World
) -> None:
    secretary = client_for("secretary")
    page = _get(secretary, world_a, "meeting-detail", pk=world_a.meeting.pk)
    form_url = reverse(
        "governance:action-create-for-item", kwargs={"slug": world_a.partnership.slug, "pk": world_a.item.pk}
    )
    assert f'hx-get="{form_url}"' in page and f'href="{form_url}"' in page  # on opening; and without script
    assert 'name="lead"' not in page  # no list of every person under every item
    response = secretary.get(form_url, headers={"HX-Request": "true"})
    fragment = response.content.decode()
    assert response.status_code == 200 and "<html" not in fragment
    assert 'name="form_token"' in fragment and 'name="lead"' in fragment and world_a.person.name in fragment
    assert f'id="item{world_a.item.pk}-action-text"' in fragment
    assert "HX-Request" in response["Vary"]
    assert "<html" in secretary.get(form_url).content.decode()  # the full form page without htmx
    assert client_for("viewer").get(form_url, headers={"HX-Request": "true"}).status_code == 403
