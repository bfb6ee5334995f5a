"""Where other apps take part in the body pages and the body form, without the governance record importing
them (they depend on it, not the other way round). An app registers its callables in its ``AppConfig.ready``.

- ``PARENT_CHANGED``: called inside the body form's transaction when a body's "reports to" changes, as
  ``handler(actor=…, body=…, before=…, on=…)`` (``before``: the body it reported to; ``on``: the date the
  change took effect, None for today). A ``ValidationError`` it raises refuses the whole edit.
- ``BODY_SECTIONS``: sections added to a body's page and its diagnosis profile, as
  ``section(user=…, partnership=…, body=…)`` returning a ``BodySection`` or None (nothing to show).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class BodySection:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


PARENT_CHANGED: list[Callable[..., None]] = []
BODY_SECTIONS: list[Callable[..., BodySection | None]] = []


def body_sections(*, user: Any, partnership: Any, body: Any) -> list[BodySection]:
    found = (section(user=user, partnership=partnership, body=body) for section in BODY_SECTIONS)
    return [s for s in found if s is not None]
