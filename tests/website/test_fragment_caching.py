"""Public parts of session pages are cached until a publish; a member's own
parts are never cached, so no member is ever shown another member's."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sessions.models import QuestionVote, SessionQuestion, SharingSessionPage
from tests import factories

pytestmark = pytest.mark.django_db


def test_recap_is_served_from_the_cache_until_the_session_is_published_again(client):
    session = factories.sharing_session(
        start=timezone.now() - timedelta(days=2),
        recap=factories.recap_stream("第一版要点"),
    )
    assert "第一版要点" in client.get(session.url).content.decode()
    # Changed behind Wagtail's back (no publish): the cached recap still shows.
    SharingSessionPage.objects.filter(pk=session.pk).update(
        recap=factories.recap_stream("偷偷改的要点")
    )
    assert "第一版要点" in client.get(session.url).content.decode()
    page = SharingSessionPage.objects.get(pk=session.pk)
    page.recap = factories.recap_stream("第二版要点")
    page.save_revision().publish()
    shown = client.get(session.url).content.decode()
    assert "第二版要点" in shown and "第一版要点" not in shown


def test_one_members_questions_and_votes_are_never_shown_to_another(client):
    session = factories.sharing_session(
        start=timezone.now() + timedelta(days=1),
        announcement="<p>公告正文</p>",
    )
    asker, neighbour = factories.member(), factories.member()
    SessionQuestion.objects.create(
        session=session, author=asker, author_name="甲", text="甲自己的待审问题"
    )
    approved = SessionQuestion.objects.create(
        session=session,
        author_name="乙",
        text="大家都能看到的问题",
        status=SessionQuestion.Status.APPROVED,
    )
    QuestionVote.objects.create(question=approved, voter=asker)

    client.force_login(asker)
    own = client.get(session.url).content.decode()
    assert "甲自己的待审问题" in own and "Withdraw my vote" in _english(client, session)

    client.force_login(neighbour)
    theirs = _english(client, session)
    assert "甲自己的待审问题" not in theirs
    assert "Withdraw my vote" not in theirs and "Upvote" in theirs
    assert "公告正文" in theirs  # the cached public part is still there

    client.logout()
    visitor = _english(client, session)
    assert "甲自己的待审问题" not in visitor and "Log in" in visitor


def _english(client, session):
    client.cookies["django_language"] = "en"
    return client.get(session.url).content.decode()


def test_sitemap_is_built_once_and_again_after_a_publish(
    client, django_assert_max_num_queries
):
    series = factories.topic_series()
    client.get("/sitemap.xml")
    with django_assert_max_num_queries(3):  # request stack only, no page reads
        assert series.url in client.get("/sitemap.xml").content.decode()
    session = factories.sharing_session(series, start=timezone.now())
    assert session.url in client.get("/sitemap.xml").content.decode()
