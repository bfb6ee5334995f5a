"""The review screen's steps over HTTP: the meeting first, corrections kept as a draft, an action's owner
chosen from the partnership's people, and the extractor's own notes never shown as quotations."""

from __future__ import annotations

import datetime
import html
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from dbstate import assert_db_unchanged
from factories import World
from traction.core.models import AuditEvent, Role
from traction.governance.models import Action, AgendaItem, Meeting, Person
from traction.intake.forms import NEW_PERSON
from traction.intake.models import Proposal, ProposalStatus, Review, SourceDocument
from traction.intake.services.decisions import (
    MEETING_FIRST,
    NEW_PERSON_NAME_REQUIRED,
    OWNER_NOT_IN_PARTNERSHIP,
)
from traction_analysis.extract.outcome import NO_RESOLUTION_RECORDED

pytestmark = pytest.mark.django_db

BLOCKS = [
    [1, 1, "heading", "Health and Wellbeing Board"],
    [1, 2, "text", "Minutes of the meeting held on 10 March 2025"],
    [1, 3, "heading", "5. Joint strategy"],
    [1, 4, "text", "RESOLVED that the strategy be approved."],
    [1, 5, "heading", "6. Winter pressures"],
    [1, 6, "text", "The Board discussed winter pressures. " + NO_RESOLUTION_RECORDED],
]


def _item(number: str, title: str, outcome: str, evidence: str, line: int, **extra: Any) -> dict[str, Any]:
    return {
        "number": number,
        "title": title,
        "outcome": outcome,
        "evidence": evidence,
        "resolution": extra.pop("resolution", None),
        "actions": extra.pop("actions", []),
        "source": {"page": 1, "line": line},
    }


@pytest.fixture
def review(world_a: World) -> Review:
    """Uploaded minutes of the world's body, read, with no meeting chosen yet: a decided item quoting its
    resolution, and one for which the extractor found nothing and wrote its own note."""
    p = world_a.partnership
    document = SourceDocument.objects.create(
        partnership=p,
        body=world_a.body,
        file=ContentFile(b"minutes", name="minutes.txt"),
        original_filename="minutes.txt",
        sha256="a" * 64,
        size=7,
        status="ready",
        blocks=BLOCKS,
    )
    review = Review.objects.create(
        partnership=p,
        body=world_a.body,
        source_document=document,
        document_title="minutes.txt",
        origin={"kind": "upload", "document": document.pk},
        origin_key=f"upload-{document.pk}",
        meeting_date=datetime.date(2025, 3, 10),
    )
    strategy = _item(
        "5",
        "Joint strategy",
        "decided",
        "RESOLVED that the strategy be approved.",
        3,
        resolution="RESOLVED that the strategy be approved.",
        actions=[
            {
                "text": "Send the delivery plan to partners",
                "owner": "Director",
                "due": "2025-03-31",
                "source": {"page": 1, "line": 4},
            }
        ],
    )
    winter = _item("6", "Winter pressures", "noted", NO_RESOLUTION_RECORDED, 5)
    for position, original in enumerate([strategy, winter]):
        Proposal.objects.create(partnership=p, review=review, position=position, original=original)
    return review


