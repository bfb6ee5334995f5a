"""The select written without a template per option gives the HTML Django's own select gives."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.test.html import parse_html

from factories import World, make_person
from traction.core.forms import QuickSelect, share_choices
from traction.governance.models import Person

pytestmark = pytest.mark.django_db


class LeadForm(forms.Form):
    lead = forms.ModelChoiceField(queryset=Person.objects.none(), label="Lead")


def form_for(world: World, **kwargs: Any) -> LeadForm:
    form = LeadForm(**kwargs)
    form.fields["lead"].queryset = Person.objects.filter(partnership=world.partnership).order_by("pk")  # type: ignore[attr-defined]
    return form


def test_the_same_html_as_djangos_select_with_and_without_a_choice_and_with_markup_in_names(
    world_a: World,
) -> None:
    make_person(world_a.partnership, name='Ada <b>"Lovelace"</b> & co')
    chosen = make_person(world_a.partnership, name="Grace Hopper")
    for data in (None, {"lead": str(chosen.pk)}):
        plain = form_for(world_a, data=data)
        quick = form_for(world_a, data=data)
        share_choices(quick, ("lead",), {})
        assert isinstance(quick.fields["lead"].widget, QuickSelect)
        assert parse_html(str(quick["lead"])) == parse_html(str(plain["lead"]))
    assert "&lt;b&gt;" in str(quick["lead"]) and "<b>" not in str(quick["lead"])


def test_copies_of_a_form_read_the_choices_once_and_still_validate_against_the_partnership(
    world_a: World, world_b: World, django_assert_max_num_queries: Any
) -> None:
    mine = make_person(world_a.partnership, name="Mine")
    theirs = make_person(world_b.partnership, name="Theirs")
    shared: dict[str, Any] = {}
    first = form_for(world_a)
    share_choices(first, ("lead",), shared)
    str(first["lead"])
    with django_assert_max_num_queries(0):
        for _ in range(5):
            again = form_for(world_a)
            share_choices(again, ("lead",), shared)
            assert "Mine" in str(again["lead"])
    assert form_for(world_a, data={"lead": str(mine.pk)}).is_valid()
    refused = form_for(world_a, data={"lead": str(theirs.pk)})
    share_choices(refused, ("lead",), shared)
    assert not refused.is_valid() and "lead" in refused.errors
