"""The feeds of recaps, of one topic series and of one tag (RSS and Atom)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ..community.conf import community_name
from ..community.tags import tag_by_slug
from ..models import TopicSeriesPage
from .base import CommunityFeed, feed_views
from .entries import (
    contributed_tag_entries,
    feed_sessions,
    recap_sessions,
    session_entry,
)


class RecapsFeed(CommunityFeed):
    """The latest recaps of every series."""

    def get_object(self, request):
        return request

    def title(self, request):
        return _("%(community)s: recaps") % {"community": community_name(request)}

    def description(self, request):
        return _("Notes of the sharing sessions, as each recap is published.")

    def link(self, request):
        return "/"

    def entries(self, request):
        sessions = recap_sessions()[: self.limit]
        return [session_entry(s, request=request) for s in sessions]


class SeriesFeed(CommunityFeed):
    """One topic series: its sessions as they are announced and recapped."""

    def get_object(self, request, slug):
        series = get_object_or_404(TopicSeriesPage.objects.live().public(), slug=slug)
        return request, series

    def title(self, obj):
        request, series = obj
        return f"{community_name(request)} · {series.title}"

    def description(self, obj):
        return _("Announcements and recaps of the series “%(series)s”.") % {
            "series": obj[1].title
        }

    def link(self, obj):
        request, series = obj
        return series.get_url(request)

    def entries(self, obj):
        request, series = obj
        sessions = feed_sessions().child_of(series).order_by("-start")[: self.limit]
        return [session_entry(s, request=request) for s in sessions]


class TagFeed(CommunityFeed):
    """Everything public with one tag: sessions, and what other apps add."""

    def get_object(self, request, slug):
        tag = tag_by_slug(slug)
        if tag is None:
            raise Http404(_("There is no tag “%(slug)s”.") % {"slug": slug})
        return request, tag

    def title(self, obj):
        request, tag = obj
        return f"{community_name(request)} · #{tag.name}"

    def description(self, obj):
        return _("Sessions, recaps and posts tagged #%(tag)s.") % {"tag": obj[1].name}

    def link(self, obj):
        return f"{reverse('search:search')}?{urlencode({'tag': obj[1].name})}"

    def entries(self, obj):
        request, tag = obj
        sessions = feed_sessions().filter(tags=tag).order_by("-start")[: self.limit]
        entries = [session_entry(s, request=request) for s in sessions]
        entries += contributed_tag_entries(tag=tag, request=request, limit=self.limit)
        return sorted(entries, key=lambda entry: entry.published, reverse=True)


recaps_rss, recaps_atom = feed_views(RecapsFeed)
series_rss, series_atom = feed_views(SeriesFeed)
tag_rss, tag_atom = feed_views(TagFeed)
