"""Answering a relationship survey: once, as one's own person, only people in the survey, values on their
scales, only while open; every refusal is a plain message and writes nothing. Who rated whom is seen by the
survey's facilitators only; the results appear only once closed and at k."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from dbstate import assert_db_unchanged
from factories import World, make_attendance, make_organisation, make_person
from stakeholders import kit_network as kit
from traction.core.models import AuditEvent
from traction.stakeholders.models.network import NetworkSurvey, Rating, SurveyStatus
from traction.stakeholders.services import network as services

pytestmark = pytest.mark.django_db


def url(survey: NetworkSurvey, name: str) -> str:
    return reverse(f"stakeholders:{name}", kwargs={"slug": survey.partnership.slug, "pk": survey.pk})


def row(**kw: Any) -> dict[str, Any]:
    return {"frequency": 3, "reliability": 4, "mission": 3, "openness": 2, "comment": "", **kw}


@pytest.fixture
def scene(world_a: World, users: dict[str, Any]) -> tuple[NetworkSurvey, Any, Any]:
    member = users["member"]
    me = kit.person_of(member, world_a.partnership)
    survey = kit.make_survey(world_a.partnership, [me, world_a.person, world_a.other_person])
    return survey, member, me


def test_a_member_rates_the_others_once(scene: Any, world_a: World, client_for: Any) -> None:
    survey, member, me = scene
    client = client_for("member")
    page = client.get(url(survey, "network-survey-answer")).content.decode()
    assert world_a.person.name in page and f"frequency_{me.pk}" not in page  # self excluded
    data = kit.answer_data(world_a)
    assert client.post(url(survey, "network-survey-answer"), data).status_code == 302
    assert Rating.objects.filter(survey=survey, rater=me).count() == 2
    events = AuditEvent.objects.filter(object_type="rating", actor=member)
    assert events.count() == 2 and not any(world_a.person.name in str(e.changes) for e in events)
    with assert_db_unchanged():
        again = client.post(url(survey, "network-survey-answer"), data)
    assert again.status_code == 200 and services.ALREADY_ANSWERED in again.content.decode()


@pytest.mark.parametrize(
    "forged",
    [
        {"frequency_{me}": "3", "reliability_{me}": "3", "mission_{me}": "3", "openness_{me}": "3"},
        {"frequency_999999": "3", "reliability_999999": "3", "mission_999999": "3", "openness_999999": "3"},
        {"frequency_{p}": "5", "reliability_{p}": "3", "mission_{p}": "3", "openness_{p}": "3"},
        {"frequency_{p}": "3", "reliability_{p}": "0", "mission_{p}": "3", "openness_{p}": "3"},
        {"frequency_{p}": "x", "reliability_{p}": "3", "mission_{p}": "3", "openness_{p}": "3"},
        {"frequency_{p}": "3", "reliability_{p}": "", "mission_{p}": "3", "openness_{p}": "3"},
        {},
    ],
    ids=["self", "unknown", "frequency-high", "trust-low", "malformed", "half-row", "empty"],
)
def test_bad_answers_are_refused_and_write_nothing(
    scene: Any, world_a: World, client_for: Any, forged: dict[str, str]
) -> None:
    survey, _, me = scene
    good = kit.answer_data(world_a)
    data = {**good, **{k.format(me=me.pk, p=world_a.person.pk): v for k, v in forged.items()}}
    if not forged:
        data = {}
    client = client_for("member")
    with assert_db_unchanged():
        response = client.post(url(survey, "network-survey-answer"), data)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_someone_not_in_the_survey_or_with_no_person_is_refused(
    world_a: World, users: Any, client_for: Any
) -> None:
    survey = kit.make_survey(world_a.partnership, [world_a.person, world_a.other_person])
    client = client_for("secretary")
    page = client.get(url(survey, "network-survey-answer")).content.decode()
    assert "not linked to a person of the record" in page
    kit.person_of(users["secretary"], world_a.partnership)
    with assert_db_unchanged():
        response = client.post(url(survey, "network-survey-answer"), kit.answer_data(world_a))
    assert services.NOT_IN_SURVEY in response.content.decode()


def test_no_answer_after_close_or_before_open(scene: Any, world_a: World, client_for: Any) -> None:
    survey, _, _ = scene
    client = client_for("member")
    for status in (SurveyStatus.CLOSED, SurveyStatus.DRAFT):
        NetworkSurvey.objects.filter(pk=survey.pk).update(status=status)
        with assert_db_unchanged():
            response = client.post(url(survey, "network-survey-answer"), kit.answer_data(world_a))
        assert "not open for answers" in response.content.decode()


def test_the_service_refuses_what_a_forged_call_sends(scene: Any, world_a: World) -> None:
    survey, member, me = scene
    outsider = make_person(world_a.partnership, name="Not In Survey")
    for answers in (
        {me.pk: row()},
        {outsider.pk: row()},
        {world_a.person.pk: row(frequency=7)},
        {world_a.person.pk: row(openness=True)},
        {world_a.person.pk: row(mission="2.5")},
    ):
        with assert_db_unchanged(), pytest.raises(ValidationError):
            services.ratings_record(actor=member, survey=survey, answers=answers)


def test_the_database_refuses_a_self_rating_and_a_second_rating(world_a: World) -> None:
    survey = kit.make_survey(world_a.partnership, [world_a.person, world_a.other_person])
    with pytest.raises(IntegrityError), transaction.atomic():
        kit.rate(survey, world_a.person, world_a.person)
    kit.rate(survey, world_a.person, world_a.other_person)
    with pytest.raises(IntegrityError), transaction.atomic():
        kit.rate(survey, world_a.person, world_a.other_person)
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkSurvey.objects.filter(pk=survey.pk).update(k=2)


def test_only_the_surveys_facilitators_see_who_rated_whom(
    world_a: World, users: Any, client_for: Any
) -> None:
    survey = kit.make_survey(
        world_a.partnership,
        [world_a.person, world_a.other_person],
        SurveyStatus.CLOSED,
        facilitators=[users["facilitator"]],
    )
    kit.rate(survey, world_a.person, world_a.other_person, comment="Dependable on the budget")
    mine = client_for("facilitator").get(url(survey, "network-declared")).content.decode()
    assert "Dependable on the budget" in mine and "Who rated whom" in mine and 'role="img"' in mine
    for role in ("admin", "secretary", "member"):
        page = client_for(role).get(url(survey, "network-declared"))
        assert page.status_code == 200 and "Dependable" not in page.content.decode()
    assert client_for("viewer").get(url(survey, "network-declared")).status_code == 404


def test_results_appear_only_once_closed_and_at_k(world_a: World, client_for: Any) -> None:
    council, nhs = make_organisation(world_a.partnership), make_organisation(world_a.partnership)
    people = [make_person(world_a.partnership, organisation=council if i % 2 else nhs) for i in range(8)]
    survey = kit.make_survey(world_a.partnership, people, k=5)
    for rater in people[:4]:
        kit.rate(survey, rater, people[7])
    client = client_for("viewer")
    assert "once the survey is closed" in client.get(url(survey, "network-aggregates")).content.decode()
    NetworkSurvey.objects.filter(pk=survey.pk).update(status=SurveyStatus.CLOSED)
    assert "Too few people answered" in client.get(url(survey, "network-aggregates")).content.decode()
    kit.rate(survey, people[4], people[7])
    page = client.get(url(survey, "network-aggregates")).content.decode()
    assert "5 people answered" in page and "breakdown by organisation is not shown" in page


def test_opening_and_closing_follow_the_order(world_a: World, secretary: Any) -> None:
    survey = kit.fresh_draft(world_a)
    with pytest.raises(ValidationError):
        services.survey_close(actor=secretary, survey=survey)
    services.survey_open(actor=secretary, survey=survey)
    services.survey_close(actor=secretary, survey=survey)
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED
    with pytest.raises(ValidationError):
        services.survey_update(actor=secretary, survey=survey, data={"title": "Renamed"})


def test_the_creator_facilitates_and_a_viewer_cannot(world_a: World, users: Any, client_for: Any) -> None:
    client: Client = client_for("secretary")
    data = {
        "title": "Spring relationships",
        "starts_on": "2025-03-01",
        "ends_on": "2025-05-31",
        "people": [world_a.person.pk, world_a.other_person.pk],
        "k": "5",
    }
    assert (
        client.post(
            reverse("stakeholders:network-survey-create", kwargs={"slug": "northshire"}), data
        ).status_code
        == 302
    )
    survey = NetworkSurvey.objects.get(title="Spring relationships")
    assert list(survey.facilitators.all()) == [users["secretary"]]
    for bad in (
        {**data, "k": "2"},
        {**data, "ends_on": "2025-01-01"},
        {**data, "people": [world_a.person.pk]},
        {**data, "facilitators": [users["viewer"].pk]},
        {**data, "starts_on": "1899-12-31"},
        {**data, "ends_on": "9999-12-31"},
    ):
        with assert_db_unchanged():
            response = client.post(
                reverse("stakeholders:network-survey-create", kwargs={"slug": "northshire"}), bad
            )
        assert response.status_code == 200 and response.context["form"].errors


def test_observed_ties_come_from_shared_meetings(world_a: World, client_for: Any) -> None:
    make_attendance(
        world_a.partnership, meeting=world_a.meeting, person=world_a.other_person, status="present"
    )
    meeting_day = world_a.meeting.start.date().isoformat()
    page = client_for("viewer").get(
        reverse("stakeholders:network-observed", kwargs={"slug": "northshire"}),
        {"start": meeting_day, "end": meeting_day},
    )
    table = page.context["measures"]
    assert page.status_code == 200 and table.ties >= 2
    bad = client_for("viewer").get(
        reverse("stakeholders:network-observed", kwargs={"slug": "northshire"}),
        {"start": "2025-13-01", "min_trust": "9"},
    )
    assert bad.status_code == 200 and "YYYY-MM-DD" in bad.content.decode()
    assert "were not understood" in bad.content.decode()


def test_dates_out_of_range_get_the_plain_message(world_a: World, client_for: Any) -> None:
    client = client_for("viewer")
    observed = reverse("stakeholders:network-observed", kwargs={"slug": "northshire"})
    compare = reverse("stakeholders:network-compare", kwargs={"slug": "northshire"})
    for path, query in (
        (observed, {"end": "9999-12-31"}),
        (observed, {"start": "0001-01-01"}),
        (compare, {"after_end": "9999-12-31"}),
        (compare, {"before_start": "1899-12-31"}),
    ):
        page = client.get(path, query)
        assert page.status_code == 200 and "YYYY-MM-DD" in page.content.decode(), (path, query)


def test_the_compare_page_gives_each_chart_its_own_ids(world_a: World, client_for: Any) -> None:
    page = client_for("viewer").get(reverse("stakeholders:network-compare", kwargs={"slug": "northshire"}))
    ids = re.findall(r'\bid="([^"]+)"', page.content.decode())
    assert page.status_code == 200 and "network-before-title" in ids and "network-after-desc" in ids
    assert len(ids) == len(set(ids))


def test_comparing_with_one_survey_chosen_is_a_plain_message(
    world_a: World, users: dict[str, Any], client_for: Any
) -> None:
    survey = kit.make_survey(
        world_a.partnership, [world_a.person, world_a.other_person], facilitators=[users["facilitator"]]
    )
    url = reverse("stakeholders:network-compare", kwargs={"slug": "northshire"})
    for query in ({"before_survey": survey.pk}, {"after_survey": survey.pk, "before_survey": "two"}):
        page = client_for("facilitator").get(url, query)
        assert page.status_code == 200 and "Choose two surveys" in page.content.decode()
