from django.core.management.base import BaseCommand

from website.community_archive import community_export


class Command(BaseCommand):
    help = (
        "Write everything the community deposited (pages and revisions, questions "
        "and votes, posts, chat archives, members without passwords, invite codes, "
        "settings, media) into a zip file. Format: docs/export-format.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the zip file to write")

    def handle(self, *args, file, **options):
        community_export(path=file, stdout=self.stdout)
