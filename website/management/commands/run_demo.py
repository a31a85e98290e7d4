"""One command from a fresh clone to a running demo site (the README's first command)."""

import os

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "chendian-demo"  # noqa: S105  (printed on purpose: a local demo)


class Command(BaseCommand):
    help = (
        "Migrate, load the demo community once, make sure a demo admin exists, "
        "print the URL and login, and serve on 127.0.0.1:8000."
    )

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Prepare everything but do not serve.",
        )

    def handle(self, *args, addrport, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", stdout=self.stdout)
        self._ensure_admin()
        url = f"http://{addrport}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Site:  {url}"))
        self.stdout.write(self.style.SUCCESS(f"Admin: {url}admin/"))
        self.stdout.write(
            self.style.SUCCESS(f"Login: {DEMO_ADMIN_USERNAME} / {DEMO_ADMIN_PASSWORD}")
        )
        self.stdout.write("")
        if not no_serve:
            # The autoreloader would run all of the above a second time.
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
            call_command("runserver", addrport, use_reloader=False)

    def _ensure_admin(self):
        user_model = get_user_model()
        if not user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            user_model.objects.create_superuser(
                DEMO_ADMIN_USERNAME, "admin@example.com", DEMO_ADMIN_PASSWORD
            )
