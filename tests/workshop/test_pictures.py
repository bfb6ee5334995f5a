"""Shared pictures: a frozen snapshot that says how widely something was raised only from k participants,
quotes only with consent and never alone, a breakdown by organisation only when no group is small."""

from __future__ import annotations

import json
import re
from itertools import combinations
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import World, make_organisation, make_person
from listening import kit as lk
from traction.core.models import Role
from traction.listening.models import Highlight
from traction.workshop import services
from traction.workshop.models import SharedPicture

from . import kit


class Scene:
    """An exercise with six council and six NHS participants; themes raised by different numbers of them."""

    def __init__(self, world: World, facilitator: Any) -> None:
        p = world.partnership
        self.world = world
        self.exercise = lk.make_exercise(p, facilitators=[facilitator])
        council, nhs = make_organisation(p, name="Council"), make_organisation(p, name="NHS Trust")
        self.people = [make_person(p, name=f"Council person {i}", organisation=council) for i in range(6)] + [
            make_person(p, name=f"NHS person {i}", organisation=nhs) for i in range(6)
        ]
        self.notes = [
            lk.make_note(
                self.exercise,
                participant=person,
                may_quote=False,
                facts=f"Said by number {i}: papers pile up ({i}).",
            )
            for i, person in enumerate(self.people)
        ]
        self.reading = lk.make_theme(self.exercise, name="Reading load")
        self.thinking = lk.make_theme(self.exercise, name="Time to think")
        self.tree = kit.make_tree(p, title="What we heard", exercise=self.exercise)
        self.core = kit.make_node(self.tree, kind="core", label="Decisions stall", inference=False)
        self.core.themes.set([self.reading])
        self.cause = kit.make_node(self.tree, label="No time to think", inference=False)
        self.cause.themes.set([self.thinking])
        self.guess = kit.make_node(self.tree, label="Agendas set late")  # the facilitator's inference
        kit.make_link(self.cause, self.core)
        kit.make_link(self.guess, self.core)

    def raise_(self, theme: Any, indexes: list[int]) -> None:
        for i in indexes:
            lk.make_highlight(self.notes[i], snippet=f"papers pile up ({i})", themes=[theme])


@pytest.fixture
def scene(world_a: World, users: dict[str, Any]) -> Scene:
    return Scene(world_a, users[Role.FACILITATOR])


def _node(picture: SharedPicture, label: str) -> dict[str, Any]:
    return next(n for n in picture.content["nodes"] if n["label"] == label)


def test_a_count_appears_only_from_k_participants(scene: Scene, users: dict[str, Any]) -> None:
    scene.raise_(scene.reading, [0, 1, 2, 6, 7, 8])
    scene.raise_(scene.thinking, [3, 9])  # two participants: below k, so it must look like nothing at all
    picture = services.picture_publish(actor=users[Role.FACILITATOR], tree=scene.tree, title="")
    assert _node(picture, "Decisions stall")["figures"] == {
        "total": 6,
        "group:Council": 3,
        "group:NHS Trust": 3,
    }
    hidden, inferred = _node(picture, "No time to think"), _node(picture, "Agendas set late")
    assert (
        {k: v for k, v in hidden.items() if k not in ("id", "label", "kind")}
        == {k: v for k, v in inferred.items() if k not in ("id", "label", "kind")}
        == {"figures": {}, "quotes": []}
    )


def test_no_breakdown_when_a_group_or_its_complement_is_small(scene: Scene, users: dict[str, Any]) -> None:
    scene.raise_(
        scene.reading, [0, 1, 2, 3, 4, 6, 7, 8]
    )  # council 5 of 6: the one who did not is a group of 1
    picture = services.picture_publish(actor=users[Role.FACILITATOR], tree=scene.tree, title="")
    assert _node(picture, "Decisions stall")["figures"] == {"total": 8}


def test_quotes_need_consent_and_never_stand_alone(scene: Scene, users: dict[str, Any]) -> None:
    scene.raise_(scene.reading, [0, 1, 2])
    first = services.picture_publish(actor=users[Role.FACILITATOR], tree=scene.tree, title="")
    assert _node(first, "Decisions stall")["quotes"] == []  # nobody consented
    scene.notes[0].may_quote = True
    scene.notes[0].save()
    second = services.picture_publish(actor=users[Role.FACILITATOR], tree=scene.tree, title="")
    assert _node(second, "Decisions stall")["quotes"] == []  # one consent: a quote would stand alone
    scene.notes[1].may_quote = True
    scene.notes[1].save()
    third = services.picture_publish(actor=users[Role.FACILITATOR], tree=scene.tree, title="")
    assert sorted(_node(third, "Decisions stall")["quotes"]) == ["papers pile up (0)", "papers pile up (1)"]


def test_a_new_picture_never_moves_a_figure_by_less_than_k(scene: Scene, users: dict[str, Any]) -> None:
    facilitator = users[Role.FACILITATOR]
    scene.raise_(scene.reading, [0, 1, 2, 6])
    assert (
        _node(services.picture_publish(actor=facilitator, tree=scene.tree, title=""), "Decisions stall")[
            "figures"
        ]["total"]
        == 4
    )
    scene.raise_(scene.reading, [7])  # one more person: telling would point at them
    assert (
        _node(services.picture_publish(actor=facilitator, tree=scene.tree, title=""), "Decisions stall")[
            "figures"
        ]["total"]
        == 4
    )
    scene.raise_(scene.reading, [8, 9])
    assert (
        _node(services.picture_publish(actor=facilitator, tree=scene.tree, title=""), "Decisions stall")[
            "figures"
        ]["total"]
        == 7
    )
    numbers = list(
        SharedPicture.objects.filter(tree=scene.tree).order_by("number").values_list("number", flat=True)
    )
    assert numbers == [1, 2, 3]


