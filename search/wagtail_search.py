"""Wagtail's own search (page explorer, choosers, snippet listings) with the
same Chinese folding and segmentation as our search.

modelsearch's database backend keeps a run of Chinese characters as one FTS5
token, so "表格" never finds "用表格公式替代重复整理". This backend stores
the folded, bigram-segmented text (``search.text.segment``) in Wagtail's
index and segments every query the same way: both sides then compare
bigrams, as the site search does.

Use it with ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND":
"search.wagtail_search"}}``. It changes SQLite with FTS5 (the default
database); other databases get modelsearch's own backend unchanged.
After switching, existing content needs ``manage.py update_index`` once.
"""

from __future__ import annotations

from django.utils.encoding import force_str
from modelsearch.backends import database
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteIndex,
    SQLiteSearchBackend,
)
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from .text import segment

INDEXED_TEXT = ("title", "body", "autocomplete")


class FoldedSQLiteIndex(SQLiteIndex):
    """Writes index entries as modelsearch does, then replaces their text by
    its segmented form (the FTS5 table follows through modelsearch's triggers).
    Segmenting is idempotent, so re-indexing an entry is harmless."""

    def add_items(self, model, objs):
        objs = list(objs)
        super().add_items(model, objs)
        entries = self.entries.filter(
            content_type_id=get_content_type_pk(model),
            object_id__in=[force_str(obj.pk) for obj in objs],
        ).only("pk", *INDEXED_TEXT)
        changed = []
        for entry in entries:
            for name in INDEXED_TEXT:
                setattr(entry, name, segment(getattr(entry, name)))
            changed.append(entry)
        IndexEntry.objects.bulk_update(changed, INDEXED_TEXT, batch_size=500)


def folded_query(query):
    """The query as index terms: words whole, Chinese cut into bigrams."""
    if isinstance(query, str):
        return segment(query)
    if isinstance(query, PlainText):
        return PlainText(segment(query.query_string), query.operator, query.boost)
    if isinstance(query, Phrase):
        return Phrase(segment(query.query_string))
    return query


class FoldedSQLiteSearchBackend(SQLiteSearchBackend):
    index_class = FoldedSQLiteIndex

    def search(self, query, model_or_queryset, **kwargs):
        return super().search(folded_query(query), model_or_queryset, **kwargs)

    def autocomplete(self, query, model_or_queryset, **kwargs):
        return super().autocomplete(folded_query(query), model_or_queryset, **kwargs)


def SearchBackend(params):  # noqa: N802 - the name modelsearch looks up
    """modelsearch's choice for the database, folded where it is SQLite FTS5."""
    backend = database.SearchBackend(params)
    if isinstance(backend, SQLiteSearchBackend):
        return FoldedSQLiteSearchBackend(params)
    return backend
