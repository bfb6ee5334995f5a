"""The demo's options appraisals: two full ones, with long lists, full short lists and three assessors; every
strategy that passed its Plan gate has a complete one."""

from __future__ import annotations

import datetime

import pytest

from traction.commissioning.models import AppraisalStatus, OptionsAppraisal
from traction.commissioning.selectors import appraisals as selectors
from traction.governance.demo import load_demo

TODAY = datetime.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


def test_the_demo_has_two_full_appraisals_and_a_complete_one_behind_every_plan_gate() -> None:
    load_demo(today=TODAY)
    every = OptionsAppraisal.objects.filter(partnership__slug="riverside")
    assert all(
        a.status == AppraisalStatus.COMPLETE and selectors.missing_for_complete(a) == [] for a in every
    )
    appraisals = list(every.filter(options__kept=False).distinct().order_by("pk"))
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
