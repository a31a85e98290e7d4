"""The search app's background tasks, where django-tasks workers look for them.

The task is defined beside the outbox it drains (search.indexing)."""

from .indexing import drain_outbox

__all__ = ["drain_outbox"]
