"""Keeping the index in step with content, through the outbox.

Every save or delete of a registered source's model adds an outbox row in the
same transaction; after commit the outbox is drained into the engine. If the
engine fails, the rows stay and ``manage.py search_sync`` drains them later.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task

from . import registry
from .documents import SearchDocument
from .engines import get_engine
from .models import OutboxEntry

logger = logging.getLogger(__name__)


def enqueue(source: registry.IndexableSource, pk) -> None:
    OutboxEntry.objects.create(source=source.name, object_pk=str(pk))
    transaction.on_commit(_queue_drain)


def _queue_drain() -> None:
    # Through django-tasks: a worker, if one is configured, re-indexes a big
    # archive without holding up the request that saved it.
    try:
        drain_outbox.enqueue()
    except Exception:  # noqa: BLE001 - the outbox keeps the change; search_sync retries
        logger.exception("search: could not queue the outbox drain")


def _changed(sender, instance, **kwargs):
    for source in registry.sources_for_model(sender):
        enqueue(source, instance.pk)


def connect_signals() -> None:
    from wagtail.signals import page_published, page_unpublished

    models = {source.model for source in registry.all_sources()}
    for model in models:
        post_save.connect(
            _changed, sender=model, dispatch_uid=f"search-save-{model._meta.label}"
        )
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"search-delete-{model._meta.label}"
        )
    # Unpublishing may save through the base Page class; these carry the real one.
    page_published.connect(_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-page-unpublished")


def _page_changed(sender, instance, **kwargs):
    _changed(type(instance.specific_deferred), instance)


def drain(*, engine=None, limit: int | None = None) -> int:
    """Push pending changes to the engine; returns how many objects were re-indexed.

    Several rows for one object are handled once. Rows are deleted only after
    their object reached the engine.
    """
    engine = engine or get_engine()
    pending = list(
        OutboxEntry.objects.order_by("pk")[:limit]
        if limit
        else OutboxEntry.objects.order_by("pk")
    )
    done = 0
    seen = {}
    for entry in pending:
        seen.setdefault((entry.source, entry.object_pk), []).append(entry.pk)
    for (source_name, object_pk), row_ids in seen.items():
        source = registry.get_source(source_name)
        try:
            if source is None:
                OutboxEntry.objects.filter(pk__in=row_ids).delete()
                continue
            obj = source.get_object(object_pk)
            # Streamed: an archive of a million messages is never held in memory.
            documents = source.documents_for(obj) if obj is not None else ()
            engine.replace_origin(source.origin(object_pk), documents)
        except Exception as error:  # noqa: BLE001 - any engine failure leaves the row for later
            logger.warning(
                "search: could not index %s:%s: %s", source_name, object_pk, error
            )
            OutboxEntry.objects.filter(pk__in=row_ids).update(
                last_error=str(error)[:2000]
            )
            for row in OutboxEntry.objects.filter(pk__in=row_ids):
                row.attempts += 1
                row.save(update_fields=["attempts"])
            continue
        OutboxEntry.objects.filter(pk__in=row_ids).delete()
        done += 1
    return done


def drain_safely() -> None:
    try:
        drain()
    except Exception:  # noqa: BLE001 - saving content must never fail because of search
        logger.exception("search: draining the outbox failed; search_sync will retry")


@task()
def drain_outbox():
    """Push pending search changes. Queued after each commit that changed content:
    inline with the default immediate backend, in a worker with a real one."""
    drain_safely()


def all_documents() -> Iterator[SearchDocument]:
    for source in registry.all_sources():
        for obj in source.get_queryset().iterator():
            yield from source.documents_for(obj)
