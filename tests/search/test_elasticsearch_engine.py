"""What only the cluster engine does: product detection and atomic alias swaps."""

from datetime import timedelta

import pytest
from django.utils import timezone

from search.documents import SearchDocument
from search.engines import SearchRequest, get_engine
from search.engines.elasticsearch import ElasticsearchEngine
from search.engines.opensearch_node import OpenSearchNode, plain_media_type
from search.query import parse_query

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine(settings, osmem_clone):
    settings.ELASTICSEARCH_URL = osmem_clone.url
    return get_engine()


def doc(key, title, body=""):
    return SearchDocument(
        key=key,
        origin=f"test:{key}",
        kind="page",
        title=title,
        body=body,
        url=f"/{key}/",
        date=timezone.now() - timedelta(days=1),
    )


def found(engine, q):
    return engine.search(SearchRequest(query=parse_query(q))).total


def test_opensearch_is_detected_and_spoken_to_in_plain_json(engine):
    assert isinstance(engine, ElasticsearchEngine)
    client = engine.client
    assert engine.name == "opensearch"
    assert client.transport.node_pool.all()[0].__class__ is OpenSearchNode
    assert plain_media_type(
        "application/vnd.elasticsearch+json; compatible-with=8"
    ) == ("application/json")
    assert plain_media_type(
        "application/vnd.elasticsearch+x-ndjson; compatible-with=8"
    ) == ("application/x-ndjson")


def test_rebuild_swaps_the_alias_while_searches_keep_answering(engine):
    engine.replace_origin("test:old", [doc("old", "旧的复盘笔记", "裂变活动")])
    assert found(engine, "裂变") == 1
    first_index = set(engine.client.indices.get_alias(name=engine.alias))
    answers_during_rebuild = []

    def documents():
        yield doc("a", "新的复盘", "裂变和留存")
        # Mid-rebuild: the alias still points at the old, complete index.
        answers_during_rebuild.append(found(engine, "裂变"))
        yield doc("b", "第二篇", "社群运营")

    assert engine.rebuild(documents()) == 2
    assert answers_during_rebuild == [1]
    second_index = set(engine.client.indices.get_alias(name=engine.alias))
    assert second_index and second_index.isdisjoint(first_index)
    assert not engine.client.indices.exists(index=list(first_index)[0])
    assert found(engine, "裂变") == 1 and found(engine, "运营") == 1


def test_rebuild_sends_chunks_of_the_configured_size_and_leaves_every_document_findable(
    engine, settings
):
    settings.CHENDIAN_SEARCH_BULK_CHUNK = 7
    settings.CHENDIAN_SEARCH_REPLICAS = 0
    reported = []

    count = engine.rebuild(
        (doc(f"d{n}", f"第{n}篇", "分块重建") for n in range(20)),
        progress=reported.append,
    )

    assert count == 20
    assert reported == [7, 14, 20]
    assert found(engine, "分块") == 20
    (index,) = engine.client.indices.get_alias(name=engine.alias)
    shape = engine.client.indices.get_settings(index=index)[index]["settings"]["index"]
    # Refreshes were switched off while the index filled; they are back on.
    assert shape.get("refresh_interval") in (None, "1s")


def test_suggestions_complete_titles(engine):
    engine.replace_origin("test:s", [doc("s", "裂变活动复盘")])
    assert engine.suggest("裂变") == ["裂变活动复盘"]


def test_unreachable_cluster_falls_back_to_the_database_with_a_notice(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    data = client.get("/search/api/", {"q": "裂变"}).json()
    assert data["engine"] == "database"
    assert "数据库" in data["notice"]
