from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from website.community_restore import RestoreRefused, community_import


class Command(BaseCommand):
    help = (
        "Restore a community_export zip file into a new, empty (migrated) site, "
        "then rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the zip file written by community_export")
        parser.add_argument(
            "--no-search-rebuild",
            action="store_true",
            help="leave the search index to a later search_rebuild",
        )

    def handle(self, *args, file, no_search_rebuild=False, **options):
        try:
            community_import(path=file, stdout=self.stdout)
        except RestoreRefused as error:
            raise CommandError(str(error)) from error
        if not no_search_rebuild:
            call_command("search_rebuild", stdout=self.stdout)
