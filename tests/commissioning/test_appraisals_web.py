"""Options appraisals over HTTP and through their services: the refusals the issue names (weights not
summing to 100, a short list without business as usual), each with a plain message and nothing written;
the read-only complete appraisal; who may score; what an assessor sees; the downloads."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from commissioning import kit_appraisals as kit
from dbstate import assert_db_unchanged
from factories import World
from traction.commissioning.models import AppraisalStatus, OptionsAppraisal, OptionScore, ShortList
from traction.commissioning.selectors import appraisals as selectors
from traction.commissioning.services import appraisals as services
from traction.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def u(w: World, name: str, pk: int) -> str:
    return reverse(f"commissioning:{name}", kwargs={"slug": w.partnership.slug, "pk": pk})


def test_a_new_appraisal_has_the_five_standard_factors_at_20_each(
    secretary_client: Client, world_a: World
) -> None:
    strategy = kit.world_strategy(world_a)
    response = secretary_client.post(u(world_a, "appraisal-create", strategy.pk), {"title": "Options"})
    assert response.status_code == 302
    appraisal = OptionsAppraisal.objects.get(title="Options")
    assert appraisal.iteration == strategy.iteration and appraisal.status == AppraisalStatus.DRAFT
    assert [(f.standard, f.weight) for f in appraisal.factors.all()] == [(True, 20)] * 5
    assert AuditEvent.objects.filter(object_type="successfactor", verb="created").count() == 5


def test_weights_not_summing_to_100_are_refused_and_nothing_is_written(
    secretary_client: Client, world_a: World
) -> None:
    appraisal = kit.world_appraisal(world_a)
    data = kit.factors_data(appraisal, weights=(30, 20, 20, 20, 20))
    with assert_db_unchanged():
        response = secretary_client.post(u(world_a, "appraisal-factors", appraisal.pk), data)
    assert response.status_code == 200
    assert services.WEIGHTS_NOT_100.format(total=110) in response.content.decode()


def test_weights_and_an_own_factor_are_saved_together(secretary_client: Client, world_a: World) -> None:
    appraisal = kit.world_appraisal(world_a)
    response = secretary_client.post(
        u(world_a, "appraisal-factors", appraisal.pk), kit.factors_data(appraisal)
    )
    assert response.status_code == 302
    assert [(f.name, f.weight) for f in appraisal.factors.all()][-1] == ("Social value", 10)
    assert sum(f.weight for f in appraisal.factors.all()) == 100


def test_a_fourth_own_factor_is_refused_and_nothing_is_written(users: dict[str, Any], world_a: World) -> None:
    appraisal = kit.world_appraisal(world_a)
    rows = [services.FactorRow(f.pk, f.name, 10) for f in appraisal.factors.all()]
    rows += [services.FactorRow(None, f"Own {n}", 50 // 4 if n < 3 else 50 - 3 * 12) for n in range(4)]
    with assert_db_unchanged(), pytest.raises(ValidationError) as refused:
        services.factors_set(actor=users["secretary"], appraisal=appraisal, rows=rows)
    assert refused.value.messages == [services.TOO_MANY_OWN]


def test_a_short_list_without_business_as_usual_cannot_be_marked_complete(
    secretary_client: Client, world_a: World
) -> None:
    appraisal = kit.fresh_ready(world_a)
    appraisal.options.filter(short_list=ShortList.BAU).update(short_list=ShortList.NONE)
    with assert_db_unchanged():
        response = secretary_client.post(u(world_a, "appraisal-complete", appraisal.pk), follow=True)
    text = response.content.decode()
    assert "The appraisal cannot be marked complete yet" in text
    assert "the short list needs exactly one business-as-usual option (it has 0)" in text
    appraisal.refresh_from_db()
    assert appraisal.status == AppraisalStatus.DRAFT


def test_completing_names_everything_missing(users: dict[str, Any], world_a: World) -> None:
    appraisal = kit.world_appraisal(world_a)  # unscored, no reasons
    with assert_db_unchanged(), pytest.raises(ValidationError) as refused:
        services.appraisal_complete(actor=users["secretary"], appraisal=appraisal)
    [message] = refused.value.messages
    assert selectors.NO_REASONS in message and "no assessor has yet scored" in message


def test_a_second_business_as_usual_option_is_refused(secretary_client: Client, world_a: World) -> None:
    appraisal = kit.world_appraisal(world_a)
    with assert_db_unchanged():
        response = secretary_client.post(
            u(world_a, "option-create", appraisal.pk), kit.option_data(short_list="bau")
        )
    assert (
        "The short list already has a business-as-usual option (“Carry on as now”)"
        in response.content.decode()
    )


def test_a_dropped_option_cannot_be_short_listed(secretary_client: Client, world_a: World) -> None:
    appraisal = kit.world_appraisal(world_a)
    with assert_db_unchanged():
        response = secretary_client.post(
            u(world_a, "option-create", appraisal.pk), kit.option_data(kept="", short_list="other")
        )
    assert services.DROPPED_NOT_SHORT in response.content.decode()


def test_an_option_needs_its_reason(secretary_client: Client, world_a: World) -> None:
    appraisal = kit.world_appraisal(world_a)
    with assert_db_unchanged():
        response = secretary_client.post(
            u(world_a, "option-create", appraisal.pk), kit.option_data(reason="")
        )
    assert response.status_code == 200 and response.context["form"].errors["reason"]


def test_a_complete_appraisal_is_read_only_until_reopened(secretary_client: Client, world_a: World) -> None:
    appraisal = kit.fresh_ready(world_a)
    assert secretary_client.post(u(world_a, "appraisal-complete", appraisal.pk)).status_code == 302
    appraisal.refresh_from_db()
    assert appraisal.status == AppraisalStatus.COMPLETE
    with assert_db_unchanged():
        response = secretary_client.post(u(world_a, "option-create", appraisal.pk), kit.option_data())
    assert services.READ_ONLY in response.content.decode()
    secretary_client.post(u(world_a, "appraisal-reopen", appraisal.pk))
    secretary_client.post(u(world_a, "option-create", appraisal.pk), kit.option_data())
    assert appraisal.options.filter(title="A dynamic purchasing system").exists()


def test_a_viewer_cannot_score_and_a_member_cannot_edit_options(client_for: Any, world_a: World) -> None:
    appraisal = kit.world_appraisal(world_a)
    viewer, member = client_for("viewer"), client_for("member")
    with assert_db_unchanged():
        scored = viewer.post(u(world_a, "appraisal-score", appraisal.pk), kit.score_data(appraisal))
        edited = member.post(
            u(world_a, "option-update", kit.world_option(world_a).pk), kit.option_data(title="Changed")
        )
    assert scored.status_code == edited.status_code == 403


def test_a_member_scores_and_only_then_sees_the_others_scores(
    client_for: Any, users: dict[str, Any], world_a: World
) -> None:
    appraisal = kit.world_appraisal(world_a)
    kit.score(appraisal, users["secretary"], kit.SCORES)
    member = client_for("member")
    detail = u(world_a, "appraisal-detail", appraisal.pk)
    assert "shown to you once you have sent your own scores" in member.get(detail).content.decode()
    form = member.get(u(world_a, "appraisal-score", appraisal.pk)).content.decode()
    assert "selected>5 Excellent" not in form  # the secretary's 5s are not shown
    response = member.post(u(world_a, "appraisal-score", appraisal.pk), kit.score_data(appraisal, "4"))
    assert response.status_code == 302
    assert OptionScore.objects.filter(assessor=users["member"]).count() == 20
    page = member.get(detail).content.decode()
    assert "Sensitivity check" in page and "2 scored" in page


def test_an_incomplete_set_of_scores_is_refused(client_for: Any, world_a: World) -> None:
    appraisal = kit.world_appraisal(world_a)
    data = kit.score_data(appraisal)
    data.popitem()
    member = client_for("member")
    with assert_db_unchanged():
        response = member.post(u(world_a, "appraisal-score", appraisal.pk), data)
    assert response.status_code == 200 and "Choose a score from 0 to 5." in response.content.decode()


def test_the_results_follow_the_hand_worked_arithmetic(world_a: World) -> None:
    appraisal = kit.fresh_ready(world_a)
    found = selectors.results(appraisal)
    # weights 20 each: total = 20 × (sum of scores) / 5 = 4 × sum. Zoned: 4 × (5+4+4+4+3) = 80.
    assert [(r.option.title, r.total, r.rank) for r in found.rows] == [
        ("Zoned contracts with a lead provider", 80, 1),
        ("Extend the current contracts a year", 60, 2),
        ("Carry on as now", 52, 3),
        ("Bring the service in-house", 44, 4),
    ]
    # 80 per £11.8m = 6.78 per £1m
    assert round(found.rows[0].per_million or 0, 2) == 6.78
    assert found.sentences == (
        "The top option stays “Zoned contracts with a lead provider” "
        "whichever single weight moves by 10 points.",
    )


def test_the_downloads_hold_factors_options_scores_totals_and_the_check(
    secretary_client: Client, world_a: World
) -> None:
    appraisal = kit.fresh_ready(world_a)
    text = secretary_client.get(u(world_a, "appraisal-csv", appraisal.pk)).content.decode()
    rows = list(csv.reader(io.StringIO(text)))
    assert ["Value for money", "yes", "20"] in rows
    assert [
        "Stop commissioning care at home",
        "Delivery",
        "Stop",
        "dropped",
        "Dropped: the duty to meet eligible needs remains.",
        "",
        "",
    ] in rows
    assert ["1", "Zoned contracts with a lead provider", "80.0", "1", "11800000.0", "6.78"] in rows
    assert any("stays “Zoned contracts with a lead provider”" in row[0] for row in rows if row)
    response = secretary_client.get(u(world_a, "appraisal-xlsx", appraisal.pk))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Appraisal", "Factors", "Options", "Scores", "Weighted totals", "Sensitivity"]
    assert [c.value for c in book["Weighted totals"][2]][:3] == [
        1,
        "Zoned contracts with a lead provider",
        80,
    ]


def test_the_download_leaves_out_scores_the_page_would_not_show(client_for: Any, world_a: World) -> None:
    appraisal = kit.fresh_ready(world_a)
    text = client_for("viewer").get(u(world_a, "appraisal-csv", appraisal.pk)).content.decode()
    assert "Weighted totals" not in text and "scores summary is shown once" in text
