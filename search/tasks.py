"""The search app's background tasks, where django-tasks workers look for them.

The task is defined beside the outbox it drains (search.indexing)."""

from django_tasks import task

from .indexing import drain_outbox

__all__ = ["drain_outbox", "record_query_hit"]


@task()
def record_query_hit(text: str):
    """Count one search for Wagtail's search promotions. Queued after the
    response is sent, so a busy database delays a count, never a visitor."""
    from .service import query_hit_record

    query_hit_record(text=text)
