"""Sessions as feed entries, and the hook other apps use to join a tag feed.

A tag feed lists the sessions with that tag plus what installed apps add
through the ``tag_feed_entries`` Wagtail hook, called as
``fn(tag=…, request=…, limit=…)`` and returning a list of ``FeedEntry``
(public, live content only; empty when it has nothing for the tag)::

    @hooks.register(TAG_FEED_ENTRIES_HOOK)
    def tagged_posts(*, tag, request, limit):
        return [FeedEntry(title=…, url=…, published=…) for post in …]
"""

from __future__ import annotations

from django.db.models import F
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail import hooks

from ..models import SharingSessionPage
from .base import FeedEntry

TAG_FEED_ENTRIES_HOOK = "tag_feed_entries"
SUMMARY_CHARS = 280


def feed_sessions():
    """Live sessions a visitor may see (no view restriction), with what an
    entry reads, so a feed costs the same few queries for any length."""
    return (
        SharingSessionPage.objects.live()
        .public()
        .select_related("host")
        .prefetch_related("tags", "speakers__person")
    )


def recap_sessions():
    """Sessions whose recap is out, the latest recap first."""
    return (
        feed_sessions()
        .filter(has_recap=True)
        .order_by(F("recap_published_at").desc(nulls_last=True), "-start")
    )


def session_entry(session: SharingSessionPage, *, request) -> FeedEntry:
    """A session's entry: its recap once that is out, else its announcement.

    The recap gets its own id, so feed readers show it as news even when they
    already showed the announcement.
    """
    recap = session.has_recap
    published = (
        (session.recap_published_at if recap else None)
        or session.first_published_at
        or session.start
    )
    host = request.get_host().split(":")[0]
    guid = f"tag:{host},{published:%Y-%m-%d}:session-{session.pk}"
    return FeedEntry(
        title=_("Recap: %(title)s") % {"title": session.title}
        if recap
        else session.title,
        url=session.get_url(request),
        published=published,
        updated=session.last_published_at,
        summary=session_summary(session),
        author=session_people(session),
        categories=tuple(tag.name for tag in session.tags.all()),
        guid=f"{guid}-recap" if recap else guid,
    )


def session_summary(session: SharingSessionPage) -> str:
    """Plain text: the editor's summary, else the start of the announcement."""
    text = session.summary or strip_tags(session.announcement or "")
    return Truncator(" ".join(text.split())).chars(SUMMARY_CHARS)


def session_people(session: SharingSessionPage) -> str:
    """The speakers (the host when there are none), as the page names them."""
    names = [speaker.person.name for speaker in session.speakers.all()]
    if not names and session.host:
        names = [session.host.name]
    return "、".join(names)


def contributed_tag_entries(*, tag, request, limit) -> list[FeedEntry]:
    """What installed apps add to the feed of ``tag``, in hook order."""
    entries = []
    for contribute in hooks.get_hooks(TAG_FEED_ENTRIES_HOOK):
        entries.extend(contribute(tag=tag, request=request, limit=limit) or [])
    return entries
