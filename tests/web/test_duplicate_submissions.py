"""A create form adds its record once, however often it is sent: a double click, a resent request, or ten
identical posts at the same moment (on PostgreSQL, where they really run at once)."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from factories import World
from traction.core.models import AuditEvent, FormSubmission
from traction.core.views import ALREADY_SENT
from traction.governance.models import Action


def _create_url(world: World) -> str:
    return reverse("governance:action-create", kwargs={"slug": world.partnership.slug})


def _form(client: Client, world: World, text: str) -> dict[str, str]:
    page = client.get(_create_url(world)).content.decode()
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', page)
    assert token, "a create form carries a one-time token"
    return {"body": str(world.body.pk), "text": text, "due_date": "", "form_token": token.group(1)}


@pytest.mark.django_db
def test_a_create_form_sent_twice_adds_one_record_and_says_so(client_for: Any, world_a: World) -> None:
    client = client_for("secretary")
    data = _form(client, world_a, "Book the venue for the awayday")
    first = client.post(_create_url(world_a), data)
    second = client.post(_create_url(world_a), data, follow=True)
    assert first.status_code == 302
    assert Action.objects.filter(text="Book the venue for the awayday").count() == 1
    assert second.redirect_chain[0][0] == first["Location"]
    assert ALREADY_SENT in second.content.decode()
    assert AuditEvent.objects.filter(object_type="action", verb="created").count() == 1


@pytest.mark.django_db
def test_each_showing_of_a_form_is_a_new_submission(client_for: Any, world_a: World) -> None:
    client = client_for("secretary")
    for _ in range(2):
        client.post(_create_url(world_a), _form(client, world_a, "Same words, asked for twice"))
    assert Action.objects.filter(text="Same words, asked for twice").count() == 2


@pytest.mark.django_db
def test_a_refused_post_keeps_its_token_and_stores_nothing(client_for: Any, world_a: World) -> None:
    client = client_for("secretary")
    data = _form(client, world_a, "")
    page = client.post(_create_url(world_a), data)
    assert page.status_code == 200
    assert f'name="form_token" value="{data["form_token"]}"' in page.content.decode()
    assert not FormSubmission.objects.exists()
    client.post(_create_url(world_a), {**data, "text": "Now with words"})
    assert Action.objects.filter(text="Now with words").count() == 1


@pytest.mark.django_db
def test_a_malformed_token_is_ignored_not_an_error(client_for: Any, world_a: World) -> None:
    client = client_for("secretary")
    data = {**_form(client, world_a, "Token of the wrong shape"), "form_token": "'; drop table --"}
    assert client.post(_create_url(world_a), data).status_code == 302
    assert not FormSubmission.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_ten_identical_posts_at_once_add_one_record(client_for: Any, world_a: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite takes one writer at a time (BEGIN IMMEDIATE); the race needs PostgreSQL")
    opened = client_for("secretary")
    data = _form(opened, world_a, "Ten clicks, one action")
    cookies = opened.cookies
    statuses: list[int] = []
    barrier = threading.Barrier(10)

    def post() -> None:
        client = Client()
        client.cookies = cookies
        try:
            barrier.wait(timeout=30)
            statuses.append(client.post(_create_url(world_a), data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [302] * 10
    assert Action.objects.filter(text="Ten clicks, one action").count() == 1
    assert FormSubmission.objects.count() == 1
