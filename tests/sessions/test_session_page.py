"""What a visitor sees on a session page in each stage."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from sessions.models import SessionSpeaker
from tests import factories

pytestmark = pytest.mark.django_db


def visit(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section_headings(soup):
    return [h.get_text(strip=True) for h in soup.select("section.stage-section h2")]


@pytest.fixture
def series():
    return factories.topic_series(title="工具实战", slug="tools")


def test_announced_session_counts_down_and_shows_the_announcement(client, series):
    session = factories.sharing_session(
        series,
        start=timezone.now() + timedelta(days=3),
        announcement="<p>下周四讲排期。</p>",
        join_url="https://example.com/join",
    )
    soup = visit(client, session)
    assert soup.select_one(".badge").get_text(strip=True) == "已预告"
    assert section_headings(soup) == ["距离开始", "预告", "向嘉宾提问"]
    countdown = soup.select_one("[data-countdown]")
    assert datetime.fromisoformat(countdown["data-countdown"]) == session.start
    assert (
        "2\xa0日" in countdown.get_text()
    )  # Django's timeuntil, before the script ticks
    assert soup.find("a", string="如何参加")["href"] == "https://example.com/join"


def test_countdown_reads_right_in_english_with_one_day_left(client, series):
    session = factories.sharing_session(
        series, start=timezone.now() + timedelta(days=1, hours=6)
    )
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    soup = visit(client, session)
    countdown = soup.select_one("[data-countdown]")
    # The page script fills these placeholders in every second.
    ticking = countdown["data-format"].format(d=1, h=6, m=33, s=35)
    assert ticking == "1 d 6 h 33 min 35 s"  # not "1 days"
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    soup = visit(client, session)
    countdown = soup.select_one("[data-countdown]")
    assert (
        countdown["data-format"].format(d=1, h=6, m=33, s=35)
        == "1 天 6 小时 33 分 35 秒"
    )


def test_question_collection_says_until_when(client, series):
    session = factories.sharing_session(
        series, start=timezone.now() + timedelta(days=1)
    )
    soup = visit(client, session)
    assert soup.select_one(".badge").get_text(strip=True) == "问题征集中"
    questions = soup.select_one("#questions")
    assert "问题征集进行中" in questions.get_text()


def test_live_session_puts_the_live_link_and_notes_first(client, series):
    session = factories.sharing_session(
        series,
        start=timezone.now() - timedelta(minutes=20),
        duration_minutes=90,
        live_url="https://example.com/live",
        live_notes="<p>第一步：导出聊天记录。</p>",
        announcement="<p>现场写脚本。</p>",
    )
    soup = visit(client, session)
    assert soup.select_one(".badge").get_text(strip=True) == "正在直播"
    headings = section_headings(soup)
    assert headings[0] == "正在直播"
    assert headings[-1] == "预告"  # earlier stages stay below
    assert soup.find("a", string="进入直播")["href"] == "https://example.com/live"
    assert "第一步：导出聊天记录。" in soup.select_one("#live-notes").get_text()
    assert soup.select_one("[data-live-refresh]") is not None


def test_ended_session_without_recap_says_the_recap_is_coming(client, series):
    session = factories.sharing_session(
        series, start=timezone.now() - timedelta(days=1)
    )
    soup = visit(client, session)
    assert soup.select_one(".badge").get_text(strip=True) == "已结束，回顾整理中"
    assert section_headings(soup)[0] == "本场分享已结束"


def test_archived_session_shows_the_recap_first_with_section_anchors(client, series):
    session = factories.sharing_session(
        series,
        start=timezone.now() - timedelta(days=7),
        recap=[
            ("heading", {"text": "为什么要自动汇总", "anchor": "why"}),
            ("paragraph", "<p>原始数据只录一次。</p>"),
            ("quote", {"text": "能用公式算的就别手记。", "speaker": "王浩然"}),
        ],
        recording_url="https://example.com/rec",
        announcement="<p>预告内容</p>",
    )
    soup = visit(client, session)
    assert soup.select_one(".badge").get_text(strip=True) == "回顾已发布"
    assert section_headings(soup)[0] == "回顾"
    recap = soup.select_one("#recap")
    assert recap.select_one("h3#why").get_text() == "为什么要自动汇总"
    assert "能用公式算的就别手记。" in recap.get_text()
    assert recap.find("a", string="观看录播")["href"] == "https://example.com/rec"
    assert "预告内容" in soup.get_text()


def test_cancelled_session_shows_the_reason(client, series):
    session = factories.sharing_session(
        series,
        start=timezone.now() + timedelta(days=2),
        status="cancelled",
        status_reason="嘉宾临时出差",
    )
    soup = visit(client, session)
    assert soup.select_one(".badge").get_text(strip=True) == "已取消"
    cancelled = soup.select_one(".notice--danger")
    assert "本场分享已取消" in cancelled.get_text()
    assert "嘉宾临时出差" in cancelled.get_text()


def test_session_facts_show_local_time_speakers_and_episode(client, series):
    speaker = factories.person(name="林晓", title="独立开发者")
    start = timezone.now() + timedelta(days=10)
    session = factories.sharing_session(series, start=start, episode=7)
    SessionSpeaker.objects.create(page=session, person=speaker)
    soup = visit(client, session)
    facts = soup.select_one(".session__facts").get_text(" ", strip=True)
    local = timezone.localtime(start, timezone.get_default_timezone())
    assert f"{local.month}月{local.day}日" in facts
    assert local.strftime("%H:%M") in facts
    assert "林晓（独立开发者）" in facts
    assert "第 7 期" in soup.select_one(".page-header").get_text()


def test_session_facts_are_current_after_a_speaker_edit_and_a_publish(client, series):
    """Speakers, tags and the series are read once per publish; editing a
    speaker or publishing shows the change on the next view."""
    speaker = factories.person(name="林晓")
    session = factories.sharing_session(
        series, start=timezone.now() + timedelta(days=10)
    )
    SessionSpeaker.objects.create(page=session, person=speaker)
    session.save_revision().publish()
    assert "林晓" in visit(client, session).select_one(".session__facts").get_text()

    speaker.name = "林小晓"
    speaker.save()
    assert "林小晓" in visit(client, session).select_one(".session__facts").get_text()

    session.tags.add("表格")
    session.save_revision().publish()
    series.title = "工具实战·第二季"
    series.save_revision().publish()
    soup = visit(client, session)
    assert soup.select_one(".tags").get_text(strip=True) == "#表格"
    assert "工具实战·第二季" in soup.select_one(".page-header .meta").get_text()


def test_member_text_in_plain_fields_is_escaped(client, series):
    session = factories.sharing_session(
        series,
        start=timezone.now() + timedelta(days=2),
        status="postponed",
        status_reason="<script>alert(1)</script>",
        summary="<img src=x onerror=alert(1)>",
    )
    html = client.get(session.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_unpublished_session_is_not_served(client, series):
    draft = factories.sharing_session(series, start=timezone.now(), publish=False)
    assert client.get(f"/sessions/tools/{draft.slug}/").status_code == 404
