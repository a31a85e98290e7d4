"""Members search from the header with suggestions (keyboard and pointer), and
on a phone the first result shows on the first screen, filters behind a button."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from search.documents import SearchDocument
from search.engines.database import DatabaseEngine

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLES = [
    ("recap", "表格公式替代重复整理", "工具实战"),
    ("post", "表格公式替代重复整理！", ""),  # near-identical: one suggestion
    ("session", "表格模板分享会", "工具实战"),
    ("chat", "沉淀交流群 · 小林", ""),
    ("post", "用表格做社群积分榜", "案例拆解"),
    ("question", "表格怎么共享给新人？", ""),
]


@pytest.fixture
def indexed():
    engine = DatabaseEngine()
    start = datetime(2026, 3, 1, 12, tzinfo=UTC)
    for i, (kind, title, series) in enumerate(TITLES):
        doc = SearchDocument(
            key=f"ui{i}",
            origin=f"test:ui{i}",
            kind=kind,
            title=title,
            body=f"{title}。每周用表格整理一次群里的分享，省下很多时间。",
            url="/",
            date=start + timedelta(days=i),
            series={"工具实战": "tools", "案例拆解": "cases"}.get(series, ""),
            series_title=series,
            tags=["工具", "运营"][: i % 3],
            people=["小林"] if kind == "chat" else [],
        )
        engine.replace_origin(doc.origin, [doc])


@pytest.mark.parametrize("tab", ["page", "phone"])
def test_header_suggestions_work_with_the_keyboard(live_server, indexed, tab, request):
    page = request.getfixturevalue(tab)
    page.goto(live_server.url + "/")
    box = page.locator("#site-search-q")
    box.click()
    box.press_sequentially("表格")
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    texts = options.all_inner_texts()
    # The two near-identical titles are one suggestion.
    assert len([t for t in texts if t.startswith("表格公式替代重复整理")]) == 1
    page.screenshot(path=f"test-artifacts/search-suggest-{tab}.png")

    box.press("ArrowDown")
    box.press("ArrowDown")
    second = options.nth(1)
    expect(second).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    assert box.input_value() == "表格"  # Escape closes, keeps what was typed

    box.press("Backspace")
    box.press_sequentially("格")
    expect(listbox).to_be_visible()
    box.press("ArrowDown")
    chosen = options.first.inner_text()
    with page.expect_navigation():
        box.press("Enter")
    assert page.locator("#search-q").input_value() == chosen
    expect(page.locator(".results")).to_contain_text(chosen.rstrip("！"))


def test_phone_shows_the_first_result_on_the_first_screen(live_server, indexed, phone):
    phone.goto(live_server.url + "/search/?q=表格")
    first = phone.locator(".results .result").first
    box = first.bounding_box()
    assert box["y"] + box["height"] <= 844, box  # whole first result, no scrolling
    facets = phone.locator(".facets")
    expect(facets).to_be_hidden()
    phone.screenshot(path="test-artifacts/search-phone.png")
    phone.locator(".search-filters__toggle").click()
    expect(facets).to_be_visible()
    phone.screenshot(path="test-artifacts/search-phone-filters.png")
    expect(facets.get_by_role("link", name="回顾")).to_be_visible()

    # A chat result says who said it and on which (local) day.
    chat = phone.locator(".result--chat").first
    expect(chat.locator(".result__sender")).to_have_text("小林")
    expect(chat.locator(".result__day")).to_have_text("2026-03-04")


def test_desktop_shows_filters_beside_results_and_picks_with_the_pointer(
    live_server, indexed, page
):
    page.goto(live_server.url + "/search/?q=表格")
    facets = page.locator(".facets")
    expect(facets).to_be_visible()
    assert not page.locator(".search-filters__toggle").is_visible()
    results = page.locator(".results").bounding_box()
    assert facets.bounding_box()["x"] < results["x"]  # beside, on the left
    page.screenshot(path="test-artifacts/search-desktop.png")

    box = page.locator("#search-q")
    box.fill("")
    box.press_sequentially("积分")
    option = page.get_by_role("option", name="用表格做社群积分榜")
    with page.expect_navigation():
        option.click()
    assert page.locator("#search-q").input_value() == "用表格做社群积分榜"
    assert "用表格做社群积分榜" in page.locator(".results").inner_text()
