"""A synthetic region for the diagnosis benchmark, deterministic for a given seed and scale.

At scale 1: 300 bodies × 10 years (2016–2025) × ~12 meetings × ~12 items ≈ 430k agenda items,
≈ 300k actions and ≈ 100k papers with page counts, in one partnership. ``--scale`` changes the number
of bodies only, so one body's history (and its profile's cost) is the same at every scale.

The record looks like a region's: about a quarter of the items are procedural; topics carry over
(a deferred topic tends to come back at the next meeting and be deferred again; each body has a few
perennial topics that are noted month after month); referrals go to region-wide topics that other
bodies then discuss and sometimes decide; actions hang off decisions, with owners (a person, an
organisation, or nobody), due dates (sometimes none) and statuses that depend on whether they have
fallen due by the bench's as-of date.

Loading uses ``bulk_create`` in batches, into whatever ``DATABASE_URL`` names (the bench gives it a
dedicated SQLite file under bench/out/ and a dedicated PostgreSQL database, never var/), after
``migrate``; it finishes with ``ANALYZE`` (PostgreSQL) or ``ANALYZE`` + ``PRAGMA optimize`` (SQLite).

    DATABASE_URL=sqlite:///bench/out/region-0.1.sqlite3 uv run python bench/region.py --scale 0.1
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

SEED = 20260318
YEARS = tuple(range(2016, 2026))
AS_OF = datetime.date(2026, 1, 31)  # the bench's "today": every meeting of the ten years is in the past
BODIES_AT_SCALE_1 = 300
LONDON = ZoneInfo("Europe/London")
USERNAME = "bench-viewer"
BATCH = 5000
BODIES_PER_CHUNK = 10

# Outcomes of substantive items (procedural items are the fixed opening and closing items).
OUTCOME_WEIGHTS = {"decided": 0.38, "noted": 0.30, "deferred": 0.10, "referred": 0.05, "unclear": 0.17}


def slug_for(scale: float, seed: int) -> str:
    return f"bench-region-{scale:g}-{seed}".replace(".", "_")


def body_count(scale: float) -> int:
    return max(3, round(BODIES_AT_SCALE_1 * scale))


def setup_django() -> None:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traction.config.settings")
    import django

    django.setup()


# ---------------------------------------------------------------------------------------------------
# The plan: plain tuples, generated from the seed alone (no database ids), so both databases get the
# same record in the same order and therefore the same ids.


@dataclass(slots=True)
class PlanItem:
    order: int
    title: str
    outcome: str
    topic: str
    actions: list[tuple]  # (lead person index | None, lead org index | None, due, status, completed_on)


@dataclass(slots=True)
class PlanMeeting:
    start: datetime.datetime
    minutes: int | None
    status: str
    items: list[PlanItem]
    papers: list[int | None]  # page counts


@dataclass(slots=True)
class PlanBody:
    index: int
    name: str
    kind: str
    parent: int | None
    people: list[int]  # indexes into the region's people
    meetings: list[PlanMeeting]
    loose_actions: list[tuple]  # actions with no agenda item: (..., created day)


def _action(rng: random.Random, people: list[int], organisations: int, day: datetime.date) -> tuple:
    owner = rng.random()
    lead = rng.choice(people) if owner < 0.80 else None
    lead_org = rng.randrange(organisations) if 0.80 <= owner < 0.90 else None
    due = (
        None
        if rng.random() < 0.08
        else day + datetime.timedelta(days=rng.choice((14, 28, 30, 42, 56, 90, 120, 180)))
    )
    completed = None
    if due is not None and due < AS_OF:
        status = rng.choices(("done", "open", "dropped", "superseded"), (0.68, 0.22, 0.05, 0.05))[0]
    else:
        status = rng.choices(("open", "done", "dropped"), (0.80, 0.17, 0.03))[0]
    if status == "done":
        target = due or day + datetime.timedelta(days=60)
        completed = min(AS_OF, max(day, target + datetime.timedelta(days=rng.randint(-25, 45))))
    return lead, lead_org, due, status, completed


def plan_region(scale: float, seed: int = SEED) -> tuple[int, int, list[PlanBody]]:
    """(people, organisations, bodies): the whole region, deterministic for ``scale`` and ``seed``."""
    rng = random.Random(seed)
    n_bodies = body_count(scale)
    organisations = max(5, n_bodies // 10)
    people_per_body = 12
    n_people = n_bodies * 8
    region_topics = [f"region-{k:04d}" for k in range(max(20, n_bodies * 2))]
    bodies = []
    for b in range(n_bodies):
        body_rng = random.Random(rng.random())
        kind = body_rng.choices(("board", "committee", "partnership_board", "working_group"), (2, 5, 1, 2))[0]
        parent = body_rng.randrange(b) if b and body_rng.random() < 0.7 else None
        people = body_rng.sample(range(n_people), people_per_body)
        local = [f"b{b:03d}-topic-{k:03d}" for k in range(80)]
        perennial = body_rng.sample(local, 4)
        deferred: set[str] = set()
        meetings: list[PlanMeeting] = []
        loose: list[tuple] = []
        for year in YEARS:
            for month in range(1, 13):
                if body_rng.random() < 0.06:
                    continue  # no meeting that month
                day = datetime.date(year, month, body_rng.randint(1, 28))
                hour, minute = body_rng.choice(((10, 0), (14, 0), (18, 30), (9, 30)))
                start = datetime.datetime(year, month, day.day, hour, minute, tzinfo=LONDON)
                status = body_rng.choices(("held", "cancelled", "scheduled"), (0.96, 0.03, 0.01))[0]
                minutes = None if body_rng.random() < 0.05 else body_rng.choice((90, 120, 120, 150, 180))
                items: list[PlanItem] = []
                held = status == "held"

                def add(
                    title: str,
                    outcome: str,
                    topic: str,
                    items: list[PlanItem] = items,
                    held: bool = held,
                    rng: random.Random = body_rng,
                    people: list[int] = people,
                    day: datetime.date = day,
                ) -> None:
                    actions: list[tuple] = []
                    if held:
                        count = {
                            "decided": rng.choice((1, 2, 2, 2, 3, 3, 3, 4)),
                            "noted": 1 if rng.random() < 0.2 else 0,
                            "deferred": 1 if rng.random() < 0.1 else 0,
                        }.get(outcome, 0)
                        actions = [_action(rng, people, organisations, day) for _ in range(count)]
                    items.append(PlanItem(len(items) + 1, title, outcome, topic, actions))

                add("Apologies for absence", "procedural", "")
                add("Minutes of the previous meeting", "procedural", "")
                substantive = body_rng.randint(6, 14)
                carried = [t for t in sorted(deferred) if body_rng.random() < 0.75]
                deferred.clear()
                for k in range(substantive):
                    roll = body_rng.random()
                    if k < len(carried):
                        topic = carried[k]
                        outcome = body_rng.choices(("deferred", "decided", "noted"), (0.5, 0.35, 0.15))[0]
                    elif roll < 0.22:
                        topic = body_rng.choice(perennial)
                        outcome = body_rng.choices(("noted", "unclear", "decided"), (0.75, 0.15, 0.10))[0]
                    elif roll < 0.30:
                        topic = body_rng.choice(region_topics)
                        outcome = body_rng.choices(
                            ("decided", "noted", "referred", "deferred"), (0.4, 0.3, 0.2, 0.1)
                        )[0]
                    else:
                        topic = "" if roll > 0.88 else body_rng.choice(local)
                        outcome = body_rng.choices(tuple(OUTCOME_WEIGHTS), tuple(OUTCOME_WEIGHTS.values()))[0]
                        if outcome == "referred" and topic:
                            topic = body_rng.choice(region_topics)
                    if outcome == "deferred" and topic:
                        deferred.add(topic)
                    add(f"{topic or 'Update'}: report {year}-{month:02d}", outcome, topic)
                add("Any other business", "procedural", "")
                papers = (
                    [
                        None if body_rng.random() < 0.1 else body_rng.randint(2, 80)
                        for _ in range(body_rng.choice((0, 1, 2, 3, 3, 4, 4, 5)))
                    ]
                    if status == "held"
                    else []
                )
                meetings.append(PlanMeeting(start, minutes, status, items, papers))
                if status == "held" and body_rng.random() < 0.3:
                    loose.append(
                        _action(body_rng, people, organisations, day) + (day + datetime.timedelta(days=3),)
                    )
        bodies.append(PlanBody(b, f"Body {b:03d}", kind, parent, people, meetings, loose))
    return n_people, organisations, bodies


# ---------------------------------------------------------------------------------------------------
# Loading


def _batched(rows: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _midday(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 12, tzinfo=LONDON)


def load(scale: float, seed: int = SEED, *, verbose: bool = True) -> dict[str, int]:
    """Migrate, then create the region unless a partnership with its slug exists; returns the counts."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.migrations.executor import MigrationExecutor

    from traction.core.models import Membership, Partnership
    from traction.governance.models import Body, Organisation, Person

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    call_command("migrate", verbosity=0, interactive=False)
    slug = slug_for(scale, seed)
    existing = Partnership.objects.filter(slug=slug).first()
    if existing is not None:
        if pending:  # a new index on a loaded region: the planners need its statistics
            analyze()
        return counts(existing)
    started = time.perf_counter()
    n_people, n_orgs, plan = plan_region(scale, seed)
    if verbose:
        print(f"  planned {len(plan)} bodies in {time.perf_counter() - started:.1f}s; loading…", flush=True)
    with transaction.atomic():
        partnership = Partnership.objects.create(
            name=f"Bench region (scale {scale:g}, seed {seed})", slug=slug
        )
        User = get_user_model()
        user, _ = User.objects.get_or_create(username=USERNAME, defaults={"email": "bench@traction.invalid"})
        Membership.objects.create(partnership=partnership, user=user, role="viewer")
        orgs = Organisation.objects.bulk_create(
            [Organisation(partnership=partnership, name=f"Organisation {k:03d}") for k in range(n_orgs)]
        )
        people = Person.objects.bulk_create(
            [
                Person(partnership=partnership, name=f"Person {k:05d}", organisation=orgs[k % n_orgs])
                for k in range(n_people)
            ],
            batch_size=BATCH,
        )
        bodies = Body.objects.bulk_create(
            [Body(partnership=partnership, name=b.name, kind=b.kind) for b in plan], batch_size=BATCH
        )
        for b, body in zip(plan, bodies, strict=True):
            if b.parent is not None:
                body.parent = bodies[b.parent]
        Body.objects.bulk_update(
            [bodies[b.index] for b in plan if b.parent is not None], ["parent"], batch_size=BATCH
        )
    for chunk_start in range(0, len(plan), BODIES_PER_CHUNK):
        chunk = plan[chunk_start : chunk_start + BODIES_PER_CHUNK]
        with transaction.atomic():
            _load_chunk(partnership, chunk, bodies, people, orgs)
        if verbose and (chunk_start // BODIES_PER_CHUNK) % 5 == 4:
            print(
                f"  {chunk_start + len(chunk)}/{len(plan)} bodies, {time.perf_counter() - started:.0f}s",
                flush=True,
            )
    analyze()
    found = counts(partnership)
    if verbose:
        print(f"  loaded in {time.perf_counter() - started:.0f}s: {found}", flush=True)
    return found


def _load_chunk(partnership, chunk: list[PlanBody], bodies, people, orgs) -> None:
    from traction.governance.models import Action, AgendaItem, Meeting, Paper

    meetings = [
        Meeting(
            partnership=partnership,
            body=bodies[b.index],
            start=m.start,
            duration_minutes=m.minutes or 120,
            status=m.status,
            location="Council chamber",
        )
        for b in chunk
        for m in b.meetings
    ]
    # duration_minutes is not nullable in the model; "no scheduled duration" is not representable, so the
    # 5% planned without one get the default — the field keeps its real-world default.
    for batch in _batched(meetings):
        Meeting.objects.bulk_create(batch)
    flat = [(b, m) for b in chunk for m in b.meetings]
    items, papers, item_plans = [], [], []
    for (b, m), meeting in zip(flat, meetings, strict=True):
        for it in m.items:
            items.append(
                AgendaItem(
                    partnership=partnership,
                    meeting=meeting,
                    order=it.order,
                    number=str(it.order),
                    title=it.title,
                    outcome=it.outcome,
                    topic=it.topic,
                    purpose="decision" if it.outcome == "decided" else "discussion",
                )
            )
            item_plans.append((b, m, it))
        for k, pages in enumerate(m.papers):
            papers.append(
                Paper(
                    partnership=partnership,
                    meeting=meeting,
                    title=f"Paper {k + 1}",
                    pages=pages,
                    created_at=m.start - datetime.timedelta(days=7),
                )
            )
    for batch in _batched(items):
        AgendaItem.objects.bulk_create(batch)
    for batch in _batched(papers):
        Paper.objects.bulk_create(batch)
    actions = []

    def action(body, spec: tuple, item, created: datetime.datetime, ref: str) -> Action:
        lead, lead_org, due, status, completed = spec[:5]
        return Action(
            partnership=partnership,
            body=body,
            agenda_item=item,
            minute_reference=ref,
            text="Bring back a costed plan",
            lead=people[lead] if lead is not None else None,
            lead_organisation=orgs[lead_org] if lead_org is not None else None,
            original_due_date=due,
            due_date=due,
            status=status,
            completed_on=completed,
            created_at=created,
        )

    for (b, m, it), item in zip(item_plans, items, strict=True):
        for k, spec in enumerate(it.actions):
            actions.append(action(bodies[b.index], spec, item, m.start, f"{it.order}.{k + 1}"))
    for b in chunk:
        for spec in b.loose_actions:
            actions.append(action(bodies[b.index], spec, None, _midday(spec[5]), ""))
    for batch in _batched(actions):
        Action.objects.bulk_create(batch)


def analyze() -> None:
    """Statistics for the query planners: ``ANALYZE`` on PostgreSQL, ``ANALYZE`` + ``PRAGMA optimize`` on
    SQLite."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA optimize")


def counts(partnership) -> dict[str, int]:
    from traction.governance.models import Action, AgendaItem, Body, Meeting, Paper

    scope = {"partnership": partnership}
    return {
        "bodies": Body.objects.filter(**scope).count(),
        "meetings": Meeting.objects.filter(**scope).count(),
        "items": AgendaItem.objects.filter(**scope).count(),
        "papers": Paper.objects.filter(**scope).count(),
        "actions": Action.objects.filter(**scope).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to a dedicated database (never the dev database under var/).")
    setup_django()
    load(args.scale, args.seed)


if __name__ == "__main__":
    main()
