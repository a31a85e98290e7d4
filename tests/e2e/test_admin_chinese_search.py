"""An editor finds a page in Wagtail's admin by any two-character word of its
Chinese title: in the page explorer and in a page chooser."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from search.text import tokens
from tests import factories

# The segmenting backend (search.wagtail_search) builds on modelsearch's SQLite
# backend; on PostgreSQL Wagtail's own backend is configured instead.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
        reason="segmented admin search is SQLite-only",
    ),
]

TITLE = "用表格公式替代重复整理"
WORDS = [t for t in tokens(TITLE) if len(t) == 2]


@pytest.fixture
def editor_page(live_server, page):
    get_user_model().objects.create_superuser("editor", "e@example.com", "find-123")
    factories.topic_series(title=TITLE, slug="biaoge")
    factories.topic_series(title="社群冷启动复盘", slug="other")
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "find-123")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")
    return page


def test_explorer_search_finds_the_page_by_every_two_character_word(
    live_server, editor_page
):
    page = editor_page
    index = factories.series_index()
    page.goto(f"{live_server.url}/admin/pages/{index.pk}/")
    box = page.locator("#id_q")
    box.fill("表格")
    # The listing is replaced in place as the editor types.
    expect(page.locator("table.listing")).not_to_contain_text("社群冷启动复盘")
    expect(page.locator("table.listing")).to_contain_text(TITLE)
    for word in WORDS:
        page.goto(f"{live_server.url}/admin/pages/{index.pk}/?q={word}")
        listing = page.locator("table.listing")
        assert TITLE in listing.inner_text(), word


def test_page_chooser_finds_the_page_by_a_two_character_word(live_server, editor_page):
    page = editor_page
    page.goto(live_server.url + "/admin/searchpicks/add/")
    page.get_by_role("button", name="Add a recommended result").click()
    page.locator("[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal-content")
    modal.locator("#id_q").fill("公式")
    result = modal.get_by_role("link", name=TITLE)
    result.wait_for()
    assert "社群冷启动复盘" not in modal.locator(".listing").inner_text()
