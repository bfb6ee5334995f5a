"""The words of a note reach a page only through ``selectors.note_words``, which records the reading: a walk
over every page of the partnership finds each one that shows a note's words and checks the read was audited;
the selector itself answers 404 for a note the reader may not see, writing nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.http import Http404

from dbstate import assert_refused
from factories import World, make_member
from listening import kit
from traction.core import policy
from traction.core.models import AuditEvent, Role
from traction.listening.crypto import EncryptedTextField
from traction.listening.models import ListeningNote
from traction.listening.selectors import note_words
from urlspec import PARTNERSHIP_URLS, url_for
from workshop import kit as workshop_kit

# Words found in one of the world's two notes only, and words both of them hold.
FIRST_NOTE_ONLY = "the real conversations happen in the car park"
SECOND_NOTE_ONLY = "Nobody reads them"
EITHER_NOTE = (kit.SNIPPET, kit.FEELINGS, "One to one, in their office")
# Pages known to show a note's words: the walk must find each of them, or it is not looking.
KNOWN_READERS = {
    "listening:note-detail",
    "listening:note-update",
    "listening:highlight-create",
    "listening:highlight-delete",
    "workshop:node-create",
    "workshop:node-update",
}


def _reads(user: Any) -> set[int]:
    """The notes whose reading this user has recorded: one note (``note_words``), or every note of an exercise
    (the suggested themes quote sentences from all its countable notes and record reading the exercise)."""
    events = AuditEvent.objects.filter(verb="read", actor=user)
    notes = {int(pk) for pk in events.filter(object_type="listeningnote").values_list("object_id", flat=True)}
    exercises = [
        int(pk) for pk in events.filter(object_type="listeningexercise").values_list("object_id", flat=True)
    ]
    return notes | set(ListeningNote.objects.filter(exercise_id__in=exercises).values_list("pk", flat=True))


def _walk(world: World, client: Any, user: Any) -> dict[str, tuple[str, set[int]]]:
    """Every page a GET shows (pages, forms, delete confirmations): its HTML and the notes it recorded
    read."""
    shown: dict[str, tuple[str, set[int]]] = {}
    for name, spec in PARTNERSHIP_URLS.items():
        if spec.kind not in {"page", "form", "delete"}:
            continue
        AuditEvent.objects.filter(verb="read").delete()
        response = client.get(url_for(name, spec, world))
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            shown[name] = (response.content.decode(), _reads(user))
    return shown


def test_every_page_that_shows_a_notes_words_records_reading_that_note(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    facilitator = users[Role.FACILITATOR]
    exercise, first = kit.world_exercise(world_a), kit.world_note(world_a)
    second = exercise.notes.exclude(pk=first.pk).get()
    tree = workshop_kit.world_tree(world_a)
    tree.exercise = exercise  # the tree's node forms then offer the exercise's highlights, quoting them
    tree.save()

    pages = _walk(world_a, client_for(Role.FACILITATOR), facilitator)

    readers = set()
    for name, (html, read) in pages.items():
        if FIRST_NOTE_ONLY in html:
            assert first.pk in read, f"{name} shows the first note's words without recording the reading"
        if SECOND_NOTE_ONLY in html:
            assert second.pk in read, f"{name} shows the second note's words without recording the reading"
        if any(words in html for words in EITHER_NOTE):
            assert read, f"{name} shows a note's words without recording the reading"
            readers.add(name)
    assert KNOWN_READERS <= readers


def test_a_page_that_shows_no_words_records_no_reading(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    kit.world_note(world_a)
    pages = _walk(world_a, client_for(Role.FACILITATOR), users[Role.FACILITATOR])
    for name in ("listening:exercise-detail", "listening:theme-list", "listening:exercise-list"):
        html, read = pages[name]
        assert not any(words in html for words in EITHER_NOTE) and not read, name


def test_the_selector_gives_the_words_and_records_one_read(world_a: World, users: dict[str, Any]) -> None:
    note = kit.world_note(world_a)
    words = note_words(user=users[Role.FACILITATOR], partnership=world_a.partnership, pk=note.pk)
    assert (words.note, words.facts, words.feelings) == (note, kit.FACTS, kit.FEELINGS)
    assert [h.snippet for h in words.highlights] == [kit.SNIPPET]
    [event] = AuditEvent.objects.filter(verb="read", object_type="listeningnote")
    assert (event.actor, event.object_id, event.changes) == (users[Role.FACILITATOR], str(note.pk), {})


def test_another_partnerships_note_is_a_404_through_the_selector(
    world_a: World, world_b: World, users: dict[str, Any]
) -> None:
    elsewhere = kit.make_note(
        kit.make_exercise(
            world_b.partnership, facilitators=[make_member(world_b.partnership, Role.FACILITATOR)]
        )
    )
    for partnership in (world_a.partnership, world_b.partnership):
        assert_refused(
            lambda p=partnership: note_words(user=users[Role.FACILITATOR], partnership=p, pk=elsewhere.pk),
            exception=Http404,
        )


def test_another_exercises_note_is_a_404_through_the_selector(world_a: World, users: dict[str, Any]) -> None:
    someone_else = make_member(world_a.partnership, Role.FACILITATOR, username="facilitator2")
    theirs = kit.make_note(kit.make_exercise(world_a.partnership, facilitators=[someone_else]))
    assert_refused(
        lambda: note_words(user=users[Role.FACILITATOR], partnership=world_a.partnership, pk=theirs.pk),
        exception=Http404,
    )


@pytest.mark.parametrize("role", [Role.ADMIN, Role.SECRETARY, Role.MEMBER, Role.VIEWER])
def test_no_other_role_reaches_the_words(world_a: World, users: dict[str, Any], role: str) -> None:
    note = kit.world_note(world_a)
    assert_refused(
        lambda: note_words(user=users[role], partnership=world_a.partnership, pk=note.pk), exception=Http404
    )


@pytest.mark.parametrize("pk", ["", "abc", None, 10**9])
def test_a_malformed_or_missing_pk_is_a_404(world_a: World, users: dict[str, Any], pk: object) -> None:
    assert_refused(
        lambda: note_words(user=users[Role.FACILITATOR], partnership=world_a.partnership, pk=pk),
        exception=Http404,
    )


def test_every_model_with_encrypted_words_is_confidential_in_the_policy() -> None:
    encrypted = {
        model._meta.model_name
        for model in apps.get_models()
        if any(isinstance(f, EncryptedTextField) for f in model._meta.concrete_fields)
    }
    assert encrypted and encrypted <= set(policy.CONFIDENTIAL)
