"""Actions written in the passive are said as the step itself, with the owner a "by …" names."""

from __future__ import annotations

import pytest

from traction_analysis.extract.actions.voice import active_voice, base_form


@pytest.mark.parametrize(
    ("participle", "verb"),
    [
        ("circulated", "circulate"),
        ("placed", "place"),
        ("provided", "provide"),
        ("raised", "raise"),
        ("arranged", "arrange"),
        ("tabled", "table"),
        ("shared", "share"),
        ("obtained", "obtain"),
        ("published", "publish"),
        ("submitted", "submit"),
        ("carried", "carry"),
        ("issued", "issue"),
        ("discussed", "discuss"),
        ("added", "add"),
        ("sent", "send"),
        ("written", "write"),
        ("an", None),
    ],
)
def test_base_form(participle: str, verb: str | None) -> None:
    assert base_form(participle) == verb


def test_passive_step_with_its_owner() -> None:
    assert active_voice("Summary to be sent by JH") == ("Send Summary", "JH")
    assert active_voice("Financials for previous years to be shared by DG/SK before the next meeting") == (
        "Share financials for previous years before the next meeting",
        "DG/SK",
    )


def test_a_date_after_by_is_no_owner_and_a_particle_stays_with_its_verb() -> None:
    assert active_voice("The plan to be circulated by 31 March 2025") == (
        "Circulate the plan by 31 March 2025",
        None,
    )
    assert active_voice("VAT claim to be sent off for £1861.11") == ("Send off VAT claim for £1861.11", None)


def test_two_passive_steps() -> None:
    assert active_voice("Tree to be obtained and Santa informed") == ("Obtain Tree and inform Santa", None)


def test_what_is_not_a_passive_step_is_left_as_written() -> None:
    for text in (
        "Dog fouling to be an agenda item",
        "It was agreed that the report be sent",
        "Copies to Headteacher and to be placed on website",
    ):
        assert active_voice(text) == (text, None)


def test_a_future_passive_is_a_step_only_where_a_marker_names_its_owner() -> None:
    text = "SBC guidelines on petitions would be forwarded to CC"
    assert active_voice(text) == (text, None)
    assert active_voice(text, owned=True) == ("Forward SBC guidelines on petitions to CC", None)
