"""The demo's structures: four localities, the merger of the county and five districts ninety days ago, and
bodies abolished and replaced on that date, so the merger's before and after shows a real change."""

from __future__ import annotations

import datetime

import pytest

from traction.core.models import Partnership
from traction.governance.demo import load_demo
from traction.governance.models import Body
from traction.stakeholders.demo import merger
from traction.stakeholders.models.structures import BodyHistory, Locality, Succession
from traction.stakeholders.selectors import structures as selectors

TODAY = datetime.date(2026, 3, 18)
pytestmark = pytest.mark.django_db


def test_the_demo_merger_changes_the_structure() -> None:
    load_demo(today=TODAY)
    riverside = Partnership.objects.get(slug="riverside")
    assert sorted(Locality.objects.filter(partnership=riverside).values_list("name", "gss_code")) == sorted(
        merger.LOCALITIES
    )
    [succession] = Succession.objects.filter(partnership=riverside)
    assert succession.kind == "merger"
    assert succession.effective_on == TODAY - datetime.timedelta(days=90)
    assert {o.name for o in succession.predecessors.all()} == {merger.COUNTY, *merger.DISTRICTS}
    assert [o.name for o in succession.successors.all()] == [merger.UNITARY]
    histories = BodyHistory.objects.filter(partnership=riverside)
    assert all(h.established_on <= TODAY for h in histories)
    assert all(h.abolished_on is None or h.abolished_on <= TODAY for h in histories)
    boards = Body.objects.filter(partnership=riverside, name__endswith="Locality Board")
    assert boards.count() == 4 and all(b.parent and b.parent.name.endswith("Wellbeing Board") for b in boards)
    assert all(b.memberships.exists() for b in boards)

    secretary = riverside.memberships.get(role="secretary").user
    compare = selectors.before_after_for(user=secretary, partnership=riverside, succession=succession)
    d = compare.difference
    assert merger.UNITARY in d.organisations_started and merger.COUNTY in d.organisations_ended
    assert len(d.bodies_abolished) == 5 and len(d.bodies_created) == 5
    assert ("Northmoor Wellbeing Forum", "North Riverside Locality Board") in d.bodies_replaced
    before = {n.name for n in compare.before.chart.nodes}
    after = {n.name for n in compare.after.chart.nodes}
    assert "Riverside County Council Cabinet" in before - after
    assert "Riverside Council Cabinet" in after - before
    assert "Riverside Health and Wellbeing Board" in before & after