def test_only_the_exercise_facilitator_can_publish_figures(scene: Scene, users: dict[str, Any]) -> None:
    scene.raise_(scene.reading, [0, 1, 2, 6, 7, 8])
    picture = services.picture_publish(actor=users[Role.ADMIN], tree=scene.tree, title="")
    assert _node(picture, "Decisions stall")["figures"] == {}


def test_a_tree_without_one_core_cannot_be_published(scene: Scene, users: dict[str, Any]) -> None:
    scene.core.kind = "cause"
    scene.core.save()
    with pytest.raises(Exception, match="no core problem"):
        services.picture_publish(actor=users[Role.FACILITATOR], tree=scene.tree, title="")
    assert not SharedPicture.objects.exists()


def test_members_see_the_picture_without_names_or_small_numbers(
    scene: Scene, users: dict[str, Any], client_for: Any
) -> None:
    scene.raise_(scene.reading, [0, 1, 2, 6, 7, 8])
    scene.raise_(scene.thinking, [3, 9])
    scene.notes[0].may_quote = scene.notes[6].may_quote = True
    scene.notes[0].save()
    scene.notes[6].save()
    facilitator = client_for(Role.FACILITATOR)
    slug = scene.world.partnership.slug
    response = facilitator.post(
        reverse("workshop:picture-publish", kwargs={"slug": slug, "pk": scene.tree.pk}),
        {"title": "What we heard", "introduction": "From twelve conversations."},
    )
    assert response.status_code == 302
    picture = SharedPicture.objects.get()
    member = client_for(Role.MEMBER)
    page = member.get(
        reverse("workshop:picture-detail", kwargs={"slug": slug, "pk": picture.pk})
    ).content.decode()
    assert (
        "Raised by 6 participants" in page and "papers pile up (0)" in page and "papers pile up (6)" in page
    )
    exports = {
        fmt: member.get(reverse(f"workshop:picture-export-{fmt}", kwargs={"slug": slug, "pk": picture.pk}))
        for fmt in ("svg", "json")
    }
    texts = [page, exports["svg"].content.decode(), exports["json"].content.decode()]
    for text in texts:
        for person in scene.people:
            assert person.name not in text
        assert "Said by number" not in text  # what was said beyond the consented snippets
    for n in re.findall(r"Raised by (\d+) participants", page + texts[1]):
        assert int(n) >= picture.k
    payload = json.loads(texts[2])
    for node in payload["nodes"]:
        assert all(v >= picture.k for v in node["figures"].values())
    # the member cannot reach the tree itself
    assert (
        member.get(reverse("workshop:tree-detail", kwargs={"slug": slug, "pk": scene.tree.pk})).status_code
        == 404
    )


class _Rollback(Exception):
    pass


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.frozensets(st.integers(min_value=0, max_value=11)), min_size=1, max_size=4))
def test_no_picture_and_no_difference_between_pictures_names_a_small_group(
    world_a: World, users: dict[str, Any], steps: list[frozenset[int]]
) -> None:
    """As listening goes on (raisers come and go), every published figure is zero or at least k, and any
    two pictures of the tree differ in each figure by zero or at least k."""
    facilitator = users[Role.FACILITATOR]
    try:
        with transaction.atomic():
            scene = Scene(world_a, facilitator)
            pictures = []
            for raisers in steps:
                Highlight.objects.filter(themes=scene.reading).delete()
                scene.raise_(scene.reading, sorted(raisers))
                pictures.append(services.picture_publish(actor=facilitator, tree=scene.tree, title=""))
            figures = [_node(p, "Decisions stall")["figures"] for p in pictures]
            k = scene.tree.k
            for view in figures:
                assert all(v >= k for v in view.values())
            for a, b in combinations(figures, 2):
                for key in set(a) | set(b):
                    assert a.get(key, 0) == b.get(key, 0) or abs(a.get(key, 0) - b.get(key, 0)) >= k
            raise _Rollback
    except _Rollback:
        pass


def test_someone_who_cannot_count_is_told_before_publishing(scene: Scene, client_for: Any) -> None:
    url = reverse(
        "workshop:picture-publish", kwargs={"slug": scene.world.partnership.slug, "pk": scene.tree.pk}
    )
    assert "without figures" in client_for(Role.ADMIN).get(url).content.decode()
    assert "without figures" not in client_for(Role.FACILITATOR).get(url).content.decode()


def test_an_objectives_tree_is_not_published(scene: Scene, users: dict[str, Any]) -> None:
    """Its nodes copy the problem tree's citations, but its figures are not weighed against the problem
    tree's pictures: two pictures could then differ by fewer than k people."""
    from django.core.exceptions import ValidationError

    facilitator = users[Role.FACILITATOR]
    scene.raise_(scene.reading, [0, 1, 2, 3])
    services.picture_publish(actor=facilitator, tree=scene.tree, title="What we heard")
    objectives = services.tree_to_objectives(actor=facilitator, tree=scene.tree)
    with pytest.raises(ValidationError, match="Only a problem tree is published"):
        services.picture_publish(actor=facilitator, tree=objectives, title="Where we want to be")
    assert SharedPicture.objects.count() == 1
