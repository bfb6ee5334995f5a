"""Merging themes keeps every record that cites the merged theme; every page showing a note's words records
the reading."""

from __future__ import annotations

from typing import Any

from django.core import serializers
from django.urls import reverse

from factories import World
from traction.core.models import AuditEvent, Role
from traction.listening import services
from traction.listening.models import Highlight, ListeningNote, Theme
from workshop import kit as wk

from . import kit


def test_merging_a_theme_moves_the_problem_tree_nodes_that_cite_it(
    world_a: World, users: dict[str, Any]
) -> None:
    facilitator = users[Role.FACILITATOR]
    exercise = kit.make_exercise(world_a.partnership, facilitators=[facilitator])
    note = kit.make_note(exercise, participant=world_a.person)
    source, target = (
        kit.make_theme(exercise, name="Papers late"),
        kit.make_theme(exercise, name="Reading load"),
    )
    kit.make_highlight(note, themes=[source])
    tree = wk.make_tree(world_a.partnership, title="What we heard", exercise=exercise)
    only_source = wk.make_node(tree, kind="core", label="Decisions stall", inference=False)
    only_source.themes.set([source])
    both = wk.make_node(tree, label="Nobody reads the papers", inference=False)
    both.themes.set([source, target])

    services.theme_merge(actor=facilitator, source=source, target=target)

    assert not Theme.objects.filter(pk=source.pk).exists()
    assert list(only_source.themes.all()) == [target]
    assert list(both.themes.all()) == [target]


def _reads(note: Any) -> int:
    return AuditEvent.objects.filter(verb="read", object_type="listeningnote", object_id=str(note.pk)).count()


