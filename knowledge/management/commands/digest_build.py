from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from knowledge.digest.services import DigestRefused, digest_build, digest_week_default
from knowledge.digest.weeks import parse_week


class Command(BaseCommand):
    help = (
        "Draft the weekly digest (本周沉淀) of a week, or refresh its draft. "
        "Safe to run again: the week keeps one page."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--week",
            help="ISO week, e.g. 2026-W49 (default: the week that just ended, "
            "in the community's time zone).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Rebuild the gathered sections even after an editor changed the "
            "digest (the editor's intro and own sections are kept).",
        )

    def handle(self, *args, week=None, force=False, **options):
        try:
            chosen = parse_week(week) if week else digest_week_default()
            built = digest_build(week=chosen, force=force)
        except (ValueError, DigestRefused) as error:
            raise CommandError(str(error)) from None
        if built.created:
            message = _("Drafted the digest for %(week)s: %(url)s")
        elif built.changed:
            message = _("Saved a new draft of the digest for %(week)s: %(url)s")
        else:
            message = _("The digest for %(week)s is up to date: %(url)s")
        page = built.page
        self.stdout.write(
            self.style.SUCCESS(message % {"week": chosen, "url": page.full_url})
        )
