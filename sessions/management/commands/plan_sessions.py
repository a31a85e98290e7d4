from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sessions.community.conf import community_timezone
from sessions.models import TopicSeriesPage
from sessions.planning import PlanningError, sessions_plan


class Command(BaseCommand):
    help = (
        "Make sure each of the next N dates of a series' cadence has a session: "
        "those without one get a draft. Safe to run again, or daily from cron: "
        "it creates nothing while they exist."
    )

    def add_arguments(self, parser):
        parser.add_argument("series_slug", help="The slug of the topic series page.")
        parser.add_argument(
            "--count",
            type=int,
            default=4,
            help="How many upcoming cadence dates to cover (default 4).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would be created, create nothing.",
        )

    def handle(self, *args, series_slug, count, dry_run, **options):
        series = TopicSeriesPage.objects.filter(slug=series_slug).first()
        if series is None:
            known = (
                ", ".join(TopicSeriesPage.objects.values_list("slug", flat=True))
                or "none"
            )
            raise CommandError(
                f"No topic series with slug “{series_slug}”. Known: {known}."
            )
        try:
            plan = sessions_plan(series=series, count=count, dry_run=dry_run)
        except PlanningError as error:
            raise CommandError(str(error)) from error
        tz = community_timezone(series.get_site())
        verb = "Would create" if dry_run else "Created draft"
        for item in plan:
            local = timezone.localtime(item.start, tz)
            self.stdout.write(
                f"{verb}: episode {item.episode}, {local:%Y-%m-%d %a %H:%M %Z}"
            )
        if not plan:
            self.stdout.write(
                "Nothing to plan: every upcoming date already has a session."
            )
