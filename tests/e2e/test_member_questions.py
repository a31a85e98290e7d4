"""A newcomer joins with an invite code, asks and votes; a moderator answers;
the answer shows in the recap."""

from datetime import timedelta

import pytest
from django.utils import timezone

from knowledge.models import InviteCode
from sessions.models import SessionQuestion
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_member_asks_votes_and_reads_the_answer_in_the_recap(live_server, page):
    organiser = factories.moderator("organiser")
    InviteCode.objects.create(code="JOINUS26", max_uses=5, created_by=organiser)
    session = factories.sharing_session(
        start=timezone.now() + timedelta(days=1),
        title="社群冷启动答疑",
        slug="cold-start",
    )
    other = SessionQuestion.objects.create(
        session=session,
        author=factories.member("early"),
        author_name="上海-早鸟",
        text="冷启动阶段要不要先做付费？",
        status="approved",
    )
    base = live_server.url

    # Sign up with the invite code.
    page.goto(base + "/accounts/signup/")
    page.fill("#id_username", "xiaolin")
    page.fill("#id_email", "xiaolin@example.com")
    page.fill("#id_password1", "a-long-pass-2026")
    page.fill("#id_password2", "a-long-pass-2026")
    page.fill("#id_display_name", "杭州-小林")
    page.fill("#id_invite_code", "joinus26")
    page.locator("form").filter(has=page.locator("#id_invite_code")).locator(
        "button[type=submit]"
    ).click()
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
    edit_url = (
        f"{base}/admin/snippets/community_sessions/sessionquestion/edit/{question.pk}/"
    )
    moderator.goto(edit_url)
    moderator.select_option("#id_status", "approved")
    moderator.locator("button[type=submit]").filter(has_text="保存").first.click()
    moderator.wait_for_url("**/sessionquestion/")
    moderator.goto(edit_url)
    moderator.select_option("#id_status", "answered")
    moderator.fill("#id_answer", "先从已经认识的二十个人开始，请他们各带一位朋友。")
    moderator.locator("button[type=submit]").filter(has_text="保存").first.click()
    moderator.wait_for_url("**/sessionquestion/")
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
