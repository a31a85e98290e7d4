"""Member posts and answered questions are found once public, and only then."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import WorkflowState

from knowledge.posts.services import post_submit
from sessions.models import SessionQuestion
from sessions.questions.services import question_moderate
from tests import factories

pytestmark = pytest.mark.django_db


def api(client, q):
    return client.get("/search/api/", {"q": q}).json()


def test_a_member_post_is_found_after_it_is_published_and_not_before(client):
    author = factories.member("writer")
    post = post_submit(
        index=factories.knowledge_index(),
        user=author,
        title="打卡积分规则",
        body="连续打卡七天送一次答疑机会。",
        tags=["打卡"],
        related_session=None,
    )
    assert api(client, "答疑机会")["total"] == 0

    task_state = WorkflowState.objects.for_instance(post).get().current_task_state
    task_state.task.specific.on_action(task_state, factories.editor(), "approve")

    (hit,) = api(client, "答疑机会")["results"]
    assert hit["kind"] == "post"
    assert hit["url"] == "http://testserver" + post.url
    assert hit["people"] == ["上海-writer"]
    assert hit["tags"] == ["打卡"]


def test_an_answered_question_is_found_at_its_anchor(client):
    session = factories.sharing_session(start=timezone.now() - timedelta(days=3))
    question = SessionQuestion.objects.create(
        session=session, author_name="杭州-小林", text="社群冷启动先找谁？"
    )
    assert api(client, "冷启动")["total"] == 0  # pending: not public
    question_moderate(
        question=question,
        by=factories.moderator(),
        status="answered",
        answer="先找愿意分享的种子成员。",
    )
    (hit,) = api(client, "种子成员")["results"]
    assert hit["kind"] == "question"
    assert hit["url"] == f"http://testserver{session.url}#question-{question.pk}"
    assert hit["people"] == ["杭州-小林"]
