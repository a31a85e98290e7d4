"""Reads shared by pages, feeds and commands."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.db.models import Q

from .community.conf import default_offsets
from .lifecycle import Stage, stage_at
from .models import SharingSessionPage, TopicSeriesPage


def live_sessions(within=None):
    sessions = SharingSessionPage.objects.live().select_related("host", "image")
    if within is not None:
        sessions = sessions.descendant_of(within)
    return sessions


def _ends_after(now):
    # ``start + duration`` is not a column, so filter in two steps: anything that
    # started less than a day ago may still be running (duration ≤ 24 h).
    return Q(start__gt=now - timedelta(days=1))


def upcoming_sessions(*, now, within=None) -> list[SharingSessionPage]:
    """Sessions not yet over (including those live now), soonest first.

    A cancelled session is not upcoming: its own page still says why.
    """
    candidates = (
        live_sessions(within)
        .filter(_ends_after(now))
        .exclude(status=SharingSessionPage.Status.CANCELLED)
        .order_by("start")
    )
    return with_stages([s for s in candidates if s.end > now], now=now)


def past_sessions(*, now, within=None) -> list[SharingSessionPage]:
    """Sessions that have ended, most recent first."""
    candidates = live_sessions(within).filter(start__lte=now).order_by("-start")
    return with_stages([s for s in candidates if s.end <= now], now=now)


def latest_recaps(*, now, limit=6) -> list[SharingSessionPage]:
    sessions = live_sessions().filter(has_recap=True, start__lte=now).order_by("-start")
    return with_stages(list(sessions[:limit]), now=now)


def sessions_missing_recap(*, now, within=None) -> list[SharingSessionPage]:
    """Ended, not cancelled, no recap yet: the editors' to-do list."""
    return [s for s in past_sessions(now=now, within=within) if s.stage == Stage.ENDED]


def with_stages(
    sessions: Iterable[SharingSessionPage], *, now
) -> list[SharingSessionPage]:
    """Attach ``.stage`` and ``.series_page`` to each session.

    Looks up each parent series once instead of once per session.
    """
    sessions = list(sessions)
    if not sessions:
        return sessions
    parent_paths = {s.path[: -SharingSessionPage.steplen] for s in sessions}
    series_by_path = {
        series.path: series
        for series in TopicSeriesPage.objects.filter(path__in=parent_paths)
    }
    fallback = default_offsets()
    for session in sessions:
        series = series_by_path.get(session.path[: -SharingSessionPage.steplen])
        offsets = series.stage_offsets(fallback) if series else fallback
        session.series_page = series
        session.stage = stage_at(session.session_times(offsets), now)
    return sessions


# The order in which a session page shows its sections: the current stage's
# content first, then what came before it.
_SECTIONS_BY_STAGE = {
    Stage.SCHEDULED: ["countdown", "announcement"],
    Stage.ANNOUNCED: ["countdown", "announcement", "questions"],
    Stage.COLLECTING_QUESTIONS: ["countdown", "questions", "announcement"],
    Stage.WARM_UP: ["countdown", "warmup", "questions", "announcement"],
    Stage.LIVE: ["live", "questions", "warmup", "announcement"],
    Stage.ENDED: ["recap_pending", "live_notes", "warmup", "announcement"],
    Stage.ARCHIVED: ["recap", "live_notes", "warmup", "announcement"],
    Stage.CANCELLED: ["cancelled", "announcement"],
}


def stage_sections(stage: Stage) -> list[str]:
    return list(_SECTIONS_BY_STAGE[stage])
