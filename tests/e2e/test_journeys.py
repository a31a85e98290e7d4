"""One whole path per role, in a real browser, as a newcomer would take it.

visitor: home → series → a session in each stage → recap → search in simplified
and traditional → a chat permalink; member: sign up with an invite code → ask →
see the confirmation → vote → post with line breaks and tags typed with ，→ edit
→ "mine"; moderator/editor: approve and answer a question while collection is
open → it stays visible → review the member post in the Wagtail editor →
approve; organiser: plan 2 → exactly 2 → plan 2 again → none → Today → copy.
"""

from datetime import time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from knowledge.models import ChatMessage, InviteCode, KnowledgePostPage
from knowledge.posts.services import post_submit
from sessions.lifecycle import Stage
from sessions.models import (
    SeriesIndexPage,
    SessionQuestion,
    SharingSessionPage,
    TopicSeriesPage,
)
from sessions.selectors import with_stages
from tests import factories

from .conftest import approved_question, log_in, moderate_in_admin, sign_up

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

POST_BODY = "第一行\n第二行\n\n第二段"


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= height


def test_visitor_goes_from_home_through_every_stage_to_search_and_a_chat_permalink(
    live_server, page
):
    call_command("load_demo")
    base = live_server.url
    page.goto(base + "/")
    sessions_index = SeriesIndexPage.objects.live().first()
    page.locator("header nav").get_by_role("link", name=sessions_index.title).click()
    page.wait_for_load_state()
    series = TopicSeriesPage.objects.live().first()
    page.get_by_role("link", name=series.title).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == series.title

    sessions = with_stages(SharingSessionPage.objects.live(), now=timezone.now())
    seen = set()
    for session in sessions:
        if session.stage in seen:
            continue
        seen.add(session.stage)
        page.goto(base + session.url)
        assert page.locator("h1").inner_text() == session.title
        assert page.locator(".session__stage .badge").inner_text() == (
            str(session.stage.label)
        )
        calendar = page.get_by_role("link", name="加入日历")
        if session.stage in (Stage.ENDED, Stage.ARCHIVED, Stage.CANCELLED):
            assert calendar.count() == 0
    assert seen == set(Stage)
    archived = next(s for s in sessions if s.stage == Stage.ARCHIVED)
    page.goto(base + archived.url)
    assert page.locator("#recap").is_visible()

    for query in ("裂变活动", "裂變活動"):
        page.goto(base + "/search/")
        page.fill("#search-q", query)
        page.locator("main form[role=search] button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("ol.results li.result").count() > 0, query
        assert "裂变活动" in page.locator("ol.results").inner_text(), query

    message = ChatMessage.objects.exclude(kind="system").order_by("pk").first()
    page.goto(base + f"/chats/m/{message.pk}/")
    page.wait_for_load_state()
    target = page.locator(f"#m-{message.pk}")
    assert target.is_visible()
    assert message.text[:10] in target.inner_text()


@pytest.mark.parametrize("width", [390, 1280])
def test_member_joins_asks_votes_posts_with_line_breaks_and_chinese_commas_and_edits(
    live_server, browser, width
):
    InviteCode.objects.create(code="JOINUS26", max_uses=5)
    session = factories.sharing_session(
        start=timezone.now() + timedelta(days=1), title="社群冷启动答疑"
    )
    other = approved_question(session)
    index = factories.knowledge_index()
    base = live_server.url
    context = browser.new_context(
        locale="zh-CN", viewport={"width": width, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)

    # Sign up with an invite code, no e-mail address.
    sign_up(
        page, base, username="xiaolin", display_name="杭州-小林", invite_code="joinus26"
    )

    # Ask: the confirmation is where the page lands, next to the form.
    page.goto(base + session.url)
    page.fill("#id_text", "前一百个成员从哪里来？")
    page.get_by_role("button", name="提问").click()
    notice = page.locator("#questions [role=status]").filter(has_text="谢谢")
    notice.wait_for()
    assert in_viewport(page, notice)
    page.get_by_text("等待审核").first.wait_for()

    # Vote.
    page.locator(f"#question-{other.pk}").get_by_role("button", name="投票").click()
    page.locator(f"#question-{other.pk}").get_by_text("1 票").wait_for()

    # Post with line breaks and tags typed with a full-width comma.
    page.goto(base + index.url + "submit/")
    page.fill("#id_title", "冷启动的第一周")
    page.fill("#id_body", POST_BODY)
    page.fill("#id_tags", "求职，面试")
    page.get_by_role("button", name="提交审核").click()
    page.locator("table.my-posts").wait_for()
    post = KnowledgePostPage.objects.get(title="冷启动的第一周")
    assert sorted(tag.name for tag in post.tags.all()) == ["求职", "面试"]

    # Edit it: the form shows what was typed, not HTML.
    page.locator("table.my-posts").get_by_role("link", name="编辑").click()
    assert page.locator("#id_body").input_value() == POST_BODY
    page.fill("#id_title", "冷启动的第一周（修订）")
    page.get_by_role("button", name="保存修改").click()
    row = page.locator("table.my-posts tbody tr").first
    row.wait_for()
    assert "冷启动的第一周（修订）" in row.inner_text()
    assert timezone.localdate().isoformat() in row.inner_text()
    context.close()


def test_moderator_answers_early_and_the_editor_reviews_a_member_post(
    live_server, page
):
    moderator = factories.member("moderator", role="moderator")
    moderator.groups.add(*Group.objects.filter(name__in=["Editors", "Moderators"]))
    session = factories.sharing_session(
        start=timezone.now() + timedelta(days=1), title="社群冷启动答疑"
    )
    asker = factories.member("asker")
    question = SessionQuestion.objects.create(
        session=session, author=asker, text="前一百个成员从哪里来？", status="pending"
    )
    index = factories.knowledge_index()
    post = post_submit(
        index=index,
        user=asker,
        title="格式很多的投稿",
        body=(
            "第一行\n第二行\n\n<ul><li>列表一</li><li>列表二</li></ul>\n"
            '<blockquote>引用</blockquote>\n<p><a href="https://example.com/">链接</a></p>'
        ),
        tags=["运营"],
        related_session=None,
    )
    base = live_server.url
    log_in(page, base, "moderator", factories.PASSWORD)

    moderate_in_admin(page, base, question, "approved")
    moderate_in_admin(page, base, question, "answered", "先从已经认识的二十个人开始。")

    # Collection is still open: the answered question stays on the board.
    page.goto(base + session.url)
    item = page.locator(f"#questions #question-{question.pk}")
    assert "已回答" in item.inner_text()
    assert "先从已经认识的二十个人开始。" in item.inner_text()

    # The member post opens in the page editor, with its line breaks.
    response = page.goto(f"{base}/admin/pages/{post.pk}/edit/")
    assert response.status == 200
    editor = page.locator(".Draftail-Editor").first
    editor.wait_for()
    assert "第二行" in editor.inner_text() and "列表二" in editor.inner_text()
    page.locator("footer .w-dropdown__toggle.button").click()
    page.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    page.wait_for_url(lambda url: f"/pages/{post.pk}/edit/" not in url)
    post.refresh_from_db()
    assert post.live
    page.goto(base + post.url)
    prose = page.locator(".prose")
    assert "第一行\n第二行" in prose.inner_text()
    assert prose.locator("li").count() == 2 and prose.locator("blockquote").count() == 1


def test_organiser_plans_two_then_none_and_copies_todays_message(live_server, browser):
    get_user_model().objects.create_superuser("organiser", "", "plan-pass-2026")
    series = factories.topic_series(
        title="工具实战",
        slug="tools",
        cadence_frequency="weekly",
        cadence_weekdays=[3],
        cadence_starts_on=timezone.localdate() - timedelta(days=30),
        default_start_time=time(20, 0),
    )
    factories.sharing_session(
        series, start=timezone.now() + timedelta(hours=3), title="新人欢迎流程"
    )
    base = live_server.url
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    log_in(page, base, "organiser", "plan-pass-2026")

    def plan_two():
        page.goto(f"{base}/admin/sessions/plan/{series.pk}/")
        page.fill("#id_count", "2")
        page.get_by_role("button", name="预览").click()
        page.wait_for_url("**count=2**")

    before = SharingSessionPage.objects.child_of(series).count()
    plan_two()
    assert page.locator("main ol li").count() == 2
    page.get_by_role("button", name="创建草稿").click()
    page.wait_for_url(f"**/admin/pages/{series.pk}/")
    assert SharingSessionPage.objects.child_of(series).count() == before + 2

    plan_two()
    assert page.get_by_text("无需规划").first.is_visible()
    assert SharingSessionPage.objects.child_of(series).count() == before + 2

    page.goto(base + "/admin/sessions/today/")
    card = page.locator(".today-change").filter(has_text="新人欢迎流程").first
    expected = card.locator("textarea").input_value()
    card.get_by_role("button", name="复制").click()
    card.locator("[data-copy-status]").filter(has_text="已复制").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == expected
    context.close()
