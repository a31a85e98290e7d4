"""The session lifecycle as a pure function of times and now."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest

from sessions.lifecycle import (
    SessionTimes,
    Stage,
    StageOffsets,
    next_change,
    questions_open,
    stage_at,
    stage_windows,
)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")

# Thursday 20:00 in Shanghai, 90 minutes; announce 4 days, questions 2 days,
# warm-up 2 hours before.
START = datetime(2026, 3, 12, 20, 0, tzinfo=SHANGHAI)
OFFSETS = StageOffsets(
    announce_before=timedelta(days=4),
    questions_before=timedelta(days=2),
    warmup_before=timedelta(hours=2),
)
TIMES = SessionTimes(start=START, duration=timedelta(minutes=90), offsets=OFFSETS)
TICK = timedelta(microseconds=1)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (START - timedelta(days=30), Stage.SCHEDULED),
        (START - timedelta(days=4) - TICK, Stage.SCHEDULED),
        (START - timedelta(days=4), Stage.ANNOUNCED),
        (START - timedelta(days=2) - TICK, Stage.ANNOUNCED),
        (START - timedelta(days=2), Stage.COLLECTING_QUESTIONS),
        (START - timedelta(hours=2) - TICK, Stage.COLLECTING_QUESTIONS),
        (START - timedelta(hours=2), Stage.WARM_UP),
        (START - TICK, Stage.WARM_UP),
        (START, Stage.LIVE),
        (START + timedelta(minutes=90) - TICK, Stage.LIVE),
        (START + timedelta(minutes=90), Stage.ENDED),
        (START + timedelta(days=400), Stage.ENDED),
    ],
)
def test_each_stage_begins_exactly_at_its_boundary(moment, expected):
    assert stage_at(TIMES, moment) == expected


def test_ended_session_with_published_recap_is_archived():
    times = SessionTimes(START, timedelta(minutes=90), OFFSETS, has_recap=True)
    assert stage_at(times, START + timedelta(minutes=90)) == Stage.ARCHIVED
    # A recap written early does not end a session that is still running.
    assert stage_at(times, START) == Stage.LIVE


def test_cancelled_session_is_cancelled_at_every_moment():
    times = SessionTimes(START, timedelta(minutes=90), OFFSETS, cancelled=True)
    for moment in (START - timedelta(days=10), START, START + timedelta(days=10)):
        assert stage_at(times, moment) == Stage.CANCELLED
    assert not questions_open(times, START)
    assert [w.stage for w in stage_windows(times)] == [Stage.CANCELLED]


def test_zero_offsets_skip_the_empty_stages():
    times = SessionTimes(
        START,
        timedelta(minutes=60),
        StageOffsets(timedelta(0), timedelta(0), timedelta(0)),
    )
    assert stage_at(times, START - TICK) == Stage.SCHEDULED
    assert stage_at(times, START) == Stage.LIVE
    assert [w.stage for w in stage_windows(times)] == [
        Stage.SCHEDULED,
        Stage.LIVE,
        Stage.ENDED,
    ]


def test_questions_never_open_before_the_announcement():
    offsets = StageOffsets(
        announce_before=timedelta(days=1),
        questions_before=timedelta(days=3),
        warmup_before=timedelta(hours=1),
    )
    times = SessionTimes(START, timedelta(minutes=60), offsets)
    assert stage_at(times, START - timedelta(days=2)) == Stage.SCHEDULED
    assert stage_at(times, START - timedelta(days=1)) == Stage.COLLECTING_QUESTIONS
    assert not questions_open(times, START - timedelta(days=2))


def test_question_window_runs_until_the_live_share_ends():
    assert not questions_open(TIMES, START - timedelta(days=2) - TICK)
    assert questions_open(TIMES, START - timedelta(days=2))
    assert questions_open(TIMES, START - timedelta(hours=1))  # warm-up
    assert questions_open(TIMES, START + timedelta(minutes=89))  # live
    assert not questions_open(TIMES, START + timedelta(minutes=90))


def test_session_spanning_midnight_is_live_on_both_days():
    late = datetime(2026, 3, 12, 23, 30, tzinfo=SHANGHAI)
    times = SessionTimes(late, timedelta(hours=2), OFFSETS)
    assert stage_at(times, datetime(2026, 3, 13, 0, 30, tzinfo=SHANGHAI)) == Stage.LIVE
    assert stage_at(times, datetime(2026, 3, 13, 1, 30, tzinfo=SHANGHAI)) == Stage.ENDED


def test_now_in_another_time_zone_is_compared_as_the_same_instant():
    # 20:00 in Shanghai is 07:00 the same morning in New York (EST, UTC-5 … DST
    # starts 8 March 2026, so UTC-4: 08:00).
    same_instant = START.astimezone(NEW_YORK)
    assert same_instant.hour == 8
    assert stage_at(TIMES, same_instant) == Stage.LIVE
    assert stage_at(TIMES, same_instant - TICK) == Stage.WARM_UP
    assert stage_at(TIMES, START.astimezone(UTC)) == Stage.LIVE


def test_windows_cover_time_without_gaps_or_overlaps():
    windows = stage_windows(TIMES)
    assert windows[0].starts is None and windows[-1].ends is None
    for earlier, later in zip(windows, windows[1:], strict=False):
        assert earlier.ends == later.starts


def test_next_change_names_the_coming_stage():
    upcoming = next_change(TIMES, START - timedelta(days=3))
    assert upcoming.stage == Stage.COLLECTING_QUESTIONS
    assert upcoming.starts == START - timedelta(days=2)
    assert next_change(TIMES, START + timedelta(days=1)) is None


@pytest.mark.parametrize(
    "bad",
    [
        lambda: SessionTimes(datetime(2026, 3, 12, 20, 0), timedelta(hours=1)),
        lambda: SessionTimes(START, timedelta(0)),
        lambda: StageOffsets(announce_before=timedelta(days=-1)),
        lambda: stage_at(TIMES, datetime(2026, 3, 12, 20, 0)),
    ],
    ids=["naive start", "zero duration", "negative offset", "naive now"],
)
def test_invalid_times_are_rejected_with_a_clear_error(bad):
    with pytest.raises(ValueError, match="aware|positive|negative"):
        bad()
