"""The offline diagnosis: extracted minutes in, per body its signals, findings and meetings out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from traction_analysis.diagnosis.findings import Finding, Thresholds, findings_for
from traction_analysis.diagnosis.from_extracts import ExtractRecords, SkippedDocument, records_from_extracts
from traction_analysis.extract.model import MeetingExtract
from traction_analysis.signals import BodySignals, Outcome, Period, RecordId, SignalParams, compute_all

NO_DATED_MINUTES = (
    "none of the documents has both a meeting date and agenda items, so there is nothing to diagnose"
)


class DiagnosisError(ValueError):
    """Nothing can be diagnosed from the documents given; ``str(error)`` says why."""


@dataclass(frozen=True, slots=True)
class MeetingRow:
    """One counted meeting of a body in the period: what its items' outcomes were."""

    id: str
    day: date
    document: str
    outcomes: dict[Outcome, int]
    actions: int


@dataclass(frozen=True, slots=True)
class BodyDiagnosis:
    name: str
    signals: BodySignals
    findings: tuple[Finding, ...]
    meetings: tuple[MeetingRow, ...]


@dataclass(frozen=True, slots=True)
class Diagnosis:
    period: Period
    as_of: date
    bodies: tuple[BodyDiagnosis, ...]
    documents: int
    skipped: tuple[SkippedDocument, ...] = field(default=())


def default_period(records: ExtractRecords) -> Period:
    """Every meeting date in the documents: the first up to the day after the last."""
    days = records.dates
    if not days:
        raise DiagnosisError(NO_DATED_MINUTES)
    return Period(days[0], days[-1] + timedelta(days=1))


def diagnose_extracts(
    extracts: Sequence[MeetingExtract],
    *,
    as_of: date,
    start: date | None = None,
    end: date | None = None,
    params: SignalParams | None = None,
    thresholds: Thresholds | None = None,
    unreadable: Sequence[SkippedDocument] = (),
) -> Diagnosis:
    """Signals and findings for every body with a counted meeting in the period.

    ``start``/``end`` default to the documents' first meeting date and the day after the last
    (``end`` is excluded, as in :class:`Period`); ``unreadable`` lists documents the caller could
    not read, so the report shows them with those skipped here.
    """
    records = records_from_extracts(extracts)
    if not records.meetings:
        raise DiagnosisError(NO_DATED_MINUTES)
    whole = default_period(records)
    period = Period(start or whole.start, end or whole.end)
    computed = compute_all(
        meetings=records.meetings,
        items=records.items,
        papers=(),
        actions=records.actions,
        period=period,
        as_of=as_of,
        params=params or SignalParams(),
    )
    bodies = []
    for name in records.bodies:
        rows = _meeting_rows(records, name, period, as_of)
        if rows and name in computed:
            signals = computed[name]
            findings = tuple(findings_for(signals, thresholds=thresholds))
            bodies.append(BodyDiagnosis(name, signals, findings, rows))
    return Diagnosis(
        period, as_of, tuple(bodies), len(extracts) + len(unreadable), tuple(unreadable) + records.skipped
    )


def _meeting_rows(records: ExtractRecords, body: str, period: Period, as_of: date) -> tuple[MeetingRow, ...]:
    counted = sorted(
        (m for m in records.meetings if m.body == body and m.day in period and m.day <= as_of),
        key=lambda m: (m.day, str(m.id)),
    )
    wanted = {m.id for m in counted}
    outcomes: dict[RecordId, Counter[Outcome]] = {m.id: Counter() for m in counted}
    meeting_of: dict[RecordId, RecordId] = {}
    for item in records.items:
        if item.meeting_id in wanted:
            outcomes[item.meeting_id][item.outcome] += 1
            meeting_of[item.id] = item.meeting_id
    actions = Counter(meeting_of[a.item_id] for a in records.actions if a.item_id in meeting_of)
    return tuple(
        MeetingRow(str(m.id), m.day, records.documents[str(m.id)], dict(outcomes[m.id]), actions[m.id])
        for m in counted
    )
