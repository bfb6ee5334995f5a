"""The demo's options appraisals: two complete ones, with long lists, full short lists and three assessors."""

from __future__ import annotations

import datetime

import pytest

from traction.commissioning.models import AppraisalStatus, OptionsAppraisal
from traction.commissioning.selectors import appraisals as selectors
from traction.governance.demo import load_demo

TODAY = datetime.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


def test_the_demo_has_two_complete_appraisals() -> None:
    load_demo(today=TODAY)
    appraisals = list(OptionsAppraisal.objects.filter(partnership__slug="riverside").order_by("pk"))
    assert [a.strategy.title for a in appraisals] == [
        "Adult social care: care at home",
        "Community equipment",
    ]
    for appraisal in appraisals:
        assert appraisal.status == AppraisalStatus.COMPLETE
        assert appraisal.iteration == appraisal.strategy.iteration
        assert 6 <= appraisal.options.count() <= 9
        assert appraisal.options.filter(kept=False).exclude(reason="").exists()
        assert len(set(appraisal.options.values_list("channel", flat=True))) >= 4
        assert selectors.missing_for_complete(appraisal) == []
        results = selectors.results(appraisal)
        assert all(row.assessors == 3 for row in results.rows)
        assert [o.short_list for o in results.top] == ["preferred"]
