"""The home page, link previews, language, sitemap and robots.txt."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from knowledge.models import KnowledgeIndexPage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    index = factories.series_index(show_in_menus=True)
    series = factories.topic_series(index, title="案例拆解", slug="cases")
    upcoming = factories.sharing_session(
        series,
        start=timezone.now() + timedelta(days=2),
        title="新人欢迎流程",
        slug="welcome",
    )
    past = factories.sharing_session(
        series,
        start=timezone.now() - timedelta(days=9),
        title="裂变活动复盘",
        slug="referral",
        recap=factories.recap_stream("留存比拉新重要"),
        summary="一次邀请有礼活动的复盘",
    )
    draft = factories.sharing_session(
        series,
        start=timezone.now() + timedelta(days=1),
        title="草稿分享",
        publish=False,
    )
    return {"series": series, "upcoming": upcoming, "past": past, "draft": draft}


def test_home_lists_next_sessions_latest_recaps_and_series(client, community):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    coming = soup.find(id="upcoming-title").find_parent("section").get_text()
    recaps = soup.find(id="recaps-title").find_parent("section").get_text()
    series = soup.find(id="series-title").find_parent("section").get_text()
    assert "新人欢迎流程" in coming and "裂变活动复盘" not in coming
    assert "裂变活动复盘" in recaps
    assert "案例拆解" in series
    assert "草稿分享" not in soup.get_text()


def test_series_page_separates_upcoming_and_past_with_badges(client, community):
    soup = BeautifulSoup(client.get(community["series"].url).content, "html.parser")
    upcoming = soup.find(id="upcoming-title").find_parent("section")
    past = soup.find(id="past-title").find_parent("section")
    assert upcoming.select_one(".badge").get_text(strip=True) == "问题征集中"
    assert past.select_one(".badge").get_text(strip=True) == "回顾已发布"
    assert "裂变活动复盘" in past.get_text()


def test_series_host_label_is_punctuated_for_the_language_being_read(client):
    host = factories.person(name="孙悦")
    series = factories.topic_series(
        factories.series_index(show_in_menus=True), slug="tools", host=host
    )
    for language, expected in (("zh-hans", "主持：孙悦"), ("en", "Host: 孙悦")):
        client.post("/i18n/setlang/", {"language": language, "next": "/"})
        for url in ("/", series.url):
            soup = BeautifulSoup(client.get(url).content, "html.parser")
            metas = [p.get_text(strip=True) for p in soup.select("p.meta")]
            assert any(expected in meta for meta in metas), (language, url, metas)


def test_session_link_preview_has_title_description_and_absolute_image(
    client, community
):
    soup = BeautifulSoup(client.get(community["past"].url).content, "html.parser")

    def og(name):
        return soup.find("meta", property=f"og:{name}")["content"]

    assert og("title") == "裂变活动复盘"
    assert og("description") == "一次邀请有礼活动的复盘"
    assert og("image").startswith("http://testserver/")
    assert og("url") == community["past"].full_url


def test_interface_is_chinese_by_default_whatever_the_browser_asks(client, community):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="zh-hans">' in response.content.decode()
    assert "即将开始" in response.content.decode()


def test_visitor_can_switch_to_english_and_back(client, community):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/"}, follow=True
    )
    assert "Coming up" in response.content.decode()
    response = client.post(
        "/i18n/setlang/", {"language": "zh-hans", "next": "/"}, follow=True
    )
    assert "即将开始" in response.content.decode()


def test_language_switcher_names_each_language_in_that_language(client, community):
    # An English speaker on the Chinese page must find "English", not 英语.
    for language in ("zh-hans", "en"):
        client.post("/i18n/setlang/", {"language": language, "next": "/"})
        soup = BeautifulSoup(client.get("/").content, "html.parser")
        options = soup.select("#language-select option")
        assert [o.get_text() for o in options] == ["简体中文", "English"]
        assert soup.select_one("#language-select option[selected]")["value"] == language


def test_menu_lists_top_level_pages_marked_for_menus(client, community):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert [a.get_text() for a in soup.select(".site-nav a")] == ["分享会"]


def test_menu_marks_only_the_section_being_read(client, community):
    factories.add_child(
        factories.home_page(),
        KnowledgeIndexPage(title="干货", slug="knowledge", show_in_menus=True),
    )
    soup = BeautifulSoup(client.get(community["upcoming"].url).content, "html.parser")
    assert [a.get_text() for a in soup.select(".site-nav a[aria-current]")] == [
        "分享会"
    ]


def test_sitemap_lists_published_pages_only(client, community):
    body = client.get("/sitemap.xml").content.decode()
    assert community["past"].full_url in body
    assert community["upcoming"].full_url in body
    assert "草稿分享" not in body and community["draft"].slug not in body


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_unknown_page_gets_a_friendly_404(client, community):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_admin_speaks_chinese(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans"' in html
    assert "控制面板" in html and "网站摘要" in html


def test_a_search_that_finds_nothing_offers_the_sections_to_browse(client, community):
    soup = BeautifulSoup(
        client.get("/search/", {"q": "完全不存在的词"}).content, "html.parser"
    )
    empty = soup.select_one(".empty")
    assert "完全不存在的词" in empty.get_text()
    assert [(a.get_text(), a["href"]) for a in empty.select("a")] == [
        ("分享会", "/sessions/")
    ]


def admin_links(client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    return soup.select('.site-footer a[href="/admin/"]')


def test_footer_offers_the_admin_only_to_those_who_may_enter_it(client, community):
    assert admin_links(client)  # a logged-out editor finds the way in
    client.force_login(factories.member())
    assert not admin_links(client)
    client.force_login(factories.moderator())
    assert admin_links(client)
