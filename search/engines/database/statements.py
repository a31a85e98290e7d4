"""The SQL of one search: its FROM and WHERE, and the statements run with them.

Raw SQL on purpose: a search is a handful of statements, and compiling them
through the ORM cost more than running them (see bench/search.py). Only our
own table and column names are written into the SQL; values are parameters.
"""

from __future__ import annotations

from collections import namedtuple
from operator import itemgetter

from django.db import connection

from ...localtime import day_start, year_span

# What facets count, in this order.
FACET_NAMES = ("kind", "series", "series_title", "date", "tags_text")
# One found entry: what its result shows, what facets count and ranking reads.
Row = namedtuple(
    "Row",
    "id key kind title body url date series series_title tags_text "
    "people_text headings relevance",
)
FACET_FIELDS = itemgetter(*(Row._fields.index(name) for name in FACET_NAMES))


class Statement:
    """The FROM and WHERE of one search, and the statements run with them."""

    def __init__(
        self,
        tables,
        where,
        params,
        *,
        rank="0",
        rank_params=(),
        stride="e.id",
        date="e.date",
        bare=None,
    ):
        self.tables = tables
        self.where = where
        self.params = params
        self.rank = rank  # lower is better
        self.rank_params = list(rank_params)
        self.stride = stride  # the id column samples are taken on
        self.date = date  # the date column as the rows should carry it
        # "FROM … WHERE …" and parameters over the full-text table alone, when
        # no filter needs the entries: counting needs no join then.
        self.bare = bare

    @property
    def facet_columns(self) -> str:
        return ", ".join(
            self.date if name == "date" else f"e.{name}" for name in FACET_NAMES
        )

    def rows(self, columns=None, *, order="", limit=None, offset=0, every=1, also=()):
        """The matches as ``Row``s, or as tuples of ``columns``; ``every`` > 1
        keeps about one match in ``every``, spread evenly; ``also`` is one more
        (condition, parameters)."""
        params = list(self.params)
        where = list(self.where)
        if also:
            where.append(also[0])
            params.extend(also[1])
        if every > 1:
            # A multiplicative hash of the id, not "id % every": documents are
            # written in runs (a session, then its recap's sections), and a
            # plain stride could fall in step with such a run.
            where.append(f"({self.stride} * 2654435761) %% 4294967296 < %s")
            params.append(4294967296 // every)
        as_rows = columns is None
        if as_rows:
            columns = (
                f"e.id, e.key, e.kind, e.title, e.body, e.url, {self.date}, e.series, "
                "e.series_title, e.tags_text, e.people_text, e.headings, "
                f"{self.rank} AS relevance"
            )
            params = [*self.rank_params, *params]
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

    def more_than(self, limit: int) -> bool:
        """Whether more than ``limit`` entries match, reading ids only."""
        source, params = self._source()
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {source} LIMIT %s) AS found"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit + 1])
            return cursor.fetchone()[0] > limit

    def count(self) -> int:
        source, params = self._source()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {source}", params)  # noqa: S608
            return cursor.fetchone()[0]

    def _source(self):
        if self.bare:
            return self.bare
        where = " WHERE " + " AND ".join(self.where) if self.where else ""
        return f"{self.tables}{where}", list(self.params)


def filter_clauses(request, *, like="LIKE"):
    """WHERE clauses (on entry ``e``) and their parameters for the filters."""
    query = request.query
    where, params = [], []

    def one_of(column, values):
        where.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
        params.extend(values)

    if kinds := request.kinds_wanted:
        one_of("e.kind", kinds)
    if series := request.series_wanted:
        one_of("e.series", series)
    if query.stages:
        one_of("e.stage", query.stages)
    if query.answered:  # is:answered
        one_of("e.kind", ["question"])
        one_of("e.stage", ["answered"])
    if request.years:
        spans = [year_span(year) for year in request.years]
        where.append(
            "(" + " OR ".join(["(e.date >= %s AND e.date < %s)"] * len(spans)) + ")"
        )
        params.extend(_stored(moment) for span in spans for moment in span)
    for tag in request.tags_wanted:
        where.append("e.tags_text LIKE %s ESCAPE '\\'")
        params.append(f"%|{_like_escaped(tag)}|%")
    for person in query.people:
        where.append(f"e.people_text {like} %s ESCAPE '\\'")
        params.append(f"%{_like_escaped(person)}%")
    # Days in the community's time zone: from its midnight on.
    if query.after:
        where.append("e.date >= %s")
        params.append(_stored(day_start(query.after)))
    if query.before:
        where.append("e.date < %s")
        params.append(_stored(day_start(query.before)))
    return where, params


def _stored(moment):
    return connection.ops.adapt_datetimefield_value(moment)


def _like_escaped(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
