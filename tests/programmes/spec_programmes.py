"""URL specs of the programmes app's programmes pages (read by tests/urlspec.py)."""

from __future__ import annotations

import itertools

from urlspec import Spec

_titles = itertools.count(1)


def specs() -> dict[str, Spec]:
    from programmes import kit_programmes as kit
    from traction.programmes.models.programmes import AttendanceRecord, Cohort, Enrolment, Programme, Session

    return {
        "programmes-home": Spec("page", None, "view"),
        "programme-list": Spec("page", Programme, "view"),
        "programme-create": Spec(
            "form",
            Programme,
            "add",
            data=lambda w: {
                "title": f"Systems leadership {next(_titles)}",
                "lead": w.person.pk,
                "starts_on": "2026-01-05",
                "ends_on": "2026-12-18",
                "k": "5",
            },
        ),
        "programme-detail": Spec("page", Programme, "view", kit.world_programme),
        "programme-update": Spec(
            "form",
            Programme,
            "change",
            kit.world_programme,
            lambda w: {"title": "Leading together (2026)", "starts_on": "2026-02-01", "k": "6"},
        ),
        "programme-delete": Spec("delete", Programme, "delete", kit.fresh_programme),
        "programme-calendar": Spec("page", Programme, "view", kit.world_programme),
        "person-calendar": Spec("page", Programme, "view", lambda w: w.person),
        "calendar-subscriptions": Spec("page", Programme, "view"),
        "programme-subscribe": Spec("form", Programme, "view", kit.world_programme, lambda w: {}),
        "person-subscribe": Spec("form", Programme, "view", lambda w: w.person, lambda w: {}),
        "cohort-create": Spec("form", Cohort, "add", kit.world_programme, lambda w: {"name": "Cohort B"}),
        "cohort-detail": Spec("page", Cohort, "view", kit.world_cohort),
        "cohort-print": Spec("page", Cohort, "view", kit.world_cohort, extra={"query": {"blank": "1"}}),
        "cohort-update": Spec(
            "form", Cohort, "change", kit.world_cohort, lambda w: {"name": "Cohort A (spring)"}
        ),
        "cohort-delete": Spec("delete", Cohort, "delete", kit.fresh_cohort),
        "cohort-enrol": Spec(
            "form", Enrolment, "add", kit.world_cohort, lambda w: {"people": [w.other_person.pk]}
        ),
        "enrolment-delete": Spec("delete", Enrolment, "delete", kit.fresh_enrolment),
        "session-create": Spec(
            "form",
            Session,
            "add",
            kit.world_cohort,
            lambda w: {
                "title": "Day 3: Leading change",
                "kind": "development_day",
                "date": "2026-05-12",
                "starts_at": "09:30",
                "ends_at": "16:30",
                "place": "Town Hall",
            },
        ),
        "session-update": Spec(
            "form",
            Session,
            "change",
            kit.world_session,
            lambda w: {
                "title": "Day 1 (moved)",
                "kind": "development_day",
                "date": "2026-04-14",
                "place": "",
            },
        ),
        "session-delete": Spec("delete", Session, "delete", kit.fresh_session),
        "session-register": Spec(
            "form",
            AttendanceRecord,
            "add",
            kit.world_session,
            lambda w: {f"person_{w.person.pk}": "apologies"},
        ),
    }
