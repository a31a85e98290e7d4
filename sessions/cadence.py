"""When a series meets: recurrence rules turned into session start times.

Pure functions: the time zone and the moment to count from are passed in.
The arithmetic is python-dateutil's rrule; this module only translates a
series' settings into a rule and local wall-clock times into aware datetimes
(so 20:00 stays 20:00 across daylight-saving changes).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from dateutil import rrule

WEEKLY = "weekly"
MONTHLY = "monthly"

_WEEKDAYS = [rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU]


@dataclass(frozen=True)
class Cadence:
    """A series' recurrence, in the community's local time.

    ``weekdays`` are 0 (Monday) … 6 (Sunday). Monthly cadences meet on the
    ``nth`` (1–4, or -1 for the last) of the first weekday in ``weekdays``.
    """

    frequency: str
    weekdays: tuple[int, ...]
    start_time: time
    starts_on: date
    interval: int = 1
    nth: int = 1
    ends_on: date | None = None
    count: int | None = None
    skip: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self):
        if self.frequency not in (WEEKLY, MONTHLY):
            raise ValueError(f"unknown frequency {self.frequency!r}")
        if not self.weekdays or any(day not in range(7) for day in self.weekdays):
            raise ValueError("weekdays must be a non-empty list of 0–6")
        if self.interval < 1:
            raise ValueError("interval must be at least 1")
        if self.frequency == MONTHLY and self.nth not in (1, 2, 3, 4, -1):
            raise ValueError("nth must be 1–4 or -1 (last)")

    def rule(self) -> rrule.rrule:
        dtstart = datetime.combine(self.starts_on, self.start_time)
        until = datetime.combine(self.ends_on, time.max) if self.ends_on else None
        if self.frequency == WEEKLY:
            byweekday = [_WEEKDAYS[day] for day in sorted(self.weekdays)]
            frequency = rrule.WEEKLY
        else:
            byweekday = [_WEEKDAYS[self.weekdays[0]](self.nth)]
            frequency = rrule.MONTHLY
        # ``count`` counts meetings on the calendar, skipped dates included:
        # a holiday does not push the series past its announced end.
        return rrule.rrule(
            frequency,
            dtstart=dtstart,
            interval=self.interval,
            byweekday=byweekday,
            until=until,
            count=self.count,
        )


def occurrences(
    cadence: Cadence, tz: zoneinfo.ZoneInfo, *, after: datetime | None = None
) -> Iterator[datetime]:
    """Aware start times on the cadence, skipped dates left out.

    With ``after``, only starts strictly later than it.
    """
    for local in cadence.rule():
        if local.date() in cadence.skip:
            continue
        start = local.replace(tzinfo=tz)
        if after is not None and start <= after:
            continue
        yield start
