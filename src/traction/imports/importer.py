"""Writing one ModernGov meeting into the governance record, all of it or nothing.

The structure the council's system holds (committee, meeting, agenda items, papers, attendance) is
source data and enters the record directly, keyed by site and ModernGov id so that a second import
updates in place. What the minutes engine proposes from the minutes text (outcomes, actions) is never
written here: it goes to the review queue, once per change of the minutes text.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from traction.core.audit import audit_record
from traction.governance.models import (
    AgendaItem,
    Attendance,
    Body,
    BodyKind,
    Meeting,
    MeetingStatus,
    Outcome,
    Paper,
    Person,
    Purpose,
)
from traction.governance.papers import paper_store
from traction.imports.models import ImportedRecord, ImportSource, RecordKind
from traction_analysis.diagnosis.topics import is_procedural_title, normalise_title
from traction_analysis.moderngov import (
    AgendaEntry,
    Attendee,
    Committee,
    LinkedDocument,
    MeetingRecord,
    public_minutes_xml,
)

DEFAULT_DURATION = 120
NO_REVIEWER = "minutes not sent for review: the import was run without a user (--user)"
NO_REVIEW_QUEUE = "minutes not sent for review: the review queue is not available"

# ModernGov's attendance words -> ours; "Expected" (not yet recorded) and anything unknown are left out.
ATTENDANCE = (
    ("apolog", Attendance.Status.APOLOGIES),
    ("absent", Attendance.Status.ABSENT),
    ("in attendance", Attendance.Status.IN_ATTENDANCE),
    ("also present", Attendance.Status.IN_ATTENDANCE),
    ("officer", Attendance.Status.IN_ATTENDANCE),
    ("present", Attendance.Status.PRESENT),
    ("attended", Attendance.Status.PRESENT),
)

Review = Callable[..., Any]


@dataclass
class Tally:
    """Counts per kind of record: created, updated, unchanged, removed."""

    counts: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    notes: list[str] = field(default_factory=list)
    submitted: int = 0

    def add(self, kind: str, what: str, n: int = 1) -> None:
        self.counts[kind][what] += n

    def merge(self, other: Tally) -> None:
        for kind, row in other.counts.items():
            for what, n in row.items():
                self.add(kind, what, n)
        self.notes.extend(note for note in other.notes if note not in self.notes)
        self.submitted += other.submitted

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {kind: dict(row) for kind, row in sorted(self.counts.items())}


def body_kind(committee: Committee) -> str:
    """The body's kind from the committee's category, else from its title."""
    for text in (committee.category.lower(), committee.title.lower()):
        if "working" in text or "task group" in text or "panel" in text:
            return BodyKind.WORKING_GROUP
        if "partnership" in text or "wellbeing board" in text or "well-being board" in text:
            return BodyKind.PARTNERSHIP_BOARD
        if "board" in text:
            return BodyKind.BOARD
        if "committee" in text or "scrutiny" in text:
            return BodyKind.COMMITTEE
    return BodyKind.COMMITTEE


def meeting_status(record: MeetingRecord, today: datetime.date) -> str:
    if record.cancelled:
        return MeetingStatus.CANCELLED
    if record.date is not None and record.date < today:
        return MeetingStatus.HELD
    return MeetingStatus.SCHEDULED


def attendance_status(word: str) -> str | None:
    word = word.strip().lower()
    for key, status in ATTENDANCE:
        if key in word:
            return status
    return None


def topic_for(title: str) -> str:
    """A topic key that follows the same subject across meetings (the diagnosis groups by it)."""
    if is_procedural_title(title):
        return ""
    return slugify(normalise_title(title))[:120].strip("-")


@dataclass(frozen=True)
class Minutes:
    """A meeting's minutes as extracted before its transaction, with the fingerprint they were read at."""

    fingerprint: str
    title: str
    extract: Any


