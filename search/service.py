"""The one search entry point views and the API share."""

from __future__ import annotations

import logging

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from .engines import SearchRequest, SearchResults, get_engine
from .engines.database import DatabaseEngine
from .models import synonym_groups
from .text import parse_query

logger = logging.getLogger(__name__)

KINDS = ("session", "recap", "post", "question", "chat", "page")


def request_from_params(params) -> SearchRequest:
    def ints(name):
        return [int(v) for v in params.getlist(name) if v.isdigit()]

    try:
        page = max(1, int(params.get("page", "1")))
    except ValueError:
        page = 1
    return SearchRequest(
        query=parse_query(params.get("q", "")),
        kinds=[k for k in params.getlist("kind") if k in KINDS],
        series=[s for s in params.getlist("series") if s],
        tags=[t for t in params.getlist("tag") if t],
        years=ints("year"),
        sort="date" if params.get("sort") == "date" else "relevance",
        page=page,
        synonyms=synonym_groups(),
    )


def search_run(request: SearchRequest) -> SearchResults:
    """Search with the configured engine; fall back to the database if it is down."""
    engine = get_engine()
    try:
        return engine.search(request)
    except Exception as error:  # noqa: BLE001 - any cluster failure: answer from the database
        if isinstance(engine, DatabaseEngine):
            raise
        logger.warning(
            "search: %s unreachable, answering from the database: %s",
            engine.name,
            error,
        )
        results = DatabaseEngine().search(request)
        results.notice = _(
            "The search cluster is unreachable; these results come from the database "
            "and may be less complete."
        )
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
