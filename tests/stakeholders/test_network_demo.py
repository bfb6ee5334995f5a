"""The demo's relationship network: two closed surveys of 25 people with organisations, facilitated by the
demo's facilitator, with clusters, brokers, isolates and results everyone may see."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from traction.governance.demo import load_demo
from traction.governance.models import Person
from traction.stakeholders.demo.network import BROKERS, ISOLATES, TITLES
from traction.stakeholders.models.network import NetworkSurvey, SurveyStatus
from traction.stakeholders.selectors import network as selectors
from traction_analysis.stakeholders import network as pure

TODAY = datetime.date(2026, 3, 2)
pytestmark = pytest.mark.django_db


def test_the_demo_surveys_show_clusters_brokers_and_isolates(client) -> None:  # type: ignore[no-untyped-def]
    load_demo(today=TODAY)
    surveys = NetworkSurvey.objects.filter(partnership__slug="riverside")
    assert sorted(surveys.values_list("title", flat=True)) == sorted(TITLES)
    latest = surveys.get(title=TITLES[0])
    people = selectors.survey_people(latest)
    assert len(people) == 25 and all(p.organisation for p in people)
    assert latest.status == SurveyStatus.CLOSED and latest.ends_on <= TODAY
    assert [u.username for u in latest.facilitators.all()] == ["facilitator"]
    found = pure.measures(
        pure.build_graph(selectors.nodes_of(people), selectors.ties_of(latest.ratings.all()))
    )
    names = {p.key: p.label for p in found.people}
    assert {names[key] for key in found.isolates} == set(ISOLATES)
    top = sorted(found.people, key=lambda p: -p.betweenness)[:3]
    assert {p.label for p in top} == set(BROKERS)
    assert len(found.communities) >= 2
    assert selectors.aggregates_for(survey=latest).shown

    earlier = pure.measures(
        pure.build_graph(
            selectors.nodes_of(people), selectors.ties_of(surveys.get(title=TITLES[1]).ratings.all())
        )
    )
    assert earlier.density < found.density

    from django.contrib.auth import get_user_model

    facilitator = get_user_model().objects.get(username="facilitator")
    observed = {
        "start": TODAY - datetime.timedelta(days=540),
        "end": TODAY,
        "user": facilitator,
        "partnership": latest.partnership,
    }
    referred = selectors.referral_ties(
        **observed,
        known=set(Person.objects.filter(partnership=latest.partnership).values_list("pk", flat=True)),
    )
    assert referred, "the demo's referrals between bodies give observed ties"
    nodes, ties = selectors.observed_for(**observed)
    assert len(ties) > len(referred)

    client.force_login(get_user_model().objects.get(username="facilitator"))
    compare = reverse("stakeholders:network-compare", kwargs={"slug": "riverside"})
    pair = {"before_survey": surveys.get(title=TITLES[1]).pk, "after_survey": latest.pk}
    page = client.get(compare, pair)
    assert page.status_code == 200 and page.context["comparison"].density_change > 0
    load_demo(reset=True, today=TODAY)
    assert NetworkSurvey.objects.filter(partnership__slug="riverside").count() == 2
