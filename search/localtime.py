"""Days and years as the community lives them, for both engines.

``after:2026-03-01`` means from midnight of 1 March *where the community is*,
and the year facet counts local years. The zone is Django's current time zone:
the site activates the community's own zone on every request (its settings
model, see sessions/community/conf.py), and anything outside a request (a
command, a worker) uses ``settings.TIME_ZONE``. Search reads no app to find
it, so a host project that activates its own zone gets the same behaviour.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import lru_cache

from django.utils import timezone


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in the current time zone (aware)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def year_span(year: int) -> tuple[datetime, datetime]:
    """The first moment of local ``year`` and of the next one."""
    return day_start(date(year, 1, 1)), day_start(date(year + 1, 1, 1))


def local_year(moment: datetime) -> int:
    return timezone.localtime(moment).year


@lru_cache(maxsize=512)
def utc_year_starts(zone_key: str, year: int) -> tuple[str, str]:
    """When local ``year`` and the next begin, as SQLite stores UTC times
    ("YYYY-MM-DD HH:MM:SS"); ``zone_key`` keys the cache by zone."""
    start, end = year_span(year)
    return tuple(
        moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") for moment in (start, end)
    )


def local_year_of_stored(value) -> int | None:
    """The local year of a date as the database hands it back: an aware
    datetime, or SQLite's UTC text, read without parsing it (thousands of rows
    per broad search)."""
    if value is None:
        return None
    if not isinstance(value, str):
        if timezone.is_naive(value):  # SQLite's UTC, read as a datetime
            value = value.replace(tzinfo=UTC)
        return local_year(value)
    year = int(value[:4])
    zone = str(timezone.get_current_timezone())
    start, next_start = utc_year_starts(zone, year)
    if value < start:
        return year - 1
    if value >= next_start:
        return year + 1
    return year
