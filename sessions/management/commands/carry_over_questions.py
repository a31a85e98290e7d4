"""manage.py carry_over_questions: move unanswered questions on (cron-safe)."""

from django.core.management.base import BaseCommand

from sessions.questions.carry_over import series_carry_over_due


class Command(BaseCommand):
    help = (
        "For series set to carry unanswered questions over: move the approved, "
        "unanswered questions of each ended session to the series' next session. "
        "Safe to run from cron: a carried question is not carried again."
    )

    def handle(self, *args, **options):
        done = series_carry_over_due()
        for session, count in done:
            self.stdout.write(f"{session.title}: {count} question(s) carried over")
        if not done:
            self.stdout.write("Nothing to carry over.")
