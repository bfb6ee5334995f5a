"""Reads of the yearly commissioning self-assessment: each year's scores side by side, and one year's."""

from __future__ import annotations

from typing import Any

from traction.core import policy
from traction.core.models import Partnership
from traction_analysis.commissioning import portfolio as pure

from ..models import SelfAssessment


def _visible(user: Any, partnership: Partnership) -> Any:
    return policy.permitted(user=user, partnership=partnership, action="view", model=SelfAssessment)


def list_for(*, user: Any, partnership: Partnership) -> dict[str, Any]:
    """Every year's assessment, oldest first, with one row per standard holding its score in each year."""
    assessments = list(_visible(user, partnership).order_by("year"))
    return {
        "assessments": assessments,
        "rows": pure.side_by_side([(a.year, a.scores) for a in assessments]),
        "averages": [pure.average(a.scores) for a in assessments],
    }


def detail_for(*, assessment: SelfAssessment) -> dict[str, Any]:
    rows = [
        (standard, assessment.scores.get(standard.key), assessment.notes.get(standard.key, ""))
        for standard in pure.STANDARDS
    ]
    return {
        "rows": rows,
        "score_words": pure.SCORES,
        "average": pure.average(assessment.scores),
        "actions": list(assessment.actions.select_related("body").order_by("due_date", "pk")),
    }


def latest_for(*, user: Any, partnership: Partnership) -> SelfAssessment | None:
    return _visible(user, partnership).order_by("-year").first()
