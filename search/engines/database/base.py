"""What the SQLite and PostgreSQL engines share: writing entries, the search
flow, facets and ranking. A dialect module says how to match and how to stop
a search that runs out of time."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC
from operator import itemgetter

from django.db import OperationalError, connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ...documents import SearchDocument
from ...localtime import stored_year_reader
from ...models import SearchEntry
from ...query import exact_form
from ...text import index_columns
from ..base import (
    OUT_OF_TIME,
    SearchEngine,
    SearchHit,
    SearchRequest,
    SearchResults,
    time_budget_ms,
)
from ..highlight import highlight
from ..ranking import WINDOW, Ranker
from .statements import FACET_FIELDS, Statement, filter_clauses

BATCH = 1000
#: How many times one batch of a re-index tries again after waiting for the
#: write lock past the busy timeout, before the re-index gives up (its outbox
#: row stays, and the next drain starts the archive again).
LOCKED_RETRIES = 5

# Facet counts are exact up to this many matches. Beyond it (a common word
# matching half the archive) they are estimated from an even sample of about
# this many matches, and the results say so, instead of reading every match.
FACET_EXACT_LIMIT = 2000
# A broad query ranks only this many matches, the most recently indexed, plus
# any entry titled exactly as the query (top-k): scoring every one of tens of
# thousands of matches cost more than the rest of the search together.
BROAD_CANDIDATES = 200
# A broad query's facets are counted on an even sample of about this many matches.
FACET_SAMPLE = 500


class OutOfTime(Exception):
    """The database stopped a search that ran past its time budget."""


def entry_from(document: SearchDocument) -> SearchEntry:
    headings = "\n".join(document.headings)
    # Tags are words too: a post tagged 运营 is found by searching 运营.
    text = "\n".join([document.title, headings, document.body, *document.tags])
    terms, characters = index_columns(text)
    return SearchEntry(
        key=document.key,
        origin=document.origin,
        kind=document.kind,
        title=document.title,
        title_exact=exact_form(document.title)[:255],
        body=document.body,
        url=document.url,
        date=document.date,
        series=document.series,
        series_title=document.series_title,
        stage=document.stage,
        tags_text=_joined(document.tags),
        people_text=_joined(document.people),
        facets=document.facets,
        headings=headings,
        tokens=terms,
        chars=characters,
    )


def _entry_batches(documents):
    batch = []
    for document in documents:
        batch.append(entry_from(document))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _joined(values):
    values = [v.replace("|", " ").strip() for v in values if v and v.strip()]
    return "|" + "|".join(values) + "|" if values else ""


class DatabaseEngine(SearchEngine):
    """The database engine; ``DatabaseEngine()`` is the one for the default
    connection's SQL dialect, chosen here, once."""

    name = "database"
    vendor = ""
    like = "LIKE"  # case-insensitive LIKE for people's names
    #: Seconds between two write batches of a re-index (see SqliteEngine).
    batch_gap = 0.0

    def __new__(cls, *args, **kwargs):
        if cls is DatabaseEngine:
            cls = _dialect(connection.vendor)
        return super().__new__(cls)

    # What a dialect provides

    def statement(self, plan, where, params) -> Statement:
        """The search's FROM/WHERE: the plan's match plus the filters."""
        raise NotImplementedError

    def time_budget(self, milliseconds: int):
        """A context manager that stops any statement run inside after
        ``milliseconds`` and then raises OutOfTime."""
        raise NotImplementedError

    # Writing

    def replace_origin(self, origin: str, documents: Iterable[SearchDocument]) -> int:
        """Replace what ``origin`` (e.g. one chat archive) has in the index.

        In short transactions, so that members' writes are never held up by a
        big archive (on SQLite one write transaction locks the whole file):
        each batch of documents replaces the entries with the same keys in one
        transaction, so a reader sees every document either as it was or as
        it is now, never missing; then one quick statement drops the entries
        the new documents no longer have.
        """
        stale = set(
            SearchEntry.objects.filter(origin=origin).values_list("key", flat=True)
        )
        count = 0
        for number, batch in enumerate(_entry_batches(documents)):
            if number and self.batch_gap:
                time.sleep(self.batch_gap)
            count += self._replace_batch(batch, stale)
        if stale:
            keys = sorted(stale)
            with transaction.atomic():
                for start in range(0, len(keys), BATCH):
                    SearchEntry.objects.filter(
                        origin=origin, key__in=keys[start : start + BATCH]
                    ).delete()
        return count

    def _replace_batch(self, batch, stale: set) -> int:
        for attempt in range(LOCKED_RETRIES + 1):
            try:
                with transaction.atomic():
                    written = self._insert(batch)
                break
            except OperationalError as error:
                # Waited the whole busy timeout for the write lock: try this
                # batch again rather than start the archive over (only when
                # the batch was its own transaction, not part of a caller's).
                retry = "is locked" in str(error) and not connection.in_atomic_block
                if not retry or attempt == LOCKED_RETRIES:
                    raise
                time.sleep(1)
        stale.difference_update(entry.key for entry in batch)
        return written

    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        # One transaction: readers see the old entries until the new ones commit.
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            return self._insert_all(documents, progress=progress)

    def _insert_all(self, documents, *, progress=None) -> int:
        count, batch = 0, []
        for document in documents:
            batch.append(entry_from(document))
            if len(batch) >= BATCH:
                count += self._insert(batch)
                batch = []
                if progress:
                    progress(count)
        return count + self._insert(batch)

    def _insert(self, batch):
        if not batch:
            return 0
        # A key moved between origins (rare): the newest write wins.
        SearchEntry.objects.filter(key__in=[e.key for e in batch]).delete()
        SearchEntry.objects.bulk_create(batch)
        return len(batch)

    # Reading
    #
    # The full-text table drives every statement (CROSS JOIN fixes the join
    # order in SQLite), so a filter column's index never makes SQLite run the
    # MATCH once per row.

    def search(self, request: SearchRequest) -> SearchResults:
        started = time.perf_counter()
        plan = request.plan
        if not request.has_criteria:
            return SearchResults(0, [], {}, self.name, 0.0)
        sql = self.statement(plan, *filter_clauses(request, like=self.like))
        ranker = Ranker(plan) if plan.clauses and request.sort != "date" else None
        offset = (max(request.page, 1) - 1) * request.page_size
        end = offset + request.page_size
        found, out_of_time = [], False
        total, approximate, facets, titles = 0, False, {}, {}
        try:
            with self.time_budget(time_budget_ms()):
                # Small match sets (nearly every real query): one pass reads
                # every match with what its result and the facets need.
                if not sql.more_than(FACET_EXACT_LIMIT):
                    found = sql.rows()
                    total = len(found)
                    facets, titles = _facets(map(FACET_FIELDS, found))
                    page = self._ordered(found, ranker)[offset:end]
                else:
                    # A broad query: count exactly, estimate the facets from an
                    # even sample, and let the database rank the top.
                    total = sql.count()
                    step = max(1, total // FACET_SAMPLE)
                    approximate = step > 1
                    sample = sql.rows(sql.facet_columns, every=step)
                    facets, titles = _facets(sample, scale=total / max(len(sample), 1))
                    page = self._broad_page(sql, ranker, plan.exact, offset, end)
        except OutOfTime:
            # Answer with what was found before the budget ran out.
            out_of_time = True
            facets, titles = _facets(map(FACET_FIELDS, found))
            total, approximate = len(found), bool(found)
            page = self._ordered(found, ranker)[offset:end]
        results = SearchResults(
            total,
            [self._hit(row, plan.needles) for row in page],
            facets,
            self.name,
            labels={"series": titles},
            facets_approximate=approximate,
        )
        if out_of_time:
            results.add_notice(OUT_OF_TIME)
        results.took_ms = round((time.perf_counter() - started) * 1000, 1)
        return results

    def _broad_page(self, sql, ranker, exact, offset, end):
        if ranker is None:
            newest = "e.date DESC NULLS LAST"
            return sql.rows(order=f"{newest}, e.id", limit=end - offset, offset=offset)
        latest = f"{sql.stride} DESC"
        if offset >= BROAD_CANDIDATES:
            return sql.rows(order=latest, limit=end - offset, offset=offset)
        candidates = sql.rows(order=latest, limit=BROAD_CANDIDATES)
        # Entries titled as the query, through the title index (filtering the
        # matches by title would read every one of them).
        if exact:
            seen = {row.id for row in candidates}
            titled = SearchEntry.objects.filter(title_exact=exact)
            ids = [
                i for i in titled.values_list("id", flat=True)[:WINDOW] if i not in seen
            ]
            if ids:
                same = f"{sql.stride} IN ({', '.join(['%s'] * len(ids))})"
                candidates += sql.rows(also=(same, ids))
        return self._ordered(candidates, ranker)[offset:end]

    @staticmethod
    def _ordered(rows, ranker):
        """Best first (see ranking.py), or newest first when sorting by date."""
        if ranker is None:
            return sorted(
                rows, key=lambda row: (row.date is not None, row.date), reverse=True
            )
        return ranker.order(rows, _rank_fields)

    def _hit(self, row, needles) -> SearchHit:
        return SearchHit(
            key=row.key,
            kind=row.kind,
            title=row.title,
            url=row.url,
            snippet=highlight(row.body or row.title, needles),
            date=_aware(row.date),
            series=row.series,
            series_title=row.series_title,
            tags=_split(row.tags_text),
            people=_split(row.people_text),
            score=-float(row.relevance or 0.0),
        )

    def suggest(self, prefix: str, *, limit: int = 8) -> list[str]:
        prefix = prefix.strip()
        if not prefix:
            return []
        titles = (
            SearchEntry.objects.filter(title__icontains=prefix)
            .order_by("-date")
            .values_list("title", flat=True)[: limit * 4]
        )
        return list(dict.fromkeys(titles))[:limit]


def _rank_fields(row):
    return {
        "title": row.title,
        "headings": row.headings,
        "body": row.body,
        "kind": row.kind,
        "score": -float(row.relevance or 0.0),
        "date": row.date,
    }


def _dialect(vendor: str) -> type[DatabaseEngine]:
    if vendor == "postgresql":
        from .postgresql import PostgresEngine

        return PostgresEngine
    if vendor == "sqlite":
        from .sqlite import SqliteEngine

        return SqliteEngine
    raise NotImplementedError(f"The database search engine has no {vendor} dialect.")


def _facets(rows, *, scale=1.0):
    """Facet counts from (kind, series, series_title, date, tags_text) rows,
    multiplied by ``scale`` when the rows are a sample; and series titles.
    Years are the community's local years."""
    kinds, series, years = Counter(), Counter(), Counter()
    titles, tags = {}, []
    year_of = stored_year_reader()
    for kind, series_slug, series_title, date, tags_text in rows:
        kinds[kind] += 1
        if series_slug:
            series[series_slug] += 1
            titles[series_slug] = series_title
        if date is not None:
            years[year_of(date)] += 1
        if tags_text:
            tags.extend(tags_text.split("|"))
    tag_counts = Counter(tags)
    tag_counts.pop("", None)

    def counted(pairs):
        if scale == 1.0:
            return pairs
        return [(value, max(1, round(count * scale))) for value, count in pairs]

    def most_common(counter):
        # Counter.most_common(n) does this through heapq, in Python.
        return sorted(counter.items(), key=itemgetter(1), reverse=True)

    facets = {
        "kind": counted(most_common(kinds)),
        "series": counted(most_common(series)),
        "year": counted([(str(y), n) for y, n in sorted(years.items(), reverse=True)]),
        "tag": counted(most_common(tag_counts)[:20]),
    }
    return facets, titles


def _split(joined):
    return [value for value in joined.split("|") if value] if joined else []


def _aware(value):
    """SQLite hands back naive UTC datetimes (or text) from raw SQL."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value
