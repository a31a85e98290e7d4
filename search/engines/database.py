"""The embedded engine: SQLite FTS5 or PostgreSQL full-text over SearchEntry."""

from __future__ import annotations

import time
from collections import Counter, namedtuple
from collections.abc import Iterable
from datetime import UTC, datetime
from datetime import time as midnight
from operator import itemgetter

from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ..documents import SearchDocument
from ..models import SearchEntry
from ..text import segment, tokens
from .base import SearchEngine, SearchHit, SearchRequest, SearchResults
from .highlight import highlight

BATCH = 1000

# Facet counts are exact up to this many matches. Beyond it (a common word
# matching half the archive) they are estimated from an even sample of about
# this many matches, and the results say so, instead of reading every match.
FACET_EXACT_LIMIT = 2000

# What facets count, in this order.
FACET_NAMES = ("kind", "series", "series_title", "year", "tags_text")
FACET_COLUMNS = ", ".join(f"e.{name}" for name in FACET_NAMES)
# One found entry: what its result shows, what facets count, and its rank.
Row = namedtuple(
    "Row",
    "id key kind title body url date series series_title year tags_text "
    "people_text relevance",
)
FACET_FIELDS = itemgetter(*(Row._fields.index(name) for name in FACET_NAMES))


def entry_from(document: SearchDocument) -> SearchEntry:
    return SearchEntry(
        key=document.key,
        origin=document.origin,
        kind=document.kind,
        title=document.title,
        body=document.body,
        url=document.url,
        date=document.date,
        year=timezone.localtime(document.date).year if document.date else None,
        series=document.series,
        series_title=document.series_title,
        stage=document.stage,
        tags_text=_joined(document.tags),
        people_text=_joined(document.people),
        facets=document.facets,
        # Tags are words too: a post tagged 运营 is found by searching 运营.
        tokens=segment("\n".join([document.title, document.body, *document.tags])),
    )


def _joined(values):
    values = [v.replace("|", " ").strip() for v in values if v and v.strip()]
    return "|" + "|".join(values) + "|" if values else ""


