"""Long lists read a page at a time: series pages, the question board, calendar feeds."""

from datetime import timedelta

import icalendar
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from sessions.models import QuestionVote, SessionQuestion, TopicSeriesPage
from sessions.questions.services import BOARD_PAGE_SIZE
from tests import factories

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def titles(response, selector):
    soup = BeautifulSoup(response.content, "html.parser")
    return [node.get_text(strip=True) for node in soup.select(selector)]


def test_series_page_shows_newest_past_sessions_first_and_pages_to_older(client):
    series = factories.topic_series()
    now = timezone.now()
    size = TopicSeriesPage.PAST_PAGE_SIZE
    for k in range(size + 3):
        factories.sharing_session(series, start=now - (k + 1) * DAY, title=f"往期{k}")
    first = client.get(series.url)
    shown = titles(first, "#past-title ~ ul .card__title")
    assert shown == [f"往期{k}" for k in range(size)]
    assert 'href="?page=2#past-title"' in first.content.decode()
    older = client.get(series.url + "?page=2")
    assert titles(older, "#past-title ~ ul .card__title") == [
        f"往期{k}" for k in range(size, size + 3)
    ]
    assert "?page=3" not in older.content.decode()


def test_question_board_keeps_the_most_wanted_first_and_pages_the_rest(client):
    session = factories.sharing_session(start=timezone.now() + DAY)
    voters = [factories.member() for _ in range(3)]
    for k in range(BOARD_PAGE_SIZE + 2):
        question = SessionQuestion.objects.create(
            session=session,
            author_name="提问者",
            text=f"问题编号{k:03d}",
            status=SessionQuestion.Status.APPROVED,
        )
        if k in (7, BOARD_PAGE_SIZE + 1):  # the most wanted, even if asked last
            for voter in voters:
                QuestionVote.objects.create(question=question, voter=voter)
            question.vote_count = len(voters)
            question.save()
    first = titles(client.get(session.url), ".question-list .question__text")
    assert first[:2] == ["问题编号007", f"问题编号{BOARD_PAGE_SIZE + 1:03d}"]
    assert len(first) == BOARD_PAGE_SIZE
    rest = titles(
        client.get(session.url + "?questions=2"), ".question-list .question__text"
    )
    assert len(rest) == 2
    assert not set(rest) & set(first)


def test_site_feed_covers_a_window_around_now(client):
    series = factories.topic_series()
    now = timezone.now()
    factories.sharing_session(series, start=now - 400 * DAY, title="很久以前")
    factories.sharing_session(series, start=now - 10 * DAY, title="上周")
    factories.sharing_session(series, start=now + 10 * DAY, title="下周")
    factories.sharing_session(series, start=now + 800 * DAY, title="很久以后")
    for url in ("/sessions/calendar.ics", f"/calendar/{series.slug}.ics"):
        calendar = icalendar.Calendar.from_ical(client.get(url).content)
        assert sorted(str(e["summary"]) for e in calendar.walk("VEVENT")) == [
            "上周",
            "下周",
        ]


def test_cached_feed_shows_a_published_change_on_the_next_read(client):
    session = factories.sharing_session(start=timezone.now() + DAY, title="旧标题")
    assert b"\xe6\x97\xa7" in client.get("/sessions/calendar.ics").content  # 旧
    session.title = "新标题"
    session.save_revision().publish()
    summaries = [
        str(e["summary"])
        for e in icalendar.Calendar.from_ical(
            client.get("/sessions/calendar.ics").content
        ).walk("VEVENT")
    ]
    assert summaries == ["新标题"]
