"""The contract both engines keep: the same cases, run on the database engine and on
the Elasticsearch engine against osmem-server (an OpenSearch-compatible engine,
reached through the same OpenSearch detection production uses)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from search.models import OutboxEntry, SynonymGroup
from tests import factories
from website.models import CommunitySettings

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, settings):
    if request.param == "elasticsearch":
        clone = request.getfixturevalue("osmem_clone")
        settings.ELASTICSEARCH_URL = clone.url
    else:
        settings.ELASTICSEARCH_URL = ""
    return request.param


def api(client, q, **params):
    response = client.get("/search/api/", {"q": q, **params})
    assert response.status_code == 200
    return response.json()


def titles(data):
    return [r["title"] for r in data["results"]]


@pytest.fixture
def corpus(engine):
    series = factories.topic_series(title="案例拆解", slug="cases")
    tools = factories.topic_series(title="工具实战", slug="tools")
    now = timezone.now()
    referral = factories.sharing_session(
        series,
        start=now - timedelta(days=30),
        title="裂變活動復盤",
        slug="referral",
        summary="三天漲了八百人，一週後只剩百分之五在發言。",
        recap=[
            ("heading", {"text": "留存问题", "anchor": "retention"}),
            ("paragraph", "<p>新人进群后没有欢迎，社区很快沉默。</p>"),
        ],
    )
    referral.tags.add("运营")
    referral.save_revision().publish()
    wagtail = factories.sharing_session(
        tools,
        start=now - timedelta(days=60),
        title="Wagtail 教程入门",
        slug="wagtail",
        summary="用 Wagtail 搭一个社群知识库。",
    )
    factories.sharing_session(
        tools,
        start=now + timedelta(days=5),
        title="运营数据看板",
        slug="board",
        summary="社群运营该看的几个数字。",
    )
    draft = factories.sharing_session(
        tools,
        start=now,
        title="草稿：裂变秘籍",
        slug="secret",
        publish=False,
        summary="裂变 内部资料",
    )
    return {"referral": referral, "wagtail": wagtail, "draft": draft}


def test_simplified_query_finds_traditional_text_and_back(client, corpus):
    assert "裂變活動復盤" in titles(api(client, "裂变"))
    data = api(client, "運營")  # traditional query, simplified text
    assert "运营数据看板" in titles(data)


def test_two_character_words_and_mixed_chinese_english(client, corpus):
    assert "运营数据看板" in titles(api(client, "运营"))
    assert titles(api(client, "wagtail 教程"))[0] == "Wagtail 教程入门"
    assert titles(api(client, "WAGTAIL"))[0] == "Wagtail 教程入门"


def test_a_word_search_finds_what_is_tagged_with_the_word(client, corpus):
    # The referral recap never says 运营 in its text; it is tagged 运营.
    found = titles(api(client, "运营"))
    assert "裂變活動復盤" in found
    assert "裂變活動復盤" not in titles(api(client, "运营 -裂变"))


def test_highlights_show_the_original_characters(client, corpus):
    data = api(client, "涨了")
    snippet = data["results"][0]["snippet"]
    assert "<mark>漲了</mark>" in snippet


def test_recap_sections_link_to_their_anchor(client, corpus):
    data = api(client, "欢迎", kind="recap")
    (hit,) = data["results"]
    assert hit["url"].endswith(corpus["referral"].url + "#retention")
    page = client.get(corpus["referral"].url).content.decode()
    assert 'id="retention"' in page


def test_phrase_and_exclusion_operators(client, corpus):
    # Words must stand together inside quotes, not just both appear.
    assert api(client, "三天 八百人")["total"] >= 1
    assert api(client, '"三天八百人"')["total"] == 0
    assert api(client, '"三天漲了八百人"')["total"] >= 1
    with_board = titles(api(client, "社群"))
    without = titles(api(client, "社群 -看板"))
    assert "运营数据看板" in with_board and "运营数据看板" not in without


def test_synonyms_from_the_editors_list(client, corpus):
    assert api(client, "社群 沉默")["total"] == 0
    SynonymGroup.objects.create(words="社群,社区")
    found = titles(api(client, "社群 沉默"))
    assert found and found[0].startswith("裂變活動復盤")


def test_filters_and_facet_counts(client, corpus):
    data = api(client, "社群")
    kinds = {f["value"]: f["count"] for f in data["facets"]["kind"]}
    assert data["total"] == sum(kinds.values())
    assert data["facets_approximate"] is False
    series = {f["value"]: f["count"] for f in data["facets"]["series"]}
    assert series["tools"] == 2
    only_tools = api(client, "社群 series:tools")
    assert only_tools["total"] == 2
    assert api(client, "#运营")["results"][0]["title"] == "裂變活動復盤"
    future = (timezone.now() + timedelta(days=1)).date().isoformat()
    assert titles(api(client, f"社群 after:{future}")) == ["运营数据看板"]


def test_unpublished_content_is_never_returned(client, corpus):
    assert all("草稿" not in t for t in titles(api(client, "裂变")))
    corpus["referral"].unpublish()
    assert "裂變活動復盤" not in titles(api(client, "裂变"))
    corpus["wagtail"].delete()
    assert api(client, "wagtail")["total"] == 0
    assert not OutboxEntry.objects.exists()


def test_publishing_indexes_new_content_through_the_outbox(client, corpus):
    draft = corpus["draft"]
    draft.save_revision().publish()
    assert "草稿：裂变秘籍" in titles(api(client, "秘籍"))


def test_failed_indexing_keeps_the_change_until_search_sync(
    client, corpus, engine, settings, monkeypatch
):
    from search.engines.database import DatabaseEngine

    with monkeypatch.context() as patched:
        if engine == "elasticsearch":
            working_url = settings.ELASTICSEARCH_URL
            settings.ELASTICSEARCH_URL = (
                "http://127.0.0.1:9"  # nothing listens: cluster down
            )
        else:

            def unreachable(self, origin, documents):
                raise ConnectionError("search cluster unreachable")

            patched.setattr(DatabaseEngine, "replace_origin", unreachable)
        page = corpus["draft"]
        page.save_revision().publish()  # saving content still succeeds
    if engine == "elasticsearch":
        settings.ELASTICSEARCH_URL = working_url
    page.refresh_from_db()
    assert page.live
    assert OutboxEntry.objects.exclude(last_error="").exists()
    assert api(client, "秘籍")["total"] == 0

    call_command("search_sync")
    assert api(client, "秘籍")["total"] == 1
    assert not OutboxEntry.objects.exists()
    call_command("search_sync")  # safe to run again
    assert api(client, "秘籍")["total"] == 1


def test_rebuild_indexes_everything_once(client, corpus):
    before = api(client, "社群")["total"]
    call_command("search_rebuild", verbosity=0)
    after = api(client, "社群")
    assert after["total"] == before
    keys = [r["url"] for r in api(client, "裂变")["results"]]
    assert len(keys) == len(set(keys))
    assert all("secret" not in k for k in keys)


def test_search_page_shows_results_facets_and_an_empty_state(client, corpus):
    html = client.get("/search/", {"q": "八百人"}).content.decode()
    assert "<mark>八百人</mark>" in html
    facets = client.get("/search/", {"q": "社群"}).content.decode()
    assert ">工具实战</a>" in facets  # the series facet reads as its title
    assert "案例拆解" in html  # series facet/label
    empty = client.get("/search/", {"q": "不存在的词语组合"}).content.decode()
    assert "没有找到" in empty or "Nothing found" in empty
    start = client.get("/search/").content.decode()
    assert 'name="q"' in start


def test_api_needs_a_query(client, django_assert_num_queries):
    CommunitySettings.for_site(factories.home_page().get_site())  # as after setup
    client.get("/search/api/")  # caches the community time zone
    with django_assert_num_queries(0):  # not even the synonyms
        assert client.get("/search/api/").status_code == 400


def test_member_input_in_queries_is_escaped(client, corpus):
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