class DatabaseEngine(SearchEngine):
    name = "database"

    # Writing

    def replace_origin(self, origin: str, documents: Iterable[SearchDocument]) -> int:
        with transaction.atomic():
            SearchEntry.objects.filter(origin=origin).delete()
            return self._insert_all(documents)

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
    # Raw SQL on purpose: a search is a handful of statements, and compiling
    # them through the ORM cost more than running them (see bench/search.py).
    # The full-text table drives every statement (CROSS JOIN fixes the join
    # order in SQLite), so a filter column's index never makes SQLite run the
    # MATCH once per row.

    def search(self, request: SearchRequest) -> SearchResults:
        started = time.perf_counter()
        match = self._match_expression(request)
        if (
            match is None
            and request.query.is_empty
            and not (request.kinds or request.tags)
        ):
            return SearchResults(0, [], {}, self.name, 0.0)
        sql = _Sql.build(match, request)
        relevance = match is not None and request.sort != "date"
        offset = (max(request.page, 1) - 1) * request.page_size

        # One pass reads every match with what its result and the facets need:
        # small match sets (nearly every real query) take one statement.
        found = sql.rows(limit=FACET_EXACT_LIMIT + 1)
        if len(found) <= FACET_EXACT_LIMIT:
            total, approximate = len(found), False
            facets, series_titles = _facets(map(FACET_FIELDS, found))
            _sort(found, relevance=relevance)
            page = found[offset : offset + request.page_size]
        else:
            # A broad query: count exactly, estimate the facets from an even
            # sample of the matches, and let the database pick the page.
            total = sql.count()
            step = max(1, total // FACET_EXACT_LIMIT)
            approximate = step > 1
            sample = sql.rows(FACET_COLUMNS, every=step)
            facets, series_titles = _facets(sample, scale=total / max(len(sample), 1))
            newest = "e.date DESC NULLS LAST"
            page = sql.rows(
                order=f"relevance, {newest}" if relevance else f"{newest}, e.id",
                limit=request.page_size,
                offset=offset,
            )
        needles = self._needles(request)
        hits = [
            SearchHit(
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
            for row in page
        ]
        took = (time.perf_counter() - started) * 1000
        return SearchResults(
            total,
            hits,
            facets,
            self.name,
            round(took, 1),
            labels={"series": series_titles},
            facets_approximate=approximate,
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

    # Query building

    def _clauses(self, request: SearchRequest):
        """AND of OR-groups of phrases (each phrase a list of terms)."""
        groups = {}
        for synonyms in request.synonyms:
            for word in synonyms:
                groups[" ".join(tokens(word))] = synonyms
        clauses = []
        for word in [*request.query.terms, *request.query.phrases]:
            phrase = tokens(word)
            if not phrase:
                continue
            alternatives = groups.get(" ".join(phrase), [word])
            clause = [tokens(w) for w in alternatives]
            clauses.append([p for p in clause if p])
        excluded = [tokens(word) for word in request.query.excluded]
        return clauses, [p for p in excluded if p]

    def _match_expression(self, request):
        clauses, excluded = self._clauses(request)
        if not clauses:
            return None
        return clauses, excluded

    def _needles(self, request):
        words = [*request.query.terms, *request.query.phrases]
        for synonyms in request.synonyms:
            if any(w in synonyms for w in words):
                words.extend(synonyms)
        return words


def _fts5(clauses, excluded) -> str:
    def phrase(terms):
        return '"' + " ".join(terms) + '"'

    expression = " AND ".join(
        "(" + " OR ".join(phrase(p) for p in clause) + ")" for clause in clauses
    )
    for terms in excluded:
        expression += f" NOT {phrase(terms)}"
    return expression


def _tsquery(clauses, excluded) -> str:
    def phrase(terms):
        return "(" + " <-> ".join("'" + t.replace("'", "") + "'" for t in terms) + ")"

    expression = " & ".join(
        "(" + " | ".join(phrase(p) for p in clause) + ")" for clause in clauses
    )
    for terms in excluded:
        expression += f" & !{phrase(terms)}"
    return expression


class _Sql:
    """The FROM and WHERE of one search, and the statements run with them."""

    def __init__(
        self, tables, where, params, *, rank="0", rank_params=(), stride="e.id"
    ):
        self.tables = tables
        self.where = where
        self.params = params
        self.rank = rank  # lower is better
        self.rank_params = list(rank_params)
        self.stride = stride  # the id column samples are taken on
        self.bare_count = None  # a cheaper exact count, when there is one

    @classmethod
    def build(cls, match, request):
        filters, filter_params = _filters(request)
        if match is None:
            return cls("search_searchentry e", filters, filter_params)
        if connection.vendor == "postgresql":
            expression = _tsquery(*match)
            vector = "to_tsvector('simple', e.tokens)"
            return cls(
                "search_searchentry e",
                [f"{vector} @@ to_tsquery('simple', %s)", *filters],
                [expression, *filter_params],
                rank=f"-ts_rank({vector}, to_tsquery('simple', %s))",
                rank_params=[expression],
            )
        expression = _fts5(*match)
        sql = cls(
            "search_entry_fts CROSS JOIN search_searchentry e "
            "ON e.id = search_entry_fts.rowid",
            ["search_entry_fts MATCH %s", *filters],
            [expression, *filter_params],
            rank="bm25(search_entry_fts)",
            stride="search_entry_fts.rowid",
        )
        if not filters:
            # Every full-text row has its entry: counting needs no join.
            sql.bare_count = (
                "SELECT count(*) FROM search_entry_fts WHERE search_entry_fts MATCH %s",
                [expression],
            )
        return sql

    def rows(self, columns=None, *, order="", limit=None, offset=0, every=1):
        """The matches as ``Row``s, or as tuples of ``columns``; ``every`` > 1
        keeps about one match in ``every``, spread evenly."""
        params = list(self.params)
        where = list(self.where)
        if every > 1:
            # A multiplicative hash of the id, not "id % every": documents are
            # written in runs (a session, then its recap's sections), and a
            # plain stride could fall in step with such a run.
            where.append(f"({self.stride} * 2654435761) %% 4294967296 < %s")
            params.append(4294967296 // every)
        as_rows = columns is None
        if as_rows:
            # Dates as stored: text sorts right on SQLite and skips parsing
            # thousands of them; _aware() reads the few that are shown.
            date = "e.date || ''" if connection.vendor == "sqlite" else "e.date"
            columns = (
                f"e.id, e.key, e.kind, e.title, e.body, e.url, {date}, e.series, "
                "e.series_title, e.year, e.tags_text, e.people_text, "
                f"{self.rank} AS relevance"
            )
            params = [*self.rank_params, *params]
        # Only our own column and table names; values go in as parameters.
        sql = f"SELECT {columns} FROM {self.tables}"  # noqa: S608
        if where:
            sql += " WHERE " + " AND ".join(where)
        if order:
            sql += f" ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params += [limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [Row._make(row) for row in rows] if as_rows else rows

    def count(self) -> int:
        if self.bare_count:
            sql, params = self.bare_count
        else:
            # Only our own table names; values go in as parameters.
            sql = f"SELECT count(*) FROM {self.tables}"  # noqa: S608
            params = list(self.params)
            if self.where:
                sql += " WHERE " + " AND ".join(self.where)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]


def _filters(request):
    """WHERE clauses (on entry ``e``) and their parameters for the filters."""
    query = request.query
    where, params = [], []

    def one_of(column, values):
        where.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
        params.extend(values)

    if kinds := request.kinds + query.kinds:
        one_of("e.kind", kinds)
    if series := request.series + query.series:
        one_of("e.series", series)
    if request.years:
        one_of("e.year", request.years)
    if query.stages:
        one_of("e.stage", query.stages)
    if query.answered:  # is:answered
        one_of("e.kind", ["question"])
        one_of("e.stage", ["answered"])
    for tag in request.tags + query.tags:
        where.append("e.tags_text LIKE %s ESCAPE '\\'")
        params.append(f"%|{_like_escaped(tag)}|%")
    like = "ILIKE" if connection.vendor == "postgresql" else "LIKE"
    for person in query.people:
        where.append(f"e.people_text {like} %s ESCAPE '\\'")
        params.append(f"%{_like_escaped(person)}%")
    # Dates are days in the community's time zone: from its midnight on.
    if query.after:
        where.append("e.date >= %s")
        params.append(_local_midnight(query.after))
    if query.before:
        where.append("e.date < %s")
        params.append(_local_midnight(query.before))
    return where, params


def _like_escaped(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _local_midnight(day):
    moment = timezone.make_aware(datetime.combine(day, midnight.min))
    return connection.ops.adapt_datetimefield_value(moment)


def _facets(rows, *, scale=1.0):
    """Facet counts from (kind, series, series_title, year, tags_text) rows,
    multiplied by ``scale`` when the rows are a sample; and series titles."""
    kinds, series, years = Counter(), Counter(), Counter()
    titles, tags = {}, []
    for kind, series_slug, series_title, year, tags_text in rows:
        kinds[kind] += 1
        if series_slug:
            series[series_slug] += 1
            titles[series_slug] = series_title
        if year:
            years[year] += 1
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


def _sort(rows, *, relevance):
    """Best rank first, then newest; or newest first, then oldest id. Rows
    come in id order and Python's sort keeps ties in place."""
    rows.sort(key=lambda row: (row.date is not None, row.date), reverse=True)
    if relevance:
        rows.sort(key=lambda row: row.relevance)


def _split(joined):
    return [value for value in joined.split("|") if value] if joined else []


def _aware(value):
    """SQLite hands back naive UTC datetimes (or text) from raw SQL."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value
