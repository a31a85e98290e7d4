from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from website.demo import load_all


class Command(BaseCommand):
    help = "Create (or top up) the demo community. Safe to run again: nothing is duplicated."

    def handle(self, *args, **options):
        # The demo's review workflow would mail its fictional members; keep
        # those notifications in memory instead of printing them.
        memory_mail = "django.core.mail.backends.locmem.EmailBackend"
        with override_settings(EMAIL_BACKEND=memory_mail), transaction.atomic():
            load_all(now=timezone.now(), stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
