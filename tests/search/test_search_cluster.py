"""A cluster, not a single node: several nodes, index shape, credentials."""

import pytest
from django.utils import timezone

from search.documents import SearchDocument
from search.engines import SearchRequest, get_engine
from search.engines.cluster import client_options
from search.query import parse_query
from tests.served import free_port

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def doc(key, title):
    return SearchDocument(
        key=key,
        origin=f"test:{key}",
        kind="page",
        title=title,
        body="",
        url=f"/{key}/",
        date=timezone.now(),
    )


def test_a_node_that_is_down_is_skipped_for_the_next_one(settings, osmem_clone):
    dead_node = f"http://127.0.0.1:{free_port()}"
    settings.ELASTICSEARCH_URL = f"{dead_node}, {osmem_clone.url}"
    engine = get_engine()

    engine.replace_origin("test:a", [doc("a", "社群运营复盘")])

    found = engine.search(SearchRequest(query=parse_query("运营")))
    assert [hit.url for hit in found.hits] == ["/a/"]


def test_new_indices_take_shards_and_replicas_from_settings(settings, osmem_clone):
    settings.ELASTICSEARCH_URL = osmem_clone.url
    settings.CHENDIAN_SEARCH_SHARDS = 3
    settings.CHENDIAN_SEARCH_REPLICAS = 0
    engine = get_engine()

    engine.ensure_index()

    shape = next(iter(engine.client.indices.get_settings(index=engine.alias).values()))[
        "settings"
    ]["index"]
    assert (shape["number_of_shards"], shape["number_of_replicas"]) == ("3", "0")


def test_api_key_and_ca_file_reach_the_client_and_credentials_stay_in_the_url(
    settings,
):
    settings.ELASTICSEARCH_API_KEY = "a2V5OnNlY3JldA=="
    settings.ELASTICSEARCH_CA_CERTS = "/etc/chendian/search-ca.pem"

    options = client_options("https://reader:pw@es-1:9200,https://es-2:9200")

    assert options["hosts"] == ["https://reader:pw@es-1:9200", "https://es-2:9200"]
    assert options["api_key"] == "a2V5OnNlY3JldA=="
    assert options["ca_certs"] == "/etc/chendian/search-ca.pem"
    assert 429 in options["retry_on_status"]
    assert options["retry_on_timeout"] is True
