"""One proposed agenda item, the shape every step after extraction shares.

The engine's line format (``MeetingExtract.to_dict``) is a fixed contract for the CLI and the benchmarks;
what a person reviews is a :class:`ProposedItem` made from it. Its JSON (``to_json``) is what the web app
stores as a proposal's ``original`` (what was proposed) and ``final`` (what was accepted), and
``to_label`` is the item in the gold-label format the evaluation scorer reads. ``from_json`` reads every
form of that JSON ever stored (missing keys take their defaults) and refuses anything else with a
:class:`ProposedItemError` that says what is wrong.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from traction_analysis.extract.outcome import GENERATED_EVIDENCE

UNCLEAR = "unclear"

NOT_AN_OBJECT = "{what} must be a JSON object, not {kind}."
NOT_A_LIST = "{what} must be a list, not {kind}."
NOT_TEXT = "{what} must be text, not {kind}."
NOT_A_NUMBER = "{what} must be a number, not {kind}."
NOT_A_WHOLE_NUMBER = "{what} must be a whole number, not {kind}."
NOT_A_DATE = "{what} must be a date written YYYY-MM-DD, not {value!r}."


class ProposedItemError(ValueError):
    """Stored or submitted JSON that is not a proposed item; ``field`` names the part that is wrong."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Location:
    """Where something was read: 1-based page (None for unpaged formats) and line; both None when unknown."""

    page: int | None = None
    line: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"page": self.page, "line": self.line}

    @classmethod
    def from_json(cls, data: Any, *, what: str = "source") -> Location:
        found = _mapping(data, what)
        return cls(_whole(found.get("page"), f"{what} page"), _whole(found.get("line"), f"{what} line"))


@dataclass(frozen=True, slots=True)
class ProposedAction:
    """A follow-up to write to the action log: ``owner`` as the minutes name it, ``due`` when stated;
    ``person`` is the id of the person a reviewer chose as its lead (None until one is chosen)."""

    text: str
    owner: str | None = None
    due: datetime.date | None = None
    source: Location = Location()
    person: int | None = None

    def to_json(self) -> dict[str, Any]:
        data = {
            "text": self.text,
            "owner": self.owner,
            "due": self.due.isoformat() if self.due else None,
            "source": self.source.to_json(),
        }
        return data if self.person is None else {**data, "person": self.person}

    def to_label(self) -> dict[str, Any]:
        return {"text": self.text, "owner": self.owner, "due": self.due.isoformat() if self.due else None}

    @classmethod
    def from_json(cls, data: Any, *, what: str = "action") -> ProposedAction:
        found = _mapping(data, what)
        return cls(
            text=_text(found.get("text"), f"{what} text") or "",
            owner=_text(found.get("owner"), f"{what} owner"),
            due=_date(found.get("due"), f"{what} due date"),
            source=Location.from_json(found.get("source"), what=f"{what} source"),
            person=_whole(found.get("person"), f"{what} person"),
        )


@dataclass(frozen=True, slots=True)
class ProposedItem:
    """An agenda item as proposed for the record, with how it was read.

    ``number``, ``title``, ``outcome``, ``resolution`` and ``actions`` are what accepting writes and what a
    reviewer may correct; ``evidence`` (the sentence that decided the outcome), ``confidence`` (the
    engine's, 0–1) and ``source`` say how it was read and stay as read.
    """

    number: str | None
    title: str
    outcome: str = UNCLEAR
    resolution: str | None = None
    actions: tuple[ProposedAction, ...] = ()
    evidence: str = ""
    confidence: float | None = None
    source: Location = Location()

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "outcome": self.outcome,
            "confidence": self.confidence,
            "evidence": self.evidence,
            "resolution": self.resolution,
            "actions": [action.to_json() for action in self.actions],
            "source": self.source.to_json(),
        }

    @property
    def evidence_quoted(self) -> bool:
        """The evidence is words of the minutes, not the extractor's own note that there were none."""
        return bool(self.evidence) and self.evidence not in GENERATED_EVIDENCE

    def to_label(self) -> dict[str, Any]:
        """The item in the gold-label format of the labelled minutes (``eval/score_minutes.py``)."""
        return {
            "number": self.number,
            "title": self.title,
            "outcome": self.outcome,
            "actions": [action.to_label() for action in self.actions],
        }

    def corrected(self, by: ProposedItem) -> ProposedItem:
        """This item with a reviewer's values for what may be corrected; how it was read stays."""
        return replace(
            self,
            number=by.number,
            title=by.title,
            outcome=by.outcome,
            resolution=by.resolution,
            actions=by.actions,
        )

    @classmethod
    def from_json(cls, data: Any) -> ProposedItem:
        found = _mapping(data, "the proposed item")
        actions = found.get("actions")
        if actions is not None and not isinstance(actions, list):
            raise ProposedItemError(NOT_A_LIST.format(what="actions", kind=_kind(actions)), field="actions")
        return cls(
            number=_text(found.get("number"), "number", numbers=True),
            title=_text(found.get("title"), "title") or "",
            outcome=_text(found.get("outcome"), "outcome") or UNCLEAR,
            resolution=_text(found.get("resolution"), "resolution"),
            actions=tuple(
                ProposedAction.from_json(a, what=f"action {i + 1}") for i, a in enumerate(actions or [])
            ),
            evidence=_text(found.get("evidence"), "evidence") or "",
            confidence=_fraction(found.get("confidence")),
            source=Location.from_json(found.get("source")),
        )

    @classmethod
    def from_extracted(cls, data: Any) -> ProposedItem:
        """An item of the engine's line format: its actions carry no location, they were read in the item."""
        item = cls.from_json(data)
        return replace(item, actions=tuple(replace(a, source=item.source) for a in item.actions))


def proposed_items(extract: Mapping[str, Any]) -> list[ProposedItem]:
    """The items of a ``MeetingExtract.to_dict()``, as proposed for review."""
    items = extract.get("items")
    if items is not None and not isinstance(items, list):
        raise ProposedItemError(NOT_A_LIST.format(what="items", kind=_kind(items)), field="items")
    return [ProposedItem.from_extracted(item) for item in items or []]


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true or false"}.get(
        type(value), type(value).__name__
    )


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ProposedItemError(NOT_AN_OBJECT.format(what=what, kind=_kind(value)), field=what)
    return value


def _text(value: Any, what: str, *, numbers: bool = False) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # an item number written as a JSON number
    raise ProposedItemError(NOT_TEXT.format(what=what, kind=_kind(value)), field=what)


def _whole(value: Any, what: str) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ProposedItemError(NOT_A_WHOLE_NUMBER.format(what=what, kind=_kind(value)), field=what)


def _fraction(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProposedItemError(NOT_A_NUMBER.format(what="confidence", kind=_kind(value)), field="confidence")
    return float(value)


def _date(value: Any, what: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ProposedItemError(NOT_A_DATE.format(what=what, value=value), field="due") from exc
