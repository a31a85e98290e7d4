from django.core.management.base import BaseCommand

from search.indexing import drain
from search.models import OutboxEntry


class Command(BaseCommand):
    help = "Push pending content changes to the search engine. Safe to run again, and from cron."

    def handle(self, *args, **options):
        done = drain()
        left = OutboxEntry.objects.count()
        self.stdout.write(
            f"Indexed {done} changed objects; {left} changes still waiting."
        )
        if left:
            self.stderr.write(
                "Some changes could not be indexed; see the log and run again."
            )
