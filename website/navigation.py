"""The header menu, read from Django's cache until a page is published, moved
or removed.

Every page shows the menu; its pages change only when an editor publishes,
unpublishes, moves or deletes one, so those signals start a new generation and
the menu is read again on the next request.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page

GENERATION_KEY = "chendian:navigation:generation"
# Entries of an old generation are never read again; they expire after this.
CACHE_SECONDS = 24 * 60 * 60


def menu_pages(root: Page) -> list[Page]:
    """The live, in-menu children of ``root`` (the site's root page)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY) or generation
    key = f"chendian:navigation:{generation}:{root.pk}"
    pages = cache.get(key)
    if pages is None:
        pages = list(Page.objects.child_of(root).live().in_menu())
        cache.set(key, pages, CACHE_SECONDS)
    return pages


def forget_menus(**kwargs):
    """Drop every cached menu: now, and again once the change is committed,
    since a request may cache what the database held before the commit."""
    cache.delete(GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


def watch_pages():
    """Connect ``forget_menus`` to the signals that change a menu."""
    from django.db.models.signals import post_delete
    from wagtail.signals import (
        page_published,
        page_slug_changed,
        page_unpublished,
        post_page_move,
    )

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(forget_menus, dispatch_uid="chendian-navigation")
    post_delete.connect(forget_menus, sender=Page, dispatch_uid="chendian-navigation")
