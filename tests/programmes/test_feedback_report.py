"""The feedback pages over HTTP: the report reads reaction, learning, behaviour, results in that order;
a group below k shows no figure and no words; comments need k answers and a facilitator's release; bad input
on the forms is refused with a plain message and nothing written; an objective people rated stays."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from direction import kit_indicators
from factories import World, make_member
from programmes import kit_feedback as kit
from traction.core.models import Role
from traction.programmes.models.feedback import FeedbackParticipation, FeedbackResponse, LearningObjective
from traction.programmes.models.programmes import Programme
from traction.programmes.selectors import feedback as selectors
from traction.programmes.selectors.feedback import below_k, comment_token
from traction.programmes.services import feedback as services

pytestmark = pytest.mark.django_db
SECRET = "Only-two-answered secret"


def _url(world: World, name: str, pk: int) -> str:
    return reverse(f"programmes:{name}", kwargs={"slug": world.partnership.slug, "pk": pk})


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def facilitator(world_a: World) -> Any:
    return make_member(world_a.partnership, Role.FACILITATOR, username="fran.facilitator")


@pytest.fixture
def member(world_a: World) -> Any:
    return make_member(world_a.partnership, Role.MEMBER, username="mo.member")


@pytest.fixture
def programme(world_a: World, facilitator: Any, member: Any) -> Programme:
    """k 3: day 1 with four answers (comments), day 2 with two (below k), then-and-now from three people,
    a 3-month follow-up from three and a 6-month from two; it serves one outcome with one indicator. It ended
    300 days ago, so every form has closed and its figures are published."""
    programme = kit.fresh_ended(world_a, ended_days_ago=300)
    day1, day2 = programme.cohorts.get().sessions.order_by("date")
    for n, scores in enumerate([(4, 4, 5), (5, 4, 4), (4, 3, 4), (4, 4, 4)]):
        kit.session_answer(day1, scores, comment=f"Day one comment {n}")
    for scores in [(1, 1, 1), (2, 2, 2)]:
        kit.session_answer(day2, scores, comment=SECRET, released=True)
    for pairs in ([(2, 4)] * 3, [(3, 4)] * 3, [(1, 4)] * 3):
        kit.then_and_now_answer(programme, pairs)
    for n in range(3):
        kit.follow_up_answer(programme, 3, 4, 3, comment=f"I now chair differently {n}", released=True)
    for _ in range(2):
        kit.follow_up_answer(programme, 6, 1, 1, comment=SECRET, released=True)
    outcome = kit_indicators.make_outcome(world_a.partnership)
    indicator = kit_indicators.make_indicator(
        world_a.partnership, title="Emergency admissions", polarity="low"
    )
    indicator.outcomes.add(outcome)
    kit_indicators.add_values(
        indicator, [("2023/24", 1, 120.0, None, None), ("2024/25", 2, 110.0, None, None)]
    )
    programme.outcomes.add(outcome)
    return programme


def test_the_report_reads_reaction_learning_behaviour_results(
    world_a: World, programme: Programme, member: Any
) -> None:
    body = _client(member).get(_url(world_a, "feedback-report", programme.pk)).content.decode()
    positions = [body.index(f'id="{part}"') for part in ("reaction", "learning", "behaviour", "results")]
    assert positions == sorted(positions)
    assert "Emergency admissions" in body and "2024/25" in body and "110" in body
    assert "Fewer people go into hospital in a crisis" in body
    assert "Use data to frame a shared problem" in body and "+2" in body  # mean change 4 − 2


def test_a_group_below_k_shows_no_figure_and_no_words(
    world_a: World, programme: Programme, member: Any
) -> None:
    body = _client(member).get(_url(world_a, "feedback-report", programme.pk)).content.decode()
    assert below_k(programme) in body
    assert body.count(below_k(programme)) == 2  # day 2 and the 6-month follow-up
    assert SECRET not in body
    assert "I now chair differently 0" in body  # three answers, released


def test_the_download_hides_what_the_page_hides(world_a: World, programme: Programme, member: Any) -> None:
    response = _client(member).get(_url(world_a, "feedback-download", programme.pk))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Part", "About", "Measure", "Responses", "Value"]
    hidden = [r for r in rows if r[4] == below_k(programme)]
    assert len(hidden) == 2 and all(r[3] == "" for r in hidden)
    assert [r[0] for r in rows[1:]] == sorted(
        (r[0] for r in rows[1:]), key=["Reaction", "Learning", "Behaviour", "Results"].index
    )
    assert SECRET not in response.content.decode() and "Day one comment" not in response.content.decode()
    assert ["Learning", "Use data to frame a shared problem", "mean change", "3", "2.0"] in rows


def test_comments_need_k_answers_and_a_release(
    world_a: World, programme: Programme, facilitator: Any, member: Any
) -> None:
    report = _url(world_a, "feedback-report", programme.pk)
    assert "Day one comment" not in _client(member).get(report).content.decode()
    page = _url(world_a, "feedback-comments", programme.pk)
    listing = _client(facilitator).get(page).content.decode()
    assert "Day one comment 0" in listing and SECRET not in listing
    secret = FeedbackResponse.objects.filter(comment=SECRET).first()
    fran = _client(facilitator)
    with kit.nothing_written():
        refused = fran.post(page, {"comments": [comment_token(secret.pk)]})
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    tokens = [comment_token(r.pk) for r in FeedbackResponse.objects.filter(comment__startswith="Day one")[:2]]
    assert _client(facilitator).post(page, {"comments": tokens}).status_code == 302
    body = _client(member).get(report).content.decode()
    assert body.count("Day one comment") == 2 and SECRET not in body


def test_a_member_cannot_release_comments(world_a: World, programme: Programme, member: Any) -> None:
    page = _url(world_a, "feedback-comments", programme.pk)
    client = _client(member)
    with kit.nothing_written():
        assert client.post(page, {"comments": ["x"]}).status_code == 403


@pytest.mark.parametrize("bad", ["0", "6", "four", "4.5", "-1", "9" * 30])
def test_a_bad_score_over_http_is_a_form_error(world_a: World, member: Any, bad: str) -> None:
    session = kit.fresh_session(world_a)
    client = _client(member)
    with kit.nothing_written():
        response = client.post(_url(world_a, "feedback-session", session.pk), {"satisfaction": bad})
    assert response.status_code == 200
    assert response.context["form"].errors["satisfaction"]


def test_an_answer_over_http_then_a_second_is_refused(world_a: World, member: Any) -> None:
    session = kit.fresh_session(world_a)
    url = _url(world_a, "feedback-session", session.pk)
    client = _client(member)
    assert client.post(url, {"satisfaction": "4", "comment": "Useful"}).status_code == 302
    with kit.nothing_written():
        again = client.post(url, {"satisfaction": "2"})
    assert "already given this feedback" in again.content.decode()
    assert FeedbackParticipation.objects.count() == 1


def test_a_forged_objective_is_refused(world_a: World, member: Any) -> None:
    programme = kit.fresh_ended(world_a)
    other = kit.fresh_ended(world_a)
    data = {**kit.then_and_now_data(programme), **kit.then_and_now_data(other)}
    url = _url(world_a, "feedback-then-and-now", programme.pk)
    missing = dict(kit.then_and_now_data(programme))
    missing.pop(next(iter(missing)))
    client = _client(member)
    with kit.nothing_written():
        assert client.post(url, missing).status_code == 200
    assert client.post(url, data).status_code == 302  # the other programme's fields are ignored
    assert not FeedbackResponse.objects.filter(programme=other).exists()


def test_another_partnerships_session_is_not_found(world_a: World, world_b: World, member: Any) -> None:
    theirs = kit.fresh_session(world_b)
    url = reverse("programmes:feedback-session", kwargs={"slug": world_a.partnership.slug, "pk": theirs.pk})
    client = _client(member)
    with kit.nothing_written():
        assert client.post(url, {"satisfaction": "4"}).status_code == 404


def test_the_form_says_who_may_answer(world_a: World) -> None:
    session = kit.fresh_session(world_a)
    late = make_member(world_a.partnership, Role.MEMBER, username="late.member")
    body = _client(late).get(_url(world_a, "feedback-session", session.pk)).content.decode()
    assert (
        "not linked to an enrolled person" in body and "whether or not their attendance was recorded" in body
    )


def test_a_rated_objective_cannot_be_deleted(world_a: World, programme: Programme, facilitator: Any) -> None:
    objective = programme.objectives.first()
    url = _url(world_a, "feedback-objective-delete", objective.pk)
    client = _client(facilitator)
    with kit.nothing_written():
        response = client.post(url)
    assert response.status_code == 200 and "cannot be deleted" in response.content.decode().lower()
    assert LearningObjective.objects.filter(pk=objective.pk).exists()


def test_a_rated_objectives_wording_cannot_change_but_its_order_can(
    world_a: World, programme: Programme, facilitator: Any
) -> None:
    objective = programme.objectives.first()
    with kit.nothing_written(), pytest.raises(ValidationError, match="can no longer change"):
        services.objective_update(
            actor=facilitator, objective=objective, data={"text": "Something else", "order": objective.order}
        )
    services.objective_update(
        actor=facilitator, objective=objective, data={"text": objective.text, "order": 9}
    )
    objective.refresh_from_db()
    assert objective.order == 9 and objective.text != "Something else"


def test_the_home_page_offers_the_open_forms(world_a: World, member: Any) -> None:
    session = kit.fresh_session(world_a)
    home = reverse("programmes:programmes-home", kwargs={"slug": world_a.partnership.slug})
    body = _client(member).get(home).content.decode()
    assert _url(world_a, "feedback-session", session.pk) in body
    _client(member).post(_url(world_a, "feedback-session", session.pk), {"relevance": "5"})
    assert _url(world_a, "feedback-session", session.pk) not in _client(member).get(home).content.decode()


# --- nothing is published while a form is still open -------------------------------------------------------


def _csv(client: Client, world: World, programme: Programme) -> list[list[str]]:
    response = client.get(_url(world, "feedback-download", programme.pk))
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_an_open_forms_figures_are_withheld_until_it_closes(
    world_a: World, member: Any, facilitator: Any
) -> None:
    """k answers or more, but the form is still open: no mean, no count, no comment to release, in the
    report, its CSV and the release page; once the window has closed the same answers are published."""
    session = kit.fresh_session(world_a)  # held today: its form is open for 28 days
    programme = session.cohort.programme
    for n, scores in enumerate([(4, 4, 5), (5, 4, 4), (3, 4, 4), (5, 5, 5)]):
        kit.session_answer(session, scores, comment=f"Open-window comment {n}")
    closes = session.date + datetime.timedelta(days=28)
    client = _client(member)
    body = client.get(_url(world_a, "feedback-report", programme.pk)).content.decode()
    assert f"The form closes on {closes:%-d %B %Y}" in body
    assert "4.25" not in body  # the satisfaction mean of the four answers
    [_, row] = [r for r in _csv(client, world_a, programme) if r[0] in ("Part", "Reaction")]
    assert row[3:] == ["", selectors.still_open(closes)]
    release = _client(facilitator).get(_url(world_a, "feedback-comments", programme.pk)).content.decode()
    assert "Open-window comment" not in release
    with kit.nothing_written(), pytest.raises(ValidationError, match="must have closed"):
        services.comments_release(actor=facilitator, programme=programme, tokens=["anything"])

    after = selectors.report_for(
        user=member,
        partnership=world_a.partnership,
        programme=programme,
        today=closes + datetime.timedelta(1),
    )
    [reaction] = after.reaction
    assert reaction.summary.responses == 4 and reaction.summary.scales["satisfaction"].mean == 4.25
    assert [g.responses for g in selectors.comment_groups(programme, closes + datetime.timedelta(1))] == [4]


def test_one_more_answer_while_open_changes_nothing_published(world_a: World, member: Any) -> None:
    """The differencing attack: the report read before and after one person answers is the same."""
    programme = kit.fresh_ended(world_a, ended_days_ago=10)  # then-and-now form open, last session's too
    for pairs in ([(2, 4)] * 3, [(3, 4)] * 3, [(1, 4)] * 3):
        kit.then_and_now_answer(programme, pairs)
    last = programme.cohorts.get().sessions.order_by("date").last()
    for scores in [(4, 4, 4)] * 3:
        kit.session_answer(last, scores)
    client = _client(member)
    before = (
        client.get(_url(world_a, "feedback-report", programme.pk)).content,
        _csv(client, world_a, programme),
    )
    kit.then_and_now_answer(programme, [(1, 5)] * 3)
    kit.session_answer(last, (1, 1, 1))
    after = (
        client.get(_url(world_a, "feedback-report", programme.pk)).content,
        _csv(client, world_a, programme),
    )
    assert _without_tokens(before[0]) == _without_tokens(after[0])
    assert before[1] == after[1]
    report = selectors.report_for(user=member, partnership=world_a.partnership, programme=programme)
    assert report.learning_responses is None and report.learning_open_until is not None


def _without_tokens(page: bytes) -> str:
    import re

    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.decode())
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", text)


def test_deleting_a_session_says_it_deletes_its_feedback_and_marks(world_a: World, facilitator: Any) -> None:
    session = kit.fresh_session(world_a)
    for scores in [(4, 4, 5), (5, 4, 4)]:
        kit.session_answer(session, scores)
    client = _client(facilitator)
    body = client.get(_url(world_a, "session-delete", session.pk)).content.decode()
    assert "also deletes 2 feedback answers, for good" in body
    programme = session.cohort.programme
    body = client.get(_url(world_a, "programme-delete", programme.pk)).content.decode()
    assert "also deletes 1 cohort, 1 session and 2 feedback answers" in body
    quiet = kit.make_session(kit.make_cohort(kit.make_programme(world_a.partnership)), kit.today())
    body = client.get(_url(world_a, "session-delete", quiet.pk)).content.decode()
    assert "also deletes" not in body and "Deleting cannot be undone" in body
