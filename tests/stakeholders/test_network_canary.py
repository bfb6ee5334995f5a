"""The canary: a rating's comment (and who rated whom) is seen by the survey's facilitators only.

A member answers a survey with a unique word in a comment. The survey's facilitator sees it on the declared
network page. Every other role (admin, secretary, member — the one who wrote it included —, viewer, and a
facilitator who is not on the survey) opens every page of the partnership, the network pages aimed at the
canary's survey; none of it holds the canary. Neither does any audit event.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from areakit import every_api_read
from factories import World, make_member
from stakeholders import kit_network as kit
from traction.core.models import AuditEvent, Role
from traction.stakeholders.models.network import NetworkSurvey, SurveyStatus
from traction.stakeholders.services.network import survey_update
from urlspec import PARTNERSHIP_URLS, url_for

CANARY = "Zq9networkCanaryHeron"


def _in(body: bytes) -> bool:
    return CANARY.lower().encode() in body.lower()


@pytest.mark.django_db
def test_a_rating_is_seen_by_its_surveys_facilitators_only(
    client_for: Any, users: dict[str, Any], world_a: World
) -> None:
    member = users["member"]
    rater = kit.person_of(member, world_a.partnership)
    survey = kit.make_survey(
        world_a.partnership,
        [rater, world_a.person, world_a.other_person],
        facilitators=[users["facilitator"]],
        title="Canary survey",
    )
    answer = reverse("stakeholders:network-survey-answer", kwargs={"slug": "northshire", "pk": survey.pk})
    data = kit.answer_data(world_a) | {f"comment_{world_a.person.pk}": f"Calls it the {CANARY} plan"}
    assert client_for("member").post(answer, data).status_code == 302
    with pytest.raises(ValidationError):
        survey_update(
            actor=users["secretary"],
            survey=survey,
            data={"facilitators": [users["facilitator"], users["secretary"]]},
        )
    assert list(survey.facilitators.all()) == [users["facilitator"]]
    NetworkSurvey.objects.filter(pk=survey.pk).update(status=SurveyStatus.CLOSED)

    declared = reverse("stakeholders:network-declared", kwargs={"slug": "northshire", "pk": survey.pk})
    assert _in(client_for("facilitator").get(declared).content)

    others: dict[str, Client] = {
        role: client_for(role) for role in (Role.ADMIN, Role.SECRETARY, Role.MEMBER, Role.VIEWER)
    }
    others["another facilitator"] = Client()
    others["another facilitator"].force_login(
        make_member(world_a.partnership, Role.FACILITATOR, username="facilitator2")
    )
    paths = []
    for name, spec in sorted(PARTNERSHIP_URLS.items()):
        if spec.kind == "post":
            continue
        target = survey if name.startswith("stakeholders:network-") and spec.target else None
        paths.append(url_for(name, spec, world_a, target=target))
    paths.append(
        reverse("stakeholders:network-compare", kwargs={"slug": "northshire"})
        + f"?before_survey={survey.pk}&after_survey={survey.pk}"
    )
    for label, client in others.items():
        for path in paths:
            response = client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert not _in(body), f"{path} shows the canary to {label} ({response.status_code})"
    for user in users.values():  # the survey's facilitator among them: the API has no ratings at all
        for path, response in every_api_read(user, world_a).items():
            assert response.status_code == 200 and not _in(response.content), (path, response.status_code)
    assert not any(_in(str(event).encode()) for event in AuditEvent.objects.values_list())
