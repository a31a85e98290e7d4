"""The one search entry point views and the API share."""

from __future__ import annotations

import logging

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from .engines import SearchRequest, SearchResults, get_engine
from .engines.base import SHORTENED
from .engines.database import DatabaseEngine
from .models import synonym_groups
from .query import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_FILTER_VALUES,
    MAX_QUERY_LENGTH,
    parse_query,
)
from .registry import all_kinds

logger = logging.getLogger(__name__)

# Longest series slug or tag a filter parameter may name.
MAX_VALUE_CHARS = 100
LAST_PAGE = 1000
SORTS = ("relevance", "date")


class SearchParameterError(ValueError):
    """A search parameter that cannot be right (a 30-digit year, an unknown
    kind). ``str(error)`` is a message for the searcher, in their language;
    the views answer it with a 400 (API) or a notice (page)."""


def request_from_params(params) -> SearchRequest:
    """A SearchRequest from the query string; SearchParameterError if any
    parameter is out of its range or list."""
    raw = params.get("q", "")
    if len(raw) > MAX_QUERY_LENGTH:
        raise SearchParameterError(
            _("The query is too long: at most %(limit)d characters.")
            % {"limit": MAX_QUERY_LENGTH}
        )
    kinds = _values(params, "kind")
    if unknown := [k for k in kinds if k not in all_kinds()]:
        raise SearchParameterError(
            _("Unknown kind of result: %(kinds)s.") % {"kinds": ", ".join(unknown)}
        )
    years = [
        _number(value, FIRST_YEAR, LAST_YEAR, _("year"))
        for value in _values(params, "year")
    ]
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        raise SearchParameterError(
            _("Sort by one of: %(sorts)s.") % {"sorts": ", ".join(SORTS)}
        )
    return SearchRequest(
        query=parse_query(raw),
        kinds=kinds,
        series=_values(params, "series"),
        tags=_values(params, "tag"),
        years=years,
        sort=sort,
        page=_number(params.get("page") or "1", 1, LAST_PAGE, _("page")),
        synonyms=synonym_groups(),
    )


def _values(params, name) -> list[str]:
    values = list(dict.fromkeys(v.strip() for v in params.getlist(name) if v.strip()))
    if len(values) > MAX_FILTER_VALUES:
        raise SearchParameterError(
            _("At most %(limit)d values for %(name)s.")
            % {"limit": MAX_FILTER_VALUES, "name": name}
        )
    if any(len(v) > MAX_VALUE_CHARS for v in values):
        raise SearchParameterError(
            _("A %(name)s value is too long: at most %(limit)d characters.")
            % {"name": name, "limit": MAX_VALUE_CHARS}
        )
    return values


def _number(value: str, low: int, high: int, label) -> int:
    # Length first: int() of a huge digit string is slow, and no page or year
    # needs more than a few digits.
    value = value.strip()
    if len(value) > 6 or not value.isascii() or not value.isdigit():
        number = None
    else:
        number = int(value)
    if number is None or not low <= number <= high:
        raise SearchParameterError(
            _("The %(name)s must be a number from %(low)d to %(high)d.")
            % {"name": label, "low": low, "high": high}
        )
    return number


def search_run(request: SearchRequest) -> SearchResults:
    """Search with the configured engine; fall back to the database if it is down."""
    engine = get_engine()
    try:
        results = engine.search(request)
    except Exception as error:  # noqa: BLE001 - any cluster failure: answer from the database
        if isinstance(engine, DatabaseEngine):
            raise
        logger.warning(
            "search: %s unreachable, answering from the database: %s",
            engine.name,
            error,
        )
        results = DatabaseEngine().search(request)
        results.add_notice(
            _(
                "The search cluster is unreachable; these results come from the "
                "database and may be less complete."
            )
        )
    if request.plan.shortened:
        results.add_notice(SHORTENED)
    return results


def query_hit_record(*, text: str) -> None:
    """Count one search for ``text`` in Wagtail's search promotions (the daily
    hits the admin's reports read).

    The same rows as ``Query.get(text).add_hit()``, written with two upserts in
    one transaction instead of five ORM statements: this runs for every search.
    """
    query_string = normalise_query_string(text)
    if not query_string:
        return
    queries, hits = Query._meta.db_table, QueryDailyHits._meta.db_table
    today = connection.ops.adapt_datefield_value(timezone.now().date())
    # Only Wagtail's own table names go into the SQL; values are parameters.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {queries} (query_string) VALUES (%s) "  # noqa: S608
            "ON CONFLICT (query_string) DO NOTHING",
            [query_string],
        )
        cursor.execute(
            f"INSERT INTO {hits} (query_id, date, hits) "  # noqa: S608
            f"SELECT id, %s, 1 FROM {queries} WHERE query_string = %s "
            f"ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits}.hits + 1",
            [today, query_string],
        )
