"""A search followed in a feed reader: ``/search/feed/?q=…`` (RSS and Atom)."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions():
    now = timezone.now()
    series = factories.topic_series(title="工具实战", slug="tools")
    for days, title in [
        (9, "社群裂变复盘"),
        (3, "裂变海报怎么做"),
        (5, "新人欢迎流程"),
    ]:
        session = factories.sharing_session(
            series, start=now - timedelta(days=days), title=title, summary=title
        )
        session.tags.add("运营")
        session.save_revision().publish()
    factories.sharing_session(
        series, start=now - timedelta(days=1), title="裂变草稿", publish=False
    )


def read(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize(
    ("url", "version"), [("/search/feed/", "rss20"), ("/search/feed/atom/", "atom10")]
)
def test_search_feed_lists_the_newest_matches_with_live_absolute_links(
    client, sessions, url, version
):
    parsed = read(client, url, {"q": "裂变"})
    assert parsed.version == version
    assert [e.title for e in parsed.entries] == ["裂变海报怎么做", "社群裂变复盘"]
    assert "裂变" in parsed.feed.title
    for entry in parsed.entries:
        link = urlsplit(entry.link)
        assert (link.scheme, link.netloc) == ("http", "testserver")
        assert client.get(link.path).status_code == 200
        assert "<mark>" not in entry.summary


def test_search_feed_keeps_the_filters_of_the_search(client, sessions):
    parsed = read(client, "/search/feed/", {"q": "流程", "tag": "运营"})
    assert [e.title for e in parsed.entries] == ["新人欢迎流程"]
    assert parse_qs(urlsplit(parsed.feed.link).query) == {
        "q": ["流程"],
        "tag": ["运营"],
    }
    assert read(client, "/search/feed/", {"q": "流程", "tag": "求职"}).entries == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "裂变", "year": "30000"}, "年份"),
        ({"q": "裂变", "kind": "nonsense"}, "nonsense"),
        ({}, "q"),
    ],
)
def test_bad_search_feed_parameters_get_a_400_that_says_why(
    client, sessions, params, message
):
    response = client.get("/search/feed/", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_results_page_links_the_feed_of_its_own_search(client, sessions):
    html = client.get("/search/", {"q": "裂变", "sort": "date", "page": "1"}).content
    html = html.decode()
    # The same parameters as the page, except the page number.
    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="搜索“裂变”（最新在前） · RSS" '
        'href="/search/feed/?q=%E8%A3%82%E5%8F%98&amp;sort=date">'
    ) in html
    assert 'type="application/atom+xml"' in html
    assert "订阅这个搜索（RSS）" in html
    empty = client.get("/search/").content.decode()
    assert "application/rss+xml" not in empty
