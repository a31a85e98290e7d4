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

from django.utils import timezone


def day_start(day: date) -> datetime:
    """Midnight at the start of ``day`` in the current time zone (aware)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def year_span(year: int) -> tuple[datetime, datetime]:
    """The first moment of local ``year`` and of the next one."""
    return day_start(date(year, 1, 1)), day_start(date(year + 1, 1, 1))


def stored_year_reader():
    """A function giving the local year of a date as the database hands it
    back: an aware datetime, or SQLite's UTC text, read without parsing it
    (thousands of rows per broad search). The zone is read once, here."""
    zone = timezone.get_current_timezone()
    starts = {}

    def utc_start(year):
        # When local ``year`` begins, written as SQLite stores UTC times.
        if year not in starts:
            moment = timezone.make_aware(datetime(year, 1, 1), zone)
            starts[year] = moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
        return starts[year]

    def year_of(value) -> int | None:
        if value is None:
            return None
        if not isinstance(value, str):
            if timezone.is_naive(value):  # SQLite's UTC, read as a datetime
                value = value.replace(tzinfo=UTC)
            return value.astimezone(zone).year
        year = int(value[:4])
        if value < utc_start(year):
            return year - 1
        if value >= utc_start(year + 1):
            return year + 1
        return year

    return year_of
