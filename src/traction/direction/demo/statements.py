"""Demo principles, goals and outcomes (filled in below)."""

from __future__ import annotations

import datetime
from collections import Counter

from traction.core.models import Partnership


def load(*, partnership: Partnership, today: datetime.date) -> Counter[str]:
    return Counter()
