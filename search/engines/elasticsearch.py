"""Elasticsearch 8/9 and OpenSearch 2/3, through elasticsearch-dsl.

What the cluster stores (analyzers, mappings, each document's source) is in
elasticsearch_index.py. Queries are translated from the shared plan
(search.query): each phrase is sent as its index terms joined by spaces,
which the analyzer turns back into exactly those terms, so both engines
match the same terms; the top results are then ordered by the shared ranking
(ranking.py).

One alias (``CHENDIAN_SEARCH_INDEX``, default ``chendian``) points at a
versioned concrete index; a rebuild fills a new one and swaps the alias in
one atomic request.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from itertools import islice

from django.conf import settings
from django.utils import timezone
from elasticsearch import ConnectionTimeout, Elasticsearch
from elasticsearch.helpers import bulk
from elasticsearch_dsl import Q, Search

from ..documents import SearchDocument
from ..localtime import day_start, year_span
from ..query import ends_in_character, is_character
from ..text import fold
from . import cluster
from .base import (
    OUT_OF_TIME,
    SearchEngine,
    SearchHit,
    SearchRequest,
    SearchResults,
    time_budget_ms,
)
from .elasticsearch_index import MAPPINGS, document_source, index_settings
from .highlight import highlight
from .opensearch_node import OpenSearchNode
from .ranking import WINDOW, Ranker

# Where words are looked for, with their weight: title > headings > body.
WORD_FIELDS = ["title_f^3", "headings_f^2", "body_f", "tags_f"]
# Bigrams a trailing lone character (3次) may start; the database takes them all.
PREFIX_EXPANSIONS = 500
CHAR_FIELDS = [f"{name.split('^')[0]}.chars" for name in WORD_FIELDS]


def batched(items: Iterable, size: int):
    """itertools.batched, which arrives with Python 3.12."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@cache
