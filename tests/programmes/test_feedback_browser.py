"""The feedback pages in Debian's chromium: axe finds no serious or critical violation and no script or CSP
error on the report, the three answer forms, the objectives and their editor, and the comment release page;
a participant answers after a session from the keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from browserkit import PageProblems, axe_violations, describe, log_in
from django.urls import reverse

from factories import PASSWORD, World, make_member, make_partnership, make_world
from programmes import kit_feedback as kit
from traction.core.models import Role
from traction.programmes.models.feedback import FeedbackResponse
from traction.programmes.models.programmes import Programme, Session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene() -> World:
    world = make_world(make_partnership(name="Northshire Health and Care Partnership", slug="northshire"))
    make_member(world.partnership, Role.ADMIN, username="ada.admin", password=PASSWORD)
    make_member(world.partnership, Role.MEMBER, username="mo.member", password=PASSWORD)
    programme = kit.fresh_ended(world, ended_days_ago=100)
    programme.title = "Systems leadership programme"
    programme.save()
    day1 = programme.cohorts.get().sessions.order_by("date").first()
    for n, scores in enumerate([(4, 4, 5), (5, 4, 4), (4, 4, 4)]):
        kit.session_answer(day1, scores, comment=f"Comment {n} on the first day", released=n < 2)
    kit.session_answer(day1, (3, 3, 3), comment="Not yet released")
    kit.fresh_session(world)
    return world


def _pages(world: World) -> dict[str, str]:
    programme = Programme.objects.get(partnership=world.partnership, title="Systems leadership programme")
    today = Session.objects.filter(partnership=world.partnership).order_by("-date", "-pk").first()

    def u(name: str, pk: int) -> str:
        return reverse(f"programmes:{name}", kwargs={"slug": world.partnership.slug, "pk": pk})

    objective = programme.objectives.first()
    return {
        "home": reverse("programmes:programmes-home", kwargs={"slug": world.partnership.slug}),
        "report": u("feedback-report", programme.pk),
        "objectives": u("feedback-objectives", programme.pk),
        "form: new objective": u("feedback-objective-create", programme.pk),
        "form: edit objective": u("feedback-objective-update", objective.pk),
        "delete objective": u("feedback-objective-delete", objective.pk),
        "form: comments": u("feedback-comments", programme.pk),
        "form: session": u("feedback-session", today.pk),
        "form: then and now": u("feedback-then-and-now", programme.pk),
        "form: 3 months": u("feedback-follow-up-3", programme.pk),
        "form: 6 months": u("feedback-follow-up-6", programme.pk),
    }


def test_feedback_pages_have_no_serious_accessibility_violations(
    page: Any, scene: World, problems: PageProblems
) -> None:
    log_in(page, "ada.admin", PASSWORD)
    report, statuses = [], {}
    for where, path in _pages(scene).items():
        response = page.goto(path)
        statuses[where] = response.status if response else None
        report.append(describe(where, axe_violations(page)))
    assert set(statuses.values()) == {200}, statuses
    found = "\n".join(line for line in report if line)
    assert not found, "serious or critical accessibility violations:\n" + found
    assert not problems.all(), problems.all()


def test_a_participant_answers_from_the_keyboard(page: Any, scene: World, problems: PageProblems) -> None:
    log_in(page, "mo.member", PASSWORD)
    session = Session.objects.filter(partnership=scene.partnership).order_by("-date", "-pk").first()
    page.goto(
        reverse("programmes:feedback-session", kwargs={"slug": scene.partnership.slug, "pk": session.pk})
    )
    report = describe("form: session", axe_violations(page))
    page.get_by_role("radio", name="4 Quite a lot").first.focus()
    page.keyboard.press("Space")
    page.get_by_label("What one thing would have made the session better for you?").fill("More small groups.")
    page.get_by_role("button", name="Send my answers").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "your answers are recorded" in page.content()
    stored = FeedbackResponse.objects.get(session=session)
    assert (stored.satisfaction, stored.engagement, stored.comment) == (4, None, "More small groups.")
    assert not report, report
    assert not problems.all(), problems.all()
