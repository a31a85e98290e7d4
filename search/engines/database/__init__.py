"""The embedded engine over SearchEntry: SQLite FTS5 or PostgreSQL full-text.

``DatabaseEngine()`` gives the engine for the default connection's SQL
dialect (``sqlite.py``, ``postgresql.py``); what they share is in ``base.py``
(writing, the search flow, facets, ranking) and ``statements.py`` (the SQL
of one search).
"""

from .base import FACET_EXACT_LIMIT, DatabaseEngine, entry_from

__all__ = ["FACET_EXACT_LIMIT", "DatabaseEngine", "entry_from"]
