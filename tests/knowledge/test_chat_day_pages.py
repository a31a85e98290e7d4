"""A long chat day reads a page at a time; permalinks open the page that holds them."""

import pytest
from bs4 import BeautifulSoup

from knowledge.chats.days import DAY_PAGE_SIZE
from knowledge.models import ChatMessage
from knowledge.templatetags.chat_tags import chat_text
from tests.website.community_builder import CommunityBuilder

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_day():
    built = CommunityBuilder()
    built.add_messages(DAY_PAGE_SIZE + 5)
    return built


def message_ids(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [node["id"] for node in soup.select(".chat-log > li")]


def test_long_day_shows_a_page_of_messages_and_links_the_rest(client, long_day):
    first = client.get(long_day.chat_day_url())
    assert len(message_ids(first)) == DAY_PAGE_SIZE
    assert 'href="?page=2"' in first.content.decode()
    second = client.get(long_day.chat_day_url() + "?page=2")
    assert len(message_ids(second)) == 5
    assert not set(message_ids(first)) & set(message_ids(second))
    assert client.get(long_day.chat_day_url() + "?page=3").status_code == 404


def test_permalink_of_a_late_message_opens_its_page_highlighted(client, long_day):
    last = ChatMessage.objects.filter(archive=long_day.archive).order_by("seq").last()
    response = client.get(f"{long_day.chats.url}m/{last.pk}/", follow=True)
    soup = BeautifulSoup(response.content, "html.parser")
    highlighted = soup.select('.chat-log > li[aria-current="true"]')
    assert [node["id"] for node in highlighted] == [f"m-{last.pk}"]
    assert response.redirect_chain[-1][0].endswith(f"page=2&m={last.pk}#m-{last.pk}")


def test_chat_text_links_web_addresses_and_escapes_everything_else():
    assert chat_text("看 https://example.com/x 这里") == (
        '看 <a href="https://example.com/x" rel="nofollow ugc noopener">'
        "https://example.com/x</a> 这里"
    )
    assert chat_text("纯中文，没有链接。<b>") == "纯中文，没有链接。&lt;b&gt;"
    assert "<script" not in chat_text("<script>alert(1)</script> a.com")
