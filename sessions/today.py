"""What an organiser needs to post today: stage changes and missing recaps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from .community.conf import community_timezone, default_offsets
from .lifecycle import Stage, stage_windows
from .messages import MESSAGE_FIELDS, render_message
from .models import SharingSessionPage
from .selectors import with_stages


@dataclass
class StageChange:
    session: SharingSessionPage
    stage: Stage
    at: datetime
    message: str


def stage_changes(*, now: datetime, base_url: str, days: int = 2) -> list[StageChange]:
    """Published sessions entering a stage (with a message) today or in the next days.

    "Today" is the community's local date. Cancelled sessions that were due to
    start within a week appear with their cancellation notice.
    """
    tz = community_timezone()
    today = timezone.localtime(now, tz).date()
    window_start = datetime.combine(today, time.min, tzinfo=tz)
    window_end = window_start + timedelta(days=days)
    candidates = SharingSessionPage.objects.live().filter(
        start__gte=window_start - timedelta(days=1),
        start__lt=window_end + timedelta(days=61),  # offsets are at most 60 days
    )
    changes = []
    fallback = default_offsets()  # once, not once per session
    for session in with_stages(candidates.order_by("start"), now=now):
        offsets = (
            session.series_page.stage_offsets(fallback)
            if session.series_page
            else fallback
        )
        times = session.session_times(offsets)
        if session.is_cancelled:
            if (
                window_start - timedelta(days=1)
                <= session.start
                < window_start + timedelta(days=7)
            ):
                changes.append(
                    _change(session, Stage.CANCELLED, session.start, base_url)
                )
            continue
        for window in stage_windows(times):
            if window.stage not in MESSAGE_FIELDS or window.starts is None:
                continue
            if window_start <= window.starts < window_end:
                changes.append(_change(session, window.stage, window.starts, base_url))
    return sorted(changes, key=lambda change: change.at)


def _change(session, stage, at, base_url):
    return StageChange(
        session=session,
        stage=stage,
        at=at,
        message=render_message(session, stage, base_url=base_url),
    )
