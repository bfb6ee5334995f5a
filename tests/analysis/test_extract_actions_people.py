"""Who the minutes list as present: the names an action's owner is checked against."""

from __future__ import annotations

from traction_analysis.extract.actions.people import known_people
from traction_analysis.extract.lines import Line


def lines_of(*texts: str) -> list[Line]:
    return [Line(text, 1, number) for number, text in enumerate(texts, 1)]


def test_a_members_table_a_name_a_row_is_read_to_its_end() -> None:
    people = known_people(
        lines_of(
            "Members present",
            "Name District Contact Phone Contact Email",
            "Jon Tustin Louisa carjon301@aol.com",
            "Lillian Morris Mountain Road (804) 556-4045",
            "Bob Kuhnle Green Spring (540) 205-0390",
            "Kathy Swarthout Cuckoo (804) 920-1750",
            "Alex MacCormack AARP (540) 967-3619",
            "Cindy Swan Mountain Road (804) 556-4698",
            "Willie Gentry BOS Liaison/Cuckoo (540) 555-0101",
            "Ginger Noffsinger Jackson (540) 555-0102",
            "3. Minutes of the last meeting",
            "The minutes were approved. Harold Smith thanked the committee.",
        )
    )
    assert {"Willie", "Ginger", "Cindy"} <= people
    assert "Harold" not in people


def test_a_present_list_ends_at_prose() -> None:
    people = known_people(
        lines_of(
            "Present: Cllr Jim McNeill, Cllr Janet Taylor",
            "The Chair welcomed everyone and Peter Brown was thanked for the flowers.",
            "Susan Green",
        )
    )
    assert {"Jim", "McNeill", "Janet"} <= people
    assert "Susan" not in people
