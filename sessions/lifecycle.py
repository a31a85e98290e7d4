"""The lifecycle of a sharing session, as pure functions of its times.

No database and no clock in here: callers pass ``now``. Every datetime must
be timezone-aware; comparisons are then correct whatever zone each is in.

A session moves through these stages::

    SCHEDULED ─ announce ─▶ ANNOUNCED ─ questions open ─▶ COLLECTING_QUESTIONS
      ─ warm-up ─▶ WARM_UP ─ start ─▶ LIVE ─ end ─▶ ENDED ─ recap published ─▶ ARCHIVED

CANCELLED overrides everything. Question collection runs from its opening
until the live share ends, so it overlaps WARM_UP and LIVE; that window is
reported separately by :func:`questions_open`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Stage(StrEnum):
    SCHEDULED = "scheduled"
    ANNOUNCED = "announced"
    COLLECTING_QUESTIONS = "collecting_questions"
    WARM_UP = "warm_up"
    LIVE = "live"
    ENDED = "ended"
    ARCHIVED = "archived"
    CANCELLED = "cancelled"

    @property
    def label(self):
        return STAGE_LABELS[self]


STAGE_LABELS = {
    Stage.SCHEDULED: _("Scheduled"),
    Stage.ANNOUNCED: _("Announced"),
    Stage.COLLECTING_QUESTIONS: _("Collecting questions"),
    Stage.WARM_UP: _("Warm-up"),
    Stage.LIVE: _("Live now"),
    Stage.ENDED: _("Ended, recap coming"),
    Stage.ARCHIVED: _("Recap available"),
    Stage.CANCELLED: _("Cancelled"),
}


@dataclass(frozen=True)
class StageOffsets:
    """How long before the start each stage begins."""

    announce_before: timedelta = timedelta(days=4)
    questions_before: timedelta = timedelta(days=2)
    warmup_before: timedelta = timedelta(hours=2)

    def __post_init__(self):
        for name in ("announce_before", "questions_before", "warmup_before"):
            if getattr(self, name) < timedelta(0):
                raise ValueError(f"{name} must not be negative")


@dataclass(frozen=True)
class SessionTimes:
    """Everything the lifecycle needs to know about one session."""

    start: datetime
    duration: timedelta
    offsets: StageOffsets = StageOffsets()
    cancelled: bool = False
    has_recap: bool = False

    def __post_init__(self):
        if self.start.tzinfo is None or self.start.utcoffset() is None:
            raise ValueError("start must be timezone-aware")
        if self.duration <= timedelta(0):
            raise ValueError("duration must be positive")

    @property
    def end(self) -> datetime:
        return self.start + self.duration

    @property
    def announce_at(self) -> datetime:
        return self.start - self.offsets.announce_before

    @property
    def questions_open_at(self) -> datetime:
        # Questions never open before the session is announced.
        return max(self.start - self.offsets.questions_before, self.announce_at)

    @property
    def warmup_at(self) -> datetime:
        return max(self.start - self.offsets.warmup_before, self.questions_open_at)


@dataclass(frozen=True)
class StageWindow:
    """A half-open interval [starts, ends) in which a session is in ``stage``.

    ``ends`` is None for the stage a session stays in for good.
    """

    stage: Stage
    starts: datetime | None
    ends: datetime | None

    def contains(self, moment: datetime) -> bool:
        after_start = self.starts is None or moment >= self.starts
        before_end = self.ends is None or moment < self.ends
        return after_start and before_end


def stage_windows(times: SessionTimes) -> list[StageWindow]:
    """The session's stages in order, each with its window.

    Windows of zero length (an offset of zero) are left out. A cancelled
    session has no windows: it is simply CANCELLED.
    """
    if times.cancelled:
        return [StageWindow(Stage.CANCELLED, None, None)]
    after_end = Stage.ARCHIVED if times.has_recap else Stage.ENDED
    windows = [
        StageWindow(Stage.SCHEDULED, None, times.announce_at),
        StageWindow(Stage.ANNOUNCED, times.announce_at, times.questions_open_at),
        StageWindow(
            Stage.COLLECTING_QUESTIONS, times.questions_open_at, times.warmup_at
        ),
        StageWindow(Stage.WARM_UP, times.warmup_at, times.start),
        StageWindow(Stage.LIVE, times.start, times.end),
        StageWindow(after_end, times.end, None),
    ]
    return [
        window
        for window in windows
        if window.starts is None or window.ends is None or window.starts < window.ends
    ]


def stage_at(times: SessionTimes, now: datetime) -> Stage:
    """The stage the session is in at ``now``."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    for window in stage_windows(times):
        if window.contains(now):
            return window.stage
    raise AssertionError("stage windows must cover all time")  # pragma: no cover


def questions_open(times: SessionTimes, now: datetime) -> bool:
    """Whether members may submit questions at ``now``.

    From the opening of question collection until the live share ends.
    """
    if times.cancelled:
        return False
    return times.questions_open_at <= now < times.end


def next_change(times: SessionTimes, now: datetime) -> StageWindow | None:
    """The next stage the session will enter after ``now``, if any."""
    for window in stage_windows(times):
        if window.starts is not None and window.starts > now:
            return window
    return None
