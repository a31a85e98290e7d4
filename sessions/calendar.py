"""iCalendar feeds of published sessions (RFC 5545, via the icalendar library)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from .community.conf import community_timezone, default_offsets
from .community.tags import tag_by_slug
from .models import SharingSessionPage, TopicSeriesPage
from .selectors import with_stages

PRODID = "-//Chendian//Sharing sessions//ZH"
# Feeds of many sessions cover this window around now: calendar apps re-read a
# feed every few hours, and years of past sessions would make every read slow.
FEED_PAST = timedelta(days=92)
FEED_AHEAD = timedelta(days=366)


class CalendarFilterError(ValueError):
    """A calendar filter names no series or tag; ``str()`` tells the subscriber."""


def calendar_filters(params):
    """(series page or None, tag or None) from ``?series=<slug>&tag=<slug>``."""
    series_slug = params.get("series", "").strip()
    tag_slug = params.get("tag", "").strip()
    series = tag = None
    if series_slug:
        # No NUL: PostgreSQL refuses it in any string.
        if "\x00" not in series_slug:
            series = (
                TopicSeriesPage.objects.live().public().filter(slug=series_slug).first()
            )
        if series is None:
            raise CalendarFilterError(
                _("There is no topic series “%(slug)s”.") % {"slug": series_slug}
            )
    if tag_slug:
        tag = tag_by_slug(tag_slug)
        if tag is None:
            raise CalendarFilterError(
                _("There is no tag “%(slug)s”.") % {"slug": tag_slug}
            )
    return series, tag


def in_feed_window(sessions, *, now):
    """The sessions of a feed: those starting within the window around ``now``."""
    return sessions.filter(start__gte=now - FEED_PAST, start__lte=now + FEED_AHEAD)


def session_uid(session: SharingSessionPage, host: str) -> str:
    # Stable for the life of the page: moving or renaming keeps the UID, so
    # calendar apps update the event instead of adding a second one.
    return f"session-{session.pk}@{host}"


def build_calendar(
    sessions: Iterable[SharingSessionPage], *, name: str, request
) -> bytes:
    host = request.get_host().split(":")[0]
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(community_timezone(request=request)))
    sessions = with_stages(sessions, now=timezone.now())
    fallback = default_offsets()  # once, not once per session
    for session in sessions:
        calendar.add_component(
            _event(session, host=host, request=request, fallback=fallback)
        )
    return calendar.to_ical()


def _event(session: SharingSessionPage, *, host: str, request, fallback) -> Event:
    event = Event()
    event.add("uid", session_uid(session, host))
    event.add("sequence", session.calendar_sequence)
    event.add("dtstamp", session.last_published_at or timezone.now())
    event.add("dtstart", session.start)
    event.add("dtend", session.end)
    event.add("summary", session.title)
    url = request.build_absolute_uri(session.url)
    event.add("url", url)
    lines = [session.summary] if session.summary else []
    if session.join_url:
        lines.append(session.join_url)
    lines.append(url)
    event.add("description", "\n".join(lines))
    location = session.address or session.venue_name or session.join_url
    if location:
        event.add("location", location)
    if session.is_cancelled:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
        offsets = (
            session.series_page.stage_offsets(fallback)
            if session.series_page
            else fallback
        )
        warmup = offsets.warmup_before
        if warmup:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", session.title)
            alarm.add("trigger", -warmup)
            event.add_component(alarm)
    return event
