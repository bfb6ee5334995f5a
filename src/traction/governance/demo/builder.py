"""Writes one demo partnership from its spec, in bulk: a few queries per table, not one per row."""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict
from typing import Any

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from traction.core.models import Partnership
from traction.governance.demo import wording
from traction.governance.demo.actions import ActionPlan, ActionWriter, ItemContext
from traction.governance.demo.agenda import CANCELLED, HELD, SCHEDULED, Planned, Slot, plan_agendas
from traction.governance.demo.calendar import meeting_dates
from traction.governance.demo.spec import BodySpec, PartnershipSpec
from traction.governance.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Body,
    BodyMembership,
    DueDateRevision,
    Meeting,
    Organisation,
    Paper,
    Person,
)

PURPOSE_BY_OUTCOME = {
    "decided": "decision",
    "deferred": "decision",
    "noted": "information",
    "referred": "discussion",
    "unclear": "discussion",
}
SUBSTANTIVE_MINUTES = (15, 20, 20, 25, 30, 30, 45)


def _long_date(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


class _Numbering:
    """Item numbers as each body prints them, and the minute reference an action cites."""

    def __init__(self, body: BodySpec) -> None:
        self.body, self.counter, self.year = body, body.first_number, 0

    def start(self, day: datetime.date) -> None:
        if self.body.numbering == "per_meeting" or (self.body.numbering == "year" and day.year != self.year):
            self.counter = 1
        self.year = day.year

    def take(self, day: datetime.date) -> tuple[str, str]:
        n, self.counter = self.counter, self.counter + 1
        if self.body.numbering == "year":
            number = f"{self.body.prefix} {day:%y}/{n:02d}"
            return number, number
        if self.body.numbering == "running":
            return f"{n}.", f"{self.body.prefix} minute {n}"
        return f"{n}.", f"{self.body.prefix} {day:%d.%m.%y} item {n}"


class PartnershipBuilder:
    def __init__(
        self, spec: PartnershipSpec, *, today: datetime.date, users: dict[str, Any], editors: list[Any]
    ) -> None:
        self.spec, self.today, self.users, self.editors = spec, today, users, editors
        self.rng = random.Random(spec.seed)
        self.counts: Counter[str] = Counter()
        self.bodies: dict[str, Body] = {}
        self.specs = {body.key: body for body in spec.bodies}

    def build(self) -> tuple[Partnership, Counter[str]]:
        self.partnership = Partnership.objects.create(
            name=self.spec.name, slug=self.spec.slug, description=self.spec.description
        )
        self._organisations()
        self._people()
        self._bodies()
        slots = self._slots()
        plan_agendas(self.spec, slots, today=self.today, rng=self.rng)
        meetings = self._meetings(slots)
        apologies = self._attendance(meetings)
        items = self._items(slots, meetings, apologies)
        self._papers(items)
        self._actions(items)
        return self.partnership, self.counts

    def _bulk(self, model: type[Any], objects: list[Any]) -> list[Any]:
        created = model.objects.bulk_create(objects, batch_size=500)
        self.counts[str(model._meta.verbose_name_plural)] += len(created)
        return created

    def _organisations(self) -> None:
        rows = [
            Organisation(partnership=self.partnership, name=name, kind=kind)
            for _, name, kind in self.spec.organisations
        ]
        self.organisations = dict(
            zip((key for key, _, _ in self.spec.organisations), self._bulk(Organisation, rows), strict=True)
        )

    def _people(self) -> None:
        rows = [
            Person(
                partnership=self.partnership,
                name=p.name,
                role_title=p.role_title,
                organisation=self.organisations[p.org],
                user=self.users.get(p.key),
                email=f"{p.key}@{self.spec.slug}.example.org",
            )
            for p in self.spec.people
        ]
        self.people = dict(zip((p.key for p in self.spec.people), self._bulk(Person, rows), strict=True))

    def _bodies(self) -> None:
        for spec in self.spec.bodies:  # parents come first in every spec
            self.bodies[spec.key] = Body.objects.create(
                partnership=self.partnership,
                name=spec.name,
                kind=spec.kind,
                purpose=spec.purpose,
                parent=self.bodies[spec.parent] if spec.parent else None,
            )
        self.counts["bodies"] += len(self.bodies)
        self.spec_by_pk = {self.bodies[key].pk: spec for key, spec in self.specs.items()}
        seats = [
            (self.bodies[body], self.people[p.key], role) for p in self.spec.people for body, role in p.seats
        ]
        self._bulk(
            BodyMembership,
            [
                BodyMembership(partnership=self.partnership, body=body, person=person, role=role)
                for body, person, role in seats
            ],
        )
        through = Body.member_organisations.through
        pairs = {(body.pk, person.organisation_id) for body, person, _ in seats}
        through.objects.bulk_create([through(body_id=b, organisation_id=o) for b, o in sorted(pairs)])
        self.seats: dict[int, list[tuple[Person, str]]] = defaultdict(list)
        for body, person, role in seats:
            self.seats[body.pk].append((person, role))

    def _slots(self) -> dict[str, list[Slot]]:
        slots = {
            body.key: [
                Slot(body, day, HELD if day < self.today else SCHEDULED)
                for day in meeting_dates(body.cadence, today=self.today, months=self.spec.history_months)
            ]
            for body in self.spec.bodies
        }
        for key, months_ago in self.spec.cancelled:
            target = self.today - relativedelta(months=months_ago)
            past = [slot for slot in slots[key] if slot.held]
            min(past, key=lambda slot: abs((slot.date - target).days)).status = CANCELLED
        return slots

    def _meetings(self, slots: dict[str, list[Slot]]) -> dict[int, Meeting]:
        rows, keys = [], []
        for key, body_slots in slots.items():
            spec = self.specs[key]
            for slot in body_slots:
                start = timezone.make_aware(
                    datetime.datetime.combine(slot.date, datetime.time(*spec.start_time))
                )
                rows.append(
                    Meeting(
                        partnership=self.partnership,
                        body=self.bodies[key],
                        start=start,
                        duration_minutes=spec.duration,
                        location=spec.location,
                        status=slot.status,
                    )
                )
                keys.append(id(slot))
        return dict(zip(keys, self._bulk(Meeting, rows), strict=True))

    def _attendance(self, meetings: dict[int, Meeting]) -> dict[int, list[str]]:
        """Attendance at held meetings; returns the names that sent apologies, by meeting id."""
        rows, apologies = [], defaultdict(list)
        for meeting in meetings.values():
            if meeting.status != HELD:
                continue
            for person, role in self.seats[meeting.body_id]:
                status = (
                    "in_attendance"
                    if role == "officer"
                    else self.rng.choices(["present", "apologies", "absent"], weights=[80, 15, 5])[0]
                )
                if status == "apologies":
                    apologies[meeting.pk].append(person.name)
                rows.append(
                    Attendance(partnership=self.partnership, meeting=meeting, person=person, status=status)
                )
        self._bulk(Attendance, rows)
        return apologies

    def _items(
        self, slots: dict[str, list[Slot]], meetings: dict[int, Meeting], apologies: dict[int, list[str]]
    ) -> list[tuple[AgendaItem, Planned | None, str]]:
        """Every item, with the plan it came from (None for procedural ones) and its minute reference."""
        built: list[tuple[AgendaItem, Planned | None, str]] = []
        for key, body_slots in slots.items():
            numbering, live = _Numbering(self.specs[key]), [s for s in body_slots if s.status != CANCELLED]
            for index, slot in enumerate(live):
                numbering.start(slot.date)
                neighbours = (
                    live[index - 1].date if index else slot.date - datetime.timedelta(weeks=6),
                    live[index + 1].date if index + 1 < len(live) else None,
                )
                meeting = meetings[id(slot)]
                built += self._meeting_items(slot, meeting, numbering, neighbours, apologies[meeting.pk])
        created = self._bulk(AgendaItem, [item for item, _, _ in built])
        return [(item, plan, ref) for item, (_, plan, ref) in zip(created, built, strict=True)]

    def _meeting_items(
        self,
        slot: Slot,
        meeting: Meeting,
        numbering: _Numbering,
        neighbours: tuple[datetime.date, datetime.date | None],
        apologies: list[str],
    ) -> list[tuple[AgendaItem, Planned | None, str]]:
        entries: list[tuple[str, str, int, str, Planned | None]] = []
        opening = self._opening(slot, neighbours[0], apologies)
        for (title, purpose, minutes), text in zip(wording.OPENING, opening, strict=True):
            entries.append((title, purpose, minutes, text, None))
        for plan in slot.planned:
            entries.append(
                (
                    plan.topic.title,
                    self._purpose(plan, slot),
                    self.rng.choice(SUBSTANTIVE_MINUTES),
                    self._resolution(plan, slot, neighbours[1]),
                    plan,
                )
            )
        for (title, purpose, minutes), text in zip(
            wording.CLOSING, self._closing(slot, neighbours[1]), strict=True
        ):
            entries.append((title, purpose, minutes, text, None))
        rows: list[tuple[AgendaItem, Planned | None, str]] = []
        for order, (title, purpose, minutes, text, planned) in enumerate(entries, start=1):
            number, reference = numbering.take(slot.date)
            outcome = ("procedural" if planned is None else planned.outcome) if slot.held else "unclear"
            rows.append(
                (
                    AgendaItem(
                        partnership=self.partnership,
                        meeting=meeting,
                        order=order,
                        number=number,
                        title=title,
                        purpose=purpose,
                        time_allotted_minutes=minutes,
                        outcome=outcome,
                        resolution=text if slot.held else "",
                        topic=planned.topic.slug if planned else "",
                    ),
                    planned,
                    reference,
                )
            )
        return rows

    def _opening(self, slot: Slot, previous: datetime.date, apologies: list[str]) -> list[str]:
        names = (
            ", ".join(apologies[:-1]) + f" and {apologies[-1]}" if len(apologies) > 1 else "".join(apologies)
        )
        interests = wording.NO_INTERESTS
        if self.rng.random() < 0.15:
            person, _ = self.rng.choice(self.seats[self.bodies[slot.body.key].pk])
            org = self.rng.choice([o for o in self.organisations.values() if o.kind == "voluntary"])
            interests = wording.INTEREST.format(name=person.name, org=org.name)
        return [
            wording.APOLOGIES.format(names=names) if apologies else wording.NO_APOLOGIES,
            interests,
            wording.MINUTES.format(date=f"{previous.day} {previous:%B %Y}"),
            wording.MATTERS_ARISING.format(noun=slot.body.noun),
        ]

    def _closing(self, slot: Slot, following: datetime.date | None) -> list[str]:
        hour, minute = slot.body.start_time
        when = f"{(hour - 1) % 12 + 1}.{minute:02d}{'am' if hour < 12 else 'pm'}"
        next_text = (
            wording.NEXT_MEETING.format(date=_long_date(following), time=when)
            if following
            else ("The date of the next meeting will be confirmed.")
        )
        return [wording.NO_OTHER_BUSINESS, next_text]

    def _purpose(self, plan: Planned, slot: Slot) -> str:
        if not slot.held:
            return self.rng.choice(["decision", "discussion", "information"])
        if plan.outcome == "noted" and self.rng.random() < 0.4:
            return "discussion"
        return PURPOSE_BY_OUTCOME.get(plan.outcome, "discussion")

    def _resolution(self, plan: Planned, slot: Slot, following: datetime.date | None) -> str:
        if not slot.held:
            return ""
        template = self.rng.choice(wording.RESOLUTIONS[plan.outcome])
        other = self.specs[plan.other].name if plan.other else "working group"
        return template.format(
            noun=slot.body.noun,
            subject=plan.topic.subject,
            other=other,
            next=f"{following:%B %Y}" if following else "next",
            amount=self.rng.choice((75, 120, 250, 400)),
        )

    def _papers(self, items: list[tuple[AgendaItem, Planned | None, str]]) -> None:
        chosen = [
            (item, plan)
            for item, plan, _ in items
            if plan is not None and item.meeting.status == HELD and self.rng.random() < 0.65
        ]
        rows = []
        for item, plan in chosen:
            pages = self.rng.randint(3, 48 if item.purpose == "decision" else 20)
            org = self.organisations.get(plan.topic.org) if plan else None
            rows.append(
                Paper(
                    partnership=self.partnership,
                    meeting=item.meeting,
                    title=item.title,
                    pages=pages,
                    words=pages * self.rng.randint(280, 420),
                    author_organisation=org,
                    original_filename=f"{item.topic}-{item.meeting.date:%Y-%m-%d}.pdf",
                )
            )
        papers = self._bulk(Paper, rows)
        through = AgendaItem.papers.through
        through.objects.bulk_create(
            [
                through(agendaitem_id=item.pk, paper_id=paper.pk)
                for (item, _), paper in zip(chosen, papers, strict=True)
            ]
        )

    def _actions(self, items: list[tuple[AgendaItem, Planned | None, str]]) -> None:
        held_dates: dict[int, list[datetime.date]] = defaultdict(list)
        for item, _, _ in items:
            if item.meeting.status == HELD and item.order == 1:
                held_dates[item.meeting.body_id].append(item.meeting.date)
        writer = ActionWriter(
            partnership=self.partnership,
            rng=self.rng,
            today=self.today,
            leads={pk: [p for p, _ in seats] for pk, seats in self.seats.items()},
            editors=self.editors,
        )
        plans: list[ActionPlan] = []
        for item, plan, reference in items:
            if plan is None or item.meeting.status != HELD:
                continue
            spec = self.spec_by_pk[item.meeting.body_id]
            context = ItemContext(
                item=item,
                body=item.meeting.body,
                noun=spec.noun,
                subject=plan.topic.subject,
                other=self.specs[plan.other].name if plan.other else "working group",
                minute_reference=reference,
                held_dates=held_dates[item.meeting.body_id],
                standing=plan.standing,
            )
            plans += writer.for_item(context)
        self._bulk(Action, [p.action for p in plans])
        self._bulk(DueDateRevision, [r for p in plans for r in p.revisions])
        self._bulk(ActionUpdate, [u for p in plans for u in p.updates])
