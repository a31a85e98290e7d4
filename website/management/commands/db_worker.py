"""django-tasks-db's ``db_worker``, beating a heartbeat that /healthz reads."""

from django_tasks_db.management.commands.db_worker import (
    Command as DatabaseWorkerCommand,
)

from website.health import WorkerHeartbeat


class Command(DatabaseWorkerCommand):
    def handle(self, *args, **options):
        heartbeat = WorkerHeartbeat()
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
