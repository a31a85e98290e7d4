"""What readers and editors see of a digest: the page, its index, search,
the feeds, the paste-ready text and the poster."""

import io

import feedparser
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from knowledge.digest.services import digest_build
from knowledge.digest.text import TEXT_LIMIT, digest_text
from knowledge.digest.weeks import IsoWeek
from knowledge.models import DigestPage, KnowledgePostPage
from search.indexing import drain
from tests import factories

from .digest_support import WEEK, add_items, digest_index, fixture_week

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    """The fixture week's digest, built and published."""
    week = fixture_week()
    page = digest_build(week=WEEK).page
    page.get_latest_revision().publish()
    return week, DigestPage.objects.get(pk=page.pk)


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_digest_page_links_every_item_and_hides_what_was_unpublished_since(
    client, published
):
    week, page = published
    post = KnowledgePostPage.objects.get(title=week.shown["posts"][0])
    post.unpublish()

    html = soup(client.get(page.url))

    links = {a.get_text(): a["href"] for a in html.select(".digest-section a")}
    for kind, titles in week.shown.items():
        for title in titles:
            if kind != "posts":
                assert links[title]
    assert week.shown["posts"][0] not in links
    assert not html.select(".digest-section--posts")  # its only item is gone
    assert client.get(links[week.shown["answers"][0]].split("#")[0]).status_code == 200


def test_the_index_lists_published_digests_newest_first_and_not_drafts(client):
    index = digest_index()
    for number in (8, 9, 10):
        factories.add_child(
            index,
            DigestPage(
                title=f"第{number}周", slug=f"w{number}", week=f"2026-W{number:02d}"
            ),
        )
    factories.add_child(
        index, DigestPage(title="草稿周", slug="w11", week="2026-W11"), publish=False
    )

    html = soup(client.get(index.url))

    assert [a.get_text() for a in html.select(".digest-list h2 a")] == [
        "第10周",
        "第9周",
        "第8周",
    ]
    feeds = {link["type"]: link["href"] for link in html.select("link[rel=alternate]")}
    assert set(feeds) == {"application/rss+xml", "application/atom+xml"}


def test_the_index_pages_through_digests_twelve_at_a_time(client):
    index = digest_index()
    for number in range(1, 15):
        factories.add_child(
            index,
            DigestPage(
                title=f"第{number}周", slug=f"w{number}", week=f"2026-W{number:02d}"
            ),
        )

    first = soup(client.get(index.url))
    second = soup(client.get(index.url, {"page": 2}))

    assert len(first.select(".digest-list h2 a")) == 12
    assert [a.get_text() for a in second.select(".digest-list h2 a")] == [
        "第2周",
        "第1周",
    ]


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_the_feeds_parse_list_live_digests_only_and_every_link_opens(client, feed):
    index = digest_index()
    live = factories.add_child(
        index, DigestPage(title="第10周沉淀", slug="w10", week="2026-W10")
    )
    factories.add_child(
        index,
        DigestPage(title="第11周草稿", slug="w11", week="2026-W11"),
        publish=False,
    )

    response = client.get(f"{index.url}feed/{feed}/")
    parsed = feedparser.parse(response.content)

    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [entry.title for entry in parsed.entries] == ["第10周沉淀"]
    for entry in parsed.entries:
        assert entry.link.startswith("http://testserver/")
        assert client.get(entry.link).status_code == 200
    assert parsed.entries[0].link.endswith(live.url)


def test_search_finds_a_published_digest_and_not_a_draft(client):
    index = digest_index()
    factories.add_child(
        index,
        DigestPage(
            title="第10周沉淀",
            slug="w10",
            week="2026-W10",
            intro="<p>本周聊了裂变活动复盘</p>",
        ),
    )
    factories.add_child(
        index,
        DigestPage(
            title="第11周草稿",
            slug="w11",
            week="2026-W11",
            intro="<p>裂变活动草稿内容</p>",
        ),
        publish=False,
    )

    drain()  # what commit would do (the test's transaction never commits)
    html = soup(client.get("/search/", {"q": "裂变活动"}))

    titles = [a.get_text(strip=True) for a in html.select("ol.results > li h2 a")]
    assert titles == ["第10周沉淀"]


def test_the_paste_text_of_a_busy_week_fits_500_characters_with_the_link():
    week = fixture_week(busy=2)
    add_items(week, 28)
    page = digest_build(week=WEEK).page
    link = "https://chendian.example.org/digest/2026-w10/"

    text = digest_text(page=page.get_latest_revision_as_object(), link=link)

    assert len(text) <= TEXT_LIMIT
    assert text.endswith(link)
    assert "…还有" in text
    for heading in ["新回顾", "已回答的问题", "本周热门问题", "成员新投稿", "下周分享"]:
        assert heading in text


def test_the_paste_text_of_a_quiet_week_lists_everything_untruncated(published):
    week, page = published

    text = digest_text(page=page, link="https://x.example/d/")

    for titles in week.shown.values():
        for title in titles:
            assert title in text
    assert "还有" not in text


def test_editors_see_the_paste_text_on_the_page_and_visitors_do_not(client, published):
    _week, page = published

    assert not soup(client.get(page.url)).select("[data-message-text]")
    client.force_login(factories.editor())
    box = soup(client.get(page.url)).select_one("[data-message-text]")

    assert box.get_text().endswith(f"http://testserver{page.url}")


def test_the_admin_edit_view_shows_the_draft_text_and_a_poster_link(client, published):
    _week, page = published
    client.force_login(factories.admin())

    html = soup(client.get(f"/admin/pages/{page.pk}/edit/"))

    panel = html.select_one("[data-digest-paste]")
    assert "全文：" in panel.select_one("textarea").get_text()
    assert panel.select_one("a[download]")["href"] == f"/digest/poster/{page.pk}.png"


def test_the_poster_is_a_png_whose_qr_code_opens_the_digest(client, published):
    _week, page = published

    response = client.get(f"/digest/poster/{page.pk}.png")

    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    codes = zxingcpp.read_barcodes(image)
    assert [code.text for code in codes] == [page.full_url]


def test_a_draft_digest_has_no_poster_for_visitors(client):
    fixture_week()
    page = digest_build(week=WEEK).page

    assert client.get(f"/digest/poster/{page.pk}.png").status_code == 404
    client.force_login(factories.editor())
    assert client.get(f"/digest/poster/{page.pk}.png").status_code == 200


def test_the_digest_page_renders_in_the_same_queries_however_many_items(client):
    week = fixture_week(busy=1)
    quiet = digest_build(week=WEEK).page
    quiet.get_latest_revision().publish()
    client.get(quiet.url)  # warm the caches
    with CaptureQueriesContext(connection) as few:
        client.get(quiet.url)
    add_items(week, 5)
    busy = digest_build(week=IsoWeek(2026, 10)).page
    busy.get_latest_revision().publish()
    client.get(busy.url)

    with CaptureQueriesContext(connection) as many:
        response = client.get(busy.url)

    assert len(soup(response).select(".digest-section li")) > 6 * 3
    assert len(many) == len(few)
