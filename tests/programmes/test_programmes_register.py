"""The register and enrolment: only changed rows are written and audited, "not recorded" deletes the row,
people not enrolled or of another partnership are refused, and the fields are labelled for the keyboard."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from factories import World, make_person
from programmes import kit_programmes as kit
from traction.core.models import AuditEvent
from traction.programmes.models.programmes import AttendanceRecord, Enrolment
from traction.programmes.services import programmes as services

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _url(w: World, name: str, pk: int) -> str:
    return reverse(f"programmes:{name}", kwargs={"slug": w.partnership.slug, "pk": pk})


@pytest.fixture
def scene(world_a: World) -> dict[str, Any]:
    session = kit.world_session(world_a)
    cohort = session.cohort
    others = [make_person(world_a.partnership, name=n) for n in ("Bea Clarke", "Cal Davies", "Dee Evans")]
    for p in others:
        kit.enrol(cohort, p)
    kit.mark(session, others[0], "absent")
    return {"session": session, "cohort": cohort, "people": [world_a.person, *others]}


def _marks(session: Any) -> dict[int, str]:
    return dict(AttendanceRecord.objects.filter(session=session).values_list("person_id", "status"))


def test_saving_writes_only_the_changed_rows(secretary: Any, scene: dict[str, Any]) -> None:
    session, (alex, bea, cal, dee) = scene["session"], scene["people"]
    before = AuditEvent.objects.count()
    counts = services.register_save(
        actor=secretary,
        session=session,
        marks={alex.pk: "attended", bea.pk: "", cal.pk: "apologies", dee.pk: ""},
    )
    assert counts == {"created": 1, "changed": 0, "deleted": 1}
    assert _marks(session) == {alex.pk: "attended", cal.pk: "apologies"}
    events = list(AuditEvent.objects.order_by("pk")[before:])
    assert sorted((e.verb, e.object_type) for e in events) == [
        ("created", "attendancerecord"),
        ("deleted", "attendancerecord"),
    ]


def test_a_person_not_enrolled_is_refused_and_nothing_is_written(
    secretary: Any, scene: dict[str, Any]
) -> None:
    session, alex = scene["session"], scene["people"][0]
    stranger = make_person(session.partnership)
    with pytest.raises(ValidationError, match="Only people enrolled"):
        services.register_save(
            actor=secretary, session=session, marks={alex.pk: "absent", stranger.pk: "attended"}
        )
    assert _marks(session)[alex.pk] == "attended"


def test_a_future_session_takes_no_register(secretary: Any, scene: dict[str, Any]) -> None:
    future = kit.make_session(scene["cohort"], date=timezone.localdate() + 3 * DAY)
    with pytest.raises(ValidationError, match="held today or before"):
        services.register_save(actor=secretary, session=future, marks={scene["people"][0].pk: "attended"})


def test_the_register_page_labels_every_select(secretary_client: Any, world_a: World, scene: dict) -> None:
    page = secretary_client.get(_url(world_a, "session-register", scene["session"].pk)).content.decode()
    for person in scene["people"]:
        assert f'<label for="id_person_{person.pk}">{person.name}</label>' in page
        assert f'id="id_person_{person.pk}"' in page
    assert "Not recorded" in page and "Mark everyone attended" in page


def test_mark_everyone_attended(secretary_client: Any, world_a: World, scene: dict) -> None:
    response = secretary_client.post(
        _url(world_a, "session-register", scene["session"].pk), {"mark_all": "on"}
    )
    assert response.status_code == 302
    assert set(_marks(scene["session"]).values()) == {"attended"}
    assert len(_marks(scene["session"])) == 4


def test_mark_everyone_attended_keeps_the_marks_chosen(
    secretary_client: Any, world_a: World, scene: dict
) -> None:
    alex, bea, cal, dee = scene["people"]
    response = secretary_client.post(
        _url(world_a, "session-register", scene["session"].pk),
        {
            "mark_all": "on",
            f"person_{alex.pk}": "",
            f"person_{bea.pk}": "absent",
            f"person_{cal.pk}": "apologies",
            f"person_{dee.pk}": "",
        },
    )
    assert response.status_code == 302
    assert _marks(scene["session"]) == {
        alex.pk: "attended",
        bea.pk: "absent",
        cal.pk: "apologies",
        dee.pk: "attended",
    }


def test_a_forged_person_or_status_is_refused_over_http(
    secretary_client: Any, world_a: World, world_b: World, scene: dict
) -> None:
    url = _url(world_a, "session-register", scene["session"].pk)
    before = _marks(scene["session"])
    for data in (
        {f"person_{world_b.person.pk}": "attended"},
        {f"person_{make_person(world_a.partnership).pk}": "attended"},
        {f"person_{scene['people'][1].pk}": "present"},
    ):
        response = secretary_client.post(url, data)
        assert response.status_code == 200
        assert _marks(scene["session"]) == before


def test_a_field_not_sent_changes_nothing(secretary_client: Any, world_a: World, scene: dict) -> None:
    before = _marks(scene["session"])
    response = secretary_client.post(_url(world_a, "session-register", scene["session"].pk), {})
    assert response.status_code == 302
    assert _marks(scene["session"]) == before


def test_enrolment_adds_people_of_the_record_only(
    secretary: Any, world_a: World, world_b: World, scene: dict
) -> None:
    cohort = scene["cohort"]
    with pytest.raises(ValidationError):
        services.enrol(actor=secretary, cohort=cohort, people=[world_b.person.pk])
    with pytest.raises(ValidationError, match="already enrolled"):
        services.enrol(actor=secretary, cohort=cohort, people=[world_a.person])
    added = services.enrol(actor=secretary, cohort=cohort, people=[world_a.other_person])
    assert [e.person for e in added] == [world_a.other_person]
    assert AuditEvent.objects.filter(object_type="enrolment", verb="created").count() == 1


def test_the_enrol_page_offers_only_people_not_yet_enrolled(
    secretary_client: Any, world_a: World, world_b: World, scene: dict
) -> None:
    url = _url(world_a, "cohort-enrol", scene["cohort"].pk)
    page = secretary_client.get(url).content.decode()
    assert world_a.other_person.name in page
    assert f'value="{world_a.person.pk}"' not in page
    response = secretary_client.post(url, {"people": [world_b.person.pk]})
    assert response.status_code == 200
    assert not Enrolment.objects.filter(person=world_b.person).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"title": "Day", "kind": "development_day", "date": "2026-02-30"},
        {"title": "Day", "kind": "development_day", "date": "1066-10-14"},
        {
            "title": "Day",
            "kind": "development_day",
            "date": "2026-05-01",
            "starts_at": "16:00",
            "ends_at": "09:00",
        },
        {"title": "Day", "kind": "picnic", "date": "2026-05-01"},
    ],
)
def test_bad_session_dates_and_times_are_refused(
    secretary_client: Any, world_a: World, scene: dict, data: dict
) -> None:
    count = scene["cohort"].sessions.count()
    response = secretary_client.post(_url(world_a, "session-create", scene["cohort"].pk), data)
    assert response.status_code == 200
    assert scene["cohort"].sessions.count() == count


def test_a_programme_cannot_end_before_it_starts(secretary_client: Any, world_a: World) -> None:
    url = reverse("programmes:programme-create", kwargs={"slug": world_a.partnership.slug})
    response = secretary_client.post(
        url, {"title": "Backwards", "starts_on": "2026-05-01", "ends_on": "2026-04-01", "k": "5"}
    )
    assert response.status_code == 200
    assert "The end cannot be before the start." in response.content.decode()


def test_the_programme_page_shows_enrolled_recorded_and_attended_apart(
    secretary_client: Any, world_a: World, scene: dict, django_assert_max_num_queries: Any
) -> None:
    page = secretary_client.get(
        _url(world_a, "programme-detail", kit.world_programme(world_a).pk)
    ).content.decode()
    # 4 enrolled, 1 session held: alex attended, bea absent, two not recorded → rate 1 of 2 recorded
    assert "<td>4</td><td>2 (1)</td><td>2</td><td>1</td><td>0</td><td>1</td><td>2</td>" in page
    assert "50%" in page


def test_the_programme_and_cohort_pages_link_the_report_objectives_and_calendars(
    secretary_client: Any, world_a: World, scene: dict
) -> None:
    programme = kit.world_programme(world_a)
    page = secretary_client.get(_url(world_a, "programme-detail", programme.pk)).content.decode()
    assert f'href="{_url(world_a, "feedback-report", programme.pk)}"' in page
    assert f'href="{_url(world_a, "feedback-objectives", programme.pk)}"' in page
    cohort = secretary_client.get(_url(world_a, "cohort-detail", scene["cohort"].pk)).content.decode()
    for person in scene["people"]:
        assert f'href="{_url(world_a, "person-calendar", person.pk)}"' in cohort


def test_the_query_count_does_not_grow_with_rows(secretary_client: Any, world_a: World, scene: dict) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme = kit.world_programme(world_a)
    urls = [
        _url(world_a, "programme-detail", programme.pk),
        _url(world_a, "cohort-detail", scene["cohort"].pk),
    ]

    def counts() -> list[int]:
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert secretary_client.get(url).status_code == 200
            found.append(len(queries))
        return found

    before = counts()
    cohort = scene["cohort"]
    for n in range(3):
        session = kit.make_session(cohort, date=timezone.localdate() - (20 + n) * DAY)
        for _ in range(4):
            person = make_person(world_a.partnership)
            kit.enrol(cohort, person)
            kit.mark(session, person, "attended")
    kit.make_cohort(programme)
    assert counts() == before


def test_the_printable_register_and_sign_in_sheet(secretary_client: Any, world_a: World, scene: dict) -> None:
    url = _url(world_a, "cohort-print", scene["cohort"].pk)
    grid = secretary_client.get(url).content.decode()
    alex, bea, cal, _ = scene["people"]
    # Alex attended, Bea absent, Cal not recorded (a dash, never X), the future session "to come"
    assert f'<th scope="row">{alex.name}</th>\n    <td>A</td><td>–</td>' in grid
    assert f'<th scope="row">{bea.name}</th>\n    <td>X</td><td>–</td>' in grid
    assert f'<th scope="row">{cal.name}</th>\n    <td>–</td><td>–</td>' in grid
    assert "(to come)" in grid
    sheet = secretary_client.get(url + "?blank=1").content.decode()
    assert sheet.count('<th scope="col">Signature</th>') == 3
    assert all(p.name in sheet for p in scene["people"])


def test_a_register_or_enrolment_saved_meanwhile_is_refused_plainly(
    secretary: Any, scene: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    session, cohort, cal = scene["session"], scene["cohort"], scene["people"][2]
    newcomer = make_person(session.partnership, name="Eve Fox")
    records, enrolments = AttendanceRecord.objects, Enrolment.objects
    real_records, real_enrolments = records.bulk_create, enrolments.bulk_create

    def someone_marks_first(rows: Any, *args: Any, **kwargs: Any) -> Any:
        kit.mark(session, cal, "absent")  # another person's save lands between the read and the write
        return real_records(rows, *args, **kwargs)

    def someone_enrols_first(rows: Any, *args: Any, **kwargs: Any) -> Any:
        kit.enrol(cohort, newcomer)
        return real_enrolments(rows, *args, **kwargs)

    monkeypatch.setattr(records, "bulk_create", someone_marks_first)
    with pytest.raises(ValidationError, match="This changed while you were working"):
        services.register_save(actor=secretary, session=session, marks={cal.pk: "attended"})
    monkeypatch.setattr(enrolments, "bulk_create", someone_enrols_first)
    with pytest.raises(ValidationError, match="This changed while you were working"):
        services.enrol(actor=secretary, cohort=cohort, people=[newcomer])
