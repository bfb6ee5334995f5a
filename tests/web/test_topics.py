"""Topics over HTTP and through their services: list, topic page, rename, merge, split, confirm, suggestions,
bad input that changes nothing, and the diagnosis following a correction."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from dbstate import assert_db_unchanged, assert_refused
from factories import World, make_body, make_item, make_meeting
from traction.core.models import AuditEvent
from traction.diagnosis.selectors import signals_for_body
from traction.governance import topics
from traction.governance.models import AgendaItem, Meeting, TopicConfirmation
from traction_analysis.signals import Period, SignalParams

LONDON = ZoneInfo("Europe/London")


def url(world: World, name: str, pk: int | None = None) -> str:
    kwargs: dict[str, Any] = {"slug": world.partnership.slug}
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(f"governance:{name}", kwargs=kwargs)


def _meeting(world: World, day: str, body: Any = None) -> Meeting:
    start = datetime.datetime.fromisoformat(f"{day}T10:00").replace(tzinfo=LONDON)
    return make_meeting(world.partnership, body=body or world.body, start=start, status="held")


@pytest.fixture
def winter(world_a: World) -> dict[str, AgendaItem]:
    """Two topics that are one subject, and a third that is not."""
    jan, feb, mar = (_meeting(world_a, d) for d in ("2025-01-15", "2025-02-12", "2025-03-12"))
    return {
        "plan": make_item(
            world_a.partnership, meeting=jan, title="Winter plan", outcome="deferred", topic="winter-plan"
        ),
        "resilience": make_item(
            world_a.partnership,
            meeting=feb,
            title="Winter resilience",
            outcome="deferred",
            topic="winter-resilience",
        ),
        "resilience2": make_item(
            world_a.partnership,
            meeting=mar,
            title="Winter resilience: final plan",
            outcome="noted",
            topic="winter-resilience",
        ),
        "estates": make_item(
            world_a.partnership, meeting=mar, title="Estates strategy", outcome="noted", topic="estates"
        ),
    }


def keys(world: World) -> dict[str, str]:
    return dict(AgendaItem.objects.filter(partnership=world.partnership).values_list("title", "topic"))


# --- pages --------------------------------------------------------------------------------------------------


def test_the_list_shows_each_topic_with_counts_bodies_and_confirmation(
    secretary_client: Client, secretary: Any, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    TopicConfirmation.objects.create(partnership=world_a.partnership, key="estates")
    page = secretary_client.get(url(world_a, "topic-list")).content.decode()
    assert "winter-resilience" in page and "winter-plan" in page and "estates" in page
    found = {t.key: t for t in topics.topic_list_for(user=secretary, partnership=world_a.partnership)}
    assert (found["winter-resilience"].items, found["winter-resilience"].meetings) == (2, 2)
    assert found["winter-resilience"].bodies == [world_a.body.name]
    assert found["estates"].confirmed and not found["winter-plan"].confirmed
    assert found["winter-resilience"].item_pk == winter["resilience"].pk


def test_the_topic_page_lists_its_items_and_the_forms(
    secretary_client: Client, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    page = secretary_client.get(url(world_a, "topic-detail", winter["resilience2"].pk)).content.decode()
    assert "Winter resilience: final plan" in page and "Winter resilience" in page
    assert "Winter plan" not in page.split("<h2")[0]  # the other topic's item is not listed
    assert "Deferred" in page and "Noted" in page
    for name in ("topic-rename", "topic-merge", "topic-split", "topic-confirm"):
        assert url(world_a, name, winter["resilience2"].pk) in page


def test_a_reader_sees_the_topic_but_no_forms(
    client_for: Any, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    page = client_for("viewer").get(url(world_a, "topic-detail", winter["plan"].pk)).content.decode()
    assert "Winter plan" in page and url(world_a, "topic-merge", winter["plan"].pk) not in page


def test_an_item_without_a_topic_has_no_topic_page(secretary_client: Client, world_a: World) -> None:
    assert secretary_client.get(url(world_a, "topic-detail", world_a.item.pk)).status_code == 404


# --- corrections --------------------------------------------------------------------------------------------


def test_rename_moves_every_item_and_the_confirmation(
    secretary_client: Client, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    TopicConfirmation.objects.create(partnership=world_a.partnership, key="winter-resilience")
    response = secretary_client.post(
        url(world_a, "topic-rename", winter["resilience"].pk), {"new_key": "urgent-care-winter"}
    )
    assert response.status_code == 302
    assert (
        keys(world_a)["Winter resilience: final plan"]
        == keys(world_a)["Winter resilience"]
        == "urgent-care-winter"
    )
    assert TopicConfirmation.objects.filter(
        partnership=world_a.partnership, key="urgent-care-winter"
    ).exists()
    event = AuditEvent.objects.filter(verb="renamed topic").get()
    assert event.changes["topic"] == ["winter-resilience", "urgent-care-winter"]


def test_merge_moves_the_items_into_the_other_topic(
    secretary_client: Client, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    response = secretary_client.post(
        url(world_a, "topic-merge", winter["resilience"].pk), {"into": "winter-plan"}
    )
    assert response.status_code == 302
    assert {
        keys(world_a)[t] for t in ("Winter plan", "Winter resilience", "Winter resilience: final plan")
    } == {"winter-plan"}
    assert keys(world_a)["Estates strategy"] == "estates"
    assert AuditEvent.objects.filter(verb="merged topic").count() == 1


def test_split_moves_only_the_chosen_items(
    secretary_client: Client, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    response = secretary_client.post(
        url(world_a, "topic-split", winter["resilience"].pk),
        {"items": [winter["resilience2"].pk], "new_key": "winter-final-plan"},
    )
    assert response.status_code == 302
    assert keys(world_a)["Winter resilience"] == "winter-resilience"
    assert keys(world_a)["Winter resilience: final plan"] == "winter-final-plan"


def test_confirm_records_who_and_a_second_confirm_changes_nothing(
    secretary_client: Client, secretary: Any, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    path = url(world_a, "topic-confirm", winter["estates"].pk)
    assert secretary_client.post(path).status_code == 302
    confirmation = TopicConfirmation.objects.get(partnership=world_a.partnership, key="estates")
    assert confirmation.confirmed_by == secretary
    with assert_db_unchanged():
        response = secretary_client.post(path, follow=True)
    assert topics.ALREADY_CONFIRMED in response.content.decode()


# --- bad input changes nothing ------------------------------------------------------------------------------


def _refused(client: Client, path: str, data: dict[str, Any], message: str) -> None:
    with assert_db_unchanged():
        response = client.post(path, data)
    assert response.status_code == 200, response.status_code
    assert message in response.content.decode()


def test_merging_into_itself_is_refused(
    secretary_client: Client, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    _refused(
        secretary_client,
        url(world_a, "topic-merge", winter["plan"].pk),
        {"into": "winter-plan"},
        topics.MERGE_INTO_ITSELF,
    )


@pytest.mark.parametrize("into", ["", "no-such-topic", "x" * 500])
def test_merging_into_no_topic_is_refused(
    secretary_client: Client, world_a: World, winter: dict[str, AgendaItem], into: str
) -> None:
    with assert_db_unchanged():
        response = secretary_client.post(url(world_a, "topic-merge", winter["plan"].pk), {"into": into})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


def test_splitting_nothing_or_everything_is_refused(
    secretary_client: Client, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    path = url(world_a, "topic-split", winter["resilience"].pk)
    _refused(secretary_client, path, {"new_key": "winter-final"}, topics.NOTHING_TO_SPLIT)
    _refused(
        secretary_client,
        path,
        {"items": [winter["resilience"].pk, winter["resilience2"].pk], "new_key": "winter-final"},
        topics.SPLIT_EVERYTHING,
    )


def test_splitting_into_an_existing_topic_or_a_bad_name_is_refused(
    secretary_client: Client, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    path = url(world_a, "topic-split", winter["resilience"].pk)
    data = {"items": [winter["resilience2"].pk]}
    _refused(secretary_client, path, {**data, "new_key": "estates"}, "already exists")
    _refused(secretary_client, path, {**data, "new_key": "Winter Final!"}, "lower-case letters")


def test_splitting_an_item_of_another_topic_is_refused(
    secretary_client: Client, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    with assert_db_unchanged():
        response = secretary_client.post(
            url(world_a, "topic-split", winter["resilience"].pk),
            {"items": [winter["estates"].pk], "new_key": "winter-final"},
        )
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


def test_another_partnerships_item_ids_are_not_found(
    secretary_client: Client, world_a: World, world_b: World, winter: dict[str, AgendaItem]
) -> None:
    theirs = make_item(
        world_b.partnership, meeting=world_b.meeting, title="Their item", topic="winter-resilience"
    )
    with assert_db_unchanged():
        split = secretary_client.post(
            url(world_a, "topic-split", winter["resilience"].pk),
            {"items": [theirs.pk], "new_key": "winter-final"},
        )
        accept = secretary_client.post(url(world_a, "topic-suggest"), {"accept": [f"{theirs.pk}:their-item"]})
        page = secretary_client.get(url(world_a, "topic-detail", theirs.pk))
    assert (split.status_code, accept.status_code, page.status_code) == (404, 404, 404)


def test_renaming_to_the_same_name_or_a_taken_one_is_refused(
    secretary_client: Client, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    path = url(world_a, "topic-rename", winter["plan"].pk)
    _refused(secretary_client, path, {"new_key": "winter-plan"}, topics.SAME_KEY)
    _refused(secretary_client, path, {"new_key": "estates"}, "Merge into it instead")
    _refused(secretary_client, path, {"new_key": "-" * 121}, "at most 120 characters")


def test_the_services_refuse_readers(viewer: Any, world_a: World, winter: dict[str, AgendaItem]) -> None:
    p = world_a.partnership
    for call in (
        lambda: topics.topic_rename(actor=viewer, partnership=p, key="estates", new_key="estate"),
        lambda: topics.topic_merge(actor=viewer, partnership=p, key="winter-plan", into="estates"),
        lambda: topics.topic_split(
            actor=viewer,
            partnership=p,
            key="winter-resilience",
            items=[winter["resilience2"].pk],
            new_key="x",
        ),
        lambda: topics.topic_confirm(actor=viewer, partnership=p, key="estates"),
        lambda: topics.topics_apply_suggestions(user=viewer, partnership=p, items=[world_a.item]),
    ):
        assert_refused(call, exception=PermissionDenied)


# --- suggestions --------------------------------------------------------------------------------------------


@pytest.fixture
def referral(world_a: World) -> dict[str, AgendaItem]:
    """An item with no topic that says where it came from, and one set by hand."""
    scrutiny = make_body(world_a.partnership, name="Health Scrutiny Committee")
    feb = _meeting(world_a, "2025-02-12")
    apr = _meeting(world_a, "2025-04-09", body=scrutiny)
    return {
        "referred": make_item(
            world_a.partnership,
            meeting=feb,
            title="Pharmaceutical needs assessment",
            outcome="referred",
            topic="pna",
        ),
        "new": make_item(
            world_a.partnership,
            meeting=apr,
            title="Community pharmacy provision",
            resolution="Referred from the Health and Wellbeing Board. The Committee considered the "
            "pharmaceutical needs assessment.",
            outcome="noted",
        ),
        "hand": make_item(
            world_a.partnership,
            meeting=apr,
            title="Dental access",
            outcome="noted",
            topic="dentistry-by-hand",
        ),
        "procedural": make_item(world_a.partnership, meeting=apr, title="Apologies", outcome="procedural"),
    }


def test_suggestions_join_new_items_to_existing_topics_and_leave_others_alone(
    world_a: World, referral: dict[str, AgendaItem]
) -> None:
    found = topics.topics_suggest_for(world_a.partnership)
    assert found[referral["new"].pk] == "pna"  # followed the reference to the item it came from
    assert referral["hand"].pk not in found  # its own topic agrees with the linking
    assert referral["procedural"].pk not in found and referral["referred"].pk not in found
    assert topics.topics_suggest_for(world_a.partnership, [referral["new"]]) == {referral["new"].pk: "pna"}


def test_a_confirmed_topic_is_never_suggested_away(world_a: World, winter: dict[str, AgendaItem]) -> None:
    # The linking would put "Winter plan" and "Winter resilience: final plan" together…
    before = topics.topics_suggest_for(world_a.partnership)
    assert before, "the scene must give the linking something to suggest"
    TopicConfirmation.objects.create(partnership=world_a.partnership, key="winter-plan")
    TopicConfirmation.objects.create(partnership=world_a.partnership, key="winter-resilience")
    after = topics.topics_suggest_for(world_a.partnership)
    assert not {winter["plan"].pk, winter["resilience"].pk, winter["resilience2"].pk} & set(after)


def test_the_suggest_page_shows_proposals_and_accepting_writes_only_the_ticked(
    secretary_client: Client, world_a: World, referral: dict[str, AgendaItem]
) -> None:
    page = secretary_client.get(url(world_a, "topic-suggest")).content.decode()
    value = f"{referral['new'].pk}:pna"
    assert value in page and "Community pharmacy provision" in page
    with assert_db_unchanged():
        nothing = secretary_client.post(url(world_a, "topic-suggest"), {})
    assert topics.NOTHING_ACCEPTED in nothing.content.decode()
    response = secretary_client.post(url(world_a, "topic-suggest"), {"accept": [value]})
    assert response.status_code == 302
    assert AgendaItem.objects.get(pk=referral["new"].pk).topic == "pna"
    assert AgendaItem.objects.get(pk=world_a.item.pk).topic == ""  # suggested but not ticked
    assert AuditEvent.objects.filter(verb="accepted topic suggestions").count() == 1


@pytest.mark.parametrize("value", ["junk", "12", ":pna", "{pk}:another-key"])
def test_a_suggestion_that_is_not_on_offer_is_refused(
    secretary_client: Client, world_a: World, referral: dict[str, AgendaItem], value: str
) -> None:
    with assert_db_unchanged():
        response = secretary_client.post(
            url(world_a, "topic-suggest"), {"accept": [value.format(pk=referral["new"].pk)]}
        )
    assert response.status_code in {200, 404}


def test_importers_apply_suggestions_to_their_new_items(
    secretary: Any, world_a: World, referral: dict[str, AgendaItem]
) -> None:
    written = topics.topics_apply_suggestions(
        user=secretary, partnership=world_a.partnership, items=[referral["new"], referral["hand"]]
    )
    assert written == {referral["new"].pk: "pna"}
    assert AgendaItem.objects.get(pk=referral["new"].pk).topic == "pna"
    assert AgendaItem.objects.get(pk=referral["hand"].pk).topic == "dentistry-by-hand"
    assert AuditEvent.objects.filter(verb="assigned topics").count() == 1
    assert (
        topics.topics_apply_suggestions(
            user=secretary, partnership=world_a.partnership, items=[referral["new"]]
        )
        == {}
    )


def test_importers_never_change_a_topic_someone_set(
    secretary: Any, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    suggested = topics.topics_suggest_for(world_a.partnership)
    assert suggested.get(winter["plan"].pk) == "winter-resilience", "the linking must want to move it"
    with assert_db_unchanged():
        written = topics.topics_apply_suggestions(
            user=secretary, partnership=world_a.partnership, items=[winter["plan"]]
        )
    assert written == {}


def test_importers_cannot_touch_another_partnerships_items(
    secretary: Any, world_a: World, world_b: World
) -> None:
    assert_refused(
        lambda: topics.topics_apply_suggestions(
            user=secretary, partnership=world_a.partnership, items=[world_b.item]
        ),
        exception=Http404,
    )


def test_suggested_keys_are_slugs_that_do_not_collide(secretary: Any, world_a: World) -> None:
    meeting = _meeting(world_a, "2025-05-14")
    make_item(world_a.partnership, meeting=meeting, title="Estates", topic="estates")
    other = make_body(world_a.partnership, name="Estates Board")
    fresh = make_item(
        world_a.partnership, meeting=_meeting(world_a, "2025-06-11", body=other), title="Work programme"
    )
    mine = make_item(world_a.partnership, meeting=meeting, title="Work programme")
    found = topics.topics_suggest_for(world_a.partnership, [fresh, mine])
    assert found[mine.pk] != found[fresh.pk]
    for key in found.values():
        assert topics.clean_key(key) == key


def test_clean_key_explains_what_is_wrong() -> None:
    with pytest.raises(ValidationError, match="lower-case"):
        topics.clean_key("Not a slug")
    assert topics.clean_key("  winter-plan ") == "winter-plan"


# --- the diagnosis follows a correction ---------------------------------------------------------------------


def test_merging_two_topics_changes_the_deferral_loops_and_recurring_topics(
    secretary: Any, viewer: Any, world_a: World, winter: dict[str, AgendaItem]
) -> None:
    period = Period(datetime.date(2025, 1, 1), datetime.date(2025, 7, 1))
    params = SignalParams(min_substantive_items=1, min_meetings=1, min_topic_coverage=0.0)

    def figures() -> tuple[Any, Any]:
        found = signals_for_body(
            user=viewer,
            partnership=world_a.partnership,
            body=world_a.body,
            period=period,
            as_of=datetime.date(2025, 12, 31),
            params=params,
        )
        return found.deferral_loops.counted.topics, found.recurring_topics.counted.topics

    assert figures() == ((), ())
    topics.topic_merge(
        actor=secretary, partnership=world_a.partnership, key="winter-resilience", into="winter-plan"
    )
    loops, recurring = figures()
    assert loops == ("winter-plan",)  # deferred in January and again in February
    assert recurring == ("winter-plan",)  # on three meetings, never decided
