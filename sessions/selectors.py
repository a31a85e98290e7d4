"""Reads shared by pages, feeds and commands."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from itertools import islice

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


def _first(candidates, keep, *, limit=None, offset=0) -> list[SharingSessionPage]:
    """The sessions of ``candidates`` that ``keep`` accepts, ``offset`` and
    ``limit`` applied after the test.

    Only the few sessions near ``now`` fail the test, so with a limit the rows
    are streamed and reading stops once the page is full: a list shows 6 or 12
    sessions without loading every session ever held.
    """
    if limit is None:
        return [s for s in candidates if keep(s)][offset:]
    kept = (s for s in candidates.iterator(chunk_size=offset + limit + 8) if keep(s))
    return list(islice(kept, offset, offset + limit))


def upcoming_sessions(
    *, now, within=None, limit=None, offset=0, known_series=()
) -> list[SharingSessionPage]:
    """Sessions not yet over (including those live now), soonest first.

    A cancelled session is not upcoming: its own page still says why.
    """
    candidates = (
        live_sessions(within)
        .filter(_ends_after(now))
        .exclude(status=SharingSessionPage.Status.CANCELLED)
        .order_by("start")
    )
    chosen = _first(candidates, lambda s: s.end > now, limit=limit, offset=offset)
    return with_stages(
        chosen, now=now, known_series=[*known_series, *_series_of(within)]
    )


def past_sessions(
    *, now, within=None, limit=None, offset=0, known_series=()
) -> list[SharingSessionPage]:
    """Sessions that have ended, most recent first."""
    candidates = live_sessions(within).filter(start__lte=now).order_by("-start")
    chosen = _first(candidates, lambda s: s.end <= now, limit=limit, offset=offset)
    return with_stages(
        chosen, now=now, known_series=[*known_series, *_series_of(within)]
    )


def _series_of(within) -> list[TopicSeriesPage]:
    return [within] if isinstance(within, TopicSeriesPage) else []


def latest_recaps(*, now, limit=6, known_series=()) -> list[SharingSessionPage]:
    sessions = live_sessions().filter(has_recap=True, start__lte=now).order_by("-start")
    return with_stages(list(sessions[:limit]), now=now, known_series=known_series)


def sessions_missing_recap(*, now, within=None) -> list[SharingSessionPage]:
    """Ended, not cancelled, no recap yet: the editors' to-do list."""
    return [s for s in past_sessions(now=now, within=within) if s.stage == Stage.ENDED]


def with_stages(
    sessions: Iterable[SharingSessionPage], *, now, known_series=()
) -> list[SharingSessionPage]:
    """Attach ``.stage`` and ``.series_page`` to each session.

    Looks up each parent series once instead of once per session, and not at
    all when the caller already holds it (``known_series``).
    """
    sessions = list(sessions)
    if not sessions:
        return sessions
    series_by_path = {series.path: series for series in known_series}
    parent_paths = {s.path[: -SharingSessionPage.steplen] for s in sessions}
    if missing := parent_paths - series_by_path.keys():
        series_by_path.update(
            (series.path, series)
            for series in TopicSeriesPage.objects.filter(path__in=missing)
        )
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


def session_by_id_or_url(value: str) -> SharingSessionPage | None:
    """The sharing session with this page id, or at this URL or path (None if none)."""
    import re

    value = value.strip()
    if value.isdigit():
        return SharingSessionPage.objects.filter(pk=int(value)).first()
    path = re.sub(r"^https?://[^/]+", "", value).split("?")[0].split("#")[0]
    path = "/" + path.strip("/") + "/"
    for candidate in SharingSessionPage.objects.all():
        if candidate.url and candidate.url.rstrip("/") + "/" == path:
            return candidate
    return None
