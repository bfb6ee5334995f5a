"""Properties of highlight anchoring: whatever the edit, a highlight either lands on exactly its words or is
refused; replacing names with tokens keeps every highlight equal to the text at its span."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import World
from listening import kit
from traction.listening import services
from traction.listening.anchoring import locate, reanchor
from traction.listening.models import Highlight, ListeningNote
from traction.listening.names import replace

TEXT = st.text(alphabet=st.sampled_from("ab c.\n"), max_size=40)
WORDS = st.text(alphabet=st.sampled_from("ab c"), min_size=1, max_size=6)


@given(prefix=TEXT, snippet=WORDS, suffix=TEXT, new_prefix=TEXT, new_suffix=TEXT)
def test_reanchor_finds_the_words_wherever_they_moved(
    prefix: str, snippet: str, suffix: str, new_prefix: str, new_suffix: str
) -> None:
    old_start = len(prefix)
    text = new_prefix + snippet + new_suffix
    span = reanchor(text, snippet, old_start)
    assert span is not None
    assert text[span[0] : span[1]] == snippet
    # the nearest occurrence to where the words were
    occurrences = [i for i in range(len(text)) if text.startswith(snippet, i)]
    assert abs(span[0] - old_start) == min(abs(i - old_start) for i in occurrences)


@given(text=TEXT, snippet=WORDS, start=st.integers(0, 50))
def test_reanchor_and_locate_never_point_at_other_words(text: str, snippet: str, start: int) -> None:
    for span in (reanchor(text, snippet, start), locate(text, snippet, start)):
        if snippet in text:
            assert span is not None and text[span[0] : span[1]] == snippet
        else:
            assert span is None


NAMES = ["Alex Director", "Sam Officer", "County Council"]


@given(
    pieces=st.lists(st.one_of(st.sampled_from(NAMES), TEXT), max_size=8),
    cut=st.tuples(st.integers(0, 200), st.integers(0, 200)),
)
def test_replacing_names_keeps_spans_on_the_same_words(pieces: list[str], cut: tuple[int, int]) -> None:
    text = " ".join(pieces)
    start, end = sorted(c % (len(text) + 1) for c in cut)
    tokens = {"Alex Director": "[P1]", "County Council": "[Org A]"}
    new, mapping = replace(text, tokens)
    new_start, new_end = mapping(start, "start"), mapping(end, "end")
    assert 0 <= new_start <= new_end <= len(new)
    old_words = text[start:end]
    expected = old_words
    for name, token in tokens.items():
        expected = expected.replace(name, token)
    if not any(n in text and _crosses(text, n, start, end) for n in tokens):
        assert new[new_start:new_end] == expected


def _crosses(text: str, name: str, start: int, end: int) -> bool:
    """Whether a cut falls inside an occurrence of ``name`` (then the span snaps to the token)."""
    i = text.find(name)
    while i != -1:
        if i < start < i + len(name) or i < end < i + len(name):
            return True
        i = text.find(name, i + 1)
    return False


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=TEXT, after=TEXT, keep=st.booleans())
def test_a_note_edit_reanchors_or_refuses_and_the_snippet_always_matches(
    world_a: World, users: dict[str, Any], before: str, after: str, keep: bool
) -> None:
    facilitator = users["facilitator"]
    exercise = kit.make_exercise(world_a.partnership, facilitators=[facilitator])
    note = kit.make_note(exercise, facts="The papers arrive late.", feelings="")
    highlight = kit.make_highlight(note, snippet="papers arrive")
    facts = before + ("papers arrive" if keep else "papers came") + after
    fields = {
        "participant": None,
        "held_on": datetime.date(2025, 5, 6),
        "setting": "",
        "feelings": "",
        "may_quote": False,
        "may_count": True,
    }
    try:
        services.note_update(actor=facilitator, note=note, facts=facts, **fields)
        assert "papers arrive" in facts
    except ValidationError:
        assert "papers arrive" not in facts
    stored = ListeningNote.objects.get(pk=note.pk)
    for h in Highlight.objects.filter(pk=highlight.pk):
        assert stored.text_of(h.field)[h.start : h.end] == h.snippet == "papers arrive"
