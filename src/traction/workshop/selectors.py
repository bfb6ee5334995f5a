"""The workshop's reads: what a user sees of trees, pictures, rounds and awaydays, through the policy.

Theme names and highlight counts are the listening exercise's: a user sees them only where the listening
app would show them (its facilitators), so a count below k never shows to anyone else.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Model, QuerySet
from django.urls import reverse

from traction.core import policy
from traction.core.models import Partnership
from traction.governance.extensions import Invitation
from traction.governance.models import Person
from traction.listening.models import Highlight, ListeningExercise, Theme

from . import services
from . import tree as pure
from .models import AgreementRound, Awayday, Position, ProblemNode, ProblemTree, RoundStatus, SharedPicture


def _permitted(user: Any, partnership: Partnership, model: type[Model]) -> QuerySet[Any]:
    return policy.permitted(user=user, partnership=partnership, action="view", model=model)


def workshop_home_for(*, user: Any, partnership: Partnership) -> dict[str, QuerySet[Any]]:
    """The trees (with their node counts), pictures, rounds and awaydays this user may see."""
    return {
        "trees": _permitted(user, partnership, ProblemTree).annotate(n=Count("nodes")),
        "pictures": _permitted(user, partnership, SharedPicture),
        "rounds": _permitted(user, partnership, AgreementRound),
        "awaydays": _permitted(user, partnership, Awayday),
    }


def picture_list_for(*, user: Any, partnership: Partnership) -> QuerySet[SharedPicture]:
    return _permitted(user, partnership, SharedPicture)


def exercise_visible(*, user: Any, partnership: Partnership, exercise_id: int | None) -> bool:
    """Whether this user may see the listening exercise (no exercise: nothing to hide)."""
    return (
        exercise_id is None
        or _permitted(user, partnership, ListeningExercise).filter(pk=exercise_id).exists()
    )


def visible_theme_ids(*, user: Any, partnership: Partnership) -> set[int]:
    """Theme names are the listening exercise's: shown only to whom the listening app shows them."""
    return set(_permitted(user, partnership, Theme).values_list("pk", flat=True))


def visible_highlight_counts(
    *, user: Any, partnership: Partnership, nodes: Sequence[ProblemNode]
) -> dict[int, int]:
    """How many highlights each node cites that this user may see through the listening app's rule."""
    visible = _permitted(user, partnership, Highlight)
    cited = ProblemNode.highlights.through.objects.filter(
        problemnode_id__in=[n.pk for n in nodes], highlight_id__in=visible.values("pk")
    )
    counted = cited.values("problemnode_id").annotate(n=Count("id"))
    # The plugin does not see the annotation made after values(); "n" is there.
    return dict(counted.values_list("problemnode_id", "n"))  # type: ignore[misc]


def tree_themes_for(*, user: Any, partnership: Partnership, tree: ProblemTree) -> QuerySet[Theme]:
    """The themes of the tree's listening exercise that this user may cite (its facilitators: none else)."""
    return _permitted(user, partnership, Theme).filter(exercise_id=tree.exercise_id)


def tree_nodes_for(*, user: Any, partnership: Partnership, tree: ProblemTree) -> list[Any]:
    """The tree's nodes, each with its warnings and the themes and highlight count this user may see."""
    nodes: list[Any] = list(
        tree.nodes.prefetch_related("themes").annotate(n_all_highlights=Count("highlights"))
    )
    warnings = services.tree_warnings(tree)
    visible = visible_theme_ids(user=user, partnership=partnership)
    shown = visible_highlight_counts(user=user, partnership=partnership, nodes=nodes)
    for node in nodes:
        node.warning_list = warnings.get(node.pk, [])
        node.shown_themes = [t.name for t in node.themes.all() if t.pk in visible]
        node.unshown_themes = sum(1 for t in node.themes.all() if t.pk not in visible)
        # One highlight is one participant: how many stand behind a node is for the exercise's
        # facilitators only (a count below k would otherwise show).
        node.n_highlights = shown.get(node.pk, 0)
        node.unshown_highlights = node.n_all_highlights > node.n_highlights
    return nodes


def tree_payload(
    *, user: Any, partnership: Partnership, tree: ProblemTree, plain: pure.Tree
) -> dict[str, Any]:
    """The tree as JSON, with the themes and highlights each node cites that this user may see."""
    visible = visible_theme_ids(user=user, partnership=partnership)
    highlights = _permitted(user, partnership, Highlight)
    return {
        **pure.as_dict(plain),
        "kind": tree.kind,
        "k": tree.k,
        "citations": {
            n.pk: {
                "themes": [t.name for t in n.themes.all() if t.pk in visible],
                "highlights": list(
                    n.highlights.filter(pk__in=highlights.values("pk")).values_list("pk", flat=True)
                ),
                "inference": n.inference,
            }
            for n in tree.nodes.prefetch_related("themes")
        },
    }


def position_of(*, round_: AgreementRound, voter: Any) -> Position | None:
    return Position.objects.filter(round=round_, voter=voter).first()


def round_positions_named(*, round_: AgreementRound, revealed: bool) -> Any:
    """Who took which position: only once revealed, and never in an anonymous round."""
    return round_.positions.select_related("voter") if revealed and not round_.anonymous else []


def awayday_rounds(
    *, partnership: Partnership, awayday: Awayday
) -> list[list[tuple[Person | None, Person | None]]]:
    """The plan's rounds as pairs of people (the second is None for someone listening alone)."""
    wanted = [x for r in awayday.plan for pair in r for x in pair if x]
    people = {
        p.pk: p
        for p in Person.objects.filter(partnership=partnership, pk__in=wanted).select_related("organisation")
    }
    return [[(people.get(a), people.get(b) if b else None) for a, b in r] for r in awayday.plan]


def round_invitations(*, user: Any, partnership: Partnership) -> list[Invitation]:
    """The open agreement rounds the user may take a position in and has not yet taken one."""
    if not policy.allowed(user=user, partnership=partnership, action="add", object_type="position"):
        return []
    rounds = (
        _permitted(user, partnership, AgreementRound)
        .filter(status=RoundStatus.OPEN)
        .exclude(positions__voter=user.pk)
        .order_by("opened_at", "pk")
    )
    return [
        Invitation(
            kind="Agreement round",
            title=str(round_),
            url=reverse("workshop:position-take", kwargs={"slug": partnership.slug, "pk": round_.pk}),
        )
        for round_ in rounds
    ]
