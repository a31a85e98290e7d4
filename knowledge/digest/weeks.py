"""ISO weeks ("2026-W49") and their bounds in the community's time zone.

One home for the week rule: the command, the builder, the demo and the
tests all name a week through ``IsoWeek``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from django.utils.translation import gettext as _

WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, order=True)
class IsoWeek:
    """One ISO 8601 week: Monday to Sunday."""

    year: int
    number: int

    def __str__(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """[Monday 00:00, next Monday 00:00) in ``zone``, as aware datetimes."""
        start = datetime.combine(self.monday, time.min, tzinfo=zone)
        return start, datetime.combine(self.next().monday, time.min, tzinfo=zone)

    def next(self) -> IsoWeek:
        return week_of_date(self.monday + timedelta(days=7))

    def previous(self) -> IsoWeek:
        return week_of_date(self.monday - timedelta(days=7))


def week_of_date(day: date) -> IsoWeek:
    year, number, _weekday = day.isocalendar()
    return IsoWeek(year, number)


def week_of(moment: datetime, zone: tzinfo) -> IsoWeek:
    """The week ``moment`` falls in, in ``zone``."""
    return week_of_date(moment.astimezone(zone).date())


def parse_week(value: str) -> IsoWeek:
    """``"2026-W49"`` → ``IsoWeek(2026, 49)``; ValueError with a message to show."""
    match = WEEK_PATTERN.match(value.strip())
    if not match:
        raise ValueError(
            _("“%(value)s” is not a week: write it as YYYY-Www, e.g. 2026-W49.")
            % {"value": value}
        )
    year, number = int(match[1]), int(match[2])
    try:
        date.fromisocalendar(year, number, 1)
    except ValueError:
        raise ValueError(
            _("%(year)s has no week %(number)s.") % {"year": year, "number": number}
        ) from None
    return IsoWeek(year, number)