def cluster_distribution(url: str) -> str:
    """'opensearch' or 'elasticsearch', from the cluster's info response."""
    info = cluster.cluster_info(url)
    return info.get("version", {}).get("distribution", "elasticsearch")


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

    @property
    def _writer(self) -> Elasticsearch:
        # Bulk writes may take a busy cluster far longer than a search.
        return self.client.options(request_timeout=cluster.bulk_timeout())

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

    def _actions(self, index, documents):
        for document in documents:
            yield {
                "_index": index,
                "_id": document.key,
                "_source": document_source(document),
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
            self._writer,
            self._actions(self.alias, documents),
            refresh=True,
            **cluster.bulk_options(),
        )
        return count

    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        new = self._new_index()
        # Nobody searches the new index until the alias swap: no refreshes and
        # no replica copies while it fills, both restored before the swap.
        self.client.indices.put_settings(
            index=new, settings={"refresh_interval": "-1", "number_of_replicas": 0}
        )
        count = 0
        for batch in batched(documents, cluster.bulk_chunk()):
            count += bulk(
                self._writer, self._actions(new, batch), **cluster.bulk_options()
            )[0]
            if progress:
                progress(count)
        self.client.indices.put_settings(
            index=new,
            settings={
                "refresh_interval": None,  # back to the cluster's default
                "number_of_replicas": cluster.index_shape()["number_of_replicas"],
            },
        )
        self._writer.indices.refresh(index=new)
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
        if not request.has_criteria:
            return SearchResults(0, [], {}, self.name, 0.0)
        self.ensure_index()
        plan = request.plan
        ranked = bool(plan.clauses) and request.sort != "date"
        offset = (max(request.page, 1) - 1) * request.page_size
        end = offset + request.page_size
        # The top WINDOW come back whole, to be put in the shared order.
        window = ranked and offset < WINDOW
        budget = time_budget_ms()
        search = (
            Search(using=self.client.options(request_timeout=budget / 1000 + 5))
            .index(self.alias)
            .query(self._query(request))
            .extra(track_total_hits=True, timeout=f"{budget}ms")
        )
        self._aggregate(search)
        if not ranked:
            search = search.sort({"date": {"order": "desc", "missing": "_last"}})
        search = search[0 : max(WINDOW, end)] if window else search[offset:end]
        try:
            response = search.execute()
        except ConnectionTimeout:
            results = SearchResults(0, [], {}, self.name)
            results.add_notice(OUT_OF_TIME)
            return results
        hits = [self._hit(hit, plan.needles) for hit in response.hits]
        if window:
            ranker = Ranker(plan)
            hits = ranker.order(hits, _rank_fields)[offset:end]
        facets, labels = self._facets(response.aggregations)
        results = SearchResults(
            response.hits.total.value,
            [hit for hit, _source in hits],
            facets,
            self.name,
            round((time.perf_counter() - started) * 1000, 1),
            labels=labels,
        )
        if response.timed_out:
            results.add_notice(OUT_OF_TIME)
        return results

    def _query(self, request: SearchRequest):
        plan = request.plan
        must, filters = [], []
        for clause in plan.clauses:
            alternatives = []
            for terms in clause.alternatives:
                alternatives.append(self._phrase(terms, WORD_FIELDS))
                if is_character(terms):
                    # Inside a longer word: found, but well below a word match.
                    alternatives.append(self._phrase(terms, CHAR_FIELDS, boost=0.1))
            must.append(Q("bool", should=alternatives, minimum_should_match=1))
        must_not = [self._phrase(terms, WORD_FIELDS) for terms in plan.excluded]
        if kinds := request.kinds_wanted:
            filters.append(Q("terms", kind=kinds))
        if series := request.series_wanted:
            filters.append(Q("terms", series=series))
        if request.query.stages:
            filters.append(Q("terms", stage=request.query.stages))
        if request.query.answered:  # is:answered
            filters += [Q("term", kind="question"), Q("term", stage="answered")]
        for tag in request.tags_wanted:
            filters.append(Q("term", tags=tag))
        for person in request.query.people:
            filters.append(Q("match_phrase", people_f=fold(person)))
        # Days and years in the community's time zone, as on the database.
        query = request.query
        if query.after or query.before:
            bounds = {}
            if query.after:
                bounds["gte"] = day_start(query.after).isoformat()
            if query.before:
                bounds["lt"] = day_start(query.before).isoformat()
            filters.append(Q("range", date=bounds))
        if request.years:
            spans = [year_span(year) for year in request.years]
            filters.append(
                Q(
                    "bool",
                    should=[
                        Q("range", date={"gte": a.isoformat(), "lt": b.isoformat()})
                        for a, b in spans
                    ],
                    minimum_should_match=1,
                )
            )
        # An exact title ranks first; this brings it into the ranked window.
        should = (
            [Q("term", title_exact={"value": plan.exact, "boost": 10})]
            if plan.exact
            else []
        )
        return Q(
            "bool",
            must=must or [Q("match_all")],
            must_not=must_not,
            filter=filters,
            should=should,
        )

    @staticmethod
    def _phrase(terms, fields, boost=1.0):
        prefix = (
            {"type": "phrase_prefix", "max_expansions": PREFIX_EXPANSIONS}
            if ends_in_character(terms)
            else {"type": "phrase"}
        )
        # The terms joined by spaces analyse back into exactly these terms.
        return Q(
            "multi_match", query=" ".join(terms), fields=fields, boost=boost, **prefix
        )

    @staticmethod
    def _aggregate(search):
        search.aggs.bucket("kind", "terms", field="kind", size=10)
        search.aggs.bucket("series", "terms", field="series", size=20).bucket(
            "title", "terms", field="series_title", size=1
        )
        search.aggs.bucket("tag", "terms", field="tags", size=20)
        search.aggs.bucket(
            "year",
            "date_histogram",
            field="date",
            calendar_interval="year",
            time_zone=str(timezone.get_current_timezone()),
        )

    @staticmethod
    def _facets(aggs):
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
        return facets, labels

    @staticmethod
    def _hit(hit, needles):
        """The SearchHit and the source it came from (for ranking)."""
        source = hit.to_dict()
        date = source.get("date")
        return (
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
            ),
            source,
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


def _rank_fields(pair):
    hit, source = pair
    return {
        "title": hit.title,
        "headings": source.get("headings", ""),
        "body": source.get("body", ""),
        "kind": hit.kind,
        "score": hit.score,
        "date": hit.date,
    }
