"""Causes and effects added in place on the tree page: the node and its link in one step, back to the tree at
the new node (or the tree's part of the page for htmx); refused input changes nothing and says why."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest
from django.urls import reverse

from dbstate import assert_db_unchanged
from factories import World
from listening import kit as lk
from traction.core.models import Role
from traction.workshop import services, views
from traction.workshop.forms import GROW_EMPTY
from traction.workshop.models import NodeLink, ProblemNode

from . import kit


def _grow_url(w: World, tree: Any) -> str:
    return reverse("workshop:node-grow", kwargs={"slug": w.partnership.slug, "pk": tree.pk})


def _detail_url(w: World, tree: Any) -> str:
    return reverse("workshop:tree-detail", kwargs={"slug": w.partnership.slug, "pk": tree.pk})


def _post(client: Any, url: str, parent: Any, kind: str, label: str, **extra: Any) -> Any:
    data = {"parent": parent.pk if parent else "", "kind": kind, "label": label, "theme": ""}
    return client.post(url, data, **extra)


def test_a_cause_is_added_and_linked_in_one_step_and_the_tree_opens_at_it(
    client_for: Any, world_a: World
) -> None:
    tree = kit.world_tree(world_a)
    core = kit.core_of(tree)
    client = client_for(Role.FACILITATOR)
    response = _post(client, _grow_url(world_a, tree), core, "cause", "Agendas are overfull")
    node = ProblemNode.objects.get(tree=tree, label="Agendas are overfull")
    detail = reverse("workshop:tree-detail", kwargs={"slug": world_a.partnership.slug, "pk": tree.pk})
    assert response.status_code == 302 and response["Location"] == f"{detail}#node-{node.pk}"
    assert (node.kind, node.inference) == ("cause", True)
    assert NodeLink.objects.filter(source=node, target=core).exists()
    page = client.get(response["Location"]).content.decode()
    assert views.GROWN.format(kind="cause", label="Agendas are overfull") in page
    assert f'id="node-{node.pk}"' in page


def test_a_cause_of_a_cause_and_an_effect_go_the_right_way(client_for: Any, world_a: World) -> None:
    tree = kit.world_tree(world_a)
    core = kit.core_of(tree)
    cause = tree.nodes.get(label="Papers arrive too late to read")
    url, client = _grow_url(world_a, tree), client_for(Role.FACILITATOR)
    assert _post(client, url, cause, "cause", "Reports are written for audit").status_code == 302
    assert _post(client, url, core, "effect", "Staff lose heart").status_code == 302
    deeper = tree.nodes.get(label="Reports are written for audit")
    effect = tree.nodes.get(label="Staff lose heart")
    assert NodeLink.objects.filter(source=deeper, target=cause).exists()
    assert NodeLink.objects.filter(source=core, target=effect).exists()
    effect_of_effect = _post(client, url, effect, "effect", "Posts stay vacant")
    assert effect_of_effect.status_code == 302
    assert NodeLink.objects.filter(source=effect, target__label="Posts stay vacant").exists()


def test_with_htmx_the_tree_part_comes_back_with_focus_on_the_new_node_and_the_news_announced(
    client_for: Any, world_a: World
) -> None:
    tree = kit.world_tree(world_a)
    response = _post(
        client_for(Role.FACILITATOR),
        _grow_url(world_a, tree),
        kit.core_of(tree),
        "effect",
        "Residents lose trust",
        HTTP_HX_REQUEST="true",
    )
    node = ProblemNode.objects.get(label="Residents lose trust")
    html = response.content.decode()
    assert response.status_code == 200 and html.startswith('<div id="tree-work">')
    assert f'<span id="node-{node.pk}" tabindex="-1" data-autofocus>' in html
    done = views.GROWN.format(kind="effect", label="Residents lose trust")
    assert f'<div id="tree-news" hx-swap-oob="innerHTML">{done}' in html
    assert "<html" not in html  # the fragment only


def test_the_core_problem_is_added_in_place_on_an_empty_tree(client_for: Any, world_a: World) -> None:
    tree = kit.make_tree(world_a.partnership, title="A new tree")
    client = client_for(Role.FACILITATOR)
    page = client.get(
        reverse("workshop:tree-detail", kwargs={"slug": world_a.partnership.slug, "pk": tree.pk})
    )
    assert "Add the core problem" in page.content.decode()
    assert _post(client, _grow_url(world_a, tree), None, "core", "Decisions stall").status_code == 302
    assert tree.nodes.get().kind == "core"


@pytest.mark.parametrize(
    ("parent_label", "kind", "label", "message"),
    [
        ("core", "cause", "", GROW_EMPTY),
        ("core", "cause", "x" * 301, "at most 300 characters"),
        ("Papers arrive too late to read", "effect", "Staff leave", "cannot be added under"),
        (None, "cause", "Floating cause", services.PARENT_FIRST),
        (None, "core", "A second core", "already has a core problem"),
        ("core", "constraint", "Budget cap", "Select a valid choice"),
    ],
)
def test_refused_input_changes_nothing_and_is_shown_on_its_form(
    client_for: Any, world_a: World, parent_label: str | None, kind: str, label: str, message: str
) -> None:
    tree = kit.world_tree(world_a)
    parent = None
    if parent_label == "core":
        parent = kit.core_of(tree)
    elif parent_label:
        parent = tree.nodes.get(label=parent_label)
    client = client_for(Role.FACILITATOR)
    for extra in ({}, {"HTTP_HX_REQUEST": "true"}):
        with assert_db_unchanged():
            response = _post(client, _grow_url(world_a, tree), parent, kind, label, **extra)
        html = response.content.decode()
        assert response.status_code == 200
        assert message.split("{")[0] in html.replace("&#x27;", "'")
        assert html.count("data-autofocus") == 1 and html.count("data-error-summary") == 1


def test_a_parent_from_another_tree_or_partnership_is_refused(
    client_for: Any, world_a: World, world_b: World
) -> None:
    tree = kit.world_tree(world_a)
    elsewhere = kit.make_node(kit.make_tree(world_a.partnership), kind="core", label="Elsewhere")
    theirs = kit.core_of(kit.world_tree(world_b))
    client = client_for(Role.FACILITATOR)
    for parent in (elsewhere, theirs):
        with assert_db_unchanged():
            response = _post(client, _grow_url(world_a, tree), parent, "cause", "Forged")
        assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_another_partnerships_tree_is_not_found(client_for: Any, world_a: World, world_b: World) -> None:
    theirs = kit.world_tree(world_b)
    url = reverse("workshop:node-grow", kwargs={"slug": world_a.partnership.slug, "pk": theirs.pk})
    for role in (Role.FACILITATOR, Role.ADMIN):
        client, parent = client_for(role), kit.core_of(theirs)
        with assert_db_unchanged():
            response = _post(client, url, parent, "cause", "Sneaked in")
        assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.MEMBER, Role.VIEWER])
def test_those_who_do_not_work_on_trees_cannot_add_to_them(
    client_for: Any, world_a: World, role: str
) -> None:
    tree = kit.world_tree(world_a)
    client, core = client_for(role), kit.core_of(tree)
    with assert_db_unchanged():
        response = _post(client, _grow_url(world_a, tree), core, "cause", "No")
    assert response.status_code == 404  # a draft tree is its facilitators' and admins': it does not exist


def test_a_theme_of_the_trees_exercise_is_cited_and_one_of_another_is_refused(
    client_for: Any, world_a: World, users: dict[str, Any]
) -> None:
    facilitator = users[Role.FACILITATOR]
    exercise = lk.make_exercise(world_a.partnership, facilitators=[facilitator])
    theme = lk.make_theme(exercise, name="Reading load")
    other = lk.make_theme(lk.make_exercise(world_a.partnership, facilitators=[facilitator]), name="Other")
    tree = kit.make_tree(world_a.partnership, title="Heard", exercise=exercise)
    core = kit.make_node(tree, kind="core", label="Decisions stall")
    client, url = client_for(Role.FACILITATOR), _grow_url(world_a, tree)
    page = client.get(
        reverse("workshop:tree-detail", kwargs={"slug": world_a.partnership.slug, "pk": tree.pk})
    )
    assert f'<option value="{theme.pk}">Reading load</option>' in page.content.decode()
    data = {"parent": core.pk, "kind": "cause", "label": "Papers are too long"}
    assert client.post(url, {**data, "theme": theme.pk}).status_code == 302
    node = tree.nodes.get(label="Papers are too long")
    assert (list(node.themes.all()), node.inference) == ([theme], False)
    with assert_db_unchanged():
        response = client.post(url, {**data, "label": "Another", "theme": other.pk})
    assert "Select a valid choice" in response.content.decode()


def test_saving_a_node_a_link_or_a_position_says_so_where_it_is_announced(
    client_for: Any, world_a: World
) -> None:
    tree, slug = kit.world_tree(world_a), world_a.partnership.slug
    facilitator, member = client_for(Role.FACILITATOR), client_for(Role.MEMBER)
    node = {"kind": "cause", "label": "Agendas are overfull", "detail": "", "inference": "on"}
    steps = [
        (
            facilitator,
            reverse("workshop:node-create", kwargs={"slug": slug, "pk": tree.pk}),
            node,
            views.NODE_ADDED,
        ),
        (
            facilitator,
            reverse("workshop:node-update", kwargs={"slug": slug, "pk": kit.spare_cause(world_a).pk}),
            {**node, "label": "Meetings overrun"},
            views.NODE_SAVED,
        ),
        (
            facilitator,
            reverse("workshop:link-create", kwargs={"slug": slug, "pk": tree.pk}),
            {"source": kit.spare_cause(world_a).pk, "target": kit.core_of(tree).pk},
            views.LINK_ADDED,
        ),
        (
            member,
            reverse("workshop:position-take", kwargs={"slug": slug, "pk": kit.fresh_open(world_a).pk}),
            {"value": "3", "comment": ""},
            views.POSITION_RECORDED,
        ),
    ]
    for client, url, data, message in steps:
        response = client.post(url, data, follow=True)
        html = response.content.decode()
        assert response.redirect_chain and response.redirect_chain[0][1] == 302
        announced = lxml.html.fromstring(html).xpath('//*[@role="status"]//p[text()=$m]', m=message)
        assert announced, f"{url}: no announced confirmation"
