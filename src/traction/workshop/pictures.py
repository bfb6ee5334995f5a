"""What a shared picture may say, computed once at publication through the anonymity service.

Who raised what is read through the listening app's own access rule: ``policy.permitted`` on highlights
is confined to the exercise's facilitators, so only they can publish figures and quotes; for anyone else
(an admin) the picture carries the tree without figures. Counting uses who spoke (the note's participant),
never what they said; quotes are the consented highlight snippets, and pass ``quotes_shown``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from traction.core import policy
from traction.listening.models import Highlight, ListeningNote
from traction_analysis.anonymity import Quote, breakdown_shown, count_shown, quotes_shown, release

from . import tree as pure
from .models import ProblemTree, SharedPicture

NO_ORGANISATION = "No organisation recorded"


def _key(note_id: int, participant_id: int | None) -> str:
    """Who spoke, as ``ListeningNote.participant_key`` says it, without loading the note's text."""
    return f"person-{participant_id}" if participant_id else f"note-{note_id}"


def _population(actor: Any, tree: ProblemTree) -> dict[str, str]:
    """Every countable participant of the exercise and their organisation (the public list of who took
    part)."""
    notes = policy.permitted(user=actor, partnership=tree.partnership, action="view", model=ListeningNote)
    rows = notes.filter(exercise_id=tree.exercise_id, may_count=True).values_list(
        "pk", "participant_id", "participant_ref", "participant__organisation__name"
    )
    return {
        _key(pk, person or ref): organisation or NO_ORGANISATION for pk, person, ref, organisation in rows
    }


def _node_figures(
    actor: Any, tree: ProblemTree, node: Any, groups: dict[str, str]
) -> tuple[dict[str, int], list[str]]:
    highlights = policy.permitted(user=actor, partnership=tree.partnership, action="view", model=Highlight)
    themes = list(node.themes.values_list("pk", flat=True))
    cited = list(node.highlights.values_list("pk", flat=True))
    if not themes and not cited:
        return {}, []
    behind = (
        highlights.filter(Q(pk__in=cited) | Q(themes__in=themes))
        .filter(note__exercise_id=tree.exercise_id, note__may_count=True)
        .distinct()
    )
    rows = [
        (pk, note, person or ref, may_quote)
        for pk, note, person, ref, may_quote in behind.values_list(
            "pk", "note_id", "note__participant_id", "note__participant_ref", "note__may_quote"
        )
    ]
    raisers = {_key(note, person) for _, note, person, _ in rows}
    figures: dict[str, int] = {}
    total = count_shown(raisers, k=tree.k)
    if total is None:
        return {}, []
    figures["total"] = total
    for group, cell in (breakdown_shown(raisers, groups=groups, k=tree.k) or {}).items():
        figures[f"group:{group}"] = cell
    speakers = {pk: _key(note, person) for pk, note, person, may_quote in rows if may_quote}
    snippets = Highlight.objects.filter(pk__in=list(speakers)).only("pk", "snippet")
    quotes = [Quote(h.snippet, speakers[h.pk], True) for h in snippets]
    return figures, list(quotes_shown(quotes, raisers=raisers, k=tree.k))


def picture_content(*, actor: Any, tree: ProblemTree, history: list[dict[str, Any]]) -> dict[str, Any]:
    groups = _population(actor, tree) if tree.exercise_id else {}
    nodes = []
    for node in tree.nodes.all():
        figures, quotes = _node_figures(actor, tree, node, groups) if tree.exercise_id else ({}, [])
        earlier = [_figures_of(old, node.pk) for old in history]
        released = release(figures, history=[e for e in earlier if e is not None], k=tree.k)
        nodes.append(
            {
                "id": node.pk,
                "kind": node.kind,
                "label": node.label,
                "figures": released,
                "quotes": quotes if released.get("total") else [],
            }
        )
    links = [[s, t] for s, t in tree.links.values_list("source_id", "target_id")]
    return {"title": tree.title, "description": tree.description, "k": tree.k, "nodes": nodes, "links": links}


def _figures_of(content: dict[str, Any], node_id: int) -> dict[str, int] | None:
    for node in content.get("nodes", []):
        if node.get("id") == node_id:
            return dict(node.get("figures", {}))
    return None


def figure_lines(node: dict[str, Any]) -> tuple[str, ...]:
    """The figures as the diagram and the list say them; nothing at all when none may be said."""
    figures = node.get("figures") or {}
    if not figures.get("total"):
        return ()
    lines = [f"Raised by {figures['total']} participants"]
    lines += [
        f"{key.removeprefix('group:')}: {value}"
        for key, value in sorted(figures.items())
        if key.startswith("group:")
    ]
    return tuple(lines)


def picture_tree(picture: SharedPicture) -> pure.Tree:
    """A published picture's frozen content as a tree to draw."""
    content = picture.content
    nodes = tuple(
        pure.Node(n["id"], n["kind"], n["label"], figure_lines(n)) for n in content.get("nodes", [])
    )
    return pure.Tree(
        picture.title,
        nodes,
        tuple(tuple(link) for link in content.get("links", [])),
        content.get("description", ""),
    )
