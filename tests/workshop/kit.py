"""Workshop records for tests: a tree with its core problem, rounds in each state, a picture, an awayday.

Factories write straight to the ORM (no permission, no audit) to set the scene; tests then drive HTTP or
the services. ``world_*`` makers return the same record for a world every time; ``fresh_*`` make a new one
for URLs that change its state (opening, revealing, deleting).
"""

from __future__ import annotations

from typing import Any

from factories import World
from traction.workshop.models import (
    AgreementRound,
    Awayday,
    NodeLink,
    ProblemNode,
    ProblemTree,
    RoundStatus,
    SharedPicture,
)

TREE_TITLE = "Why decisions stall"


def make_tree(partnership: Any, **kw: Any) -> ProblemTree:
    kw.setdefault("title", "Another tree")
    return ProblemTree.objects.create(partnership=partnership, **kw)


def make_node(tree: ProblemTree, **kw: Any) -> ProblemNode:
    kw.setdefault("kind", "cause")
    kw.setdefault("label", f"Cause {ProblemNode.objects.count() + 1}")
    kw.setdefault("inference", True)
    return ProblemNode.objects.create(partnership=tree.partnership, tree=tree, **kw)


def make_link(source: ProblemNode, target: ProblemNode) -> NodeLink:
    return NodeLink.objects.create(
        partnership=source.partnership, tree=source.tree, source=source, target=target
    )


def world_tree(w: World) -> ProblemTree:
    tree = ProblemTree.objects.filter(partnership=w.partnership, title=TREE_TITLE).first()
    if tree is None:
        tree = make_tree(w.partnership, title=TREE_TITLE)
        core = make_node(tree, kind="core", label="Decisions are not followed through")
        make_link(make_node(tree, label="Papers arrive too late to read"), core)
        make_link(core, make_node(tree, kind="effect", label="Residents wait longer for help"))
        make_node(tree, label=SPARE_CAUSE)  # not linked yet: a valid link to make in the URL tests
    return tree


SPARE_CAUSE = "Meetings overrun their time"


def spare_cause(w: World) -> ProblemNode:
    return world_tree(w).nodes.get(label=SPARE_CAUSE)


def core_of(tree: ProblemTree) -> ProblemNode:
    return tree.nodes.get(kind="core")


def world_node(w: World) -> ProblemNode:
    return world_tree(w).nodes.filter(kind="cause").first()


def fresh_node(w: World) -> ProblemNode:
    return make_node(world_tree(w), label="A cause to remove")


def fresh_link(w: World) -> NodeLink:
    tree = world_tree(w)
    return make_link(make_node(tree, label="A cause to unlink"), core_of(tree))


def world_picture(w: World) -> SharedPicture:
    picture = SharedPicture.objects.filter(partnership=w.partnership).first()
    if picture is None:
        tree = world_tree(w)
        content = {
            "title": tree.title,
            "k": 3,
            "description": "",
            "links": [],
            "nodes": [
                {"id": n.pk, "kind": n.kind, "label": n.label, "figures": {}, "quotes": []}
                for n in tree.nodes.all()
            ],
        }
        picture = SharedPicture.objects.create(
            partnership=w.partnership, tree=tree, number=1, title=tree.title, k=3, content=content
        )
    return picture


def make_round(w: World, status: str = RoundStatus.DRAFT, **kw: Any) -> AgreementRound:
    kw.setdefault("title", "This picture is right")
    kw.setdefault("proposal", "The shared picture describes our situation well enough to act on.")
    return AgreementRound.objects.create(
        partnership=w.partnership, body=w.body, status=status, tree=world_tree(w), **kw
    )


def world_round(w: World) -> AgreementRound:
    return AgreementRound.objects.filter(partnership=w.partnership).first() or make_round(w)


def fresh_draft(w: World) -> AgreementRound:
    return make_round(w)


def fresh_open(w: World) -> AgreementRound:
    return make_round(w, RoundStatus.OPEN)


def fresh_revealed(w: World) -> AgreementRound:
    return make_round(w, RoundStatus.REVEALED)


def world_awayday(w: World) -> Awayday:
    awayday = Awayday.objects.filter(partnership=w.partnership).first()
    if awayday is None:
        awayday = Awayday.objects.create(
            partnership=w.partnership,
            title="Spring awayday",
            rounds=1,
            plan=[[[w.person.pk, w.other_person.pk]]],
        )
        awayday.participants.set([w.person, w.other_person])
    return awayday


def fresh_awayday(w: World) -> Awayday:
    return Awayday.objects.create(partnership=w.partnership, title="Awayday to delete", rounds=1, plan=[])
