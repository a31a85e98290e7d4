"""A visitor arriving from the group chat finds the live share and a recap."""

import pytest
from django.core.management import call_command

# The live server runs in another thread, so the data must be committed;
# serialized_rollback restores the migrated home page and site afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_follows_home_page_links_to_a_live_and_an_archived_session(
    live_server, page
):
    call_command("load_demo")

    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "沉淀学习社"

    # The live session leads the "coming up" list with its badge.
    live_card = (
        page.locator("#upcoming-title + ul .card").filter(has_text="正在直播").first
    )
    live_title = live_card.locator(".card__title a").inner_text()
    live_card.locator(".card__title a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == live_title
    assert page.locator(".session__stage .badge").inner_text() == "正在直播"
    join = page.get_by_role("link", name="进入直播")
    assert join.is_visible()
    assert join.get_attribute("href").startswith("https://")
    assert page.locator("#live-notes").is_visible()

    page.go_back()
    recap_card = page.locator("#recaps-title + ul .card").first
    recap_title = recap_card.locator(".card__title a").inner_text()
    recap_card.locator(".card__title a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == recap_title
    assert page.locator(".session__stage .badge").inner_text() == "回顾已发布"
    recap = page.locator("#recap")
    assert recap.is_visible()
    # The recap comes first, above the announcement it grew from.
    headings = page.locator("section.stage-section h2").all_inner_texts()
    assert headings[0] == "回顾"
    assert "预告" in headings[1:]


def test_visitor_switches_the_interface_to_english(live_server, page):
    page.goto(live_server.url + "/")
    with page.expect_navigation():
        page.get_by_label("语言").select_option("en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Coming up").is_visible()
