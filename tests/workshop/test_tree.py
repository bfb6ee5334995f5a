"""Problem trees: one core, no loops, links that go the right way, citations, wording warnings, objectives."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from lxml import etree

from dbstate import assert_db_unchanged
from factories import World, make_person
from traction.core.models import AuditEvent, Role
from traction.workshop import services
from traction.workshop import tree as pure
from traction.workshop.models import CITE_OR_INFER, NodeLink, ProblemNode, ProblemTree

from . import kit

SVG = "{http://www.w3.org/2000/svg}"


def _tree(*nodes: tuple[int, str, str], links: tuple[tuple[int, int], ...] = ()) -> pure.Tree:
    return pure.Tree("T", tuple(pure.Node(i, k, label) for i, k, label in nodes), links)


STALL = _tree(
    (1, "core", "Decisions stall"),
    (2, "cause", "Papers arrive late"),
    (3, "cause", "Meetings too short"),
    (4, "effect", "Residents wait"),
    (5, "effect", "Staff leave"),
    (6, "constraint", "Budget cap"),
    links=((2, 3), (3, 1), (1, 4), (4, 5), (6, 1)),
)


def test_exactly_one_core_problem() -> None:
    assert pure.tree_errors(STALL) == []
    assert pure.tree_errors(_tree((1, "cause", "A"))) == [pure.NO_CORE]
    [error] = pure.tree_errors(_tree((1, "core", "A"), (2, "core", "B")))
    assert error == pure.MANY_CORES.format(n=2, labels="“A”, “B”")


def test_a_loop_is_refused_with_its_path() -> None:
    error = pure.link_error(STALL, 3, 2)  # Meetings too short → Papers arrive late, which already leads to it
    assert error == pure.CYCLE.format(
        path="“Meetings too short” → “Papers arrive late” → “Meetings too short”"
    )
    assert pure.link_error(STALL, 2, 2) == pure.SELF_LINK
    assert (
        pure.link_error(
            _tree((1, "cause", "A"), (2, "cause", "B"), (3, "cause", "C"), links=((1, 2), (2, 3))), 3, 1
        )
        is not None
    )


@pytest.mark.parametrize(("source", "target"), [(4, 2), (4, 1), (1, 2), (2, 6), (6, 4), (5, 4)])
def test_links_go_from_causes_up_to_effects(source: int, target: int) -> None:
    assert pure.link_error(STALL, source, target) is not None


def test_wording_warnings_never_block() -> None:
    warnings = pure.wording_warnings("Lack of trust between [Org B] and Jo Smith", people=["Jo Smith", "Sam"])
    assert warnings == [
        pure.WARN_PERSON.format(name="Jo Smith"),
        pure.WARN_TOKEN.format(token="[Org B]"),
        pure.WARN_SOLUTION.format(start="Lack of"),
    ]
    assert pure.wording_warnings("No joint plan, says [P3]")[0] == pure.WARN_TOKEN.format(token="[P3]")
    assert pure.wording_warnings("Papers arrive late", people=["Sam"]) == []
    assert pure.wording_warnings("Samples are lost", people=["Sam"]) == []  # whole words only


@pytest.mark.parametrize(
    ("problem", "objective"),
    [
        ("Lack of shared data", "Shared data in place"),
        ("lack of trust.", "Trust in place"),
        ("Poor communication between partners", "Good communication between partners"),
        ("No single owner", "Single owner"),
        ("Residents wait too long", "Overcome: Residents wait too long"),
    ],
)
def test_objectives_wording(problem: str, objective: str) -> None:
    assert pure.positive_wording(problem) == objective


def test_the_layout_is_layered_and_drawn_as_an_accessible_svg() -> None:
    plan = pure.layout(STALL)
    y = {i: box.y for i, box in plan.boxes.items()}
    assert y[2] > y[3] > y[1] > y[4] > y[5]  # causes beneath, effects above (SVG y grows downwards)
    assert y[6] == y[1] and plan.boxes[6].x > plan.boxes[1].x  # the constraint beside the core
    fan = pure.layout(
        _tree(
            (1, "core", "C"),
            (2, "cause", "A"),
            (3, "cause", "B"),
            (4, "cause", "D"),
            links=((2, 1), (3, 1), (4, 3)),
        )
    )
    # a cause's layer is its distance from the core: direct causes side by side just beneath it
    assert fan.boxes[2].y == fan.boxes[3].y > fan.boxes[1].y and fan.boxes[4].y > fan.boxes[3].y
    root = etree.fromstring(pure.svg(STALL).encode())
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "T" and "Core problem: Decisions stall" in desc.text
    assert set(root.get("aria-labelledby").split()) == {title.get("id"), desc.get("id")}
    assert len(root.findall(f".//{SVG}rect")) == 6 and len(root.findall(f".//{SVG}line")) == 5
    boxes = [(b.x, b.y) for b in plan.boxes.values()]
    assert len(set(boxes)) == len(boxes)


def test_labels_are_escaped_in_the_svg() -> None:
    root = etree.fromstring(pure.svg(_tree((1, "core", "<script>alert(1)</script> & more"))).encode())
    assert "<script>" in "".join(root.itertext()) and root.find(f".//{SVG}script") is None


# --- through the services -----------------------------------------------------------------------------------


def test_a_second_core_is_refused(world_a: World, users: dict[str, Any]) -> None:
    tree = kit.world_tree(world_a)
    with assert_db_unchanged(), pytest.raises(ValidationError) as caught:
        services.node_create(
            actor=users[Role.FACILITATOR],
            tree=tree,
            data={"kind": "core", "label": "Another core", "inference": True},
        )
    assert caught.value.message_dict["kind"] == [
        services.SECOND_CORE.format(label="Decisions are not followed through")
    ]


def test_every_node_cites_or_is_an_inference(world_a: World, users: dict[str, Any]) -> None:
    tree = kit.world_tree(world_a)
    with assert_db_unchanged(), pytest.raises(ValidationError) as caught:
        services.node_create(actor=users[Role.FACILITATOR], tree=tree, data={"kind": "cause", "label": "X"})
    assert caught.value.message_dict["inference"] == [CITE_OR_INFER]


def test_a_cycle_is_refused_by_the_service(world_a: World, users: dict[str, Any]) -> None:
    tree = kit.world_tree(world_a)
    cause = kit.world_node(world_a)
    lower = kit.make_node(tree, label="Agendas are set late")
    kit.make_link(lower, cause)
    with assert_db_unchanged(), pytest.raises(ValidationError):
        services.link_create(actor=users[Role.FACILITATOR], tree=tree, source=cause, target=lower)
    effect = tree.nodes.get(kind="effect")
    with pytest.raises(
        ValidationError
    ):  # changing a cause into an effect would point its links the wrong way
        services.node_update(
            actor=users[Role.FACILITATOR],
            node=cause,
            data={"kind": "effect", "label": cause.label, "inference": True},
        )
    assert services.tree_errors(tree) == [] and effect.kind == "effect"


def test_members_cannot_touch_trees(world_a: World, users: dict[str, Any]) -> None:
    tree = kit.world_tree(world_a)
    for role in (Role.MEMBER, Role.SECRETARY, Role.VIEWER):
        with assert_db_unchanged(), pytest.raises(PermissionDenied):
            services.node_create(
                actor=users[role], tree=tree, data={"kind": "cause", "label": "X", "inference": True}
            )


def test_turning_into_an_objectives_tree_copies_the_structure(world_a: World, users: dict[str, Any]) -> None:
    tree = kit.world_tree(world_a)
    kit.make_node(tree, label="Lack of shared data")
    copy = services.tree_to_objectives(actor=users[Role.FACILITATOR], tree=tree)
    assert copy.kind == "objectives" and copy.source == tree
    labels = set(copy.nodes.values_list("label", flat=True))
    assert "Shared data in place" in labels and "Overcome: Decisions are not followed through" in labels
    assert copy.nodes.count() == tree.nodes.count() and copy.links.count() == tree.links.count()
    assert set(copy.links.values_list("source__tree", "target__tree")) == {(copy.pk, copy.pk)}
    assert AuditEvent.objects.filter(object_type="problemtree", object_id=str(copy.pk)).exists()


# --- over HTTP: keyboard-only forms, the diagram and its text alternative -----------------------------------


def test_the_tree_page_draws_the_diagram_and_the_list(client_for: Any, world_a: World) -> None:
    tree = kit.world_tree(world_a)
    make_person(world_a.partnership, name="Jo Smith")
    kit.make_node(tree, label="Jo Smith never replies")
    page = (
        client_for(Role.FACILITATOR)
        .get(reverse("workshop:tree-detail", kwargs={"slug": world_a.partnership.slug, "pk": tree.pk}))
        .content.decode()
    )
    assert 'role="img"' in page and "<desc" in page
    assert "The tree as a list" in page and "Papers arrive too late to read" in page
    assert pure.WARN_PERSON.format(name="Jo Smith") in page
    assert "<script>" not in page.split("<main", 1)[-1] and ' style="' not in page


def test_nodes_and_links_are_added_with_plain_forms(client_for: Any, world_a: World) -> None:
    client = client_for(Role.FACILITATOR)
    slug = world_a.partnership.slug
    tree = kit.world_tree(world_a)
    response = client.post(
        reverse("workshop:node-create", kwargs={"slug": slug, "pk": tree.pk}),
        {"kind": "cause", "label": "Agendas are overfull", "detail": "", "inference": "on"},
    )
    assert response.status_code == 302
    node = ProblemNode.objects.get(label="Agendas are overfull")
    core = kit.core_of(tree)
    url = reverse("workshop:link-create", kwargs={"slug": slug, "pk": tree.pk})
    assert client.post(url, {"source": node.pk, "target": core.pk}).status_code == 302
    with assert_db_unchanged():
        page = client.post(url, {"source": core.pk, "target": node.pk})
    assert page.status_code == 200 and "cannot lead to" in page.content.decode()
    assert NodeLink.objects.filter(source=node, target=core).exists()
    with assert_db_unchanged():
        page = client.post(
            reverse("workshop:tree-update", kwargs={"slug": slug, "pk": tree.pk}),
            {"title": "T", "description": "", "exercise": "", "k": "2"},
        )
    assert page.status_code == 200 and "cannot be lower than 3" in page.content.decode()
    assert ProblemTree.objects.get(pk=tree.pk).k == 3


def test_the_database_refuses_a_threshold_below_three(world_a: World) -> None:
    from django.db import IntegrityError, transaction

    tree = kit.world_tree(world_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProblemTree.objects.filter(pk=tree.pk).update(k=2)


def test_theme_names_show_only_to_the_exercise_facilitators(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    from listening import kit as lk

    exercise = lk.make_exercise(world_a.partnership, facilitators=[users[Role.FACILITATOR]])
    theme = lk.make_theme(exercise, name="Reading load")
    tree = kit.make_tree(world_a.partnership, exercise=exercise)
    node = kit.make_node(tree, kind="core", label="Decisions stall", inference=False)
    node.themes.set([theme])
    url = reverse("workshop:tree-detail", kwargs={"slug": world_a.partnership.slug, "pk": tree.pk})
    assert "Theme: Reading load" in client_for(Role.FACILITATOR).get(url).content.decode()
    page = client_for(Role.ADMIN).get(url).content.decode()
    assert "Reading load" not in page and "1 theme of an exercise you do not facilitate" in page
    export = reverse("workshop:tree-export-json", kwargs={"slug": world_a.partnership.slug, "pk": tree.pk})
    assert "Reading load" not in client_for(Role.ADMIN).get(export).content.decode()