class MeetingWriter:
    """Writes meetings of one source for one run; each ``write`` is its own transaction."""

    def __init__(self, *, source: ImportSource, actor: Any, review: Review | None) -> None:
        self.source = source
        self.partnership = source.partnership
        self.actor = actor if getattr(actor, "is_authenticated", False) else None
        self.review = review
        self.today = timezone.localdate()
        # The mapping rows of the meeting being written, read in one query; dropped with its transaction.
        self._known: dict[tuple[str, str], ImportedRecord] | None = None

    # --- the mapping from ModernGov ids to records ---------------------------------------------------

    def _mapping(self, kind: str, external_id: str) -> ImportedRecord | None:
        if self._known is not None:
            return self._known.get((kind, external_id))
        return ImportedRecord.objects.filter(source=self.source, kind=kind, external_id=external_id).first()

    def _preload(self, committee: Committee, record: MeetingRecord) -> None:
        ids = {committee.id, record.id, *(a.member_id for a in record.attendees)}
        for entry in record.items:
            ids.update([entry.id, *(d.id for d in entry.documents)])
        rows = ImportedRecord.objects.filter(source=self.source, external_id__in=ids)
        self._known = {(row.kind, row.external_id): row for row in rows}

    def _target(self, model: type[Any], mapping: ImportedRecord | None) -> Any:
        if mapping is None:
            return None
        return model.objects.filter(partnership=self.partnership, pk=mapping.object_id).first()

    def _remember(
        self, mapping: ImportedRecord | None, kind: str, external_id: str, obj: Any, **fields: Any
    ) -> ImportedRecord:
        if mapping is None:
            mapping = ImportedRecord(
                partnership=self.partnership,
                source=self.source,
                kind=kind,
                external_id=external_id,
                object_id=obj.pk,
            )
        mapping.object_id = obj.pk
        for name, value in fields.items():
            setattr(mapping, name, value)
        mapping.updated_at = timezone.now()
        mapping.save()
        if self._known is not None:
            self._known[(kind, external_id)] = mapping
        return mapping

    @staticmethod
    def _save(obj: Any) -> Any:
        obj.full_clean()
        obj.save()
        return obj

    # --- one meeting ---------------------------------------------------------------------------------

    def write(
        self, committee: Committee, record: MeetingRecord, xml: bytes, extract: Callable[[bytes, str], Any]
    ) -> Tally:
        """Import one meeting, or raise and leave nothing of it behind.

        Its minutes, when they are new, are read and extracted first, with no transaction open; the
        meeting and the proposals are then written in one transaction."""
        tally = Tally()
        minutes = self._read_minutes(committee, record, xml, extract, tally)
        try:
            with transaction.atomic():
                self._preload(committee, record)
                self._write(committee, record, minutes, tally)
        finally:
            self._known = None
        return tally

    def _write(
        self, committee: Committee, record: MeetingRecord, minutes: Minutes | None, tally: Tally
    ) -> None:
        body = self._body(committee, tally)
        mapping = self._mapping(RecordKind.MEETING, record.id)
        meeting = self._target(Meeting, mapping)
        fingerprint = record.fingerprint()
        # The answer may be unchanged while time has moved on: a meeting imported as scheduled is held now.
        overdue = (
            meeting is not None
            and meeting.status == MeetingStatus.SCHEDULED
            and meeting_status(record, self.today) == MeetingStatus.HELD
        )
        if meeting is not None and mapping is not None and mapping.source_hash == fingerprint and not overdue:
            tally.add("meeting", "unchanged")
        else:
            created = meeting is None
            meeting = self._meeting(meeting, body, record)
            items = self._items(meeting, record, tally)
            self._attendance(meeting, record.attendees, tally)
            mapping = self._remember(mapping, RecordKind.MEETING, record.id, meeting, source_hash=fingerprint)
            tally.add("meeting", "created" if created else "updated")
            audit_record(
                actor=self.actor,
                partnership=self.partnership,
                verb="imported" if created else "re-imported",
                instance=meeting,
                changes={
                    "source": self.source.site,
                    "meeting_id": record.id,
                    "items": len(items),
                    "status": meeting.status,
                },
            )
        if minutes is not None:
            self._submit_minutes(mapping, meeting, record, minutes, tally)

    def _body(self, committee: Committee, tally: Tally) -> Body:
        mapping = self._mapping(RecordKind.COMMITTEE, committee.id)
        body = self._target(Body, mapping)
        if body is None:
            name = committee.title[:200]
            body = Body.objects.filter(partnership=self.partnership, name__iexact=name).first()
            if body is None:
                body = self._save(Body(partnership=self.partnership, name=name, kind=body_kind(committee)))
                audit_record(
                    actor=self.actor,
                    partnership=self.partnership,
                    verb="imported",
                    instance=body,
                    changes={"source": self.source.site, "committee_id": committee.id},
                )
                tally.add("committee", "created")
            else:
                tally.add("committee", "matched")
            self._remember(mapping, RecordKind.COMMITTEE, committee.id, body)
        return body

    def _meeting(self, meeting: Meeting | None, body: Body, record: MeetingRecord) -> Meeting:
        if record.date is None:
            raise ValueError(f"meeting {record.id} has no date the importer can read")
        start_time = record.time or datetime.time(0, 0)
        start = timezone.make_aware(datetime.datetime.combine(record.date, start_time))
        duration = DEFAULT_DURATION
        if record.time and record.finish_time and record.finish_time > record.time:
            finish = datetime.datetime.combine(record.date, record.finish_time)
            duration = int(
                (finish - datetime.datetime.combine(record.date, record.time)).total_seconds() // 60
            )
        meeting = meeting or Meeting(partnership=self.partnership)
        meeting.body, meeting.start, meeting.duration_minutes = body, start, duration
        meeting.location = record.location[:200]
        meeting.status = meeting_status(record, self.today)
        return self._save(meeting)

    def _items(self, meeting: Meeting, record: MeetingRecord, tally: Tally) -> list[AgendaItem]:
        kept: list[AgendaItem] = []
        for entry in record.items:
            if entry.heading or not entry.id:
                tally.add("item", "skipped heading")
                continue
            kept.append(self._item(meeting, record, entry, tally))
        self._remove_vanished(meeting, {item.pk for item in kept}, tally)
        return kept

    def _item(self, meeting: Meeting, record: MeetingRecord, entry: AgendaEntry, tally: Tally) -> AgendaItem:
        mapping = self._mapping(RecordKind.ITEM, entry.id)
        item = self._target(AgendaItem, mapping)
        created = item is None
        if item is None:
            item = AgendaItem(
                partnership=self.partnership,
                topic=topic_for(entry.title),
                purpose=Purpose.DECISION if entry.decision else Purpose.DISCUSSION,
            )
        item.meeting, item.order, item.number = meeting, entry.order, entry.number
        item.title = entry.title[:500]
        origin = {
            "kind": "moderngov",
            "site": self.source.site,
            "meeting_id": record.id,
            "item_id": entry.id,
            "restricted": entry.restricted,
        }
        papers = [
            self._paper(meeting, document, tally) for document in entry.documents if not document.restricted
        ]
        if papers:
            origin["papers"] = [{"title": p.title, "url": url} for p, url in papers]
        item.provenance = {**(item.provenance or {}), "source": origin}
        self._save(item)
        item.papers.add(*(paper for paper, _ in papers))
        self._remember(mapping, RecordKind.ITEM, entry.id, item)
        tally.add("item", "created" if created else "updated")
        if entry.restricted:
            tally.add("item", "restricted (title only)")
        return item

    def _remove_vanished(self, meeting: Meeting, kept: set[int], tally: Tally) -> None:
        """Items this source imported into the meeting before that the council has since removed.

        An item a person has recorded something on (an outcome, a resolution, an action) is kept, and is
        no longer the council's: its mapping is dropped, so later runs leave it alone."""
        ours = ImportedRecord.objects.filter(source=self.source, kind=RecordKind.ITEM)
        gone = AgendaItem.objects.filter(meeting=meeting, pk__in=ours.values("object_id")).exclude(
            pk__in=kept
        )
        recorded = gone.filter(~Q(outcome=Outcome.UNCLEAR) | ~Q(resolution="") | Q(actions__isnull=False))
        recorded_ids = set(recorded.values_list("pk", flat=True))
        if recorded_ids:
            ours.filter(object_id__in=recorded_ids).delete()
            tally.add("item", "kept (recorded by a person)", len(recorded_ids))
        gone_ids = [pk for pk in gone.values_list("pk", flat=True) if pk not in recorded_ids]
        if gone_ids:
            ours.filter(object_id__in=gone_ids).delete()
            AgendaItem.objects.filter(pk__in=gone_ids).delete()
            tally.add("item", "removed", len(gone_ids))

    def _paper(self, meeting: Meeting, document: LinkedDocument, tally: Tally) -> tuple[Paper, str]:
        mapping = self._mapping(RecordKind.DOCUMENT, document.id)
        paper = self._target(Paper, mapping)
        created = paper is None
        if paper is None:  # a link by title: no bytes to compare, so always its own paper
            paper = paper_store(
                actor=self.actor, partnership=self.partnership, meeting=meeting, title=document.title
            ).paper
        elif (paper.meeting_id, paper.title) != (meeting.pk, document.title[:300]):
            paper.meeting, paper.title = meeting, document.title[:300]
            self._save(paper)
        data = {
            "url": document.url,
            "published": document.published.isoformat() if document.published else "",
        }
        self._remember(mapping, RecordKind.DOCUMENT, document.id, paper, data=data)
        tally.add("document", "created" if created else "updated")
        return paper, document.url

    def _attendance(self, meeting: Meeting, attendees: tuple[Attendee, ...], tally: Tally) -> None:
        for attendee in attendees:
            status = attendance_status(attendee.attendance)
            if status is None:
                tally.add("attendance", "not recorded")
                continue
            person = self._person(attendee, tally)
            row = Attendance.objects.filter(meeting=meeting, person=person).first()
            if row is None:
                self._save(
                    Attendance(partnership=self.partnership, meeting=meeting, person=person, status=status)
                )
                tally.add("attendance", "created")
            elif row.status != status:
                row.status = status
                self._save(row)
                tally.add("attendance", "updated")

    def _person(self, attendee: Attendee, tally: Tally) -> Person:
        mapping = self._mapping(RecordKind.MEMBER, attendee.member_id)
        person = self._target(Person, mapping)
        if person is None:
            same_name = Person.objects.filter(partnership=self.partnership, name=attendee.name[:200])
            person = same_name.first() if same_name.count() == 1 else None
            if person is None:
                person = self._save(Person(partnership=self.partnership, name=attendee.name[:200]))
                tally.add("member", "created")
            else:
                tally.add("member", "matched")
            self._remember(mapping, RecordKind.MEMBER, attendee.member_id, person)
        elif person.name != attendee.name[:200] and not (mapping and mapping.data.get("erased")):
            # An erased person (traction.privacy) keeps their token: the council's name is not put back.
            person.name = attendee.name[:200]
            self._save(person)
            tally.add("member", "updated")
        return person

    # --- minutes to the review queue -----------------------------------------------------------------

    def _read_minutes(
        self,
        committee: Committee,
        record: MeetingRecord,
        xml: bytes,
        extract: Callable[[bytes, str], Any],
        tally: Tally,
    ) -> Minutes | None:
        """The meeting's minutes extracted, when they are new to this source; None when there is nothing to
        submit. Runs before the meeting's transaction: a slow read holds no lock."""
        fingerprint = record.minutes_fingerprint()
        if not fingerprint:
            return None
        mapping = ImportedRecord.objects.filter(
            source=self.source, kind=RecordKind.MEETING, external_id=record.id
        ).first()
        if mapping is not None and mapping.minutes_hash == fingerprint:
            return None
        if self.actor is None:
            tally.notes.append(NO_REVIEWER)
            return None
        if self.review is None:
            tally.notes.append(NO_REVIEW_QUEUE)
            return None
        title = f"{committee.title}, {record.date:%d %B %Y} (ModernGov meeting {record.id})"
        return Minutes(fingerprint, title, extract(public_minutes_xml(xml), title))

    def _submit_minutes(
        self, mapping: ImportedRecord, meeting: Meeting, record: MeetingRecord, minutes: Minutes, tally: Tally
    ) -> None:
        if mapping.minutes_hash == minutes.fingerprint:  # submitted by another run meanwhile
            return
        assert self.review is not None
        self.review(
            user=self.actor,
            partnership=self.partnership,
            meeting=meeting,
            document_title=minutes.title,
            extract=minutes.extract,
            origin={"kind": "moderngov", "site": self.source.site, "meeting_id": record.id},
        )
        mapping.minutes_hash = minutes.fingerprint
        mapping.save(update_fields=["minutes_hash"])
        tally.submitted += 1
