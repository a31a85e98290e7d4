"""The one search entry point views and the API share."""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _

from .engines import SearchRequest, SearchResults, get_engine
from .engines.database import DatabaseEngine
from .models import SynonymGroup
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
        synonyms=[group.word_list() for group in SynonymGroup.objects.all()],
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
