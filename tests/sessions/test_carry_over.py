"""Unanswered questions move on to the next session with their votes, and both
ends say where the question came from and went."""

from datetime import timedelta
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from sessions.models import QuestionVote, SessionQuestion
from sessions.questions.carry_over import CarryOverError, questions_carry_over
from sessions.questions.services import question_board
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended_and_next():
    series = factories.topic_series(title="答疑", slug="qa-series")
    now = timezone.now()
    ended = factories.sharing_session(
        series, start=now - timedelta(days=7), title="第一期"
    )
    upcoming = factories.sharing_session(
        series, start=now + timedelta(days=3), title="第二期"
    )
    return series, ended, upcoming


def approved_question(session, *, voters=0, text="怎么让潜水的成员开口？"):
    asker = factories.member()
    question = SessionQuestion.objects.create(
        session=session,
        author=asker,
        author_name="上海-小林",
        text=text,
        status=SessionQuestion.Status.APPROVED,
    )
    for _ in range(voters):
        QuestionVote.objects.create(question=question, voter=factories.member())
    SessionQuestion.objects.filter(pk=question.pk).update(vote_count=voters)
    question.refresh_from_db()
    return question


def soup_of(client, page):
    return BeautifulSoup(client.get(page.url).content, "html.parser")


def test_carrying_keeps_votes_and_links_both_ways(client, ended_and_next):
    _series, ended, upcoming = ended_and_next
    question = approved_question(ended, voters=3)
    voter = question.votes.first().voter

    (copy,) = questions_carry_over(questions=[question])

    assert copy.session == upcoming
    assert copy.vote_count == 3
    assert set(copy.votes.values_list("voter", flat=True)) == set(
        question.votes.values_list("voter", flat=True)
    )
    assert question_board(upcoming, voter).voted_ids == {copy.pk}  # no second vote
    question.refresh_from_db()
    assert question.status == SessionQuestion.Status.CARRIED

    next_page = soup_of(client, upcoming)
    item = next_page.select_one(f"#{copy.anchor}")
    assert "3 票" in item.get_text()
    back = item.select_one(".question__origin a")
    assert back["href"] == f"{ended.url}#{question.anchor}"

    old_page = soup_of(client, ended)
    moved = old_page.select_one(f"#carried #{question.anchor}")
    assert moved.select_one("a")["href"] == f"{upcoming.url}#{copy.anchor}"


def test_the_asker_sees_where_the_question_went_on_their_page(client, ended_and_next):
    _series, ended, upcoming = ended_and_next
    question = approved_question(ended)
    (copy,) = questions_carry_over(questions=[question])
    soup = BeautifulSoup(
        client.get(f"/members/{question.author_id}/").content, "html.parser"
    )
    section = soup.select_one("[aria-labelledby=member-carried]")
    links = [a["href"] for a in section.select("a")]
    assert links == [f"{upcoming.url}#{copy.anchor}", f"{ended.url}#{question.anchor}"]


def test_answered_rejected_and_not_yet_ended_questions_stay(ended_and_next):
    _series, ended, upcoming = ended_and_next
    answered = approved_question(ended, text="已经回答过的问题")
    SessionQuestion.objects.filter(pk=answered.pk).update(
        status=SessionQuestion.Status.ANSWERED, answer="答了"
    )
    answered.refresh_from_db()
    still_open = approved_question(upcoming, text="下一期还没开始")
    assert questions_carry_over(questions=[answered, still_open]) == []
    assert upcoming.questions.count() == 1


def test_a_session_without_a_next_one_refuses_and_changes_nothing():
    series = factories.topic_series()
    last = factories.sharing_session(series, start=timezone.now() - timedelta(days=1))
    question = approved_question(last)
    with pytest.raises(CarryOverError, match=last.title):
        questions_carry_over(questions=[question])
    question.refresh_from_db()
    assert question.status == SessionQuestion.Status.APPROVED


def test_the_command_carries_only_for_series_that_ask_and_only_once(ended_and_next):
    series, ended, upcoming = ended_and_next
    question = approved_question(ended, voters=2)
    call_command("carry_over_questions", stdout=StringIO())
    assert upcoming.questions.count() == 0  # the series did not ask for it

    series.carry_over_questions = True
    series.save_revision().publish()
    out = StringIO()
    call_command("carry_over_questions", stdout=out)
    call_command("carry_over_questions", stdout=StringIO())
    assert "第一期: 1 question(s) carried over" in out.getvalue()
    (copy,) = upcoming.questions.all()
    assert (copy.carried_from, copy.vote_count) == (question, 2)


def test_editors_carry_selected_questions_from_the_question_list(
    client, ended_and_next
):
    _series, ended, upcoming = ended_and_next
    question = approved_question(ended, voters=1)
    client.force_login(factories.admin())
    url = (
        "/admin/bulk/community_sessions/sessionquestion/carry_over/"
        f"?id={question.pk}&next=/admin/"
    )
    assert question.text in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    (copy,) = upcoming.questions.all()
    assert copy.vote_count == 1


def test_a_question_skips_sessions_that_are_already_over(ended_and_next):
    series, ended, upcoming = ended_and_next
    also_over = factories.sharing_session(
        series, start=timezone.now() - timedelta(days=1), title="已结束的一期"
    )
    (copy,) = questions_carry_over(questions=[approved_question(ended)])
    assert copy.session == upcoming
    assert also_over.questions.count() == 0
