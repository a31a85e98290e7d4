"""Which session a chat message belongs to, and attaching messages to sessions.

A message belongs to the session whose window contains it: from the warm-up
until an hour after the end. Windows are claimed in two passes: first each
session's live share (start to end), then the warm-ups and the hour after, so
a message sent during one session's share goes to it even if the previous
session's hour-after overlaps. Messages already attached (by an earlier
import or by an editor) are never moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Max, Min
from django.db.models.functions import TruncDate
from django.utils import timezone
from wagtail.log_actions import log

from sessions.community.conf import community_timezone
from sessions.models import SharingSessionPage
from sessions.selectors import with_stages

from .models import ChatArchive, ChatMessage

#: How long after the end the chat still talks about the session.
AFTER_END = timedelta(hours=1)


@dataclass(frozen=True)
class Window:
    session_id: int
    start: datetime
    end: datetime


def session_windows(*, since: datetime, until: datetime) -> tuple[list, list]:
    """(live shares, warm-ups and hours after) of sessions near [since, until]."""
    candidates = (
        SharingSessionPage.objects.filter(
            start__gte=since - timedelta(days=2), start__lte=until + timedelta(days=1)
        )
        .exclude(status=SharingSessionPage.Status.CANCELLED)
        .order_by("start")
    )
    shares, margins = [], []
    for session in with_stages(candidates, now=timezone.now()):
        times = session.session_times(
            session.series_page.stage_offsets() if session.series_page else None
        )
        shares.append(Window(session.pk, times.start, times.end))
        margins.append(Window(session.pk, times.warmup_at, times.start))
        margins.append(Window(session.pk, times.end, times.end + AFTER_END))
    return shares, margins


def chat_archive_link_sessions(*, archive: ChatArchive) -> int:
    """Attach the archive's unattached messages to the sessions whose windows hold
    them; returns how many were attached."""
    unattached = archive.messages.filter(session__isnull=True)
    span = unattached.aggregate(first=Min("sent_at"), last=Max("sent_at"))
    if span["first"] is None:
        return 0
    shares, margins = session_windows(since=span["first"], until=span["last"])
    attached = 0
    for window in [*shares, *margins]:
        attached += unattached.filter(
            sent_at__gte=window.start, sent_at__lt=window.end
        ).update(session_id=window.session_id)
    return attached


def chat_messages_attach(*, messages, session, user=None) -> int:
    """Attach unattached ``messages`` to ``session`` (an editor's choice); logged
    on each archive touched. Returns how many were attached."""
    messages = messages.filter(session__isnull=True)
    with transaction.atomic():
        per_archive = dict(
            messages.values("archive")
            .annotate(n=Count("pk"))
            .values_list("archive", "n")
        )
        count = messages.update(session=session)
        for archive in ChatArchive.objects.filter(pk__in=per_archive):
            log(
                instance=archive,
                action="knowledge.chat_attach",
                user=user,
                data={"session": session.pk, "messages": per_archive[archive.pk]},
            )
    return count


def unattached_days():
    """Chat days (archive, day in the community's zone) with messages attached to
    no session, most recent first, with their message count and time span."""
    return (
        ChatMessage.objects.filter(session__isnull=True)
        .annotate(day=TruncDate("sent_at", tzinfo=community_timezone()))
        .values("archive", "archive__title", "day")
        .annotate(count=Count("pk"), first=Min("sent_at"), last=Max("sent_at"))
        .order_by("-day", "archive")
    )