def test_the_page_that_shows_a_highlight_before_deleting_it_records_the_reading(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    exercise = kit.make_exercise(world_a.partnership, facilitators=[users[Role.FACILITATOR]])
    note = kit.make_note(exercise)
    highlight = kit.make_highlight(note)
    url = reverse("listening:highlight-delete", kwargs={"slug": world_a.partnership.slug, "pk": highlight.pk})
    response = client_for(Role.FACILITATOR).get(url)
    assert response.status_code == 200 and kit.SNIPPET in response.content.decode()
    assert _reads(note) == 1


def test_a_refused_highlight_shows_the_note_again_and_records_the_reading(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    exercise = kit.make_exercise(world_a.partnership, facilitators=[users[Role.FACILITATOR]])
    note = kit.make_note(exercise)
    url = reverse("listening:highlight-create", kwargs={"slug": world_a.partnership.slug, "pk": note.pk})
    response = client_for(Role.FACILITATOR).post(
        url, {"field": "facts", "snippet": "words that are not there"}
    )
    assert response.status_code == 200 and kit.FEELINGS in response.content.decode()
    assert _reads(note) == 1


def test_a_dump_of_the_notes_loads_back_to_the_same_words(world_a: World, users: dict[str, Any]) -> None:
    exercise = kit.make_exercise(world_a.partnership, facilitators=[users[Role.FACILITATOR]])
    note = kit.make_note(exercise)
    highlight = kit.make_highlight(note)
    dump = serializers.serialize("json", [note, highlight])
    assert kit.SNIPPET not in dump and kit.FEELINGS not in dump  # the dump carries ciphertext only
    ListeningNote.objects.all().delete()
    for obj in serializers.deserialize("json", dump):
        obj.save()
    loaded = ListeningNote.objects.get(pk=note.pk)
    assert (loaded.facts, loaded.feelings, loaded.setting) == (kit.FACTS, kit.FEELINGS, note.setting)
    assert loaded.highlights.get().snippet == kit.SNIPPET


def test_the_audit_trail_does_not_tie_highlights_to_themes_or_notes(
    world_a: World, users: dict[str, Any]
) -> None:
    """Admins read the trail: highlight events naming their theme and note would count, per theme, how many
    conversations raised it, below k included."""
    facilitator = users[Role.FACILITATOR]
    exercise = kit.make_exercise(world_a.partnership, facilitators=[facilitator])
    theme = kit.make_theme(exercise, name="Reading load")
    for person in (world_a.person, world_a.other_person):
        note = kit.make_note(exercise, participant=person)
        services.highlight_create(
            actor=facilitator, note=note, field="facts", start=41, end=63, snippet=kit.SNIPPET, themes=[theme]
        )
    events = AuditEvent.objects.filter(object_type="highlight", verb="created")
    assert events.count() == 2
    assert all(event.changes == {} for event in events), [event.changes for event in events]


def test_the_merge_audit_event_does_not_count_the_merged_highlights(
    world_a: World, users: dict[str, Any]
) -> None:
    """One highlight moved is one participant: the count would tell the trail's readers it was raised once."""
    facilitator = users[Role.FACILITATOR]
    exercise = kit.make_exercise(world_a.partnership, facilitators=[facilitator])
    source, target = (
        kit.make_theme(exercise, name="Papers late"),
        kit.make_theme(exercise, name="Reading load"),
    )
    kit.make_highlight(kit.make_note(exercise, participant=world_a.person), themes=[source])
    source_pk = source.pk
    services.theme_merge(actor=facilitator, source=source, target=target)
    [event] = AuditEvent.objects.filter(verb="merged")
    assert "highlights" not in event.changes and event.changes["merged"] == source_pk
    assert target.highlights.count() == 1


def test_the_names_page_records_reading_the_note(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    """It lists the names found in the note's words."""
    exercise = kit.make_exercise(world_a.partnership, facilitators=[users[Role.FACILITATOR]])
    note = kit.make_note(
        exercise, facts=f"{world_a.person.name} never reads the papers.", names_reviewed=False
    )
    url = reverse("listening:note-names", kwargs={"slug": world_a.partnership.slug, "pk": note.pk})
    response = client_for(Role.FACILITATOR).get(url)
    assert response.status_code == 200 and world_a.person.name in response.content.decode()
    assert _reads(note) == 1


def test_a_change_of_consent_or_participant_is_recorded_as_a_changed_field(
    world_a: World, users: dict[str, Any]
) -> None:
    facilitator = users[Role.FACILITATOR]
    exercise = kit.make_exercise(world_a.partnership, facilitators=[facilitator])
    note = kit.make_note(exercise, participant=world_a.person, may_quote=True)
    services.note_update(
        actor=facilitator,
        note=note,
        participant=world_a.other_person,
        held_on=note.held_on,
        setting=note.setting,
        facts=note.facts,
        feelings=note.feelings,
        may_quote=False,
        may_count=True,
    )
    [event] = AuditEvent.objects.filter(verb="changed", object_type="listeningnote")
    assert event.changes == {"fields": ["may_quote", "participant"]}


def test_an_edit_before_two_highlights_of_the_same_words_keeps_each_on_its_own_place(
    world_a: World, users: dict[str, Any]
) -> None:
    facilitator = users[Role.FACILITATOR]
    exercise = kit.make_exercise(world_a.partnership, facilitators=[facilitator])
    facts = "The papers are late. We read them on the train. The papers are late again in May."
    note = kit.make_note(exercise, facts=facts)
    first = Highlight.objects.create(
        partnership=note.partnership, note=note, field="facts", start=0, end=19, snippet="The papers are late"
    )
    second_start = facts.index("The papers are late", 1)
    second = Highlight.objects.create(
        partnership=note.partnership,
        note=note,
        field="facts",
        start=second_start,
        end=second_start + 19,
        snippet="The papers are late",
    )
    added = "Asked about the board, after a long pause, they said this. "
    services.note_update(
        actor=facilitator,
        note=note,
        participant=None,
        held_on=note.held_on,
        setting=note.setting,
        facts=added + facts,
        feelings=note.feelings,
        may_quote=True,
        may_count=True,
    )
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.start, second.start) == (len(added), len(added) + second_start)


def test_the_codebook_csv_never_holds_a_formula(client_for: Any, world_a: World) -> None:
    """A theme named like a spreadsheet formula is written as text, not run when the file is opened."""
    import csv
    import io

    exercise = kit.make_exercise(world_a.partnership, facilitators=[kit.facilitator_in(world_a.partnership)])
    kit.make_theme(
        exercise, name='=HYPERLINK("http://example.invalid","Open")', description="+1 for the new chair"
    )
    response = client_for(Role.FACILITATOR).get(
        reverse("listening:codebook-export", kwargs={"slug": world_a.partnership.slug, "pk": exercise.pk})
    )
    assert response.status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]
    assert '\'=HYPERLINK("http://example.invalid","Open")' in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
