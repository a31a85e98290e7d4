"""One tokenizer contract for both engines (tests/search/tokenizer_cases.py).

The database engine segments text in Python (search.text); the cluster
analyses it with its own analyzer. For every string of the table both must
produce the same terms, and a search must find (or not find) the same
documents on both engines."""

from datetime import timedelta

import pytest
from django.utils import timezone

from search.documents import SearchDocument
from search.engines import SearchRequest
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine, index_settings
from search.query import parse_query
from search.text import searchable, tokens

from .tokenizer_cases import CASES

pytestmark = pytest.mark.django_db

TEXTS = list(dict.fromkeys(text for text, _query, _found in CASES))


def test_the_table_is_large_and_checks_both_ways():
    assert len(CASES) >= 100
    assert any(not found for _text, _query, found in CASES)


def test_python_segmentation_gives_the_cluster_analyzers_terms(osmem_clone):
    engine = ElasticsearchEngine(osmem_clone.url)
    engine.client.indices.create(index="contract", settings=index_settings())
    strings = list(dict.fromkeys([*TEXTS, *(query for _t, query, _f in CASES)]))
    differences = []
    for text in strings:
        # The engine sends folded text, emoji spelled as words.
        response = engine.client.indices.analyze(
            index="contract", analyzer="chendian_zh", text=searchable(text)
        )
        cluster = [token["token"] for token in response["tokens"]]
        if cluster != tokens(text):
            differences.append((text, cluster, tokens(text)))
    assert differences == []


def _documents():
    now = timezone.now()
    return [
        SearchDocument(
            key=f"case-{number}",
            origin="contract:tokenizer",
            kind="post",
            title=f"case {number}",
            body=text,
            url=f"/case/{number}/",
            date=now - timedelta(days=number),
        )
        for number, text in enumerate(TEXTS)
    ]


def _found(engine, query):
    request = SearchRequest(query=parse_query(query), page_size=len(TEXTS))
    return {hit.key for hit in engine.search(request).hits}


def test_both_engines_find_the_same_documents_for_every_row(osmem_clone):
    engines = [DatabaseEngine(), ElasticsearchEngine(osmem_clone.url)]
    for engine in engines:
        engine.rebuild(_documents())
    wrong = []
    for text, query, found in CASES:
        key = f"case-{TEXTS.index(text)}"
        hits = [_found(engine, query) for engine in engines]
        if hits[0] != hits[1] or any((key in keys) != found for keys in hits):
            wrong.append((text, query, found, *(sorted(keys) for keys in hits)))
    assert wrong == [], "\n".join(map(repr, wrong))
