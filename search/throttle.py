"""Per-IP throttling of anonymous searches.

Searching costs the server far more than showing a page, so anonymous
visitors get a budget per address and fixed window; signed-in members are not
throttled (they are already known and rate-limited where they write). Counts
live in Django's cache and are taken with ``cache.add`` + ``cache.incr``
(never get-then-set in this module): a single step on Redis (``INCR``),
Memcached and the local-memory cache. Django's file-based cache implements
``incr`` as read-then-write, so under a concurrent burst it may let a few
extra searches through; that over-admits, it never refuses a visitor wrongly.

``CHENDIAN_SEARCH_THROTTLE = {"search": (60, 60), "suggest": (240, 60)}``
— (how many requests, per how many seconds); ``None`` switches one off.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_THROTTLE = {
    # A person reading results pages does a few searches a minute.
    "search": (60, 60),
    # Suggestions are asked for as someone types, a few per word.
    "suggest": (240, 60),
}


def throttle_for(action: str) -> tuple[int, int] | None:
    configured = getattr(settings, "CHENDIAN_SEARCH_THROTTLE", {})
    return configured.get(action, DEFAULT_THROTTLE[action])


def search_throttle_check(request, *, action: str) -> int | None:
    """Count one anonymous ``action``; return the seconds to wait when over the
    limit, else None. The address is ``REMOTE_ADDR``: behind a proxy, have the
    proxy set it (e.g. uvicorn/gunicorn's forwarded-allow-ips)."""
    limit = throttle_for(action)
    if limit is None or request.user.is_authenticated:
        return None
    count, window = limit
    now = time.time()
    bucket = int(now // window)
    address = request.META.get("REMOTE_ADDR", "unknown")
    key = f"chendian:search-throttle:{action}:{address}:{bucket}"
    cache.add(key, 0, timeout=window)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        used = 1
    if used > count:
        return max(1, int((bucket + 1) * window - now))
    return None