def _url(name: str, world: World, **kwargs: Any) -> str:
    return reverse(f"intake:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def _text(response: Any) -> str:
    return html.unescape(response.content.decode())


def _proposal(review: Review, number: str) -> Proposal:
    return review.proposals.get(original__number=number)


def _correction(**changes: Any) -> dict[str, Any]:
    data = {
        "number": "5",
        "title": "Joint strategy 2025-2030",
        "outcome": "decided",
        "resolution": "RESOLVED that the strategy be approved.",
        "action_0_text": "Send the delivery plan to partners",
        "action_0_owner": "",
        "action_0_new_owner": "",
        "action_0_due": "2025-03-31",
    }
    return {**data, **changes}


# --- the meeting first --------------------------------------------------------------------------------------


def test_the_review_screen_asks_for_the_meeting_and_turns_accepting_off_until_then(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    page = _text(secretary_client.get(_url("review-detail", world_a, pk=review.pk)))
    assert "First: which meeting do these minutes record?" in page
    assert 'id="meeting-form"' in page and 'name="inline"' in page
    assert 'value="2025-03-10"' in page  # a new meeting is offered on the date the minutes state
    assert 'value="accept" disabled aria-describedby="meeting-first-note"' in page
    assert "Accepting is turned off until the meeting is chosen" in page


def test_the_bodys_meeting_on_the_stated_date_is_offered_first(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    review.meeting_date = world_a.meeting.start.date()
    review.save()
    page = secretary_client.get(_url("review-detail", world_a, pk=review.pk)).content.decode()
    assert f'<option value="{world_a.meeting.pk}" selected>' in page


@pytest.mark.parametrize("decision", ["accept", "accept:one"])
def test_accepting_without_a_meeting_is_refused_at_the_meeting_field_and_nothing_is_saved(
    secretary_client: Client, world_a: World, review: Review, decision: str
) -> None:
    strategy = _proposal(review, "5")
    data = (
        {"decision": "accept", "proposals": [strategy.pk]}
        if decision == "accept"
        else {"decision": f"accept:{strategy.pk}"}
    )
    with assert_db_unchanged():
        response = secretary_client.post(_url("review-detail", world_a, pk=review.pk), data)
    page = _text(response)
    assert response.status_code == 200
    assert f'<a href="#id_meeting">{MEETING_FIRST}</a>' in page  # the summary points at the field
    at_field = 'id="id_meeting-error" class="error-message"><span class="visually-hidden">Error:</span> '
    assert at_field + MEETING_FIRST in page
    strategy.refresh_from_db()
    assert strategy.status == ProposalStatus.PENDING


def test_the_correction_page_cannot_accept_without_a_meeting(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    strategy = _proposal(review, "5")
    url = _url("proposal-update", world_a, pk=strategy.pk)
    assert 'value="accept" disabled' in secretary_client.get(url).content.decode()
    with assert_db_unchanged():
        response = secretary_client.post(url, _correction(save="accept"))
    assert response.status_code == 200 and MEETING_FIRST in _text(response)


def test_the_meeting_is_created_from_the_review_screen_then_items_are_accepted(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    url = _url("review-meeting", world_a, pk=review.pk)
    response = secretary_client.post(
        url, {"inline": "1", "meeting": "", "date": "2025-03-10", "time": "10:00"}
    )
    assert response.status_code == 302 and response["Location"] == _url(
        "review-detail", world_a, pk=review.pk
    )
    review.refresh_from_db()
    assert review.meeting is not None and review.meeting.start.date() == datetime.date(2025, 3, 10)
    assert review.meeting.body == world_a.body
    page = _text(secretary_client.get(_url("review-detail", world_a, pk=review.pk)))
    assert 'id="meeting-form"' not in page and 'value="accept" disabled' not in page
    ids = list(review.proposals.values_list("pk", flat=True))
    response = secretary_client.post(
        _url("review-detail", world_a, pk=review.pk), {"decision": "accept", "proposals": ids}
    )
    assert response.status_code == 302
    assert AgendaItem.objects.filter(meeting=review.meeting).count() == 2


def test_choosing_the_meeting_in_place_answers_with_the_review_screen(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    response = secretary_client.post(
        _url("review-meeting", world_a, pk=review.pk),
        {"inline": "1", "meeting": world_a.meeting.pk},
        headers={"HX-Request": "true"},
    )
    page = _text(response)
    assert response.status_code == 200 and 'id="review-screen"' in page
    assert "Meeting set. The proposals were matched to its agenda items." in page


def test_a_bad_meeting_choice_in_place_is_shown_on_the_review_screen(
    secretary_client: Client, world_a: World, world_b: World, review: Review
) -> None:
    url = _url("review-meeting", world_a, pk=review.pk)
    with assert_db_unchanged():
        nothing = secretary_client.post(url, {"inline": "1", "meeting": "", "date": ""})
        foreign = secretary_client.post(url, {"inline": "1", "meeting": world_b.meeting.pk})
    assert nothing.status_code == foreign.status_code == 200
    assert "Choose the meeting, or enter the date of a new one." in _text(nothing)
    assert 'id="review-screen"' in _text(foreign) and "Select a valid choice" in _text(foreign)
    assert Meeting.objects.filter(partnership=world_a.partnership).count() == 1


# --- corrections saved as a draft ---------------------------------------------------------------------------


def test_a_draft_is_saved_shown_and_reloaded_then_accepted_as_corrected(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    strategy = _proposal(review, "5")
    url = _url("proposal-update", world_a, pk=strategy.pk)
    response = secretary_client.post(
        url, _correction(save="draft", action_0_owner=str(world_a.other_person.pk))
    )
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.status == ProposalStatus.PENDING and strategy.draft_saved_at is not None
    assert strategy.draft["title"] == "Joint strategy 2025-2030"
    assert strategy.original["title"] == "Joint strategy"  # what was proposed is kept
    assert not AgendaItem.objects.filter(title__startswith="Joint strategy 2025").exists()
    assert AuditEvent.objects.filter(verb="saved draft", object_id=str(review.pk)).exists()

    screen = _text(secretary_client.get(_url("review-detail", world_a, pk=review.pk)))
    assert "Draft saved" in screen and "Joint strategy 2025-2030" in screen
    form = _text(secretary_client.get(url))
    assert 'name="title" value="Joint strategy 2025-2030"' in form
    assert f'<option value="{world_a.other_person.pk}" selected>' in form

    # later: the meeting, then one click accepts the draft
    review.meeting = world_a.meeting
    review.save()
    response = secretary_client.post(
        _url("review-detail", world_a, pk=review.pk), {"decision": f"accept:{strategy.pk}"}
    )
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert (
        strategy.status == ProposalStatus.ACCEPTED and strategy.final["title"] == "Joint strategy 2025-2030"
    )
    action = Action.objects.get(text="Send the delivery plan to partners")
    assert action.lead == world_a.other_person and action.agenda_item.title == "Joint strategy 2025-2030"


def test_a_bad_draft_is_refused_with_the_form_and_nothing_saved(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    strategy = _proposal(review, "5")
    with assert_db_unchanged():
        response = secretary_client.post(
            _url("proposal-update", world_a, pk=strategy.pk), _correction(save="draft", title="")
        )
    assert response.status_code == 200 and "Enter the item's title." in _text(response)


# --- the owner chosen from the partnership's people ---------------------------------------------------------


def test_the_owner_is_a_choice_of_people_with_the_named_one_preselected(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    strategy = _proposal(review, "5")  # the minutes name "Director": Alex Director's role
    form = secretary_client.get(_url("proposal-update", world_a, pk=strategy.pk)).content.decode()
    assert '<select name="action_0_owner"' in form
    assert f'<option value="{world_a.person.pk}" selected>' in form
    assert f'<option value="{world_a.other_person.pk}">' in form
    assert f'<option value="{NEW_PERSON}">' in form


def test_another_partnerships_person_is_refused_as_owner(
    secretary_client: Client, world_a: World, world_b: World, review: Review
) -> None:
    strategy = _proposal(review, "5")
    review.meeting = world_a.meeting
    review.save()
    url = _url("proposal-update", world_a, pk=strategy.pk)
    with assert_db_unchanged():
        accepted = secretary_client.post(
            url, _correction(save="accept", action_0_owner=str(world_b.person.pk))
        )
        drafted = secretary_client.post(url, _correction(save="draft", action_0_owner=str(world_b.person.pk)))
    assert accepted.status_code == drafted.status_code == 200
    assert OWNER_NOT_IN_PARTNERSHIP in _text(accepted) and OWNER_NOT_IN_PARTNERSHIP in _text(drafted)


def test_the_service_refuses_another_partnerships_person(
    users: dict[str, Any], world_a: World, world_b: World, review: Review
) -> None:
    from django.core.exceptions import ValidationError

    from traction.intake.services.decisions import proposal_save_draft

    strategy = _proposal(review, "5")
    values = {**strategy.original, "actions": [{"text": "Send it", "person": world_b.person.pk}]}
    with assert_db_unchanged(), pytest.raises(ValidationError, match="this partnership's people"):
        proposal_save_draft(user=users[Role.SECRETARY], proposal=strategy, values=values)


def test_a_new_person_is_created_as_owner_in_the_same_step_and_audited(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    strategy = _proposal(review, "5")
    review.meeting = world_a.meeting
    review.save()
    url = _url("proposal-update", world_a, pk=strategy.pk)
    with assert_db_unchanged():
        unnamed = secretary_client.post(url, _correction(save="accept", action_0_owner=NEW_PERSON))
    assert unnamed.status_code == 200 and NEW_PERSON_NAME_REQUIRED in _text(unnamed)
    response = secretary_client.post(
        url, _correction(save="accept", action_0_owner=NEW_PERSON, action_0_new_owner="Priya Planner")
    )
    assert response.status_code == 302
    priya = Person.objects.get(partnership=world_a.partnership, name="Priya Planner")
    assert Action.objects.get(text="Send the delivery plan to partners").lead == priya
    assert AuditEvent.objects.filter(verb="created", object_id=str(priya.pk)).exists()


# --- the extractor's notes are not quotations ---------------------------------------------------------------


def test_a_placeholder_is_marked_not_in_the_minutes_and_never_highlighted(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    page = _text(secretary_client.get(_url("review-detail", world_a, pk=review.pk)))
    assert f"Not in the minutes</span> Traction's note: {NO_RESOLUTION_RECORDED}" in page
    assert f"<mark>{NO_RESOLUTION_RECORDED}</mark>" not in page  # neither in the item nor in the source pane
    assert "<mark>RESOLVED that the strategy be approved.</mark>" in page  # a real quotation still is
    winter = _proposal(review, "6")
    form = _text(secretary_client.get(_url("proposal-update", world_a, pk=winter.pk)))
    assert "Not in the minutes" in form and "Evidence in the minutes" not in form


def test_the_source_pane_follows_the_proposal_in_focus(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    page = secretary_client.get(_url("review-detail", world_a, pk=review.pk)).content.decode()
    strategy = _proposal(review, "5")
    assert f'id="proposal-{strategy.pk}" data-proposal data-source="src-1-3"' in page
    assert 'id="src-1-3"' in page


# --- a draft through split and merge ----------------------------------------------------------------------


def test_a_split_keeps_the_draft_on_the_first_part_and_moves_the_drafted_actions(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    strategy = _proposal(review, "5")
    owner = str(world_a.other_person.pk)
    secretary_client.post(
        _url("proposal-update", world_a, pk=strategy.pk), _correction(save="draft", action_0_owner=owner)
    )
    url = _url("proposal-split", world_a, pk=strategy.pk)
    form = _text(secretary_client.get(url))
    assert "Your corrections saved as a draft go with it" in form
    response = secretary_client.post(url, {"number": "5b", "title": "Delivery plan", "move_actions": ["0"]})
    assert response.status_code == 302
    first, second = Proposal.objects.filter(derived_from=strategy).order_by("pk")
    assert first.draft["title"] == "Joint strategy 2025-2030" and first.draft["actions"] == []
    assert first.draft_saved_at is not None and first.original["actions"] == []
    assert second.draft is None and second.original["title"] == "Delivery plan"
    assert [(a["text"], a["person"]) for a in second.original["actions"]] == [
        ("Send the delivery plan to partners", world_a.other_person.pk)
    ]
    screen = _text(secretary_client.get(_url("review-detail", world_a, pk=review.pk)))
    assert "Draft saved" in screen and "Joint strategy 2025-2030" in screen


def test_a_merge_combines_the_drafts_in_order_and_says_what_it_could_not_keep(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    strategy, winter = _proposal(review, "5"), _proposal(review, "6")
    secretary_client.post(_url("proposal-update", world_a, pk=strategy.pk), _correction(save="draft"))
    secretary_client.post(
        _url("proposal-update", world_a, pk=winter.pk),
        {
            "save": "draft",
            "number": "6",
            "title": "Winter pressures 2025",
            "outcome": "noted",
            "resolution": "The Board noted the winter plan.",
        },
    )
    response = secretary_client.post(
        _url("review-detail", world_a, pk=review.pk),
        {"decision": "merge", "proposals": [str(winter.pk), str(strategy.pk)]},
        follow=True,
    )
    merged = Proposal.objects.get(derived_from=strategy)
    assert merged.original["title"] == "Joint strategy"  # what was proposed, merged as before
    assert merged.draft["title"] == "Joint strategy 2025-2030"
    assert (
        merged.draft["resolution"]
        == "RESOLVED that the strategy be approved.\n\nThe Board noted the winter plan."
    )
    assert [a["text"] for a in merged.draft["actions"]] == ["Send the delivery plan to partners"]
    page = _text(response)
    assert "Check this" in page
    assert "The corrected heading of “6 Winter pressures” (“6 Winter pressures 2025”) was not kept" in page
    assert "Draft saved" in page


def test_a_merge_of_proposals_without_drafts_makes_no_draft_and_no_warning(
    secretary_client: Client, world_a: World, review: Review
) -> None:
    strategy, winter = _proposal(review, "5"), _proposal(review, "6")
    response = secretary_client.post(
        _url("review-detail", world_a, pk=review.pk),
        {"decision": "merge", "proposals": [str(strategy.pk), str(winter.pk)]},
        follow=True,
    )
    assert Proposal.objects.get(derived_from=strategy).draft is None and "Check this" not in _text(response)
