"""Recording a meeting's agenda quickly: several items on one form, items moved up and down, an action added
under its item from the meeting page, and "save and add another"."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dbstate import assert_db_unchanged
from factories import World, make_item, make_meeting
from traction.core.models import AuditEvent
from traction.governance import services
from traction.governance.forms import ROW_ERROR
from traction.governance.models import Action, AgendaItem, Outcome
from traction.governance.views.actions import NEXT_ACTION
from traction.governance.views.meetings import NEXT_ITEM

pytestmark = pytest.mark.django_db


def _url(name: str, world: World, pk: int) -> str:
    return reverse(f"governance:{name}", kwargs={"slug": world.partnership.slug, "pk": pk})


def _rows(*rows: dict[str, str], total: int | None = None) -> dict[str, str]:
    data = {"items-TOTAL_FORMS": str(total if total is not None else len(rows)), "items-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        blank = {"number": "", "title": "", "outcome": "unclear", "resolution": ""}
        data |= {f"items-{i}-{key}": value for key, value in (blank | row).items()}
    return data


def _agenda(meeting: Any) -> list[tuple[str, str]]:
    return [(i.number, i.title) for i in AgendaItem.objects.filter(meeting=meeting).order_by("order", "id")]


# --- several items on one form ---


def test_rows_are_added_after_the_agenda_in_the_order_written(client_for: Any, world_a: World) -> None:
    meeting = world_a.meeting
    before = _agenda(meeting)
    data = _rows(
        {"number": "7", "title": "Winter plan", "outcome": "decided", "resolution": "RESOLVED to approve."},
        {},  # a row left blank is left out
        {"number": "8.1", "title": "Any other business", "outcome": "procedural"},
    )
    client = client_for("secretary")
    response = client.post(_url("agendaitem-create-many", world_a, meeting.pk), data)
    assert response.status_code == 302
    assert response["Location"].endswith(_url("meeting-detail", world_a, meeting.pk) + "#agenda")
    assert _agenda(meeting) == [*before, ("7", "Winter plan"), ("8.1", "Any other business")]
    winter = AgendaItem.objects.get(meeting=meeting, title="Winter plan")
    assert (winter.outcome, winter.resolution) == (Outcome.DECIDED, "RESOLVED to approve.")
    created = AuditEvent.objects.filter(object_type="agendaitem", verb="created")
    assert created.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "2 agenda items added." in page


def test_a_bad_row_is_named_and_nothing_is_saved(client_for: Any, world_a: World) -> None:
    url = _url("agendaitem-create-many", world_a, world_a.meeting.pk)
    data = _rows(
        {"number": "7", "title": "Winter plan"},
        {"number": "8", "title": ""},  # a number and no title
        {"number": "9", "title": "Budget", "outcome": "adopted"},  # not an outcome
    )
    client = client_for("secretary")
    with assert_db_unchanged():
        response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved." in page
    assert ROW_ERROR.format(row=2, error="Enter the title.") in page
    assert "Item row 3: Select a valid choice." in page
    assert 'href="#id_items-1-title"' in page
    assert 'value="Winter plan"' in page  # what was typed comes back


def test_no_filled_row_is_refused(client_for: Any, world_a: World) -> None:
    url = _url("agendaitem-create-many", world_a, world_a.meeting.pk)
    client = client_for("secretary")
    with assert_db_unchanged():
        response = client.post(url, _rows({}, {}))
    assert services.NO_ROWS in response.content.decode()


def test_add_another_row_without_javascript_keeps_what_was_typed(client_for: Any, world_a: World) -> None:
    url = _url("agendaitem-create-many", world_a, world_a.meeting.pk)
    data = _rows({"number": "7", "title": "Winter plan"}, {"number": "8"}) | {"add_row": "1"}
    client = client_for("secretary")
    with assert_db_unchanged():
        response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="items-TOTAL_FORMS" value="3"' in page
    assert 'value="Winter plan"' in page and 'name="items-2-title"' in page
    assert "There is a problem" not in page  # the half-filled row is not judged yet
    assert (
        '<option value="unclear" selected>' in page.split('name="items-2-outcome"')[1].split("</select>")[0]
    )


def test_the_meeting_page_offers_the_rows_to_those_who_may_add_items(client_for: Any, world_a: World) -> None:
    url = _url("meeting-detail", world_a, world_a.meeting.pk)
    assert 'name="items-0-title"' in client_for("secretary").get(url).content.decode()
    assert 'name="items-0-title"' not in client_for("member").get(url).content.decode()


@pytest.mark.parametrize("role", ["member", "viewer", "facilitator"])
def test_roles_that_may_not_add_items_are_refused(client_for: Any, world_a: World, role: str) -> None:
    url = _url("agendaitem-create-many", world_a, world_a.meeting.pk)
    data = _rows({"number": "7", "title": "Winter plan"})
    client = client_for(role)
    assert client.get(url).status_code == 403
    with assert_db_unchanged():
        assert client.post(url, data).status_code == 403
        assert client.post(url, data | {"add_row": "1"}).status_code == 403


def test_another_partnerships_meeting_is_not_found(client_for: Any, world_a: World, world_b: World) -> None:
    url = _url("agendaitem-create-many", world_a, world_b.meeting.pk)
    data = _rows({"number": "7", "title": "Winter plan"})
    client = client_for("secretary")
    with assert_db_unchanged():
        assert client.post(url, data).status_code == 404
        assert client.post(url, data | {"add_row": "1"}).status_code == 404
    assert client.get(url).status_code == 404


def test_the_rows_form_sent_twice_adds_its_items_once(client_for: Any, world_a: World) -> None:
    client = client_for("secretary")
    url = _url("agendaitem-create-many", world_a, world_a.meeting.pk)
    token = re.search(r'name="form_token" value="([0-9a-f]{32})"', client.get(url).content.decode())
    assert token
    data = _rows({"number": "7", "title": "Winter plan"}) | {"form_token": token.group(1)}
    client.post(url, data)
    client.post(url, data)
    assert AgendaItem.objects.filter(title="Winter plan").count() == 1


# --- moving items ---


def _three(world: World) -> list[AgendaItem]:
    meeting = make_meeting(world.partnership, body=world.body)
    return [
        make_item(world.partnership, meeting=meeting, number=n, title=t, order=o)
        for n, t, o in [("1", "Apologies", 1), ("2", "Minutes", 2), ("3", "Budget", 3)]
    ]


def test_move_up_and_down_keep_the_numbers_as_printed(client_for: Any, world_a: World) -> None:
    first, _, budget = _three(world_a)
    client = client_for("secretary")
    response = client.post(_url("agendaitem-move", world_a, budget.pk), {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{budget.pk}")
    assert _agenda(budget.meeting) == [("1", "Apologies"), ("3", "Budget"), ("2", "Minutes")]
    client.post(_url("agendaitem-move", world_a, first.pk), {"direction": "down"})
    assert _agenda(budget.meeting) == [("3", "Budget"), ("1", "Apologies"), ("2", "Minutes")]
    moves = AuditEvent.objects.filter(object_type="agendaitem", verb="changed")
    assert moves.count() == 4 and all(set(e.changes) == {"order"} for e in moves)
    page = client.get(response["Location"]).content.decode()
    assert "“3 Budget” moved up." in page


MOVE_BUTTON = re.compile(
    r'<button type="submit"[^>]*?( data-autofocus)?>(Move \w+)<span class="visually-hidden"> item ([^<]+)<'
)


def _buttons(fragment: str) -> list[tuple[str, str, bool]]:
    """Each move button in an agenda fragment: its direction, the item it names and whether it takes focus."""
    return [
        (m.group(2).split()[1].lower(), m.group(3), bool(m.group(1)))
        for m in re.finditer(MOVE_BUTTON, fragment)
    ]


def test_with_htmx_a_move_swaps_the_agenda_and_gives_focus_back_to_the_button(
    client_for: Any, world_a: World
) -> None:
    _, _, budget = _three(world_a)
    client = client_for("secretary")
    response = client.post(
        _url("agendaitem-move", world_a, budget.pk), {"direction": "up"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.startswith('<div id="agenda-items" data-announce="“3 Budget” moved up."')
    assert "<html" not in fragment and "Agenda</h2>" not in fragment
    titles = re.findall(r'class="agenda-item__title"[^>]*>([^<]+)<', fragment)
    assert titles == ["1 Apologies", "3 Budget", "2 Minutes"]
    assert [b for b in _buttons(fragment) if b[2]] == [("up", "3", True)]
    assert _agenda(budget.meeting) == [("1", "Apologies"), ("3", "Budget"), ("2", "Minutes")]
    assert AuditEvent.objects.filter(object_type="agendaitem", verb="changed").count() == 2

    # moved to the top, its "Move up" is gone: focus goes to its "Move down"
    fragment = client.post(
        _url("agendaitem-move", world_a, budget.pk), {"direction": "up"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert re.findall(r'class="agenda-item__title"[^>]*>([^<]+)<', fragment)[0] == "3 Budget"
    assert [b for b in _buttons(fragment) if b[2]] == [("down", "3", True)]


def test_with_htmx_a_move_that_cannot_happen_is_announced(client_for: Any, world_a: World) -> None:
    first = _three(world_a)[0]
    client = client_for("secretary")
    with assert_db_unchanged():
        response = client.post(
            _url("agendaitem-move", world_a, first.pk), {"direction": "up"}, HTTP_HX_REQUEST="true"
        )
    fragment = response.content.decode()
    assert response.status_code == 200 and "already first" in fragment.split(">", 1)[0]
    assert [b for b in _buttons(fragment) if b[2]] == [("down", "1", True)]


def test_items_sharing_a_place_still_move(client_for: Any, world_a: World) -> None:
    meeting = make_meeting(world_a.partnership, body=world_a.body)
    a = make_item(world_a.partnership, meeting=meeting, number="A", title="First", order=0)
    b = make_item(world_a.partnership, meeting=meeting, number="B", title="Second", order=0)
    client_for("secretary").post(_url("agendaitem-move", world_a, b.pk), {"direction": "up"})
    assert _agenda(meeting) == [("B", "Second"), ("A", "First")]
    a.refresh_from_db()
    b.refresh_from_db()
    assert b.order < a.order  # no longer sharing a place


@pytest.mark.parametrize(
    ("which", "direction", "message"),
    [(0, "up", "already first"), (2, "down", "already last"), (1, "sideways", "up or down")],
)
def test_a_move_that_cannot_happen_changes_nothing_and_says_why(
    client_for: Any, world_a: World, which: int, direction: str, message: str
) -> None:
    item = _three(world_a)[which]
    client = client_for("secretary")
    with assert_db_unchanged():
        response = client.post(_url("agendaitem-move", world_a, item.pk), {"direction": direction})
    assert response.status_code == 302
    assert message in client.get(response["Location"]).content.decode()


def test_the_meeting_page_shows_move_buttons_only_where_a_move_is_possible(
    client_for: Any, world_a: World
) -> None:
    first = _three(world_a)[0]
    page = client_for("secretary").get(_url("meeting-detail", world_a, first.meeting_id)).content.decode()
    assert page.count(">Move up<") == 2 and page.count(">Move down<") == 2
    assert 'Move up<span class="visually-hidden"> item 1<' not in page
    assert 'Move down<span class="visually-hidden"> item 3<' not in page
    member_page = client_for("member").get(_url("meeting-detail", world_a, first.meeting_id)).content.decode()
    assert ">Move up<" not in member_page


def test_a_member_may_not_move_items(client_for: Any, member: Any, world_a: World) -> None:
    budget = _three(world_a)[2]
    client = client_for("member")
    with assert_db_unchanged():
        response = client.post(_url("agendaitem-move", world_a, budget.pk), {"direction": "up"})
        assert response.status_code == 403
        with pytest.raises(PermissionDenied):
            services.agendaitem_move(actor=member, item=budget, direction="up")


def test_another_partnerships_item_cannot_be_moved(client_for: Any, world_a: World, world_b: World) -> None:
    theirs = _three(world_b)[2]
    client = client_for("secretary")
    with assert_db_unchanged():
        response = client.post(_url("agendaitem-move", world_a, theirs.pk), {"direction": "up"})
    assert response.status_code == 404


# --- an action under its item, from the meeting page -------------------------------------------------------


def _action_data(world: World, **extra: str) -> dict[str, str]:
    return {
        "text": "Publish the winter plan",
        "lead": str(world.person.pk),
        "due_date": "2026-05-29",
        "minute_reference": world.item.number,
        **extra,
    }


def test_with_htmx_the_action_is_added_and_the_item_comes_back(client_for: Any, world_a: World) -> None:
    url = _url("action-create-for-item", world_a, world_a.item.pk)
    response = client_for("secretary").post(url, _action_data(world_a), headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    action = Action.objects.get(text="Publish the winter plan")
    assert (action.agenda_item, action.lead, action.body) == (
        world_a.item,
        world_a.person,
        world_a.meeting.body,
    )
    assert f'id="item-{world_a.item.pk}"' in page and "Action added." in page
    assert "Publish the winter plan" in page
    assert "<html" not in page  # the item only


def test_with_htmx_a_bad_action_comes_back_with_its_error(client_for: Any, world_a: World) -> None:
    url = _url("action-create-for-item", world_a, world_a.item.pk)
    client = client_for("secretary")
    with assert_db_unchanged():
        response = client.post(
            url, _action_data(world_a, text="", due_date="31/31/2026"), headers={"HX-Request": "true"}
        )
    page = response.content.decode()
    assert "The action was not added." in page
    assert "Enter a real date" in page
    assert f'id="item{world_a.item.pk}-action-text"' in page  # the item's own ids, unique on the page


def test_without_htmx_the_short_form_returns_to_the_meeting_page(client_for: Any, world_a: World) -> None:
    url = _url("action-create-for-item", world_a, world_a.item.pk)
    back = _url("meeting-detail", world_a, world_a.meeting.pk) + f"#item-{world_a.item.pk}"
    response = client_for("secretary").post(url, _action_data(world_a, next=back))
    assert response.status_code == 302 and response["Location"] == back


def test_the_short_action_form_is_not_offered_to_a_viewer(client_for: Any, world_a: World) -> None:
    url = _url("meeting-detail", world_a, world_a.meeting.pk)
    assert "Record an action" in client_for("secretary").get(url).content.decode()
    assert "Record an action" not in client_for("viewer").get(url).content.decode()


# --- save and add another ---


def test_save_and_add_another_item_comes_back_to_a_blank_form(client_for: Any, world_a: World) -> None:
    client = client_for("secretary")
    url = _url("agendaitem-create", world_a, world_a.meeting.pk)
    data = {"number": "12", "title": "Estates", "purpose": "discussion", "outcome": "noted", "another": "1"}
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    assert NEXT_ITEM in client.get(url).content.decode()
    item = AgendaItem.objects.get(title="Estates")
    assert item.order > max(
        i.order for i in AgendaItem.objects.filter(meeting=world_a.meeting).exclude(pk=item.pk)
    )


def test_save_and_add_another_action_comes_back_to_a_blank_form(client_for: Any, world_a: World) -> None:
    client = client_for("secretary")
    url = _url("action-create-for-item", world_a, world_a.item.pk)
    response = client.post(url, _action_data(world_a, another="1"))
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert NEXT_ACTION in page and "Save and add another action" in page
    assert Action.objects.filter(text="Publish the winter plan").count() == 1


def test_the_item_form_no_longer_asks_for_the_order(client_for: Any, world_a: World) -> None:
    page = (
        client_for("secretary").get(_url("agendaitem-create", world_a, world_a.meeting.pk)).content.decode()
    )
    assert 'name="order"' not in page and 'name="number"' in page
