"""Elasticsearch 8/9 and OpenSearch 2/3, through elasticsearch-dsl.

Text is folded and segmented the same way as the database engine: we send
both the original title/body (for display) and a folded copy, analysed with
an analyzer built only from built-in parts (standard tokenizer, cjk_width,
lowercase, cjk_bigram, plus the traditional → simplified ``mapping`` char
filter for queries sent by other tools). Folding in Python first means a
cluster that ignores the char filter still finds 運營 with 运营.

One alias (``CHENDIAN_SEARCH_INDEX``, default ``chendian``) points at a
versioned concrete index; a rebuild fills a new one and swaps the alias in
one atomic request.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk
from elasticsearch_dsl import Q, Search

from ..documents import SearchDocument
from ..text import T2S_FILE, fold, tokens
from . import cluster
from .base import SearchEngine, SearchHit, SearchRequest, SearchResults
from .highlight import highlight
from .opensearch_node import OpenSearchNode

ANALYZER = "chendian_zh"


@cache
def cluster_distribution(url: str) -> str:
    """'opensearch' or 'elasticsearch', from the cluster's info response."""
    info = cluster.cluster_info(url)
    return info.get("version", {}).get("distribution", "elasticsearch")


def index_settings() -> dict:
    mappings = []
    for line in T2S_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            traditional, simplified = line.split("\t")
            mappings.append(f"{traditional} => {simplified}")
    return {
        "analysis": {
            "char_filter": {"t2s": {"type": "mapping", "mappings": mappings}},
            "analyzer": {
                ANALYZER: {
                    "type": "custom",
                    "char_filter": ["t2s"],
                    "tokenizer": "standard",
                    "filter": ["cjk_width", "lowercase", "cjk_bigram"],
                }
            },
        }
    }


