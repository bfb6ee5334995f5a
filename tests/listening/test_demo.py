"""The demo listening exercise: Riverside's facilitator sees nine conversations, themes and highlights; other
demo users do not; reloading the demo replaces it cleanly."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from traction.governance.demo import load_demo
from traction.listening.models import Highlight, ListeningExercise
from traction.listening.selectors import suggestions_for, theme_tree

TODAY = datetime.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_the_demo_exercise_is_the_facilitators_and_hangs_together() -> None:
    load_demo(today=TODAY)
    exercise = ListeningExercise.objects.get(partnership__slug="riverside")
    assert [u.username for u in exercise.facilitators.all()] == ["facilitator"]
    assert exercise.notes.count() >= 8 and exercise.themes.count() >= 4
    for highlight in Highlight.objects.filter(note__exercise=exercise):
        assert highlight.note.text_of(highlight.field)[highlight.start : highlight.end] == highlight.snippet
    rows = theme_tree(exercise=exercise)
    assert any(row.depth == 1 for row in rows) and all(row.participants <= row.highlights for row in rows)
    page = suggestions_for(exercise=exercise)
    assert page.result.items and page.left_out_names == 1
    facilitator = _client("facilitator")
    detail = reverse("listening:exercise-detail", kwargs={"slug": "riverside", "pk": exercise.pk})
    assert facilitator.get(detail).status_code == 200
    note = exercise.notes.first()
    note_url = reverse("listening:note-detail", kwargs={"slug": "riverside", "pk": note.pk})
    assert facilitator.get(note_url).status_code == 200
    for username in ("admin", "secretary", "member", "viewer"):
        assert _client(username).get(note_url).status_code == 404
        assert _client(username).get(detail).status_code == 404


def test_reloading_the_demo_replaces_the_exercise() -> None:
    load_demo(today=TODAY)
    load_demo(reset=True, today=TODAY)
    assert ListeningExercise.objects.filter(partnership__slug="riverside").count() == 1
