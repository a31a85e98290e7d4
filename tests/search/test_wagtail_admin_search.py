"""Wagtail's own admin search finds part of a Chinese title (search.wagtail_search)."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from search.text import tokens
from tests import factories


# The segmenting backend (search.wagtail_search) builds on modelsearch's SQLite
# backend; on PostgreSQL Wagtail's own backend is configured instead.
def _on_sqlite():
    from django.conf import settings

    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not _on_sqlite(), reason="segmented admin search is SQLite-only"
    ),
]

TITLE = "用表格公式替代重复整理"


@pytest.fixture
def page():
    return factories.topic_series(title=TITLE, slug="biaoge")


def two_character_words(title):
    return [t for t in tokens(title) if len(t) == 2]


def test_every_two_character_word_of_a_title_finds_the_page(page):
    for word in two_character_words(TITLE):
        assert page.pk in {p.pk for p in Page.objects.autocomplete(word)}, word
        assert page.pk in {p.pk for p in Page.objects.search(word)}, word


def test_traditional_and_full_width_queries_find_the_simplified_title(page):
    assert page.pk in {p.pk for p in Page.objects.search("表格公式")}
    assert page.pk in {p.pk for p in Page.objects.autocomplete("重複整理")}


def test_words_not_in_the_title_find_nothing(page):
    assert page.pk not in {p.pk for p in Page.objects.search("格式")}


def test_explorer_search_lists_the_page(admin_client, page):
    html = admin_client.get("/admin/pages/search/", {"q": "表格"}).content.decode()
    assert TITLE in html


def test_update_index_keeps_pages_findable(page):
    call_command("update_index", verbosity=0)
    assert page.pk in {p.pk for p in Page.objects.autocomplete("公式")}
