"""The demo partnership's programmes, cohorts, sessions and attendance."""

from __future__ import annotations

import datetime
from collections import Counter

from traction.core.models import Partnership


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    return Counter()


def remove(*, slugs: list[str]) -> None:
    """Delete first what RESTRICTs a governance record, so the partnership's cascade can run."""
