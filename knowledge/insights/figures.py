"""The community's figures for a period: the one place they are computed.

Periods are local dates in the community's time zone, both ends included.
The meaning of every figure is written once, in ``FIGURE_HELP``, and shown
by ``manage.py community_report --help``.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone

from sessions.community.conf import community_timezone
from sessions.models import SessionQuestion, SessionRsvp, SharingSessionPage

from ..members.models import dormant_members
from ..models import Activity, MemberProfile

DEFAULT_DORMANT_WEEKS = 4

FIGURE_HELP = {
    "sessions_held": "published sessions, not cancelled, that started in the "
    "period and had ended by the time of the report",
    "rsvps": "“I'll come” answers (waitlist not included) for those sessions",
    "attended": "people checked in as present at those sessions (guests included)",
    "questions_asked": "questions members sent in the period (any review state)",
    "questions_answered": "questions marked answered in the period",
    "recaps_published": "sessions held in the period whose recap is published",
    "recap_rate": "recaps_published / sessions_held (0 when none were held)",
    "median_days_to_recap": "median days from a session's end to its recap going "
    "live, over those sessions (null when none has a recap)",
    "active_members": "members with any recorded activity in the period (asked, "
    "voted, had a question answered, attended, posted); with a series, only "
    "activity on that series' sessions counts",
    "new_members": "member profiles that joined in the period (whole community)",
    "dormant_members": "active members who joined before the dormant window and "
    "have no recorded activity in the N weeks up to the period's end (whole "
    "community)",
}


@dataclass(frozen=True)
class CommunityFigures:
    sessions_held: int
    rsvps: int
    attended: int
    questions_asked: int
    questions_answered: int
    recaps_published: int
    recap_rate: float
    median_days_to_recap: float | None
    active_members: int
    new_members: int
    dormant_members: int

    def as_dict(self) -> dict:
        return asdict(self)


def dormant_weeks_default() -> int:
    return getattr(settings, "CHENDIAN_DORMANT_WEEKS", DEFAULT_DORMANT_WEEKS)


def period_bounds(since: date, until: date) -> tuple[datetime, datetime]:
    """[start, end) in UTC-aware datetimes for local dates since..until."""
    tz = community_timezone()
    start = datetime.combine(since, time.min, tzinfo=tz)
    end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=tz)
    return start, end


def held_sessions(*, start, end, now, series=None):
    sessions = SharingSessionPage.objects.live().filter(
        start__gte=start, start__lt=min(end, now)
    )
    sessions = sessions.exclude(status=SharingSessionPage.Status.CANCELLED)
    if series is not None:
        sessions = sessions.descendant_of(series)
    return [s for s in sessions.order_by("start") if s.end <= now]


def community_figures(
    *, since: date, until: date, series=None, dormant_weeks=None, now=None
) -> CommunityFigures:
    """Every figure for the period (and optionally one series); see FIGURE_HELP."""
    now = now or timezone.now()
    dormant_weeks = dormant_weeks or dormant_weeks_default()
    start, end = period_bounds(since, until)
    held = held_sessions(start=start, end=end, now=now, series=series)
    held_ids = [s.pk for s in held]
    answers = SessionRsvp.objects.filter(session__in=held_ids).aggregate(
        n_rsvps=Count("pk", filter=Q(answer=SessionRsvp.Answer.YES, waitlisted=False)),
        n_attended=Count("pk", filter=Q(attended=True)),
    )
    questions = SessionQuestion.objects.all()
    if series is not None:
        questions = questions.filter(session__path__startswith=series.path)
    with_recap = [s for s in held if s.has_recap]
    days = [
        (s.recap_published_at - s.end).total_seconds() / 86400
        for s in with_recap
        if s.recap_published_at
    ]
    return CommunityFigures(
        sessions_held=len(held),
        rsvps=answers["n_rsvps"],
        attended=answers["n_attended"],
        questions_asked=questions.filter(
            created_at__gte=start, created_at__lt=end
        ).count(),
        questions_answered=questions.filter(
            answered_at__gte=start, answered_at__lt=end
        ).count(),
        recaps_published=len(with_recap),
        recap_rate=round(len(with_recap) / len(held), 2) if held else 0.0,
        median_days_to_recap=round(statistics.median(days), 1) if days else None,
        active_members=_activities(start, end, series)
        .values("member")
        .distinct()
        .count(),
        new_members=MemberProfile.objects.filter(
            joined_at__gte=since, joined_at__lte=until
        ).count(),
        dormant_members=dormant_profiles(until=until, weeks=dormant_weeks).count(),
    )


def _activities(start, end, series):
    activities = Activity.objects.filter(created_at__gte=start, created_at__lt=end)
    if series is None:
        return activities
    session_ids = SharingSessionPage.objects.descendant_of(series).values("pk")
    question_ids = SessionQuestion.objects.filter(
        session__path__startswith=series.path
    ).values("pk")
    return activities.filter(
        Q(
            target_type=ContentType.objects.get_for_model(SharingSessionPage),
            target_id__in=session_ids,
        )
        | Q(
            target_type=ContentType.objects.get_for_model(SessionQuestion),
            target_id__in=question_ids,
        )
    )


def dormant_profiles(*, until: date, weeks: int):
    """Active members with nothing recorded in the ``weeks`` weeks up to ``until``
    who had joined before that window began."""
    window_start = until + timedelta(days=1) - timedelta(weeks=weeks)
    start, end = period_bounds(window_start, until)
    return dormant_members(start, until=end, joined_before=window_start).select_related(
        "user"
    )


def last_activity(profiles) -> dict[int, datetime]:
    """{user id: time of their latest activity} for the given profiles."""
    from django.db.models import Max

    rows = (
        Activity.objects.filter(member__in=[p.user_id for p in profiles])
        .values("member")
        .annotate(last=Max("created_at"))
    )
    return {row["member"]: row["last"] for row in rows}
