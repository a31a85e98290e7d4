"""RSS and Atom feeds of recaps, series and tags, read back with feedparser."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import feedparser
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from knowledge.models import KnowledgePostPage
from tests import factories

pytestmark = pytest.mark.django_db

FEEDS = [
    "/feeds/recaps/",
    "/feeds/series/tools/",
    "/feeds/tags/求职/",
]


def with_recap(session, text="要点"):
    session.recap = factories.recap_stream(text)
    session.save_revision().publish()
    return type(session).objects.get(pk=session.pk)


@pytest.fixture
def site():
    now = timezone.now()
    tools = factories.topic_series(title="工具实战", slug="tools")
    cases = factories.topic_series(title="案例拆解", slug="cases")
    speaker = factories.person(name="林晓")
    recapped = factories.sharing_session(
        tools, start=now - timedelta(days=7), title="排期方法", summary="一个月的排期"
    )
    recapped.speakers.create(person=speaker)
    recapped.tags.add("求职")
    recapped = with_recap(recapped)
    announced = factories.sharing_session(
        tools, start=now + timedelta(days=3), title="定价讨论"
    )
    announced.tags.add("求职")
    announced.save_revision().publish()
    elsewhere = with_recap(
        factories.sharing_session(
            cases, start=now - timedelta(days=2), title="新人流程"
        )
    )
    draft = factories.sharing_session(
        tools, start=now - timedelta(days=1), title="草稿分享", publish=False
    )
    draft.tags.add("求职")
    draft.recap = factories.recap_stream("未发布")
    draft.save_revision()
    private = with_recap(
        factories.sharing_session(
            tools, start=now - timedelta(days=4), title="内部复盘"
        )
    )
    private.tags.add("求职")
    private.save_revision().publish()
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return {"recapped": recapped, "announced": announced, "elsewhere": elsewhere}


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    return parsed


def titles(parsed):
    return [entry.title for entry in parsed.entries]


def test_every_feed_parses_with_absolute_links_to_live_pages(client, site):
    for url in FEEDS:
        for flavour, version in [("", "rss20"), ("atom/", "atom10")]:
            parsed = read(client, url + flavour)
            assert parsed.version == version
            assert parsed.entries, url
            assert urlsplit(parsed.feed.link).scheme == "http"
            for entry in parsed.entries:
                link = urlsplit(entry.link)
                assert (link.scheme, link.netloc) == ("http", "testserver")
                assert client.get(link.path).status_code == 200, entry.link
                assert entry.id and entry.published_parsed


def test_drafts_and_password_protected_sessions_never_appear(client, site):
    for url in FEEDS:
        for flavour in ("", "atom/"):
            shown = " ".join(titles(read(client, url + flavour)))
            assert "草稿分享" not in shown, url
            assert "内部复盘" not in shown, url


def test_recaps_feed_lists_only_published_recaps_latest_first(client, site):
    parsed = read(client, "/feeds/recaps/")
    assert titles(parsed) == ["回顾：新人流程", "回顾：排期方法"]
    (entry,) = [e for e in parsed.entries if e.title == "回顾：排期方法"]
    assert entry.author == "林晓"
    assert entry.summary == "一个月的排期"
    assert [tag.term for tag in entry.tags] == ["求职"]


def test_series_feed_has_its_announcements_and_recaps_only(client, site):
    parsed = read(client, "/feeds/series/tools/atom/")
    assert set(titles(parsed)) == {"定价讨论", "回顾：排期方法"}
    assert parsed.feed.title.endswith("工具实战")
    assert parsed.feed.link.endswith(site["recapped"].get_parent().url)


def test_tag_feed_has_only_tagged_sessions_and_member_posts(client, site):
    index = factories.knowledge_index()
    author = factories.member("writer", display_name="杭州-阿青")
    tagged = factories.add_child(
        index,
        KnowledgePostPage(title="面试笔记", body="<p>准备简历</p>", author=author),
    )
    tagged.tags.add("求职")
    tagged.save_revision().publish()
    factories.add_child(
        index, KnowledgePostPage(title="无关笔记", body="<p>别的</p>", author=author)
    )
    parsed = read(client, "/feeds/tags/求职/")
    assert set(titles(parsed)) == {"回顾：排期方法", "定价讨论", "面试笔记"}
    (post,) = [e for e in parsed.entries if e.title == "面试笔记"]
    assert post.author == "杭州-阿青"
    assert post.summary == "准备简历"
    assert all("求职" in [t.term for t in e.tags] for e in parsed.entries)


@pytest.mark.parametrize(
    "url", ["/feeds/tags/没有这个/", "/feeds/series/nope/atom/", "/feeds/tags/a%00b/"]
)
def test_unknown_series_or_tag_is_not_found(client, site, url):
    assert client.get(url).status_code == 404


def test_feed_drops_a_session_once_it_is_password_protected(client, site):
    assert "回顾：新人流程" in titles(read(client, "/feeds/recaps/"))
    PageViewRestriction.objects.create(
        page=site["elsewhere"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="x",
    )
    assert "回顾：新人流程" not in titles(read(client, "/feeds/recaps/"))


def test_feed_shows_a_new_recap_once_it_is_published(client, site):
    assert "回顾：定价讨论" not in titles(read(client, "/feeds/recaps/"))
    with_recap(site["announced"])
    assert titles(read(client, "/feeds/recaps/"))[0] == "回顾：定价讨论"


def test_feeds_speak_english_when_asked(client, site):
    assert titles(read(client, "/feeds/recaps/"))[0] == "回顾：新人流程"
    client.cookies["django_language"] = "en"
    parsed = read(client, "/feeds/recaps/")
    assert titles(parsed)[0] == "Recap: 新人流程"


def test_feed_queries_do_not_grow_with_the_number_of_entries(client, site):
    def queries_for(url):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            read(client, url)
        return len(captured)

    for url in FEEDS:  # warm the per-process caches (content types, sites)
        queries_for(url)
    before = {url: queries_for(url) for url in FEEDS}
    tools = site["recapped"].get_parent()
    for n in range(6):
        session = factories.sharing_session(
            tools, start=timezone.now() - timedelta(days=20 + n), title=f"旧分享{n}"
        )
        session.tags.add("求职")
        session.speakers.create(person=factories.person())
        with_recap(session)
    after = {url: queries_for(url) for url in FEEDS}
    assert after == before
    assert max(after.values()) <= 12


def alternates(client, url, params=None):
    html = client.get(url, params).content.decode()
    head = html.split("</head>")[0]
    return re.findall(
        r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)"', head
    )


def test_pages_name_their_feeds_in_the_head_for_readers_to_find(client, site):
    assert alternates(client, "/") == [
        ("application/rss+xml", "/feeds/recaps/"),
        ("application/atom+xml", "/feeds/recaps/atom/"),
    ]
    assert alternates(client, "/sessions/tools/") == [
        ("application/rss+xml", "/feeds/series/tools/"),
        ("application/atom+xml", "/feeds/series/tools/atom/"),
    ]
    index = factories.knowledge_index()
    assert alternates(client, index.url) == []
    tag_feed = "/feeds/tags/%E6%B1%82%E8%81%8C/"
    assert alternates(client, index.url, {"tag": "求职"}) == [
        ("application/rss+xml", tag_feed),
        ("application/atom+xml", tag_feed + "atom/"),
    ]
    for _type, href in alternates(client, index.url, {"tag": "求职"}):
        assert read(client, href).entries
