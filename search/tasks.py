from django_tasks import task


@task()
def drain_outbox():
    """Push pending search changes. Queued after each commit that changed content:
    inline with the default immediate backend, in a worker with a real one."""
    from .indexing import drain_safely

    drain_safely()
