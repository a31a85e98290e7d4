"""Members answer 我会来 / 来不了 on a session page; a full session's waitlist
moves up; an organiser pastes a 群接龙 and saves the matched names."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sessions.models import SessionRsvp
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, base, username):
    page.goto(base + "/accounts/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", factories.PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def test_member_answers_changes_mind_and_the_waitlist_moves_up(live_server, browser):
    session = factories.sharing_session(
        start=timezone.now() + timedelta(days=2),
        title="线下小聚：复盘工作坊",
        slug="workshop",
        capacity=1,
    )
    factories.member("xiaolin", display_name="杭州-小林")
    factories.member("laozhou", display_name="北京-老周")
    base = live_server.url

    first = browser.new_context(locale="zh-CN").new_page()
    log_in(first, base, "xiaolin")
    first.goto(base + session.url)
    first.get_by_role("button", name="我会来").click()
    rsvp = first.locator("#rsvp")
    rsvp.get_by_text("1 人会来").wait_for()
    assert first.locator(".messages").get_by_role("link", name="加入日历").is_visible()

    second = browser.new_context(locale="zh-CN").new_page()
    log_in(second, base, "laozhou")
    second.goto(base + session.url)
    second.get_by_role("button", name="我会来").click()
    second.locator("#rsvp").get_by_text("你在候补名单上").wait_for()
    assert second.locator("#rsvp").get_by_text("1 人候补").is_visible()

    # The first member changes their mind: the waitlisted one moves up.
    first.get_by_role("button", name="来不了").click()
    first.locator("#rsvp").get_by_text("你的回复：来不了").wait_for()
    assert (
        first.get_by_role("button", name="来不了").get_attribute("aria-pressed")
        == "true"
    )

    second.reload()
    second.locator("#rsvp").get_by_text("从候补转为确认参加").wait_for()
    assert second.locator("#rsvp").get_by_role("link", name="加入日历").is_visible()
    assert SessionRsvp.objects.get(member__username="laozhou").is_confirmed
    first.context.close()
    second.context.close()


def test_organiser_pastes_a_jielong_and_saves_the_matched_names(live_server, page):
    session = factories.sharing_session(
        start=timezone.now() + timedelta(days=2), title="周四读书会", slug="books"
    )
    factories.member("xiaolin", display_name="杭州-小林")
    laozhou = factories.member("laozhou", display_name="北京-老周")
    factories.moderator("organiser")
    base = live_server.url
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "organiser")
    page.fill("#id_password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + "/admin/")

    page.goto(f"{base}/admin/sessions/{session.pk}/jielong/")
    page.fill(
        "#id_text", "#接龙 周四读书会\n1. 小林\n2、老周 +1\n3. 阿青（北京）可能晚到"
    )
    page.get_by_role("button", name="匹配名字").click()
    page.get_by_text("核对匹配结果").first.wait_for()
    assert page.locator("tr[data-match=matched]").count() == 2
    unknown = page.locator("tr[data-match=unknown]")
    assert "阿青" in unknown.inner_text()
    page.get_by_role("button", name="保存报名").click()
    page.get_by_text("已保存 3 个报名").wait_for()
    assert page.get_by_text("北京-老周").first.is_visible()
    rows = SessionRsvp.objects.filter(session=session, answer="yes")
    assert rows.count() == 3
    assert rows.get(member=laozhou).plus_ones == 1
    assert rows.get(member=None).guest_name == "阿青"
