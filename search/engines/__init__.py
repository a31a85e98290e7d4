"""Search engines behind one interface; ``get_engine()`` picks the configured one."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import SearchEngine, SearchRequest, SearchResults


def get_engine() -> SearchEngine:
    """Elasticsearch/OpenSearch when ELASTICSEARCH_URL is set, else the database."""
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if url:
        try:
            from .elasticsearch import ElasticsearchEngine
        except ImportError as error:
            raise ImproperlyConfigured(
                "ELASTICSEARCH_URL is set, but this version ships only the database "
                "engine. Unset ELASTICSEARCH_URL."
            ) from error
        return ElasticsearchEngine(url)
    from .database import DatabaseEngine

    return DatabaseEngine()


__all__ = ["SearchEngine", "SearchRequest", "SearchResults", "get_engine"]
