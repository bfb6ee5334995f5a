"""A programme's feedback report at scale: 4 cohorts of 25 people, 48 sessions, 20 answers after each,
then-and-now ratings on 6 objectives, two follow-ups, and 3 outcomes with 2 indicators each.

    uv run python bench/bench_feedback.py                 # SQLite
    uv run python bench/bench_feedback.py --db postgres   # PostgreSQL (traction_bench_feedback)

The report, the comment release page and the programmes home page are fetched through Django's test client
as a signed-in admin, after one warm-up request, ``--repeat`` times each. Target: each under 300 ms.
Figures go to bench/out/feedback-<db>.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from pagebench import prepare_database, timed  # noqa: E402  (beside this script)

OUT = HERE / "out"
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_bench_feedback")
TARGET_MS = 300


def build(cohorts: int, people: int, sessions: int, answers: int) -> dict[str, int]:
    """Written straight to the ORM in bulk (the pages, not the writes, are measured)."""
    import random

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from traction.core.models import Membership, Partnership, Role
    from traction.direction.models import Indicator, IndicatorValue, SharedOutcome
    from traction.governance.models import Person
    from traction.programmes.models.feedback import (
        FeedbackResponse,
        LearningObjective,
        ObjectiveRating,
        Stage,
    )
    from traction.programmes.models.programmes import Cohort, Enrolment, Programme, Session

    rng = random.Random(7)
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    p = Partnership.objects.create(name="Bench partnership", slug="bench")
    user = get_user_model().objects.create_user("admin", password="not-used")
    Membership.objects.create(user=user, partnership=p, role=Role.ADMIN)
    programme = Programme.objects.create(
        partnership=p, title="Bench programme", k=5, ends_on=today - 200 * day
    )
    made = {"sessions": 0, "responses": 0}
    for c in range(cohorts):
        cohort = Cohort.objects.create(partnership=p, programme=programme, name=f"Cohort {c}")
        persons = Person.objects.bulk_create(
            Person(partnership=p, name=f"Person {c}-{n}") for n in range(people)
        )
        Enrolment.objects.bulk_create(Enrolment(partnership=p, cohort=cohort, person=x) for x in persons)
        for s in range(sessions // cohorts):
            session = Session.objects.create(
                partnership=p, cohort=cohort, title=f"Day {s}", date=today - (400 - 20 * s) * day
            )
            FeedbackResponse.objects.bulk_create(
                FeedbackResponse(
                    partnership=p,
                    programme=programme,
                    stage=Stage.SESSION,
                    session=session,
                    satisfaction=rng.randint(3, 5),
                    engagement=rng.randint(2, 5),
                    relevance=rng.randint(3, 5),
                    comment="Useful day." if a % 4 == 0 else "",
                    released=a % 8 == 0,
                )
                for a in range(answers)
            )
            made["sessions"] += 1
            made["responses"] += answers
    objectives = [
        LearningObjective.objects.create(partnership=p, programme=programme, text=f"Objective {o}", order=o)
        for o in range(6)
    ]
    for _ in range(cohorts * people - 10):
        response = FeedbackResponse.objects.create(partnership=p, programme=programme, stage=Stage.END)
        ObjectiveRating.objects.bulk_create(
            ObjectiveRating(response=response, objective=o, before=rng.randint(1, 3), now=rng.randint(3, 5))
            for o in objectives
        )
        made["responses"] += 1
    for stage in (Stage.MONTH3, Stage.MONTH6):
        FeedbackResponse.objects.bulk_create(
            FeedbackResponse(
                partnership=p,
                programme=programme,
                stage=stage,
                applied=rng.randint(2, 5),
                impact=rng.randint(2, 5),
                comment="I chair differently now.",
                released=True,
            )
            for _ in range(cohorts * people // 2)
        )
        made["responses"] += cohorts * people // 2
    for o in range(3):
        outcome = SharedOutcome.objects.create(partnership=p, title=f"Outcome {o}")
        programme.outcomes.add(outcome)
        for i in range(2):
            indicator = Indicator.objects.create(partnership=p, title=f"Indicator {o}-{i}")
            indicator.outcomes.add(outcome)
            IndicatorValue.objects.bulk_create(
                IndicatorValue(
                    partnership=p,
                    indicator=indicator,
                    period=str(2015 + y),
                    period_order=y,
                    value=rng.random(),
                )
                for y in range(10)
            )
    return made


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="traction-bench-feedback-"))
    os.environ.update(
        {
            "DATABASE_URL": prepare_database(args.db, workdir, PG_URL),
            "TRACTION_ALLOWED_HOSTS": "testserver",
            "DJANGO_SETTINGS_MODULE": "traction.config.settings",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    sizes = build(cohorts=4, people=25, sessions=48, answers=20)
    print(f"built {sizes} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    with connection.cursor() as cursor:  # statistics, as autovacuum would have gathered them by now
        cursor.execute("ANALYZE")

    from django.contrib.auth import get_user_model

    from traction.programmes.models.programmes import Programme

    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    pk = Programme.objects.get(title="Bench programme").pk
    kw = {"slug": "bench", "pk": pk}
    pages = {
        "feedback report": reverse("programmes:feedback-report", kwargs=kw),
        "comment release": reverse("programmes:feedback-comments", kwargs=kw),
        "programmes home": reverse("programmes:programmes-home", kwargs={"slug": "bench"}),
    }
    results = {name: timed(client, path, args.repeat) for name, path in pages.items()}
    report = {"db": args.db, **sizes, "repeat": args.repeat, "pages": results}
    OUT.mkdir(exist_ok=True)
    (OUT / f"feedback-{args.db}.json").write_text(json.dumps(report, indent=2))
    for name, figures in results.items():
        mark = "" if figures["median_ms"] < TARGET_MS else "  (over the 300 ms target)"
        print(f"{name:20} median {figures['median_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms{mark}")


if __name__ == "__main__":
    main()
