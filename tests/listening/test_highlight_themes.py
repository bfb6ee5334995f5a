"""Themes given to or taken from highlights already coded, from the conversation's page: themes made after the
highlight reach it, several highlights at once; audited without naming the theme or the conversation; refused
input changes nothing; only the exercise's facilitators find the page at all."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from dbstate import assert_db_unchanged
from factories import World, make_member
from traction.core.models import AuditEvent, Role
from traction.listening import services, views

from . import kit


def _url(w: World, note: Any) -> str:
    return reverse("listening:highlight-themes", kwargs={"slug": w.partnership.slug, "pk": note.pk})


def _scene(w: World) -> tuple[Any, list[Any]]:
    note = kit.world_note(w)
    first = note.highlights.get()
    second = kit.make_highlight(note, snippet="Tired, and a bit cynical", field="feelings")
    return note, [first, second]


def test_a_theme_made_after_the_highlights_is_given_to_several_at_once(
    client_for: Any, world_a: World
) -> None:
    note, highlights = _scene(world_a)
    client = client_for(Role.FACILITATOR)
    later = kit.make_theme(note.exercise, name="Time to think")  # made after both highlights
    before = AuditEvent.objects.count()
    response = client.post(
        _url(world_a, note), {"highlights": [h.pk for h in highlights], "theme": later.pk, "change": "add"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#highlights")
    assert all(later in h.themes.all() for h in highlights)
    events = AuditEvent.objects.order_by("pk")[before:]
    assert [(e.verb, e.object_type, e.changes) for e in events] == [
        ("changed", "highlight", {"fields": ["themes"]})
    ] * 2
    assert all("Time to think" not in json.dumps(e.changes) + e.object_repr for e in events)
    page = client.get(response["Location"]).content.decode()
    assert views.THEME_GIVEN.format(theme="Time to think", n=2, s="s") in page


def test_a_theme_is_taken_away_and_only_what_changes_is_audited(client_for: Any, world_a: World) -> None:
    note, highlights = _scene(world_a)
    client = client_for(Role.FACILITATOR)
    theme = kit.world_theme(world_a)  # the first highlight has it, the second does not
    before = AuditEvent.objects.count()
    data = {"highlights": [h.pk for h in highlights], "theme": theme.pk, "change": "remove"}
    assert client.post(_url(world_a, note), data).status_code == 302
    assert not any(theme in h.themes.all() for h in highlights)
    assert AuditEvent.objects.count() == before + 1


@pytest.mark.parametrize("case", ["none ticked", "other note", "other exercise", "not an id", "bad change"])
def test_refused_input_changes_nothing_and_says_why(client_for: Any, world_a: World, case: str) -> None:
    note, highlights = _scene(world_a)
    client = client_for(Role.FACILITATOR)
    theme = kit.world_theme(world_a)
    other_note = note.exercise.notes.exclude(pk=note.pk).get()
    data: dict[str, Any] = {"highlights": [highlights[1].pk], "theme": theme.pk, "change": "add"}
    if case == "none ticked":
        data["highlights"] = []
    elif case == "other note":
        data["highlights"] = [kit.make_highlight(other_note, snippet="Nobody reads them").pk]
    elif case == "other exercise":
        facilitator = kit.facilitator_in(world_a.partnership)
        data["theme"] = kit.make_theme(kit.make_exercise(world_a.partnership, facilitators=[facilitator])).pk
    elif case == "not an id":
        data["highlights"] = ["9" * 30]
    else:
        data["change"] = "replace"
    with assert_db_unchanged():
        response = client.post(_url(world_a, note), data)
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert views.THEMES_NOT_CHANGED.split("{")[0] in html
    if case == "none ticked":
        assert "Tick at least one highlight." in html


def test_the_service_refuses_a_highlight_of_another_conversation(
    world_a: World, users: dict[str, Any]
) -> None:
    note, _ = _scene(world_a)
    other = kit.make_highlight(note.exercise.notes.exclude(pk=note.pk).get(), snippet="Nobody reads them")
    with assert_db_unchanged(), pytest.raises(Exception, match=services.HIGHLIGHTS_OF_NOTE):
        services.highlights_theme_change(
            actor=users[Role.FACILITATOR],
            note=note,
            highlights=[other],
            theme=kit.world_theme(world_a),
            add=True,
        )


@pytest.mark.parametrize("who", [Role.ADMIN, Role.SECRETARY, Role.MEMBER, Role.VIEWER, "other facilitator"])
def test_nobody_but_the_exercises_facilitators_finds_it(client_for: Any, world_a: World, who: str) -> None:
    note, highlights = _scene(world_a)
    if who == "other facilitator":
        client = Client()
        client.force_login(make_member(world_a.partnership, Role.FACILITATOR, username="other.facilitator"))
    else:
        client = client_for(who)
    data = {
        "highlights": [h.pk for h in highlights],
        "theme": kit.world_theme(world_a).pk,
        "change": "remove",
    }
    with assert_db_unchanged():
        response = client.post(_url(world_a, note), data)
    assert response.status_code == 404


def test_another_partnerships_conversation_is_not_found(
    client_for: Any, world_a: World, world_b: World
) -> None:
    theirs = kit.world_note(world_b)
    client = client_for(Role.FACILITATOR)
    url = reverse("listening:highlight-themes", kwargs={"slug": world_a.partnership.slug, "pk": theirs.pk})
    with assert_db_unchanged():
        response = client.post(url, {"highlights": [], "theme": "", "change": "add"})
    assert response.status_code == 404


def test_the_conversation_page_offers_the_choice_beside_each_highlight(
    client_for: Any, world_a: World
) -> None:
    note, highlights = _scene(world_a)
    page = client_for(Role.FACILITATOR).get(
        reverse("listening:note-detail", kwargs={"slug": world_a.partnership.slug, "pk": note.pk})
    )
    html = page.content.decode()
    for highlight in highlights:
        assert f'id="select-highlight-{highlight.pk}" form="highlight-themes"' in html
    assert "Give them this theme" in html and "Take this theme away" in html
