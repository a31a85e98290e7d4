"""A newcomer joins with an invite code, asks and votes; a moderator answers;
the answer shows in the recap."""

from datetime import timedelta

import pytest
from django.utils import timezone

from knowledge.models import InviteCode
from sessions.models import SessionQuestion
from tests import factories

from .conftest import approved_question, moderate_in_admin, sign_up

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_member_asks_votes_and_reads_the_answer_in_the_recap(live_server, page):
    organiser = factories.moderator("organiser")
    InviteCode.objects.create(code="JOINUS26", max_uses=5, created_by=organiser)
    session = factories.sharing_session(
        start=timezone.now() + timedelta(days=1),
        title="社群冷启动答疑",
        slug="cold-start",
    )
    other = approved_question(session)
    base = live_server.url

    # Sign up with the invite code.
    sign_up(
        page,
        base,
        username="xiaolin",
        display_name="杭州-小林",
        invite_code="joinus26",
        email="xiaolin@example.com",
    )
    page.get_by_role("link", name="杭州-小林").wait_for()

    # Ask a question and upvote the other one.
    page.goto(base + session.url)
    page.fill("#id_text", "前一百个成员从哪里来？")
    page.get_by_role("button", name="提问").click()
    page.get_by_text("前一百个成员从哪里来？").wait_for()
    page.get_by_text("等待审核").first.wait_for()
    page.locator(f"#question-{other.pk}").get_by_role("button", name="投票").click()
    page.locator(f"#question-{other.pk}").get_by_text("1 票").wait_for()
    assert (
        page.locator(f"#question-{other.pk}")
        .get_by_role("button", name="撤回投票")
        .is_visible()
    )

    # The moderator approves, then answers, in the admin.
    question = SessionQuestion.objects.get(text="前一百个成员从哪里来？")
    moderator = page.context.browser.new_context(locale="zh-CN").new_page()
    moderator.goto(base + "/admin/login/")
    moderator.fill("#id_username", "organiser")
    moderator.fill("#id_password", factories.PASSWORD)
    moderator.click("button[type=submit]")
    moderator.wait_for_url(base + "/admin/")
    moderate_in_admin(moderator, base, question, "approved")
    moderate_in_admin(
        moderator,
        base,
        question,
        "answered",
        "先从已经认识的二十个人开始，请他们各带一位朋友。",
    )
    moderator.context.close()

    # Time passes: the share ends and the recap is published.
    session.refresh_from_db()
    session.start = timezone.now() - timedelta(days=1)
    session.recap = factories.recap_stream("这次答疑的要点。")
    session.save_revision().publish()

    page.goto(base + session.url)
    qa = page.locator(f"#question-{question.pk}")
    qa.wait_for()
    assert "前一百个成员从哪里来？" in qa.inner_text()
    assert "先从已经认识的二十个人开始" in qa.inner_text()
    assert page.locator("#recap").locator(f"#question-{question.pk}").count() == 1
