"""The stakeholder map at scale (500 stakeholders with 10 assessments each) and the relationship network's
pages at scale (a survey of 2,000 people with 20,000 ratings).

    uv run python bench/bench_stakeholders.py                     # SQLite, every page
    uv run python bench/bench_stakeholders.py --db postgres       # PostgreSQL (traction_bench_stakeholders)
    uv run python bench/bench_stakeholders.py --pages network     # the network pages only (or --pages map)

A fresh database gets one partnership with 500 stakeholders, each assessed 10 times over three years (power,
interest, stance and desired stance drawn at random). The pages are fetched through Django's test client as
a signed-in viewer, after one warm-up request, ``--repeat`` times each: the map today, the map replayed at
a date in the middle of the history, the gaps, the stakeholder list, and one stakeholder's trail.

The network: a closed survey of 2,000 people in 12 organisations with 20,000 directed ratings (the ties of
``bench_network.network``: 80% inside an organisation; trust aspects drawn at random), read by one of its
facilitators. Each page is the whole request: reading the people and ratings from the database, the measures,
the drawing and the tables. Pages: the declared network unfiltered, the declared network filtered to weekly
ties, and the survey's results (the aggregates everyone sees). ``--network-repeat`` times each.

Targets: the map under 300 ms; the network (measures and drawing) under 2 s. Figures go to
bench/out/stakeholders-<db>.json and docs/benchmarks.md.
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
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/traction_bench_stakeholders")
TARGETS_MS = {"map": 300, "network": 2000}


def build(n_stakeholders: int, assessments_each: int) -> dict[str, int]:
    """The partnership, written straight to the ORM in bulk (the pages, not the writes, are measured)."""
    import random

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from traction.core.models import Membership, Partnership, Role
    from traction.stakeholders.models.stakeholders import Assessment, Stakeholder, Stance

    rng = random.Random(7)
    today = timezone.localdate()
    partnership = Partnership.objects.create(name="Bench partnership", slug="bench")
    user = get_user_model().objects.create_user("viewer", password="not-used")
    Membership.objects.create(user=user, partnership=partnership, role=Role.VIEWER)
    stakeholders = Stakeholder.objects.bulk_create(
        Stakeholder(partnership=partnership, name=f"Stakeholder {s:03d}", kind="organisation")
        for s in range(n_stakeholders)
    )
    stances = list(Stance.values)
    rows = [
        Assessment(
            partnership=partnership,
            stakeholder=stakeholder,
            assessed_on=today - datetime.timedelta(days=1095 * (assessments_each - a) // assessments_each),
            power=rng.randint(1, 5),
            interest=rng.randint(1, 5),
            stance=rng.choice(stances),
            desired_stance=rng.choice(stances),
        )
        for stakeholder in stakeholders
        for a in range(assessments_each)
    ]
    Assessment.objects.bulk_create(rows, batch_size=2000)
    return {"stakeholders": len(stakeholders), "assessments": len(rows)}


def build_network(people: int, ties: int) -> dict[str, int]:
    """A closed survey of ``people`` in 12 organisations, ``ties`` directed ratings and a facilitator."""
    import random

    from bench_network import network
    from django.contrib.auth import get_user_model

    from traction.core.models import Membership, Partnership, Role
    from traction.governance.models import Organisation, Person
    from traction.stakeholders.models.network import NetworkSurvey, Rating, SurveyStatus

    rng = random.Random(11)
    partnership = Partnership.objects.get(slug="bench")
    user = get_user_model().objects.create_user("facilitator", password="not-used")
    Membership.objects.create(user=user, partnership=partnership, role=Role.FACILITATOR)
    nodes, links = network(people, ties)
    organisations = {
        name: Organisation.objects.create(partnership=partnership, name=name)
        for name in sorted({n.organisation for n in nodes})
    }
    persons = Person.objects.bulk_create(
        (
            Person(partnership=partnership, name=n.label, organisation=organisations[n.organisation])
            for n in nodes
        ),
        batch_size=2000,
    )
    survey = NetworkSurvey.objects.create(
        partnership=partnership,
        title="Bench survey",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 3, 31),
        status=SurveyStatus.CLOSED,
    )
    survey.people.set(persons)
    survey.facilitators.set([user])
    Rating.objects.bulk_create(
        (
            Rating(
                partnership=partnership,
                survey=survey,
                rater=persons[t.source],
                ratee=persons[t.target],
                frequency=t.frequency,
                reliability=rng.randint(1, 4),
                mission=rng.randint(1, 4),
                openness=rng.randint(1, 4),
            )
            for t in links
        ),
        batch_size=2000,
    )
    return {"people": len(persons), "ratings": len(links), "survey": survey.pk}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--stakeholders", type=int, default=500)
    parser.add_argument("--assessments", type=int, default=10, help="assessments per stakeholder")
    parser.add_argument("--repeat", type=int, default=20, help="requests of each map page")
    parser.add_argument("--pages", choices=["all", "map", "network"], default="all")
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--ties", type=int, default=20000)
    parser.add_argument("--network-repeat", type=int, default=10, help="requests of each network page")
    parser.add_argument("--profile", action="store_true", help="cProfile one declared-network request")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="traction-bench-stakeholders-"))
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
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    sizes = build(args.stakeholders, args.assessments)
    if args.pages != "map":
        sizes |= build_network(args.people, args.ties)
    print(f"built {sizes} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    from django.db import connection

    with connection.cursor() as cursor:  # statistics, as autovacuum would have gathered them by now
        cursor.execute("ANALYZE")

    from django.contrib.auth import get_user_model

    from traction.stakeholders.models.stakeholders import Stakeholder

    client = Client()
    client.force_login(get_user_model().objects.get(username="viewer"))
    facilitator = Client()

    def url(name: str, **kwargs: object) -> str:
        return reverse(f"stakeholders:{name}", kwargs={"slug": "bench", **kwargs})

    results: dict[str, dict[str, float]] = {}
    targets: dict[str, int] = {}
    if args.pages != "network":
        middle = (timezone.localdate() - datetime.timedelta(days=540)).isoformat()
        first = Stakeholder.objects.filter(partnership__slug="bench").order_by("pk").first()
        assert first is not None
        pages = {
            "map, today": url("stakeholder-map"),
            "map, 540 days ago": url("stakeholder-map") + f"?on={middle}",
            "gaps, today": url("stakeholder-gaps"),
            "stakeholder list": url("stakeholder-list"),
            "one stakeholder's trail": url("stakeholder-detail", pk=first.pk),
        }
        for name, path in pages.items():
            results[name] = timed(client, path, args.repeat)
            targets[name] = TARGETS_MS["map"]
    if args.pages != "map":
        facilitator.force_login(get_user_model().objects.get(username="facilitator"))
        declared = url("network-declared", pk=sizes["survey"])
        if args.profile:
            profile(facilitator, declared)
        pages = {
            "declared network": declared,
            "declared network, weekly ties": declared + "?min_frequency=3",
            "survey results": url("network-aggregates", pk=sizes["survey"]),
        }
        for name, path in pages.items():
            results[name] = timed(facilitator, path, args.network_repeat)
            targets[name] = TARGETS_MS["network"]
    load = os.getloadavg()
    report = {
        "db": args.db,
        **sizes,
        "repeat": args.repeat,
        "network_repeat": args.network_repeat,
        "load_average": [round(x, 2) for x in load],
        "pages": results,
    }
    OUT.mkdir(exist_ok=True)
    (OUT / f"stakeholders-{args.db}-{args.pages}.json").write_text(json.dumps(report, indent=2))
    for name, figures in results.items():
        mark = "" if figures["median_ms"] < targets[name] else f"  (over the {targets[name]} ms target)"
        print(f"{name:30} median {figures['median_ms']:7.1f} ms  p95 {figures['p95_ms']:7.1f} ms{mark}")
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


def profile(client: object, path: str) -> None:
    """One request under cProfile, the 25 dearest functions by cumulative time to stderr."""
    import cProfile
    import pstats

    client.get(path)  # type: ignore[attr-defined]  # warm-up
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(path)  # type: ignore[attr-defined]
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
