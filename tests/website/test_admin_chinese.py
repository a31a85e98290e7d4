"""The zh-hans admin speaks Chinese on the screens editors use, and calls no other host."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

# English that was left on these screens (Wagtail's zh_Hans catalog lacks it).
LEFTOVER_ENGLISH = [
    "Pages",
    "Search all pages",
    "Privacy and access",
    "Date updated",
    "Page type",
    "New:",
    "There are no",
    "Wagtail upgrade available",
    "Anyone can edit",
]


def visible_text(html: bytes) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template", "noscript"]):
        hidden.decompose()
    attributes = [
        value
        for element in soup.find_all(True)
        for name, value in element.attrs.items()
        if name in ("placeholder", "aria-label", "title")
    ]
    return " ".join(list(soup.stripped_strings) + [str(a) for a in attributes])


@pytest.fixture
def admin_client(client):
    series = factories.topic_series(title="工具实战")
    for day in range(1, 10):
        factories.sharing_session(series, start=timezone.now() + timedelta(days=day))
    client.force_login(factories.admin())
    client.cookies["django_language"] = "zh-hans"
    client.series = series
    return client


def test_zh_hans_admin_dashboard_listings_and_editor_have_no_leftover_english(
    admin_client,
):
    series = admin_client.series
    session = series.get_children().first()
    urls = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{series.pk}/",
        f"/admin/pages/{session.pk}/edit/",
        "/admin/pages/search/?q=分享",
        "/admin/snippets/community_sessions/person/",
        "/admin/snippets/community_sessions/person/add/",
    ]
    for url in urls:
        response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200, url
        text = visible_text(response.content)
        for english in LEFTOVER_ENGLISH:
            assert english not in text, (url, english)
        assert not re.search(r"\d+-\d+ of \d+", text), url


def test_admin_pages_load_no_avatar_or_release_feed_from_another_host(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
    assert "releases.wagtail.io" not in html and "data-w-upgrade" not in html


def test_pages_name_a_favicon_and_favicon_ico_leads_to_it(client):
    from tests import factories as f

    f.home_page()
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith(".svg")


def test_our_admin_views_each_have_one_h1(admin_client):
    from django.urls import reverse

    urls = [
        reverse("chat_imports:add"),
        reverse("knowledge_chat_remove_sender"),
        reverse("community_sessions_today"),
        reverse("community_sessions_plan", args=[admin_client.series.pk]),
        reverse("search_unanswered"),
    ]
    for url in urls:
        soup = BeautifulSoup(admin_client.get(url).content, "html.parser")
        headings = [h for h in soup.find_all("h1") if h.get_text(strip=True)]
        assert len(headings) == 1, url
