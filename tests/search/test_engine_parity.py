"""Parity beyond words: days, years, kinds, synonyms and query limits behave
the same on the database engine and on the Elasticsearch engine."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from search import registry
from search.documents import SearchDocument
from search.engines import get_engine
from search.models import SynonymGroup
from search.query import MAX_WORDS

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, settings):
    settings.ELASTICSEARCH_URL = (
        request.getfixturevalue("osmem_clone").url
        if request.param == "elasticsearch"
        else ""
    )
    return get_engine()


def index(engine, *documents):
    engine.rebuild(
        SearchDocument(
            key=key,
            origin=f"parity:{key}",
            kind=fields.pop("kind", "post"),
            title=title,
            body=fields.pop("body", ""),
            url=f"/{key}/",
            **fields,
        )
        for key, title, fields in documents
    )


def api(client, q, **params):
    response = client.get("/search/api/", {"q": q, **params})
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return [r["title"] for r in data["results"]]


@pytest.fixture
def new_year(engine):
    # 00:30 on 1 January 2026 in the community's zone: 31 December 2025 in UTC.
    index(
        engine,
        ("a", "跨年夜分享", {"date": datetime(2026, 1, 1, 0, 30, tzinfo=SHANGHAI)}),
        ("b", "年末分享", {"date": datetime(2025, 12, 31, 23, 0, tzinfo=SHANGHAI)}),
    )


def test_after_and_before_cut_at_the_communitys_midnight(client, new_year):
    assert titles(api(client, "分享 after:2026-01-01")) == ["跨年夜分享"]
    assert titles(api(client, "分享 before:2026-01-01")) == ["年末分享"]


def test_year_facet_and_filter_count_local_years(client, new_year):
    data = api(client, "分享")
    assert {f["value"]: f["count"] for f in data["facets"]["year"]} == {
        "2026": 1,
        "2025": 1,
    }
    assert titles(api(client, "分享", year="2026")) == ["跨年夜分享"]
    assert titles(api(client, "分享", year="2025")) == ["年末分享"]


def test_days_follow_the_active_time_zone(new_year, engine):
    # Outside a request (a command) the zone is settings.TIME_ZONE; a host
    # that activates another zone gets its days.
    from search.engines import SearchRequest
    from search.query import parse_query

    with timezone.override(ZoneInfo("UTC")):
        results = engine.search(SearchRequest(query=parse_query("分享"), years=[2025]))
    assert sorted(hit.title for hit in results.hits) == ["年末分享", "跨年夜分享"]


def test_a_kind_an_app_registers_is_filtered_and_labelled(client, engine, monkeypatch):
    monkeypatch.setitem(
        registry._kinds, "event", registry.DocumentKind("event", "Events")
    )
    index(
        engine,
        ("e", "线下活动报名", {"kind": "event"}),
        ("p", "线下活动回顾", {"kind": "post"}),
    )
    assert titles(api(client, "线下活动", kind="event")) == ["线下活动报名"]
    assert titles(api(client, "线下活动 kind:event")) == ["线下活动报名"]
    page = client.get("/search/", {"q": "线下活动"}).content.decode()
    assert "Events" in page


def test_synonyms_match_and_highlight_alike(client, engine):
    index(engine, ("s", "社区公约", {"body": "社区里请互相尊重。"}))
    SynonymGroup.objects.create(words="社群,社区")
    (hit,) = api(client, "社群")["results"]
    assert "<mark>社区</mark>" in hit["snippet"]


def test_a_query_repeating_one_word_searches_it_once(client, engine):
    index(engine, ("r", "运营周报", {"body": "运营数据"}))
    data = api(client, " ".join(["运营"] * 200))
    assert titles(data) == ["运营周报"]
    assert data["notice"] == ""


def test_a_query_with_too_many_words_is_shortened_with_a_notice(client, engine):
    index(engine, ("w", "一二三四五六七八九十", {}))
    words = "一二 二三 三四 四五 五六 六七 七八 八九 九十 十一 十二".split()
    assert len(words) > MAX_WORDS
    data = api(client, " ".join(words))
    # The first MAX_WORDS words all match; the rest were not searched.
    assert titles(data) == ["一二三四五六七八九十"]
    assert data["notice"]
