"""Per-member rate limits on what members write (questions, votes, posts).

Counts live in Django's cache, in fixed windows, and every count is atomic:
concurrent requests by one member never get past the limit together.

- Redis and Memcached increment on the server (``INCR``): exact across
  machines. This is what a site with several web machines configures
  (``CACHE_URL=redis://…``).
- The local-memory cache increments under its own lock: exact in one process.
- Every other backend (the default file-based cache, the database cache) reads
  then writes, so counting holds an exclusive ``flock`` on a file in the cache
  folder: exact for all processes of one machine, which is what such a cache
  is shared by anyway.

The limits themselves are settings:
``CHENDIAN_RATE_LIMITS = {"question": (5, 3600), …}`` — (how many, per how
many seconds).
"""

from __future__ import annotations

import fcntl
import os
import tempfile
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.memcached import BaseMemcachedCache
from django.core.cache.backends.redis import RedisCache
from django.utils.translation import gettext_lazy as _

DEFAULT_LIMITS = {
    "question": (5, 60 * 60),
    "vote": (60, 60 * 60),
    "rsvp": (30, 60 * 60),
    "post": (5, 24 * 60 * 60),
}

MESSAGES = {
    "question": _(
        "You have asked %(count)s questions in a short time. Please wait a while "
        "before asking another one."
    ),
    "vote": _("You have voted %(count)s times in a short time. Please wait a while."),
    "rsvp": _(
        "You have changed your answer %(count)s times in a short time. "
        "Please wait a while."
    ),
    "post": _(
        "You have submitted %(count)s posts today. Please wait until tomorrow "
        "before submitting another one."
    ),
}


class RateLimited(Exception):
    """Raised when a member has done ``action`` too often; str() is the message."""

    def __init__(self, action: str, count: int):
        self.action = action
        self.count = count
        template = MESSAGES.get(action, _("Too many requests. Please wait a while."))
        super().__init__(str(template) % {"count": count})


def limit_for(action: str) -> tuple[int, int]:
    configured = getattr(settings, "CHENDIAN_RATE_LIMITS", {})
    return configured.get(action, DEFAULT_LIMITS[action])


def check_rate(user, action: str) -> None:
    """Count one ``action`` by ``user``; raise RateLimited past the limit.

    Staff are not limited: moderators sometimes enter many questions at once.
    """
    if user.is_staff or user.is_superuser:
        return
    count, window = limit_for(action)
    bucket = int(time.time() // window)
    key = f"chendian:rate:{action}:{user.pk}:{bucket}"
    if rate_used(key, window=window) > count:
        raise RateLimited(action, count)


# Backends whose incr() is a single atomic step (a server command or a lock).
ATOMIC_INCR_BACKENDS = (RedisCache, BaseMemcachedCache, LocMemCache)


def rate_used(key: str, *, window: int) -> int:
    """Add one to the counter ``key`` (created for ``window`` seconds); return it."""
    cache = caches["default"]
    with _exclusive_counting(cache):
        cache.add(key, 0, timeout=window)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window)
            return 1


@contextmanager
def _exclusive_counting(cache):
    if isinstance(cache, ATOMIC_INCR_BACKENDS):
        yield
        return
    folder = cache._dir if isinstance(cache, FileBasedCache) else tempfile.gettempdir()
    os.makedirs(folder, exist_ok=True)
    # Not a .djcache file, so the cache's culling and clear() leave it alone.
    with open(os.path.join(folder, "chendian-rate-limits.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
