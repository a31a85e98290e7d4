from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from website.demo import load_all


class Command(BaseCommand):
    help = "Create (or top up) the demo community. Safe to run again: nothing is duplicated."

    def handle(self, *args, **options):
        with transaction.atomic():
            load_all(now=timezone.now(), stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
