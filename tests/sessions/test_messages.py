"""Ready-to-paste group messages and the organiser's Today view."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone

from sessions.lifecycle import Stage
from sessions.messages import render_message
from sessions.models import SessionSpeaker, SharingSessionPage
from tests import factories
from website.models import CommunitySettings

pytestmark = pytest.mark.django_db
BASE = "https://chendian.example.org/"


@pytest.fixture
def session():
    series = factories.topic_series(title="工具实战", slug="tools")
    page = factories.sharing_session(
        series,
        start=timezone.now() + timedelta(days=3),
        title="排期方法",
        slug="plan",
        episode=4,
        join_url="https://example.com/join",
    )
    SessionSpeaker.objects.create(page=page, person=factories.person(name="孙悦"))
    return page


def community_settings():
    return CommunitySettings.for_site(factories.home_page().get_site())


def test_default_messages_are_short_plain_text_with_the_link_on_its_own_line(session):
    url = BASE.rstrip("/") + session.url
    for stage in (
        Stage.ANNOUNCED,
        Stage.COLLECTING_QUESTIONS,
        Stage.WARM_UP,
        Stage.LIVE,
        Stage.ARCHIVED,
    ):
        text = render_message(session, stage, base_url=BASE)
        assert len(text) <= 500
        assert "排期方法" in text
        assert "**" not in text and "](" not in text  # no Markdown
        last_line = text.splitlines()[-1]
        assert last_line.startswith(url)
    announcement = render_message(session, Stage.ANNOUNCED, base_url=BASE)
    assert "第4期" in announcement and "孙悦" in announcement
    local = timezone.localtime(session.start)
    assert f"{local.month}月{local.day}日 周" in announcement
    assert render_message(session, Stage.COLLECTING_QUESTIONS, base_url=BASE).endswith(
        "#questions"
    )


def test_cancellation_message_gives_the_reason(session):
    session.status, session.status_reason = "cancelled", "嘉宾临时出差"
    session.save_revision().publish()
    text = render_message(session, Stage.CANCELLED, base_url=BASE)
    assert "取消" in text and "嘉宾临时出差" in text


def test_organisers_own_template_is_used_and_unknown_placeholders_stay_visible(session):
    settings = community_settings()
    settings.message_announced = "下周见：{title}（{nickname}）\n{url}"
    settings.save()
    text = render_message(session, Stage.ANNOUNCED, base_url=BASE)
    assert text.startswith("下周见：排期方法（{nickname}）")


def test_settings_refuse_templates_with_unknown_placeholders_or_broken_braces():
    settings = community_settings()
    settings.message_live = "{title} 开始了 {nickname}"
    settings.message_warm_up = "{title"
    with pytest.raises(ValidationError) as caught:
        settings.full_clean()
    errors = caught.value.message_dict
    assert "{nickname}" in errors["message_live"][0]
    assert "message_warm_up" in errors


def test_session_editor_shows_every_stage_message_with_a_copy_button(
    admin_client, session
):
    html = admin_client.get(f"/admin/pages/{session.pk}/edit/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    cards = soup.select("[data-group-message]")
    assert len(cards) == 5
    assert all(card.select_one("[data-copy-message]") for card in cards)
    assert "排期方法" in cards[0].select_one("textarea").get_text()


def test_today_lists_stage_changes_with_messages_and_missing_recaps(admin_client):
    series = factories.topic_series(title="案例拆解", slug="cases")
    now = timezone.now()
    warming = factories.sharing_session(
        series, start=now + timedelta(hours=3), title="今晚的分享", slug="tonight"
    )
    factories.sharing_session(
        series, start=now + timedelta(days=30), title="下个月", slug="later"
    )
    factories.sharing_session(
        series, start=now - timedelta(days=2), title="没写回顾", slug="norecap"
    )
    factories.sharing_session(
        series,
        start=now + timedelta(days=2),
        title="取消了",
        slug="off",
        status="cancelled",
        status_reason="场地问题",
    )
    soup = BeautifulSoup(
        admin_client.get("/admin/sessions/today/").content, "html.parser"
    )
    changes = soup.select(".today-change")
    text = " ".join(change.get_text(" ") for change in changes)
    assert "今晚的分享" in text and "下个月" not in text
    assert any("场地问题" in c.select_one("textarea").get_text() for c in changes)
    warm_card = next(c for c in changes if "今晚的分享" in c.get_text())
    assert warm_card.select_one("textarea").get_text().endswith(warming.url) or (
        warming.url in warm_card.select_one("textarea").get_text()
    )
    assert "没写回顾" in soup.get_text()


def test_plan_view_previews_then_creates_drafts(admin_client, weekly_series):
    weekly_series.cadence_ends_on = None
    weekly_series.save_revision().publish()
    url = f"/admin/sessions/plan/{weekly_series.pk}/"
    preview = admin_client.get(url, {"count": 3})
    assert preview.content.decode().count("<li>") >= 3
    response = admin_client.post(url, {"count": 3})
    assert response.status_code == 302
    created = SharingSessionPage.objects.child_of(weekly_series)
    assert created.count() == 3
    assert not created.live().exists()


def test_plan_view_is_for_editors_only(client, weekly_series):
    from django.contrib.auth import get_user_model

    member = get_user_model().objects.create_user("member", password="pw-12345-long")
    client.force_login(member)
    response = client.post(f"/admin/sessions/plan/{weekly_series.pk}/", {"count": 3})
    assert response.status_code in (302, 403)
    assert not SharingSessionPage.objects.child_of(weekly_series).exists()
