from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import registry
from search.engines import get_engine
from search.indexing import all_documents
from search.models import OutboxEntry


class Command(BaseCommand):
    help = "Index everything afresh from the registered sources. Searches keep answering meanwhile."

    def handle(self, *args, **options):
        engine = get_engine()
        started = (
            OutboxEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
            or 0
        )
        with tqdm(
            unit="doc", desc="Indexing", disable=options["verbosity"] == 0
        ) as bar:
            last = [0]

            def progress(count):
                bar.update(count - last[0])
                last[0] = count

            count = engine.rebuild(all_documents(), progress=progress)
            bar.update(count - last[0])
        # Everything queued before the rebuild started is now in the index.
        OutboxEntry.objects.filter(pk__lte=started).delete()
        sources = ", ".join(s.name for s in registry.all_sources())
        self.stdout.write(
            f"Indexed {count} documents from {sources} with the {engine.name} engine."
        )
