"""Merging themes keeps every record that cites the merged theme."""
from __future__ import annotations

from typing import Any

from factories import World
from traction.core.models import Role
from traction.listening import services
from traction.listening.models import Theme
from workshop import kit as wk

from . import kit


def test_merging_a_theme_moves_the_problem_tree_nodes_that_cite_it(world_a: World, users: dict[str, Any]) -> None:
    facilitator = users[Role.FACILITATOR]
    exercise = kit.make_exercise(world_a.partnership, facilitators=[facilitator])
    note = kit.make_note(exercise, participant=world_a.person)
    source, target = kit.make_theme(exercise, name="Papers late"), kit.make_theme(exercise, name="Reading load")
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
