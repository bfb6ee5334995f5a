"""Edits by someone who cannot see the listening exercise behind a tree keep what stands behind it; a page
that quotes highlights records that their notes were read."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse

from factories import World, make_person
from listening import kit as lk
from traction.core.models import AuditEvent, Role
from traction.listening import selectors
from traction.workshop import services
from traction.workshop.models import ProblemNode, ProblemTree

from . import kit


def _cited_tree(w: World, facilitator: Any) -> tuple[ProblemTree, ProblemNode, Any]:
    exercise = lk.make_exercise(w.partnership, facilitators=[facilitator])
    note = lk.make_note(exercise, participant=w.person)
    theme = lk.make_theme(exercise, name="Reading load")
    highlight = lk.make_highlight(note, themes=[theme])
    tree = kit.make_tree(w.partnership, title="What we heard", exercise=exercise)
    node = kit.make_node(tree, kind="core", label="Decisions stall", inference=False)
    node.themes.set([theme])
    node.highlights.set([highlight])
    return tree, node, (exercise, theme, highlight)


def test_an_admin_editing_a_node_keeps_the_citations_they_cannot_see(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    _, node, (_, theme, highlight) = _cited_tree(world_a, users[Role.FACILITATOR])
    url = reverse("workshop:node-update", kwargs={"slug": world_a.partnership.slug, "pk": node.pk})
    response = client_for(Role.ADMIN).post(
        url, {"kind": "core", "label": "Decisions stall for months", "detail": ""}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    node.refresh_from_db()
    assert node.label == "Decisions stall for months"
    assert list(node.themes.all()) == [theme]
    assert list(node.highlights.all()) == [highlight]
    assert node.inference is False


def test_an_admin_editing_a_tree_keeps_its_listening_exercise(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    tree, _, (exercise, _, _) = _cited_tree(world_a, users[Role.FACILITATOR])
    url = reverse("workshop:tree-update", kwargs={"slug": world_a.partnership.slug, "pk": tree.pk})
    response = client_for(Role.ADMIN).post(
        url, {"title": "What we heard, revised", "description": "", "k": 4}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    tree.refresh_from_db()
    assert (tree.title, tree.k, tree.exercise_id) == ("What we heard, revised", 4, exercise.pk)


def test_a_facilitator_can_still_change_the_citations_they_see(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    _, node, _ = _cited_tree(world_a, users[Role.FACILITATOR])
    url = reverse("workshop:node-update", kwargs={"slug": world_a.partnership.slug, "pk": node.pk})
    response = client_for(Role.FACILITATOR).post(
        url, {"kind": "core", "label": "Decisions stall", "detail": "", "inference": "on"}
    )
    assert response.status_code == 302
    node.refresh_from_db()
    assert (node.themes.count(), node.highlights.count(), node.inference) == (0, 0, True)


def test_the_node_form_that_quotes_highlights_records_reading_their_notes(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    tree, node, (exercise, _, highlight) = _cited_tree(world_a, users[Role.FACILITATOR])
    other = lk.make_note(exercise, participant=world_a.other_person, facts="Nobody reads the papers at all.")
    lk.make_highlight(other, snippet="Nobody reads the papers")
    slug = world_a.partnership.slug
    for url in (
        reverse("workshop:node-update", kwargs={"slug": slug, "pk": node.pk}),
        reverse("workshop:node-create", kwargs={"slug": slug, "pk": tree.pk}),
    ):
        AuditEvent.objects.filter(verb="read").delete()
        page = client_for(Role.FACILITATOR).get(f"{url}?conversation={other.pk}").content.decode()
        cites = "node-update" in url or url.endswith(f"{node.pk}/edit/")
        assert "Nobody reads the papers" in page and (lk.SNIPPET in page) == cites
        reads = set(
            AuditEvent.objects.filter(verb="read", object_type="listeningnote").values_list(
                "object_id", flat=True
            )
        )
        # Only the notes whose highlights the form shows: the cited one (on the edit form) and the chosen one.
        assert reads == ({str(highlight.note_id)} if cites else set()) | {str(other.pk)}
    AuditEvent.objects.filter(verb="read").delete()
    assert (
        lk.SNIPPET
        not in client_for(Role.ADMIN)
        .get(reverse("workshop:node-update", kwargs={"slug": slug, "pk": node.pk}))
        .content.decode()
    )
    assert not AuditEvent.objects.filter(verb="read").exists()


def test_how_many_highlights_stand_behind_a_node_shows_only_to_the_exercise_facilitators(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    """One highlight is one participant: its count would tell an admin that fewer than k raised it."""
    tree, node, (_, _, highlight) = _cited_tree(world_a, users[Role.FACILITATOR])
    node.themes.clear()
    slug = world_a.partnership.slug
    detail = reverse("workshop:tree-detail", kwargs={"slug": slug, "pk": tree.pk})
    export = reverse("workshop:tree-export-json", kwargs={"slug": slug, "pk": tree.pk})
    assert "1 highlight" in client_for(Role.FACILITATOR).get(detail).content.decode()
    facilitated = json.loads(client_for(Role.FACILITATOR).get(export).content)
    assert facilitated["citations"][str(node.pk)]["highlights"] == [highlight.pk]
    page = client_for(Role.ADMIN).get(detail).content.decode()
    assert "1 highlight" not in page and "Highlights of an exercise you do not facilitate" in page
    exported = json.loads(client_for(Role.ADMIN).get(export).content)
    assert exported["citations"][str(node.pk)]["highlights"] == []


def test_the_audit_trail_does_not_count_the_highlights_behind_a_node(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    tree, node, (_, theme, highlight) = _cited_tree(world_a, users[Role.FACILITATOR])
    other = lk.make_highlight(highlight.note, snippet="run to hundreds of pages")
    slug = world_a.partnership.slug
    client = client_for(Role.FACILITATOR)
    response = client.post(
        reverse("workshop:node-create", kwargs={"slug": slug, "pk": tree.pk}),
        {"kind": "cause", "label": "Papers are long", "detail": "", "highlights": [other.pk]},
    )
    assert response.status_code == 302
    created = ProblemNode.objects.get(label="Papers are long")
    assert list(created.highlights.all()) == [other]
    response = client.post(
        reverse("workshop:node-update", kwargs={"slug": slug, "pk": node.pk}),
        {
            "kind": "core",
            "label": "Decisions stall",
            "detail": "",
            "themes": [theme.pk],
            "highlights": [highlight.pk, other.pk],
        },
    )
    assert response.status_code == 302
    assert node.highlights.count() == 2
    events = AuditEvent.objects.filter(object_type="problemnode")
    assert events.filter(object_id=str(node.pk)).exists()
    for event in events:
        assert "Highlight" not in json.dumps(event.changes), event.changes


def test_deleting_a_person_does_not_turn_their_conversations_into_several_participants(
    world_a: World, users: dict[str, Any]
) -> None:
    """Three conversations with one person are one participant, before and after the person is deleted: a
    figure of three (and quotes "from different people") would otherwise stand on one person."""
    facilitator = users[Role.FACILITATOR]
    exercise = lk.make_exercise(world_a.partnership, facilitators=[facilitator])
    theme = lk.make_theme(exercise, name="Reading load")
    person = make_person(world_a.partnership, name="Jo Listened")
    for i in range(3):
        note = lk.make_note(exercise, participant=person, facts=f"The papers pile up ({i}).")
        lk.make_highlight(note, snippet=f"papers pile up ({i})", themes=[theme])
    tree = kit.make_tree(world_a.partnership, title="What we heard", exercise=exercise)
    core = kit.make_node(tree, kind="core", label="Decisions stall", inference=False)
    core.themes.set([theme])
    person.delete()
    picture = services.picture_publish(actor=facilitator, tree=tree, title="")
    [node] = picture.content["nodes"]
    assert (node["figures"], node["quotes"]) == ({}, [])
    [row] = selectors.theme_tree(exercise=exercise)
    assert row.participants == 1


def test_the_node_form_offers_one_conversations_highlights_not_every_one(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    tree, node, (exercise, _, cited) = _cited_tree(world_a, users[Role.FACILITATOR])
    other = lk.make_note(exercise, participant=world_a.other_person, facts="Nobody reads the papers at all.")
    uncited = lk.make_highlight(other, snippet="Nobody reads the papers")
    client = client_for(Role.FACILITATOR)
    url = reverse("workshop:node-update", kwargs={"slug": world_a.partnership.slug, "pk": node.pk})
    page = client.get(url).content.decode()
    offered = 'name="highlights" value="{}"'.format
    assert offered(cited.pk) in page and offered(uncited.pk) not in page
    assert AuditEvent.objects.filter(verb="read", object_id=str(other.pk)).count() == 0
    data = {"kind": "core", "label": "Decisions stall, still", "detail": "", "highlights": [cited.pk]}
    shown = client.post(url, {**data, "conversation": other.pk, "show": "1"}).content.decode()
    assert offered(uncited.pk) in shown and offered(cited.pk) in shown and "Decisions stall, still" in shown
    assert ProblemNode.objects.get(pk=node.pk).label == "Decisions stall"  # showing saves nothing
    saved = client.post(url, {**data, "conversation": other.pk, "highlights": [cited.pk, uncited.pk]})
    assert saved.status_code == 302
    assert set(node.highlights.all()) == {cited, uncited}
