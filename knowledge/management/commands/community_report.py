"""Print the community's figures for a period, for cron or a weekly post."""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from sessions.models import TopicSeriesPage

from ...insights.figures import FIGURE_HELP, community_figures, dormant_weeks_default


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"not a date (YYYY-MM-DD): {value!r}") from error


class Command(BaseCommand):
    help = (
        "Community figures for a period (local dates, both ends included). "
        "Keys: "
        + "; ".join(f"{key}: {meaning}" for key, meaning in FIGURE_HELP.items())
        + "."
    )

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--until", help="last day, YYYY-MM-DD (default: today)")
        parser.add_argument("--series", help="slug of one topic series")
        parser.add_argument(
            "--dormant-weeks",
            type=int,
            default=None,
            help="weeks without activity that make a member dormant "
            "(default: CHENDIAN_DORMANT_WEEKS or 4)",
        )
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, since, until, series, dormant_weeks, format, **options):
        from django.utils import timezone

        from sessions.community.conf import community_timezone

        first = _date(since)
        last = (
            _date(until)
            if until
            else timezone.localtime(timezone.now(), community_timezone()).date()
        )
        if last < first:
            raise CommandError("--until is before --since")
        if dormant_weeks is not None and dormant_weeks < 1:
            raise CommandError("--dormant-weeks must be at least 1")
        chosen = None
        if series:
            chosen = TopicSeriesPage.objects.filter(slug=series).first()
            if chosen is None:
                raise CommandError(f"no topic series with the slug {series!r}")
        figures = community_figures(
            since=first,
            until=last,
            series=chosen,
            dormant_weeks=dormant_weeks or dormant_weeks_default(),
        ).as_dict()
        if format == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        title = f"{first} – {last}" + (f" · {chosen.title}" if chosen else "")
        self.stdout.write(title)
        width = max(len(key) for key in figures)
        for key, value in figures.items():
            shown = "—" if value is None else value
            self.stdout.write(f"{key.ljust(width)}  {shown}")
