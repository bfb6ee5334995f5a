"""Listening services and pages: names replaced by tokens before coding, highlights that keep to their words,
theme merging and the codebook, suggestions accepted into themes, and the facilitator-only rule for every
listening URL (a facilitator of another exercise, an admin, a superuser: 404, and nothing changes)."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from dbstate import assert_db_unchanged, assert_refused
from factories import World, make_member, make_person
from listening import kit
from traction.core import policy
from traction.core.models import AuditEvent, Role
from traction.listening import services
from traction.listening.models import Highlight, ListeningNote, NameToken, Theme
from traction.listening.selectors import codebook_rows, note_words, suggestions_for, theme_tree
from urlspec import LISTENING, url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator(users: dict[str, Any]) -> Any:
    return users[Role.FACILITATOR]


@pytest.fixture
def exercise(world_a: World, facilitator: Any) -> Any:
    return kit.make_exercise(world_a.partnership, facilitators=[facilitator])


def _note(facilitator: Any, exercise: Any, **kw: Any) -> ListeningNote:
    data = {
        "participant": None,
        "held_on": datetime.date(2025, 5, 6),
        "facts": kit.FACTS,
        "feelings": kit.FEELINGS,
        "may_count": True,
        **kw,
    }
    return services.note_create(actor=facilitator, exercise=exercise, **data)


# --- names and tokens ---------------------------------------------------------------------------------------


def test_names_are_offered_and_replaced_by_tokens_with_a_separate_key(
    world_a: World, facilitator: Any, exercise: Any
) -> None:
    other = make_person(world_a.partnership, name="Priya Shah")
    text = (
        f"{world_a.person.name} and priya shah disagree. The {world_a.organisation.name} is blamed; "
        f"{world_a.person.name} says so twice."
    )
    note = _note(facilitator, exercise, facts=text, participant=other)
    assert not note.names_reviewed
    with pytest.raises(ValidationError, match="Review the names"):
        services.highlight_create(
            actor=facilitator, note=note, field="facts", start=0, end=3, snippet=text[:3]
        )
    services.note_replace_names(
        actor=facilitator, note=note, names=[world_a.person.name, "Priya Shah", world_a.organisation.name]
    )
    note.refresh_from_db()
    assert note.facts == "[P1] and [P2] disagree. The [Org A] is blamed; [P1] says so twice."
    assert note.names_reviewed
    key = {t.token: t.name for t in NameToken.objects.filter(exercise=exercise)}
    assert key == {"[P1]": world_a.person.name, "[P2]": "Priya Shah", "[Org A]": world_a.organisation.name}
    # the same name in a later note gets the same token
    second = _note(facilitator, exercise, facts=f"Ask {world_a.person.name}.")
    services.note_replace_names(actor=facilitator, note=second, names=[world_a.person.name])
    second.refresh_from_db()
    assert second.facts == "Ask [P1]." and NameToken.objects.filter(exercise=exercise).count() == 3
    [event] = AuditEvent.objects.filter(verb="pseudonymised", object_id=str(note.pk))
    assert event.changes == {"replaced": 3, "kept": 0} and "Priya" not in str(event.changes)


def test_a_name_may_be_kept_and_an_unknown_name_is_refused(
    world_a: World, facilitator: Any, exercise: Any
) -> None:
    note = _note(facilitator, exercise, facts=f"{world_a.person.name} chairs it.")
    with pytest.raises(ValidationError, match="not among the names"):
        services.note_replace_names(actor=facilitator, note=note, names=["Somebody Else"])
    services.note_replace_names(actor=facilitator, note=note, names=[])
    note.refresh_from_db()
    assert note.names_reviewed and note.facts.startswith(world_a.person.name)


def test_replacing_names_keeps_existing_highlights_on_their_words(
    world_a: World, facilitator: Any, exercise: Any
) -> None:
    note = kit.make_note(
        exercise, facts=f"Papers are late. {world_a.person.name} never reads them, says Sam."
    )
    late = kit.make_highlight(note, snippet="Papers are late")
    reads = kit.make_highlight(note, snippet=f"{world_a.person.name} never reads them")
    services.note_replace_names(actor=facilitator, note=note, names=[world_a.person.name])
    late.refresh_from_db(), reads.refresh_from_db(), note.refresh_from_db()
    assert (late.snippet, reads.snippet) == ("Papers are late", "[P1] never reads them")
    for h in (late, reads):
        assert note.facts[h.start : h.end] == h.snippet


# --- highlights ---------------------------------------------------------------------------------------------


def test_a_highlight_must_match_the_note_and_consent(facilitator: Any, exercise: Any) -> None:
    note = _note(facilitator, exercise)
    start = note.facts.index("papers arrive late")
    with pytest.raises(ValidationError, match="do not match"):
        services.highlight_create(
            actor=facilitator, note=note, field="facts", start=start, end=start + 6, snippet="pages!"
        )
    with pytest.raises(ValidationError, match="non-empty span"):
        services.highlight_create(actor=facilitator, note=note, field="facts", start=5, end=5000, snippet="x")
    made = services.highlight_create(
        actor=facilitator, note=note, field="facts", start=start, end=start + 18, snippet="papers arrive late"
    )
    assert made.snippet == note.facts[made.start : made.end]
    refused = _note(facilitator, exercise, may_count=False)
    with pytest.raises(ValidationError, match="did not agree to be counted"):
        services.highlight_create(
            actor=facilitator,
            note=refused,
            field="facts",
            start=start,
            end=start + 18,
            snippet="papers arrive late",
        )


def test_editing_a_note_reanchors_its_highlights_or_is_refused(facilitator: Any, exercise: Any) -> None:
    note = _note(facilitator, exercise)
    highlight = kit.make_highlight(note, snippet="papers arrive late")
    fields = {
        "participant": None,
        "held_on": note.held_on,
        "setting": "",
        "feelings": note.feelings,
        "may_quote": False,
        "may_count": True,
    }
    services.note_update(actor=facilitator, note=note, facts="Honestly? " + note.facts, **fields)
    highlight.refresh_from_db()
    stored = ListeningNote.objects.get(pk=note.pk)
    assert stored.facts[highlight.start : highlight.end] == "papers arrive late"
    with assert_db_unchanged(), pytest.raises(ValidationError, match="1 highlight would no longer match"):
        services.note_update(
            actor=facilitator,
            note=ListeningNote.objects.get(pk=note.pk),
            facts="Everything is fine now.",
            **fields,
        )
    [event] = AuditEvent.objects.filter(verb="changed", object_type="listeningnote")
    assert event.changes == {"fields": ["facts"]}


# --- themes -------------------------------------------------------------------------------------------------


def test_merging_moves_highlights_and_sub_themes_and_is_logged(
    world_a: World, facilitator: Any, exercise: Any
) -> None:
    note_a = kit.make_note(exercise, participant=world_a.person)
    note_b = kit.make_note(exercise, participant=world_a.other_person)
    keep = services.theme_create(actor=facilitator, exercise=exercise, name="Papers")
    source = services.theme_create(actor=facilitator, exercise=exercise, name="Reading")
    child = services.theme_create(actor=facilitator, exercise=exercise, name="Length", parent=source)
    kit.make_highlight(note_a, themes=[keep])
    kit.make_highlight(note_b, themes=[source])
    kit.make_highlight(note_b, snippet="Nobody says", themes=[source, keep])
    source_pk = source.pk
    services.theme_merge(actor=facilitator, source=source, target=keep)
    assert not Theme.objects.filter(pk=source_pk).exists()
    child.refresh_from_db()
    assert child.parent == keep and keep.highlights.count() == 3
    [event] = AuditEvent.objects.filter(verb="merged")
    assert event.changes == {"merged": source_pk, "sub_themes": 1}
    rows = codebook_rows(exercise=exercise)
    assert rows[0] == ["theme", "under", "description", "highlights", "distinct participants"]
    assert rows[1:] == [["Papers", "", "", "3", "2"], ["Length", "Papers", "", "0", "0"]]


def test_merging_refuses_itself_and_its_own_sub_theme(facilitator: Any, exercise: Any) -> None:
    parent = kit.make_theme(exercise, name="Parent")
    child = kit.make_theme(exercise, name="Child", parent=parent)
    assert_refused(
        lambda: services.theme_merge(actor=facilitator, source=parent, target=parent),
        exception=ValidationError,
    )
    assert_refused(
        lambda: services.theme_merge(actor=facilitator, source=parent, target=child),
        exception=ValidationError,
        match="own sub-themes",
    )


def test_a_theme_cannot_sit_under_itself(facilitator: Any, exercise: Any) -> None:
    parent = kit.make_theme(exercise, name="Parent")
    child = kit.make_theme(exercise, name="Child", parent=parent)
    with pytest.raises(ValidationError, match="under itself"):
        services.theme_update(actor=facilitator, theme=parent, name="Parent", description="", parent=child)
    assert [row.depth for row in theme_tree(exercise=exercise)] == [0, 1]


def test_accepting_a_suggestion_makes_a_theme_with_its_highlights(
    world_a: World, facilitator: Any, exercise: Any
) -> None:
    for person in (world_a.person, world_a.other_person):
        kit.make_note(exercise, participant=person, facts="The papers arrive late. Nobody reads the papers.")
    kit.make_note(exercise, facts="The papers arrive late.", may_count=False)
    page = suggestions_for(exercise=exercise)
    assert page.notes_used == 2 and page.left_out_no_consent == 1 and "thin" in page.result.message
    top = page.result.items[0]
    assert Theme.objects.count() == 0  # nothing is a theme until accepted
    theme = services.suggestion_accept(actor=facilitator, exercise=exercise, key=top.key, name="Late papers")
    assert theme.name == "Late papers" and theme.highlights.count() == len(top.fragments)
    for highlight in theme.highlights.all():
        assert highlight.note.text_of(highlight.field)[highlight.start : highlight.end] == highlight.snippet
    with pytest.raises(ValidationError, match="no longer exists"):
        services.suggestion_accept(actor=facilitator, exercise=exercise, key="0" * 16)


def test_the_codebook_export_is_a_csv_of_themes_and_counts(
    client_for: Any, world_a: World, exercise: Any
) -> None:
    theme = kit.make_theme(exercise, name="Trust, and its lack")
    kit.make_highlight(kit.make_note(exercise, participant=world_a.person), themes=[theme])
    kit.make_highlight(kit.make_note(exercise, participant=world_a.person), themes=[theme])
    response = client_for(Role.FACILITATOR).get(
        url_for("listening:codebook-export", LISTENING["codebook-export"], world_a, target=exercise)
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1] == ["Trust, and its lack", "", "", "2", "1"]
    assert AuditEvent.objects.filter(verb="exported", object_type="listeningexercise").count() == 1


# --- facilitator only ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LISTENING))
def test_a_facilitator_of_another_exercise_finds_nothing(client_for: Any, world_a: World, name: str) -> None:
    """The facilitator role is not enough: a record of an exercise you do not facilitate is a 404, GET or
    POST, and nothing changes; the list shows only your own exercises."""
    spec = LISTENING[name]
    other = make_member(world_a.partnership, Role.FACILITATOR, username="facilitator2")
    from django.test import Client

    client = Client()
    client.force_login(other)
    target = spec.target(world_a) if spec.target else None
    url = url_for(f"listening:{name}", spec, world_a, target=target)
    if spec.target is None:
        response = client.get(url)
        assert response.status_code == 200
        assert kit.world_exercise(world_a).title not in response.content.decode()
        return
    if spec.kind != "post":
        assert client.get(url).status_code == 404
    if spec.kind in {"form", "delete", "post"}:
        with assert_db_unchanged():
            assert client.post(url, spec.data(world_a) if spec.data else {}).status_code == 404


def test_superusers_and_admins_get_a_404_for_notes(
    world_a: World, users: dict[str, Any], exercise: Any
) -> None:
    note = kit.make_note(exercise)
    admin = users[Role.ADMIN]
    admin.is_superuser = admin.is_staff = True
    admin.save()
    from django.test import Client

    client = Client()
    client.force_login(admin)
    assert (
        client.get(
            url_for("listening:note-detail", LISTENING["note-detail"], world_a, target=note)
        ).status_code
        == 404
    )
    with pytest.raises(Http404):
        policy.get_permitted(
            user=admin, partnership=world_a.partnership, action="view", model=ListeningNote, pk=note.pk
        )
    assert_refused(
        lambda: note_words(user=admin, partnership=world_a.partnership, pk=note.pk), exception=Http404
    )


def test_services_refuse_a_facilitator_who_is_not_on_the_exercise(world_a: World, exercise: Any) -> None:
    other = make_member(world_a.partnership, Role.FACILITATOR, username="facilitator2")
    note = kit.make_note(exercise)
    assert_refused(
        lambda: note_words(user=other, partnership=world_a.partnership, pk=note.pk), exception=Http404
    )
    assert_refused(lambda: services.theme_create(actor=other, exercise=exercise, name="Mine"))
    assert_refused(
        lambda: services.highlight_create(
            actor=other, note=note, field="facts", start=0, end=3, snippet=note.facts[:3]
        ),
        exception=PermissionDenied,
    )


def test_facilitators_must_have_the_facilitator_role(
    world_a: World, users: dict[str, Any], facilitator: Any
) -> None:
    with assert_db_unchanged(), pytest.raises(ValidationError, match="facilitator role"):
        services.exercise_create(
            actor=facilitator,
            partnership=world_a.partnership,
            title="Board",
            facilitators=[users[Role.ADMIN]],
        )


def test_opening_a_note_is_audited_without_its_words(client_for: Any, world_a: World, exercise: Any) -> None:
    note = kit.make_note(exercise)
    client_for(Role.FACILITATOR).get(
        url_for("listening:note-detail", LISTENING["note-detail"], world_a, target=note)
    )
    [event] = AuditEvent.objects.filter(verb="read", object_type="listeningnote")
    assert event.object_repr == f"Conversation {note.pk}" and event.changes == {}


def test_highlighting_over_http_finds_the_words_without_a_position(
    client_for: Any, world_a: World, exercise: Any
) -> None:
    note = kit.make_note(exercise)
    url = url_for("listening:highlight-create", LISTENING["highlight-create"], world_a, target=note)
    client = client_for(Role.FACILITATOR)
    response = client.post(url, {"field": "facts", "snippet": "the car park", "start": ""})
    assert response.status_code == 302
    highlight = Highlight.objects.get(note=note)
    assert note.facts[highlight.start : highlight.end] == "the car park"
    response = client.post(url, {"field": "feelings", "snippet": "the car park"})
    assert response.status_code == 200 and "Those words are not in" in response.content.decode()


def test_only_quotable_highlights_are_offered_for_sharing(facilitator: Any, exercise: Any) -> None:
    from traction.listening.selectors import quotable_highlights

    theme = kit.make_theme(exercise, name="Reading load")
    quotable = kit.make_highlight(kit.make_note(exercise, may_quote=True), themes=[theme])
    kit.make_highlight(kit.make_note(exercise, may_quote=False), themes=[theme])
    assert list(quotable_highlights(theme=theme)) == [quotable]


@pytest.mark.parametrize("name", ["note-detail", "note-update", "highlight-create"])
def test_every_page_that_shows_a_note_records_the_reading(
    client_for: Any, world_a: World, exercise: Any, name: str
) -> None:
    note = kit.make_note(exercise)
    response = client_for(Role.FACILITATOR).get(
        url_for(f"listening:{name}", LISTENING[name], world_a, target=note)
    )
    assert response.status_code == 200 and kit.FEELINGS in response.content.decode()
    [event] = AuditEvent.objects.filter(verb="read", object_type="listeningnote", object_id=str(note.pk))
    assert event.actor.username == "facilitator" and event.changes == {}


def test_reading_the_suggestions_is_recorded(client_for: Any, world_a: World, exercise: Any) -> None:
    kit.make_note(exercise)
    client_for(Role.FACILITATOR).get(
        url_for("listening:theme-suggestions", LISTENING["theme-suggestions"], world_a, target=exercise)
    )
    [event] = AuditEvent.objects.filter(verb="read", object_type="listeningexercise")
    assert event.changes == {"what": "suggested themes"}
