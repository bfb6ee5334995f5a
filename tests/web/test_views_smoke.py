"""Smoke tests for the web pages' own behaviour: htmx partials, uploads and downloads, oversized input,
the dashboard's path to overdue actions and the strict-CSP rule. Permissions, the URL walk and bad input
in general are covered by the matrix tests that read tests/urlspec.py."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from intakekit import run_worker

from factories import MEETING_START, World, make_action, make_item, make_meeting
from traction.core.models import AuditEvent
from traction.core.uploads import FILE_TOO_BIG
from traction.governance.models import Action, ActionStatus, AgendaItem, Paper

pytestmark = pytest.mark.django_db


def url(world: World, name: str, **kwargs: Any) -> str:
    return reverse(f"governance:{name}", kwargs={"slug": world.partnership.slug, **kwargs})


def test_overdue_actions_of_a_body_are_two_clicks_from_login(world_a: World, secretary_client: Any) -> None:
    home = secretary_client.get("/", follow=True)
    assert home.status_code == 200
    link = f"{url(world_a, 'action-list')}?view=overdue&amp;body={world_a.body.pk}"
    assert link in home.content.decode()
    actions = secretary_client.get(link.replace("&amp;", "&"))
    assert world_a.action.text in actions.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "dashboard",
        "action-list",
        "decision-list",
        "meeting-list",
        "body-list",
        "person-list",
        "organisation-list",
        "paper-list",
        "search-results",
    ],
)
def test_pages_have_no_inline_script_or_style(world_a: World, secretary_client: Any, name: str) -> None:
    html = secretary_client.get(url(world_a, name)).content.decode()
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "<main" in html and 'class="skip-link"' in html


def test_action_filters_answer_htmx_with_the_results_fragment(world_a: World, secretary_client: Any) -> None:
    response = secretary_client.get(
        url(world_a, "action-list") + "?view=overdue", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="action-results"
    )
    html = response.content.decode()
    assert "<html" not in html and world_a.action.text in html
    assert "HX-Request" in response["Vary"]
    restore = secretary_client.get(
        url(world_a, "action-list") + "?view=overdue",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="action-results",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in restore.content.decode()


def test_inline_close_answers_htmx_with_the_updated_row(world_a: World, secretary_client: Any) -> None:
    response = secretary_client.post(
        url(world_a, "action-close", pk=world_a.action.pk),
        {"status": "done", "completed_on": "2025-04-01"},
        HTTP_HX_REQUEST="true",
    )
    assert response.content.decode().lstrip().startswith(f'<tr id="action-{world_a.action.pk}"')
    world_a.action.refresh_from_db()
    assert world_a.action.status == ActionStatus.DONE


def test_inline_close_without_a_date_keeps_the_action_open(world_a: World, secretary_client: Any) -> None:
    response = secretary_client.post(
        url(world_a, "action-close", pk=world_a.action.pk), {"status": "done"}, HTTP_HX_REQUEST="true"
    )
    assert "Enter the date the action was completed." in response.content.decode()
    world_a.action.refresh_from_db()
    assert world_a.action.status == ActionStatus.OPEN


def test_outcome_form_answers_htmx_with_the_item(world_a: World, secretary_client: Any) -> None:
    prefix = f"item{world_a.item.pk}"
    response = secretary_client.post(
        url(world_a, "agendaitem-outcome", pk=world_a.item.pk),
        {f"{prefix}-outcome": "deferred", f"{prefix}-resolution": "To May."},
        HTTP_HX_REQUEST="true",
    )
    assert f'id="item-{world_a.item.pk}"' in response.content.decode()
    assert AgendaItem.objects.get(pk=world_a.item.pk).outcome == "deferred"


def test_bulk_update_with_another_partnerships_action_changes_nothing(
    world_a: World, world_b: World, secretary_client: Any
) -> None:
    events = AuditEvent.objects.count()
    response = secretary_client.post(
        url(world_a, "action-bulk-update"),
        {"actions": [world_a.action.pk, world_b.action.pk], "status": "dropped"},
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Action.objects.filter(status=ActionStatus.DROPPED).exists()
    assert AuditEvent.objects.count() == events


def upload(client: Any, world: World, name: str, content: bytes, title: str = "Report") -> Any:
    return client.post(
        url(world, "paper-create", pk=world.meeting.pk),
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.django_db(transaction=True)  # the real worker commits
def test_paper_upload_measures_and_download_is_a_locked_down_attachment(
    world_a: World, secretary_client: Any
) -> None:
    response = upload(secretary_client, world_a, "minutes.md", b"The board agreed the plan today.")
    assert response.status_code == 302
    run_worker()  # counted in the background, by the one reader
    paper = Paper.objects.get(title="Report")
    assert (paper.words, paper.original_filename, len(paper.sha256)) == (6, "minutes.md", 64)
    download = secretary_client.get(url(world_a, "paper-download", pk=paper.pk))
    assert download["Content-Disposition"].startswith('attachment; filename="minutes.md"')
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert download["X-Content-Type-Options"] == "nosniff"


def test_duplicate_and_oversized_papers_are_refused(
    world_a: World, secretary_client: Any, settings: Any
) -> None:
    upload(secretary_client, world_a, "a.txt", b"same words")
    duplicate = upload(secretary_client, world_a, "b.txt", b"same words", title="Again")
    assert "This file is already in the record as" in duplicate.content.decode()
    settings.TRACTION_MAX_UPLOAD_BYTES = 1024 * 1024
    big = upload(secretary_client, world_a, "big.txt", b"word " * 300_000, title="Big")
    assert FILE_TOO_BIG.format(mb=1) in big.content.decode()
    assert not Paper.objects.filter(title__in=["Again", "Big"]).exists()


def test_a_form_over_the_memory_limit_gets_a_clear_400_page(world_a: World, secretary_client: Any) -> None:
    response = secretary_client.post(url(world_a, "organisation-create"), {"name": "x" * 3_000_000})
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_decision_register_defaults_to_the_last_twelve_months(world_a: World, secretary_client: Any) -> None:
    recent = make_meeting(
        world_a.partnership, body=world_a.body, start=timezone.now() - datetime.timedelta(days=30)
    )
    make_item(world_a.partnership, meeting=recent, title="Recent budget decision", outcome="decided")
    html = secretary_client.get(url(world_a, "decision-list")).content.decode()
    assert "Recent budget decision" in html
    assert world_a.item.title not in html  # decided in March 2025, more than a year before today
    everything = secretary_client.get(url(world_a, "decision-list") + "?date_from=2000-01-01")
    assert world_a.item.title in everything.content.decode()


def test_matters_arising_lists_the_bodys_open_actions(world_a: World, secretary_client: Any) -> None:
    make_action(world_a.partnership, body=world_a.body, text="Closed one", status="dropped")
    html = secretary_client.get(url(world_a, "body-matters-arising", pk=world_a.body.pk)).content.decode()
    assert world_a.action.text in html and "Closed one" not in html


def test_deleting_a_body_with_meetings_is_refused(world_a: World, secretary_client: Any) -> None:
    response = secretary_client.post(url(world_a, "body-delete", pk=world_a.body.pk))
    assert response.status_code == 200
    assert "cannot be deleted because" in response.content.decode()
    assert type(world_a.body).objects.filter(pk=world_a.body.pk).exists()


def test_matters_arising_puts_the_oldest_minute_first_with_its_latest_update(
    world_a: World, secretary_client: Any
) -> None:
    """Actions set at older meetings come first, whenever they were typed in; each shows its latest
    update."""
    from traction.governance.models import ActionUpdate

    older = make_meeting(
        world_a.partnership, body=world_a.body, start=MEETING_START - datetime.timedelta(days=90)
    )
    newer = make_meeting(
        world_a.partnership, body=world_a.body, start=MEETING_START + datetime.timedelta(days=30)
    )
    late = make_action(
        world_a.partnership,
        agenda_item=make_item(world_a.partnership, meeting=newer),
        text="Set at the newer",
    )
    early = make_action(
        world_a.partnership,
        agenda_item=make_item(world_a.partnership, meeting=older),
        text="Set at the older",
    )  # typed in after the other
    for on, note in [(datetime.date(2025, 4, 1), "First word"), (datetime.date(2025, 5, 1), "Latest word")]:
        ActionUpdate.objects.create(partnership=world_a.partnership, action=early, on=on, note=note)
    html = secretary_client.get(url(world_a, "body-matters-arising", pk=world_a.body.pk)).content.decode()
    assert html.index(early.text) < html.index(late.text)
    assert "Latest word" in html and "First word" not in html


def test_the_revise_due_form_shows_the_current_due_date(world_a: World, secretary_client: Any) -> None:
    action = make_action(
        world_a.partnership,
        body=world_a.body,
        text="Publish the carers' strategy",
        due_date=datetime.date(2025, 9, 30),
        original_due_date=datetime.date(2025, 6, 30),
    )
    html = secretary_client.get(url(world_a, "action-revise-due", pk=action.pk)).content.decode()
    assert "is due now: 30 September 2025 (first due 30 June 2025)" in html


def test_an_actions_history_names_people_not_accounts(world_a: World, users: dict[str, Any]) -> None:
    from django.test import Client

    from traction.governance.models import ActionUpdate, Person

    secretary = users["secretary"]
    Person.objects.update_or_create(
        partnership=world_a.partnership, user=secretary, defaults={"name": "Siobhan Reyes"}
    )
    ActionUpdate.objects.create(
        partnership=world_a.partnership, action=world_a.action, note="Draft circulated", author=secretary
    )
    client = Client()
    client.force_login(secretary)
    html = client.get(url(world_a, "action-detail", pk=world_a.action.pk)).content.decode()
    assert '<span class="secondary">(Siobhan Reyes)</span>' in html


def test_my_actions_groups_what_i_lead(world_a: World, users: dict[str, Any]) -> None:
    """Overdue, due soon, waiting on an update and later, for the user's own person only; the dashboard
    counts them; a user with no person of the record is told why the page is empty."""
    from django.test import Client
    from django.utils import timezone

    from traction.governance.models import ActionUpdate, Person

    today = timezone.localdate()
    member = users["member"]
    me, _ = Person.objects.update_or_create(
        partnership=world_a.partnership, user=member, defaults={"name": "Mo Member"}
    )
    day = datetime.timedelta(days=1)
    overdue = make_action(
        world_a.partnership, body=world_a.body, lead=me, text="Late one", due_date=today - day
    )
    soon = make_action(
        world_a.partnership, body=world_a.body, lead=me, text="Soon one", due_date=today + 5 * day
    )
    quiet = make_action(
        world_a.partnership, body=world_a.body, lead=me, text="Quiet one", due_date=today + 90 * day
    )
    type(quiet).objects.filter(pk=quiet.pk).update(created_at=timezone.now() - 60 * day)
    fresh = make_action(
        world_a.partnership, body=world_a.body, lead=me, text="Fresh one", due_date=today + 90 * day
    )
    ActionUpdate.objects.create(partnership=world_a.partnership, action=fresh, note="Started", on=today)
    make_action(world_a.partnership, body=world_a.body, lead=me, text="Done one", status="done")
    make_action(world_a.partnership, body=world_a.body, text="Someone else's", due_date=today - day)

    from traction.governance import selectors

    mine = selectors.my_actions_for(user=member, partnership=world_a.partnership)
    assert [[a.text for a in g] for g in (mine.overdue, mine.due_soon, mine.quiet, mine.later)] == [
        [overdue.text],
        [soon.text],
        [quiet.text],
        [fresh.text],
    ]
    client = Client()
    client.force_login(member)
    html = client.get(url(world_a, "my-actions")).content.decode()
    assert "Late one" in html and "Someone else" not in html and "Done one" not in html
    dashboard = client.get(url(world_a, "dashboard")).content.decode()
    assert (
        "You lead 4 open actions: 1 overdue, 1 due in the next two weeks, 1 waiting on an update."
        in dashboard
    )

    viewer = Client()
    viewer.force_login(users["viewer"])
    Person.objects.filter(user=users["viewer"]).delete()
    assert "not linked to a person" in viewer.get(url(world_a, "my-actions")).content.decode()


def test_an_actions_page_says_its_words_once(world_a: World, secretary_client: Any) -> None:
    short = make_action(world_a.partnership, body=world_a.body, text="Write to the care homes")
    html = secretary_client.get(url(world_a, "action-detail", pk=short.pk)).content.decode()
    assert html.count("Write to the care homes") == 1
    long_text = "Agree the discharge protocol with every care home in the county " * 5
    long = make_action(world_a.partnership, body=world_a.body, text=long_text.strip())
    html = secretary_client.get(url(world_a, "action-detail", pk=long.pk)).content.decode()
    assert "The whole action" in html and long_text.strip() in html
