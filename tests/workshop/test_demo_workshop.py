"""The demo workshop: Riverside's facilitator finds a problem tree built from the demo listening exercise, fit
to publish, and an agreement round in draft on it; members see the round but not the draft tree; reloading the
demo replaces both cleanly."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from traction.governance.demo import load_demo
from traction.listening.models import ListeningExercise
from traction.workshop import services
from traction.workshop.demo import TREE_TITLE
from traction.workshop.models import AgreementRound, NodeKind, ProblemTree, RoundStatus
from traction.workshop.tree import path_between

TODAY = datetime.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _depths(tree: ProblemTree, kind: str) -> int:
    """How many levels of ``kind`` the tree has, counted from the core problem."""
    core = tree.nodes.get(kind=NodeKind.CORE).pk
    links = list(tree.links.values_list("source_id", "target_id"))
    deepest = 0
    for node in tree.nodes.filter(kind=kind):
        ends = (node.pk, core) if kind == NodeKind.CAUSE else (core, node.pk)
        path = path_between(links, *ends)
        assert path is not None, f"{node.label!r} is not connected to the core problem"
        deepest = max(deepest, len(path) - 1)
    return deepest


def test_load_demo_creates_a_valid_tree_from_the_listening_exercise_and_a_draft_round() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "1 problem trees" in out.getvalue() and "1 agreement rounds" in out.getvalue()

    tree = ProblemTree.objects.get(partnership__slug="riverside", title=TREE_TITLE)
    exercise = ListeningExercise.objects.get(partnership__slug="riverside")
    assert tree.exercise == exercise and tree.created_by.username == "facilitator"
    assert services.tree_errors(tree) == []
    assert services.tree_warnings(tree) == {}, "the demo wording should set the example"
    assert tree.nodes.filter(kind=NodeKind.CORE).count() == 1
    assert tree.nodes.filter(kind=NodeKind.CONSTRAINT).count() >= 1
    assert 2 <= _depths(tree, NodeKind.CAUSE) <= 3
    assert 1 <= _depths(tree, NodeKind.EFFECT) <= 2
    for node in tree.nodes.prefetch_related("themes", "highlights__note"):
        cited = list(node.themes.all()) + list(node.highlights.all())
        assert cited or node.inference, f"{node.label!r} neither cites nor is an inference"
        assert all(t.exercise_id == exercise.pk for t in node.themes.all())
        assert all(h.note.exercise_id == exercise.pk for h in node.highlights.all())
    assert tree.nodes.filter(inference=True).exists()
    assert tree.nodes.filter(themes__isnull=False).exists()
    assert tree.nodes.filter(highlights__isnull=False).exists()

    round_ = AgreementRound.objects.get(partnership__slug="riverside")
    assert round_.status == RoundStatus.DRAFT and round_.tree == tree
    assert round_.body.name == "Integrated Care Partnership Executive"

    # The facilitator opens both; a member sees the round but the draft tree does not exist for them.
    slug = {"slug": "riverside"}
    tree_url = reverse("workshop:tree-detail", kwargs={**slug, "pk": tree.pk})
    round_url = reverse("workshop:round-detail", kwargs={**slug, "pk": round_.pk})
    facilitator = _client("facilitator")
    page = facilitator.get(tree_url)
    assert page.status_code == 200 and "Deferred money questions" in page.content.decode()
    assert facilitator.get(round_url).status_code == 200
    home = facilitator.get(reverse("workshop:workshop-home", kwargs=slug)).content.decode()
    assert TREE_TITLE in home and round_.title in home
    member = _client("member")
    assert member.get(round_url).status_code == 200
    assert member.get(tree_url).status_code == 404
    # Ready for the demo user to publish: the picture is made through the service without complaint.
    picture = services.picture_publish(
        actor=get_user_model().objects.get(username="facilitator"), tree=tree, title=""
    )
    assert len(picture.content["nodes"]) == tree.nodes.count()


def test_reset_replaces_the_tree_and_round_and_leaves_no_copy() -> None:
    load_demo(today=TODAY)
    first = AgreementRound.objects.get(partnership__slug="riverside")
    # a round polled again hangs on the first (PROTECT): reset still clears both
    services.round_open(actor=first.created_by, round_=first)
    services.round_reveal(actor=first.created_by, round_=first)
    services.round_repoll(actor=first.created_by, round_=first, proposal="Amended.")

    load_demo(reset=True, today=TODAY)

    assert ProblemTree.objects.filter(title=TREE_TITLE).count() == 1
    [again] = AgreementRound.objects.all()
    assert again.pk != first.pk and again.status == RoundStatus.DRAFT
    assert again.tree.exercise.partnership.slug == "riverside"
