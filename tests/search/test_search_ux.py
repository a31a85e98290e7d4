"""What members see of search: chat results with sender and day, the operators
the help explains, merged suggestions, and the page and the API agreeing."""

from datetime import UTC, datetime

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.documents import SearchDocument
from search.engines.database import DatabaseEngine
from search.query import parse_query
from search.suggestions import suggestions_merged

pytestmark = pytest.mark.django_db


def document(key, kind, title, **fields):
    fields.setdefault("body", title)
    return SearchDocument(
        key=key, origin=f"test:{key}", kind=kind, title=title, url=f"/{key}/", **fields
    )


@pytest.fixture
def indexed():
    engine = DatabaseEngine()
    documents = [
        document(
            "chat1",
            "chat",
            "沉淀交流群 · 小林",
            body="周二晚上的直播复盘我来整理",
            people=["小林"],
            # 23:30 on the 14th in UTC is already the 15th in Shanghai.
            date=datetime(2026, 3, 14, 23, 30, tzinfo=UTC),
        ),
        document("live1", "session", "直播复盘：社群冷启动", stage="live"),
        document("old1", "session", "直播复盘：新人欢迎", stage="archived"),
        document("q1", "question", "直播复盘怎么准备？", stage="answered"),
        document("q2", "question", "直播复盘要多久？", stage="approved"),
        document("tagged", "post", "一篇运营笔记", tags=["运营"]),
    ]
    for doc in documents:
        engine.replace_origin(doc.origin, [doc])
    return documents


def titles(data):
    return {r["title"] for r in data["results"]}


def test_chat_result_shows_sender_and_local_day(client, indexed):
    html = client.get("/search/", {"q": "整理"}).content.decode()
    assert '<span class="result__sender">小林</span>' in html
    assert '<time class="result__day" datetime="2026-03-15">2026-03-15</time>' in html
    (hit,) = client.get("/search/api/", {"q": "整理"}).json()["results"]
    assert hit["people"] == ["小林"] and hit["day"] == "2026-03-15"


def test_stage_operator_keeps_sessions_in_that_stage(client, indexed):
    data = client.get("/search/api/", {"q": "直播复盘 stage:live"}).json()
    assert titles(data) == {"直播复盘：社群冷启动"}


def test_is_answered_keeps_only_answered_questions(client, indexed):
    data = client.get("/search/api/", {"q": "直播复盘 is:answered"}).json()
    assert titles(data) == {"直播复盘怎么准备？"}


def test_kind_operator_alone_lists_that_kind(client, indexed):
    data = client.get("/search/api/", {"q": "kind:question"}).json()
    assert titles(data) == {"直播复盘怎么准备？", "直播复盘要多久？"}


def test_operators_are_parsed_and_unknown_is_values_reported():
    parsed = parse_query("复盘 stage:LIVE is:answered kind:recap is:maybe")
    assert parsed.terms == ["复盘"]
    assert parsed.stages == ["live"] and parsed.answered
    assert parsed.kinds == ["recap"]
    assert parsed.errors == ["is:maybe"]


def test_help_explains_the_operators(client):
    html = client.get("/search/").content.decode()
    for operator in ("is:answered", "kind:recap", "stage:live"):
        assert f"<code>{operator}</code>" in html
    assert "只看嘉宾已回答的问题" in html


def test_tag_only_search_gives_the_same_results_on_page_and_api(client, indexed):
    data = client.get("/search/api/", {"tag": "运营"}).json()
    assert titles(data) == {"一篇运营笔记"}
    html = client.get("/search/", {"tag": "运营"}).content.decode()
    assert "一篇运营笔记" in html


def test_promoted_results_appear_in_the_api_too(client, indexed):
    SearchPromotion.objects.create(
        query=Query.get("入门"),
        external_link_url="https://docs.wagtail.org/",
        external_link_text="Wagtail 文档",
        description="从这里开始",
    )
    data = client.get("/search/api/", {"q": "入门"}).json()
    assert data["promoted"] == [
        {
            "title": "Wagtail 文档",
            "url": "https://docs.wagtail.org/",
            "description": "从这里开始",
        }
    ]
    assert "Wagtail 文档" in client.get("/search/", {"q": "入门"}).content.decode()


def test_near_identical_suggestions_are_merged():
    titles_in = [
        "用表格公式替代重复整理",
        "用表格公式替代重複整理！",
        "「用表格公式」替代重复整理",
        "表格模板",
    ]
    assert suggestions_merged(titles_in) == ["用表格公式替代重复整理", "表格模板"]


def test_suggest_endpoint_merges_near_identical_titles(client):
    engine = DatabaseEngine()
    for i, title in enumerate(["表格公式入门", "表格公式入门！", "表格公式進階"]):
        doc = document(f"s{i}", "post", title)
        engine.replace_origin(doc.origin, [doc])
    suggestions = client.get("/search/suggest/", {"q": "表格"}).json()["suggestions"]
    assert len(suggestions) == 2  # 入门 and 入门！ are one suggestion
    assert "表格公式進階" in suggestions
