"""Per-member rate limits on what members write (questions, votes, posts).

Counts live in Django's cache, in fixed windows. Decision: the default
local-memory cache is exact for a site served by one process (the small
single-server setup); a site served by several processes should configure a
shared cache (Redis, Memcached) so the processes count together. The limits
themselves are settings: ``CHENDIAN_RATE_LIMITS = {"question": (5, 3600), …}``
— (how many, per how many seconds).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
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
    cache.add(key, 0, timeout=window)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        used = 1
    if used > count:
        raise RateLimited(action, count)
