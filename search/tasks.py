from django_tasks import task


@task()
def drain_outbox():
    """Push pending search changes. Queued after each commit that changed content:
    inline with the default immediate backend, in a worker with a real one."""
    from .indexing import drain_safely

    drain_safely()


@task()
def record_query_hit(text: str):
    """Count one search for Wagtail's search promotions. Queued after the
    response is sent, so a busy database delays a count, never a visitor."""
    from .service import query_hit_record

    query_hit_record(text=text)
