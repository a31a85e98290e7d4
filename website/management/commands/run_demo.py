"""One command from a fresh clone to a running demo site (the README's first command)."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "chendian-demo"  # noqa: S105  (printed on purpose: a local demo)


class Command(BaseCommand):
    help = (
        "Migrate, load the demo community once, make sure a demo admin exists, "
        "print the URL and login, and serve on 127.0.0.1:8000 with a background "
        "task worker beside the server."
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
        # Wagtail's admin search index: a database made before the Chinese
        # backend (search.wagtail_search) holds unsegmented titles. Seconds
        # for the demo; a real site runs it once after upgrading.
        call_command("update_index", verbosity=0, stdout=self.stdout)
        self._ensure_admin()
        host, port = self._set_site_address(addrport)
        url = f"http://{host}:{port}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Site:  {url}"))
        self.stdout.write(self.style.SUCCESS(f"Admin: {url}admin/"))
        self.stdout.write(
            self.style.SUCCESS(f"Login: {DEMO_ADMIN_USERNAME} / {DEMO_ADMIN_PASSWORD}")
        )
        self.stdout.write("")
        if no_serve:
            return
        # The autoreloader would run all of the above a second time.
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
        worker = self._start_worker()
        # Stopped with SIGTERM (kill, systemd), unwind like Ctrl-C so the
        # worker is stopped too instead of left running on its own.
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)

    def _start_worker(self):
        """The task worker that runs chat imports and search indexing, if the
        tasks backend queues work in the database (the default)."""
        if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
            return None
        self.stdout.write("Background worker: python manage.py db_worker (started)")
        return subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "db_worker",
                "--no-startup-delay",
                "--no-reload",  # like the server: its file watcher costs a tenth of a core
                "--verbosity=0",  # keep the URL and login in sight; jobs record errors
            ]
        )

    def _set_site_address(self, addrport: str) -> tuple[str, int]:
        """The default Site names the address served, so the sitemap, og:url
        and feeds link to it (production sets it in Settings → Sites)."""
        from wagtail.models import Site

        host, _, port = addrport.rpartition(":")
        host = host.strip("[]") or "127.0.0.1"
        if host in ("0.0.0.0", "::"):  # noqa: S104 - only compared, never bound here
            host = "127.0.0.1"
        # save(), not update(): saving clears Wagtail's cached site root paths.
        for site in Site.objects.filter(is_default_site=True):
            site.hostname, site.port = host, int(port)
            site.save()
        return host, int(port)

    def _ensure_admin(self):
        user_model = get_user_model()
        if not user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            user_model.objects.create_superuser(
                DEMO_ADMIN_USERNAME, "admin@example.com", DEMO_ADMIN_PASSWORD
            )
