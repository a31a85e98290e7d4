"""Reading one day of an archive: a page of messages at a time.

A busy day holds thousands of messages; a page shows ``DAY_PAGE_SIZE`` of
them (a message's permalink opens the page that holds it). What the template
would otherwise compute per message (local time, permalink) is prepared here
once, and the neighbouring days are cached until the archive changes (so is
the rendered log, by the template).
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.cache import cache

from sessions.community.conf import timezone_name

from .models import ChatArchive, ChatMessage

DAY_PAGE_SIZE = 200
# Neighbouring days only change with an import or a removal, which change the
# archive's count or range and so the cache key; this bounds stale entries.
NEIGHBOURS_CACHE_SECONDS = 24 * 60 * 60


def archive_zone(archive: ChatArchive):
    """The zone the archive's export was written in (the default if unusable)."""
    return zoneinfo.ZoneInfo(timezone_name(archive))


def day_bounds(archive: ChatArchive, the_day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(the_day, time.min, tzinfo=archive_zone(archive))
    return start, start + timedelta(days=1)


def day_messages(archive: ChatArchive, the_day: date):
    start, end = day_bounds(archive, the_day)
    return archive.messages.filter(sent_at__gte=start, sent_at__lt=end).order_by(
        "sent_at", "seq"
    )


@dataclass
class MessageRow:
    message: ChatMessage
    sender: str
    time: str
    iso: str
    highlight: bool


def day_page(archive: ChatArchive, the_day: date, page: int, highlight: str):
    """The rows of page ``page`` of a day, and whether a later page exists."""
    offset = (page - 1) * DAY_PAGE_SIZE
    # One more than shown tells whether a next page exists, without a count.
    messages = list(day_messages(archive, the_day)[offset : offset + DAY_PAGE_SIZE + 1])
    zone = archive_zone(archive)
    rows = []
    for message in messages[:DAY_PAGE_SIZE]:
        local = message.sent_at.astimezone(zone)
        rows.append(
            MessageRow(
                message=message,
                sender=archive.display_sender(message),
                time=local.strftime("%H:%M:%S"),
                iso=local.isoformat(),
                highlight=str(message.pk) == highlight,
            )
        )
    return rows, len(messages) > DAY_PAGE_SIZE


def page_of_message(archive: ChatArchive, message: ChatMessage) -> int:
    """The page of its day that shows ``message``."""
    the_day = message.sent_at.astimezone(archive_zone(archive)).date()
    before = (
        day_messages(archive, the_day)
        .filter(sent_at__lte=message.sent_at)
        .exclude(sent_at=message.sent_at, seq__gte=message.seq)
        .count()
    )
    return before // DAY_PAGE_SIZE + 1


def neighbour_days(archive: ChatArchive, the_day: date) -> tuple[date | None, ...]:
    """The previous and next days with messages (cached until the archive changes)."""
    key = (
        f"chendian:chat-days:{archive.pk}:{archive.message_count}:"
        f"{archive.first_message_at}:{archive.last_message_at}:{the_day}"
    ).replace(" ", "_")
    found = cache.get(key)
    if found is None:
        start, end = day_bounds(archive, the_day)
        zone = archive_zone(archive)
        earlier = (
            archive.messages.filter(sent_at__lt=start).order_by("-sent_at").first()
        )
        later = archive.messages.filter(sent_at__gte=end).order_by("sent_at").first()
        found = (
            earlier and earlier.sent_at.astimezone(zone).date(),
            later and later.sent_at.astimezone(zone).date(),
        )
        cache.set(key, found, NEIGHBOURS_CACHE_SECONDS)
    return found