MAPPINGS = {
    "properties": {
        "key": {"type": "keyword"},
        "origin": {"type": "keyword"},
        "kind": {"type": "keyword"},
        "title": {"type": "keyword", "index": False},
        "body": {"type": "text", "index": False},
        "title_f": {"type": "text", "analyzer": ANALYZER},
        "body_f": {"type": "text", "analyzer": ANALYZER},
        "url": {"type": "keyword", "index": False},
        "date": {"type": "date"},
        "tags": {"type": "keyword"},
        "series": {"type": "keyword"},
        "series_title": {"type": "keyword"},
        "people": {"type": "keyword"},
        "people_f": {"type": "text", "analyzer": ANALYZER},
        "tags_f": {"type": "text", "analyzer": ANALYZER},
        "stage": {"type": "keyword"},
        "facets": {"type": "object", "dynamic": True},
        "suggest": {"type": "completion"},
    }
}


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, url: str):
        self.url = url
        self.alias = getattr(settings, "CHENDIAN_SEARCH_INDEX", "chendian")

    @property
    def client(self) -> Elasticsearch:
        if not hasattr(self, "_client"):
            options = cluster.client_options(self.url)
            if cluster_distribution(self.url) == "opensearch":
                options["node_class"] = OpenSearchNode
                self.name = "opensearch"
            self._client = Elasticsearch(**options)
        return self._client

    # Index management

    def _new_index(self) -> str:
        name = f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        self.client.indices.create(
            index=name,
            settings={**index_settings(), **cluster.index_shape()},
            mappings=MAPPINGS,
        )
        return name

    def ensure_index(self) -> None:
        if not self.client.indices.exists_alias(name=self.alias):
            name = self._new_index()
            self.client.indices.put_alias(index=name, name=self.alias)

    @staticmethod
    def _source(document: SearchDocument) -> dict:
        return {
            "key": document.key,
            "origin": document.origin,
            "kind": document.kind,
            "title": document.title,
            "body": document.body,
            "title_f": fold(document.title),
            "body_f": fold(document.body),
            "url": document.url,
            "date": document.date.isoformat() if document.date else None,
            "tags": document.tags,
            "series": document.series,
            "series_title": document.series_title,
            "people": document.people,
            "people_f": fold(" ".join(document.people)),
            "tags_f": fold("\n".join(document.tags)),
            "stage": document.stage,
            "facets": document.facets,
            "suggest": {"input": [document.title]},
        }

    def _actions(self, index, documents):
        for document in documents:
            yield {
                "_index": index,
                "_id": document.key,
                "_source": self._source(document),
            }

    def replace_origin(self, origin: str, documents: Iterable[SearchDocument]) -> int:
        self.ensure_index()
        self.client.delete_by_query(
            index=self.alias,
            query={"term": {"origin": origin}},
            refresh=True,
            conflicts="proceed",
        )
        count, _ = bulk(
            self.client,
            self._actions(self.alias, documents),
            refresh=True,
            **cluster.bulk_options(),
        )
        return count

    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        new = self._new_index()
        count = 0
        batch = []
        for document in documents:
            batch.append(document)
            if len(batch) >= 500:
                count += bulk(
                    self.client, self._actions(new, batch), **cluster.bulk_options()
                )[0]
                batch = []
                if progress:
                    progress(count)
        count += bulk(self.client, self._actions(new, batch), **cluster.bulk_options())[
            0
        ]
        self.client.indices.refresh(index=new)
        old = (
            list(self.client.indices.get_alias(name=self.alias).keys())
            if self.client.indices.exists_alias(name=self.alias)
            else []
        )
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)  # atomic swap
        for name in old:
            self.client.indices.delete(index=name)
        return count

    # Searching

    def search(self, request: SearchRequest) -> SearchResults:
        started = time.perf_counter()
        self.ensure_index()
        query = request.query
        groups = {}
        for synonyms in request.synonyms:
            for word in synonyms:
                groups[" ".join(tokens(word))] = synonyms
        must, must_not, filters = [], [], []
        for word in [*query.terms, *query.phrases]:
            alternatives = groups.get(" ".join(tokens(word)), [word])
            must.append(
                Q(
                    "bool",
                    should=[self._phrase(fold(w)) for w in alternatives],
                    minimum_should_match=1,
                )
            )
        for word in query.excluded:
            must_not.append(self._phrase(fold(word)))
        kinds = request.kinds + query.kinds
        if kinds:
            filters.append(Q("terms", kind=kinds))
        series = request.series + query.series
        if series:
            filters.append(Q("terms", series=series))
        for tag in request.tags + query.tags:
            filters.append(Q("term", tags=tag))
        for person in query.people:
            filters.append(Q("match_phrase", people_f=fold(person)))
        if query.after or query.before:
            bounds = {}
            if query.after:
                bounds["gte"] = query.after.isoformat()
            if query.before:
                bounds["lt"] = query.before.isoformat()
            filters.append(Q("range", date=bounds))
        if request.years:
            filters.append(
                Q(
                    "bool",
                    should=[
                        Q("range", date={"gte": f"{y}-01-01", "lt": f"{y + 1}-01-01"})
                        for y in request.years
                    ],
                    minimum_should_match=1,
                )
            )
        if not must and not filters:
            return SearchResults(0, [], {}, self.name, 0.0)
        search = Search(using=self.client, index=self.alias).query(
            Q("bool", must=must or [Q("match_all")], must_not=must_not, filter=filters)
        )
        search.aggs.bucket("kind", "terms", field="kind", size=10)
        search.aggs.bucket("series", "terms", field="series", size=20).bucket(
            "title", "terms", field="series_title", size=1
        )
        search.aggs.bucket("tag", "terms", field="tags", size=20)
        search.aggs.bucket(
            "year", "date_histogram", field="date", calendar_interval="year"
        )
        if request.sort == "date" or not must:
            search = search.sort({"date": {"order": "desc", "missing": "_last"}})
        offset = (max(request.page, 1) - 1) * request.page_size
        search = search[offset : offset + request.page_size].extra(
            track_total_hits=True
        )
        response = search.execute()
        needles = [*query.terms, *query.phrases]
        for synonyms in request.synonyms:
            if any(w in synonyms for w in needles):
                needles = [*needles, *synonyms]
        hits = []
        for hit in response.hits:
            source = hit.to_dict()
            date = source.get("date")
            hits.append(
                SearchHit(
                    key=source["key"],
                    kind=source["kind"],
                    title=source["title"],
                    url=source["url"],
                    snippet=highlight(source.get("body") or source["title"], needles),
                    date=datetime.fromisoformat(date) if date else None,
                    series=source.get("series", ""),
                    series_title=source.get("series_title", ""),
                    tags=list(source.get("tags", [])),
                    people=list(source.get("people", [])),
                    score=hit.meta.score or 0.0,
                )
            )
        aggs = response.aggregations
        facets = {
            "kind": [(b.key, b.doc_count) for b in aggs.kind.buckets],
            "series": [(b.key, b.doc_count) for b in aggs.series.buckets if b.key],
            "year": sorted(
                [
                    (b.key_as_string[:4], b.doc_count)
                    for b in aggs.year.buckets
                    if b.doc_count
                ],
                reverse=True,
            ),
            "tag": [(b.key, b.doc_count) for b in aggs.tag.buckets],
        }
        labels = {
            "series": {
                b.key: (b.title.buckets[0].key if b.title.buckets else b.key)
                for b in aggs.series.buckets
            }
        }
        took = (time.perf_counter() - started) * 1000
        return SearchResults(
            response.hits.total.value,
            hits,
            facets,
            self.name,
            round(took, 1),
            labels=labels,
        )

    @staticmethod
    def _phrase(text):
        return Q(
            "multi_match",
            query=text,
            type="phrase",
            # Tags are words too: a post tagged 运营 is found by searching 运营.
            fields=["title_f^2", "body_f", "tags_f"],
        )

    def suggest(self, prefix: str, *, limit: int = 8) -> list[str]:
        prefix = prefix.strip()
        if not prefix:
            return []
        self.ensure_index()
        response = self.client.search(
            index=self.alias,
            suggest={
                "titles": {
                    "prefix": prefix,
                    "completion": {"field": "suggest", "size": limit},
                }
            },
            source=["title"],
        )
        options = response["suggest"]["titles"][0]["options"]
        return list(dict.fromkeys(option["_source"]["title"] for option in options))
