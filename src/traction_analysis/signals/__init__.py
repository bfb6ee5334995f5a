"""Work-avoidance signals per body and period, computed from plain records (definitions: docs/signals.md).

Pure Python: the web app maps its rows to these records, the command line maps extracted minutes, and
both get the same figures. Nothing here imports Django.
"""

from traction_analysis.signals.compute import body_signals, compute_all, compute_signals
from traction_analysis.signals.families import (
    DISPLACEMENT,
    DIVERSION,
    FAMILIES,
    SIGNAL_FAMILIES,
    Family,
    family_of,
)
from traction_analysis.signals.index import RecordIndex, build_index
from traction_analysis.signals.parcel import add_months
from traction_analysis.signals.records import (
    ACTION_STATUSES,
    MEETING_STATUSES,
    OUTCOMES,
    ActionRecord,
    ActionStatus,
    ItemRecord,
    MeetingRecord,
    MeetingStatus,
    Outcome,
    PaperRecord,
    Period,
    RecordId,
    SignalInputError,
    SignalParams,
)
from traction_analysis.signals.results import SIGNAL_NAMES, BodySignals, Evidence, Figure, Parcel

__all__ = [
    "ACTION_STATUSES",
    "DISPLACEMENT",
    "DIVERSION",
    "FAMILIES",
    "MEETING_STATUSES",
    "OUTCOMES",
    "SIGNAL_FAMILIES",
    "SIGNAL_NAMES",
    "ActionRecord",
    "ActionStatus",
    "BodySignals",
    "Evidence",
    "Family",
    "Figure",
    "ItemRecord",
    "MeetingRecord",
    "MeetingStatus",
    "Outcome",
    "PaperRecord",
    "Parcel",
    "Period",
    "RecordId",
    "RecordIndex",
    "SignalInputError",
    "SignalParams",
    "add_months",
    "body_signals",
    "build_index",
    "compute_all",
    "compute_signals",
    "family_of",
]
