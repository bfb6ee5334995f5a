"""The plain results of extraction, and the one JSON shape every caller (CLI, web app, bench) uses."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from traction_analysis.document import Provenance

Outcome = Literal["decided", "noted", "deferred", "referred", "procedural", "unclear"]
OUTCOMES: tuple[Outcome, ...] = ("decided", "noted", "deferred", "referred", "procedural", "unclear")
UNSURE_BELOW = 0.8


@dataclass(slots=True)
class ExtractedAction:
    """A follow-up the meeting assigned: ``owner`` only when named, ``due`` only when a full date is
    stated."""

    text: str
    owner: str | None = None
    due: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "owner": self.owner, "due": _iso(self.due)}


@dataclass(slots=True)
class ExtractedItem:
    number: str | None
    title: str
    outcome: Outcome
    confidence: float
    evidence: str
    resolution: str | None
    actions: list[ExtractedAction] = field(default_factory=list)
    source: Provenance = field(default_factory=lambda: Provenance(None, None))

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "outcome": self.outcome,
            "confidence": round(self.confidence, 2),
            "evidence": self.evidence,
            "resolution": self.resolution,
            "actions": [action.to_dict() for action in self.actions],
            "source": {"page": self.source.page, "line": self.source.line},
        }


@dataclass(slots=True)
class MeetingExtract:
    document: str
    body: str | None
    meeting_date: date | None
    pages: int | None
    attendees: list[str] = field(default_factory=list)
    items: list[ExtractedItem] = field(default_factory=list)
    engine: str = "rules"  # the trained engine's version, or "rules" when no model was applied
    # How sure the engine is of where items start (calibrated, 0–1); None when nothing was weighed.
    segmentation_confidence: float | None = None

    @property
    def unsure(self) -> bool:
        """The engine doubts its segmentation of this document: a person should check the items first."""
        return self.segmentation_confidence is not None and self.segmentation_confidence < UNSURE_BELOW

    def to_dict(self) -> dict[str, Any]:
        # Attendees stay out of the line format on purpose: the CLI/bench contract is fixed and
        # attendance lists are long; callers that need them read the dataclass.
        return {
            "document": self.document,
            "engine": self.engine,
            "segmentation_confidence": self.segmentation_confidence,
            "unsure": self.unsure,
            "body": self.body,
            "meeting_date": _iso(self.meeting_date),
            "pages": self.pages,
            "items": [item.to_dict() for item in self.items],
        }

    def to_json(self) -> str:
        """One line of JSON, as ``traction extract --json`` prints it."""
        return json.dumps(self.to_dict(), ensure_ascii=False)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
