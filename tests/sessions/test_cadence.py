"""Recurrence arithmetic: which dates a series meets on."""

import zoneinfo
from datetime import date, datetime, time

import pytest

from sessions.cadence import MONTHLY, WEEKLY, Cadence, occurrences

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def first(cadence, n, tz=SHANGHAI, after=None):
    found = []
    for start in occurrences(cadence, tz, after=after):
        found.append(start)
        if len(found) == n:
            break
    return found


def test_weekly_on_two_weekdays_at_local_time():
    cadence = Cadence(WEEKLY, (1, 3), time(20, 0), starts_on=date(2026, 3, 2))
    starts = first(cadence, 4)
    assert [s.date() for s in starts] == [
        date(2026, 3, 3),
        date(2026, 3, 5),
        date(2026, 3, 10),
        date(2026, 3, 12),
    ]
    assert all(s.hour == 20 and s.tzinfo == SHANGHAI for s in starts)


def test_every_other_week():
    cadence = Cadence(WEEKLY, (5,), time(10, 0), starts_on=date(2026, 3, 7), interval=2)
    assert [s.date() for s in first(cadence, 3)] == [
        date(2026, 3, 7),
        date(2026, 3, 21),
        date(2026, 4, 4),
    ]


def test_monthly_on_the_second_saturday_and_on_the_last_friday():
    second_saturday = Cadence(
        MONTHLY, (5,), time(14, 0), starts_on=date(2026, 1, 1), nth=2
    )
    assert [s.date() for s in first(second_saturday, 3)] == [
        date(2026, 1, 10),
        date(2026, 2, 14),
        date(2026, 3, 14),
    ]
    last_friday = Cadence(
        MONTHLY, (4,), time(19, 30), starts_on=date(2026, 1, 1), nth=-1
    )
    assert [s.date() for s in first(last_friday, 2)] == [
        date(2026, 1, 30),
        date(2026, 2, 27),
    ]


def test_skipped_dates_are_left_out_and_the_end_is_respected():
    cadence = Cadence(
        WEEKLY,
        (3,),
        time(20, 0),
        starts_on=date(2026, 9, 1),
        ends_on=date(2026, 10, 15),
        skip=frozenset({date(2026, 10, 1), date(2026, 10, 8)}),
    )
    assert [s.date() for s in occurrences(cadence, SHANGHAI)] == [
        date(2026, 9, 3),
        date(2026, 9, 10),
        date(2026, 9, 17),
        date(2026, 9, 24),
        date(2026, 10, 15),
    ]


def test_count_ends_the_series_and_skips_still_count_towards_it():
    cadence = Cadence(
        WEEKLY,
        (0,),
        time(20, 0),
        starts_on=date(2026, 5, 4),
        count=3,
        skip=frozenset({date(2026, 5, 11)}),
    )
    assert [s.date() for s in occurrences(cadence, SHANGHAI)] == [
        date(2026, 5, 4),
        date(2026, 5, 18),
    ]


def test_local_time_holds_across_daylight_saving_in_new_york():
    # DST starts on 8 March 2026 in New York: 20:00 stays 20:00 local,
    # so the UTC time moves by an hour.
    cadence = Cadence(WEEKLY, (3,), time(20, 0), starts_on=date(2026, 3, 1))
    before, after = first(cadence, 2, tz=NEW_YORK)
    assert (before.hour, after.hour) == (20, 20)
    assert before.utcoffset().total_seconds() == -5 * 3600
    assert after.utcoffset().total_seconds() == -4 * 3600


def test_only_starts_after_the_given_moment():
    cadence = Cadence(WEEKLY, (3,), time(20, 0), starts_on=date(2026, 3, 1))
    after = datetime(2026, 3, 12, 20, 0, tzinfo=SHANGHAI)
    assert first(cadence, 1, after=after)[0].date() == date(2026, 3, 19)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"frequency": "daily"},
        {"weekdays": ()},
        {"weekdays": (7,)},
        {"interval": 0},
        {"frequency": MONTHLY, "nth": 5},
    ],
)
def test_impossible_cadences_are_refused(kwargs):
    fields = {
        "frequency": WEEKLY,
        "weekdays": (1,),
        "start_time": time(20),
        "starts_on": date(2026, 1, 1),
    }
    fields.update(kwargs)
    with pytest.raises(ValueError):
        Cadence(**fields)
