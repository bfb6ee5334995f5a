"""Where other apps take part in the body pages and the body form, without the governance record importing
them (they depend on it, not the other way round). An app registers its callables in its ``AppConfig.ready``.

- ``PARENT_CHANGED``: called inside the body form's transaction when a body's "reports to" changes, as
  ``handler(actor=…, body=…, before=…, on=…)`` (``before``: the body it reported to; ``on``: the date the
  change took effect, None for today). A ``ValidationError`` it raises refuses the whole edit.
- ``BODY_SECTIONS``: sections added to a body's page and its diagnosis profile, as
  ``section(user=…, partnership=…, body=…)`` returning a ``BodySection`` or None (nothing to show).
- ``INVITATIONS``: what the dashboard asks a user to take part in (an open agreement round, survey, pulse,
  health check, priorities exercise or programme feedback form they may answer and have not yet), as
  ``source(user=…, partnership=…)`` returning a list of ``Invitation``.
- ``MATTERS_ARISING``: what a body's matters-arising page shows about its next meeting besides the actions
  (the reminder emails' record of the pack sent to its members), as ``context(user=…, partnership=…,
  meeting=…)`` returning template context (``meeting`` is None when no meeting is scheduled).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class BodySection:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Invitation:
    kind: str  # "Agreement round", "Relationship survey", ...
    title: str
    url: str  # where the user takes part
    closes_on: Any = None  # a date, when the answers close on one


PARENT_CHANGED: list[Callable[..., None]] = []
BODY_SECTIONS: list[Callable[..., BodySection | None]] = []
INVITATIONS: list[Callable[..., list[Invitation]]] = []
MATTERS_ARISING: list[Callable[..., dict[str, Any]]] = []


def body_sections(*, user: Any, partnership: Any, body: Any) -> list[BodySection]:
    found = (section(user=user, partnership=partnership, body=body) for section in BODY_SECTIONS)
    return [s for s in found if s is not None]


def invitations(*, user: Any, partnership: Any) -> list[Invitation]:
    return [found for source in INVITATIONS for found in source(user=user, partnership=partnership)]


def matters_arising_context(*, user: Any, partnership: Any, meeting: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for provider in MATTERS_ARISING:
        context.update(provider(user=user, partnership=partnership, meeting=meeting))
    return context


def register(registry: list[Any], handler: Any) -> None:
    """Add ``handler`` once (``ready`` may run more than once in tests)."""
    if handler not in registry:
        registry.append(handler)
