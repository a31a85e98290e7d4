"""Reading archives: index, days, permalinks, privacy, escaping, session links."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from knowledge.models import ChatArchive, ChatArchiveIndexPage, ChatMessage
from tests import factories

from .chat_support import import_fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def chats_page():
    return factories.add_child(
        factories.home_page(), ChatArchiveIndexPage(title="群聊存档", slug="chats")
    )


@pytest.fixture
def archive(chats_page):
    archive = import_fixture("qq_basic.txt", privacy="as-exported").archives[0]
    return archive


def test_index_lists_archives_and_archive_lists_days(client, archive):
    page = client.get("/chats/").content.decode()
    assert "开源咖啡馆交流群" in page
    assert f'href="/chats/{archive.pk}/"' in page
    days = client.get(f"/chats/{archive.pk}/").content.decode()
    assert f'href="/chats/{archive.pk}/2023-03-05/"' in days


def test_day_page_shows_messages_placeholders_and_escapes(client, archive):
    html = client.get(f"/chats/{archive.pk}/2023-03-05/").content.decode()
    assert "下午两点，腾讯会议<br>链接晚点发群公告" in html
    assert "chat-message--system" in html and "小雨加入本群。" in html
    assert "chat-placeholder" in html
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html
    assert (
        'rel="nofollow ugc noopener"' in html
        and 'href="http://example.com/slides"' in html
    )
    assert "2850012345" not in html


def test_message_permalink_opens_its_day_highlighted(client, archive):
    message = archive.messages.get(text__startswith="<script>")
    response = client.get(f"/chats/m/{message.pk}/")
    assert response.status_code == 302
    assert response["Location"] == (
        f"/chats/{archive.pk}/2023-03-05/?m={message.pk}#m-{message.pk}"
    )
    html = client.get(response["Location"]).content.decode()
    assert (
        f'id="m-{message.pk}" class="chat-message chat-message--text chat-message--highlighted"'
        in html
    )
    assert message.get_absolute_url() == f"/chats/m/{message.pk}/"


@pytest.mark.parametrize(
    ("privacy", "shown", "hidden"),
    [
        ("as-exported", "山间小林", None),
        ("initials", "山某", "山间小林"),
        ("pseudonymised", None, "山间小林"),
    ],
)
def test_senders_follow_the_privacy_mode(client, archive, privacy, shown, hidden):
    ChatArchive.objects.filter(pk=archive.pk).update(privacy=privacy)
    html = client.get(f"/chats/{archive.pk}/2023-03-05/").content.decode()
    if shown:
        assert f'class="chat-message__sender">{shown}<' in html
    if hidden:
        assert f">{hidden}<" not in html
    if privacy == "pseudonymised":
        # Short letters in order of first message, the same on every line.
        assert re.search(r'class="chat-message__sender">成员 [A-Z]{1,2}<', html)
        key = ChatMessage.objects.filter(sender_name="山间小林").first().sender_key
        assert key[:4].upper() not in html


def test_pseudonyms_are_letters_in_order_of_first_message(archive):
    codes = archive.pseudonym_codes()
    first_senders = list(
        dict.fromkeys(
            archive.messages.exclude(kind="system")
            .order_by("seq")
            .values_list("sender_key", flat=True)
        )
    )
    assert [codes[key] for key in first_senders][:3] == ["A", "B", "C"][
        : len(first_senders)
    ]


def test_session_page_links_to_the_chat_imported_for_it(client, chats_page):
    session = factories.sharing_session(
        start=datetime(2023, 3, 5, 6, 0, tzinfo=UTC), live_notes="<p>笔记</p>"
    )
    archives = import_fixture("qq_basic.txt", session=session).archives
    html = client.get(session.url).content.decode()
    assert f'href="/chats/session/{session.pk}/"' in html
    chat = client.get(f"/chats/session/{session.pk}/").content.decode()
    imported = sum(archive.message_count for archive in archives)
    assert chat.count('class="chat-message ') == imported


def test_a_one_day_archive_shows_one_date_not_a_range(client, archive):
    from datetime import timedelta

    day = archive.first_message_at
    ChatArchive.objects.filter(pk=archive.pk).update(
        last_message_at=day + timedelta(minutes=5)
    )
    html = client.get("/chats/").content.decode()
    shown = timezone.localtime(day).strftime("%Y-%m-%d")
    assert shown in html
    assert f"{shown} – {shown}" not in html
