"""Reads cached until something is published: one generation for the whole site.

Menus, tag clouds, post counts and calendar and news feeds change only when an
editor publishes, unpublishes, moves or deletes a page, or changes who may see it. ``cached_until_publish``
keeps such a read in Django's cache under the current generation; those
signals start a new one, so the next request reads the database again.
Several processes see it only if they share the cache.
"""

from __future__ import annotations

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "chendian:published:generation"
# Entries of an old generation are never read again; they expire after this.
CACHE_SECONDS = 24 * 60 * 60


def current_generation(key: str) -> str:
    """The generation stored under ``key``, a new one if there is none.

    Random, so a generation dropped from the cache (deleted after a change, or
    culled) never comes back, nor do the values cached under it.
    """
    generation = cache.get(key)
    if generation is None:
        fresh = uuid.uuid4().hex
        if cache.add(key, fresh, timeout=None):
            return fresh
        generation = cache.get(key) or fresh
    return generation


def published_generation() -> str:
    return current_generation(GENERATION_KEY)


def cached_until_publish(name: str, compute):
    """``compute()``, cached until the next publish. ``name`` may hold member
    input (it is hashed into the key)."""
    digest = hashlib.sha256(name.encode()).hexdigest()[:32]
    key = f"chendian:published:{published_generation()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def forget_now_and_on_commit(key: str, *, using=None) -> None:
    """Delete a cache key now, and again once the current transaction commits,
    since a request may cache what the database held before the commit."""
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key), using=using)


def forget_published(**kwargs):
    """Start a new generation (see forget_now_and_on_commit)."""
    forget_now_and_on_commit(GENERATION_KEY)


def watch_publishing():
    """Connect ``forget_published`` to every signal that changes what is live."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, PageViewRestriction
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(forget_published, dispatch_uid="chendian-published")
    post_delete.connect(
        forget_published, sender=Page, dispatch_uid="chendian-published"
    )
    # A view restriction takes pages out of the public feeds (or puts them back).
    for signal in (post_save, post_delete):
        signal.connect(
            forget_published,
            sender=PageViewRestriction,
            dispatch_uid="chendian-published-privacy",
        )
    # A speaker (a snippet) is saved without publishing the pages naming them.
    from ..models import Person

    for signal in (post_save, post_delete):
        signal.connect(
            forget_published, sender=Person, dispatch_uid="chendian-published-person"
        )
