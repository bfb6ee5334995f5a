"""Sending a meeting's matters-arising pack in a real browser: from the matters-arising page to the
confirmation page and back, with axe's findings on each (no serious or critical violation)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from browserkit import PageProblems, axe_findings, log_in
from django.urls import reverse
from django.utils import timezone

from factories import (
    PASSWORD,
    make_body_membership,
    make_meeting,
    make_member,
    make_partnership,
    make_person,
    make_world,
)
from traction.core.models import Role
from traction.reminders.models import PackMailing

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_secretary_sends_the_pack_from_the_matters_arising_page(
    page: Any, problems: PageProblems
) -> None:
    partnership = make_partnership(name="Northshire Health and Care Partnership", slug="northshire")
    world = make_world(partnership)
    world.person.email = "alex@northshire.example"
    world.person.save()
    make_body_membership(partnership, body=world.body, person=make_person(partnership, name="Pat Noaddress"))
    meeting = make_meeting(partnership, body=world.body, start=timezone.now() + datetime.timedelta(days=7))
    make_member(partnership, Role.SECRETARY, username="sam.secretary", password=PASSWORD)

    log_in(page, "sam.secretary", PASSWORD)
    page.goto(reverse("governance:body-matters-arising", kwargs={"slug": "northshire", "pk": world.body.pk}))
    findings = axe_findings(page, "matters arising")
    page.get_by_role("link", name="Send to members").click()
    page.wait_for_url(f"**/reminders/meetings/{meeting.pk}/matters-arising/")
    findings += axe_findings(page, "send the pack")
    assert page.get_by_role("list").filter(has_text="alex@northshire.example").count() == 1
    fix_it = re.compile(r"Pat Noaddress\s*: add an email address")  # the hidden words are a block
    assert page.get_by_role("link", name=fix_it).count() == 1
    assert page.get_by_role("table", name="Open actions of Health and Wellbeing Board").count() == 1

    page.get_by_role("button", name="Send the pack to members").click()
    page.wait_for_load_state()
    assert page.get_by_text("The pack is queued").count() == 1
    assert page.get_by_text("being sent").count() == 1
    findings += axe_findings(page, "after sending")
    assert PackMailing.objects.count() == 1
    assert not findings, "\n".join(findings)
    assert not problems.all(), problems.all()
