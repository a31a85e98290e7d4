"""Imported chat is attached to the session it belongs to, and the session page
links exactly that part of the chat."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from knowledge.chats.services import chat_import
from knowledge.models import ChatArchive, ChatArchiveIndexPage, ChatMessage
from tests import factories

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Two evenings of one group: session one Tue 20:00–21:30, session two Thu 20:00–21:30
# (warm-up two hours before by default; the window ends an hour after the end).
CHAT = """time,sender,text
2026-03-03 12:00:00,阿青,中午好，今晚有分享吗
2026-03-03 18:30:00,阿青,今晚八点见，先看预习材料
2026-03-03 20:05:00,小林,第一个问题：打卡表怎么合并？
2026-03-03 22:10:00,老周,补充一个公式链接
2026-03-03 23:00:00,阿青,晚安
2026-03-05 19:50:00,小林,第二期要开始了
2026-03-05 20:40:00,老周,透视表刷新后记得检查筛选
"""

LATER_EXPORT = CHAT + "2026-03-05 21:45:00,阿青,今天的回顾明天发\n"


def local(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture
def two_sessions():
    series = factories.topic_series(title="表格实战", slug="sheets")
    first = factories.sharing_session(series, start=local(3, 20), title="第一期")
    second = factories.sharing_session(series, start=local(5, 20), title="第二期")
    return first, second


def import_csv(text, **options):
    return chat_import(
        file=io.BytesIO(text.encode()), filename="群聊.csv", format="csv", **options
    )


def attached(text):
    return ChatMessage.objects.get(text=text).session


def test_an_import_spanning_two_sessions_attaches_each_message_to_its_own(
    two_sessions,
):
    first, second = two_sessions
    import_csv(CHAT)
    assert attached("中午好，今晚有分享吗") is None  # before the warm-up
    assert attached("今晚八点见，先看预习材料") == first  # warm-up
    assert attached("第一个问题：打卡表怎么合并？") == first  # live share
    assert attached("补充一个公式链接") == first  # within the hour after
    assert attached("晚安") is None  # later than that
    assert attached("第二期要开始了") == second
    assert attached("透视表刷新后记得检查筛选") == second


def test_reimporting_keeps_links_an_editor_made_and_links_new_messages(two_sessions):
    first, second = two_sessions
    import_csv(CHAT)
    ChatMessage.objects.filter(text="晚安").update(session=first)  # an editor's choice
    ChatMessage.objects.filter(text="第二期要开始了").update(session=first)

    import_csv(LATER_EXPORT)

    assert ChatArchive.objects.count() == 1
    assert attached("晚安") == first
    assert attached("第二期要开始了") == first  # not moved back
    assert attached("今天的回顾明天发") == second


def test_an_import_for_a_given_session_attaches_all_its_new_messages(two_sessions):
    first, _second = two_sessions
    import_csv(CHAT, session=first)
    assert set(ChatMessage.objects.values_list("session", flat=True)) == {first.pk}


def test_the_session_page_links_exactly_its_part_of_the_chat(client, two_sessions):
    first, second = two_sessions
    factories.add_child(
        factories.home_page(), ChatArchiveIndexPage(title="群聊记录", slug="chats")
    )
    import_csv(CHAT)
    page = BeautifulSoup(client.get(first.url).content, "html.parser")
    link = page.select_one(".chat-archive-links a")
    assert "3 条" in link.get_text()
    chat = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    texts = [t.get_text(strip=True) for t in chat.select(".chat-message__text")]
    assert texts == [
        "今晚八点见，先看预习材料",
        "第一个问题：打卡表怎么合并？",
        "补充一个公式链接",
    ]


def test_editors_see_unattached_days_and_attach_one(client, two_sessions):
    first, second = two_sessions
    import_csv(CHAT)
    client.force_login(factories.admin())
    report = BeautifulSoup(client.get("/admin/chat-days/").content, "html.parser")
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in report.select("tbody tr")
    ]
    assert [row[:3] for row in rows] == [["2026-03-03", "群聊", "2"]]
    attach_url = report.select_one("tbody tr a")["href"]
    response = client.post(attach_url, {"session": first.pk})
    assert response.status_code == 302
    assert attached("中午好，今晚有分享吗") == first
    assert attached("晚安") == first
    report = BeautifulSoup(client.get("/admin/chat-days/").content, "html.parser")
    assert report.select("tbody tr") == []
